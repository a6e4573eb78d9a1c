"""Small fact folders written from Python data, and the visible text of every output format."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import lxml.html
import markdown
from click.testing import Result

from generator.render.formats import OutputFormat
from generator.render.formats.markdown import MARKDOWN_EXTENSIONS
from tests.conftest import TEMPLATES, notices as run_notices, write_facts  # noqa: F401 - the hostile tests import it from here
from tests.minimal_facts import minimal_facts

DANGEROUS_URL = re.compile(r"^\s*(?:javascript|data|vbscript):", re.IGNORECASE)
ALLOWED_LINK = re.compile(r"^(?:https?://|mailto:|tel:)")
ACTIVE_ELEMENTS = ("script", "iframe", "img", "svg", "object", "embed", "form", "base", "link", "meta[@http-equiv]")
# Every text field a reader of the notice sees, as (file, key path).
SHOWN_FIELDS = [
    ("organisation.yaml", ("name",)),
    ("organisation.yaml", ("dpo", "name")),
    ("organisation.yaml", ("recipients", "dfe", "name")),
    ("schools/hill.yaml", ("name",)),
    ("schools/hill.yaml", ("contact", "role")),
    ("schools/hill.yaml", ("recipients", "local-authority", "name")),
    ("pupils.yaml", ("title",)),
    ("pupils.yaml", ("summary",)),
    ("pupils.yaml", ("data_subjects", 0)),
    ("pupils.yaml", ("categories", 0, "name")),
    ("pupils.yaml", ("categories", 0, "examples", 0)),
    ("pupils.yaml", ("purposes", 0, "description")),
    ("pupils.yaml", ("lawful_bases", 0, "relied_on", 0)),
    ("pupils.yaml", ("provision", "explanation")),
    ("pupils.yaml", ("sources", 0, "name")),
    ("pupils.yaml", ("recipients", 0, "reason")),
    ("pupils.yaml", ("retention", 0, "records")),
    ("pupils.yaml", ("retention", 0, "period")),
    ("pupils.yaml", ("sections", 0, "title")),
]
# The fields of SHOWN_FIELDS that a notice's first layer alone (the one-page PDF) shows.
FIRST_LAYER_FIELDS = [index for index, field in enumerate(SHOWN_FIELDS) if field in (
    ("organisation.yaml", ("recipients", "dfe", "name")), ("schools/hill.yaml", ("name",)),
    ("schools/hill.yaml", ("contact", "role")), ("schools/hill.yaml", ("recipients", "local-authority", "name")),
    ("pupils.yaml", ("title",)), ("pupils.yaml", ("summary",)), ("pupils.yaml", ("categories", 0, "name")),
    ("pupils.yaml", ("purposes", 0, "description")), ("pupils.yaml", ("retention", 0, "records")),
    ("pupils.yaml", ("retention", 0, "period")))]
SECTION_BODY_FIELD = ("pupils.yaml", ("sections", 0, "body"))
SCHOOL_ID = "hill"
NOTICE_ID = "pupils"


def facts_data() -> dict[str, dict]:
    """The minimal facts with what the hostile tests attack: a web address, a phone, sources, a free section, and
    the law named in words (a payload there is text, not an id)."""
    return minimal_facts(dfe_website=True, school_phone=True, sources=True, free_section=True, law_by_id=False)


def every_field_facts() -> dict[str, dict]:
    """``facts_data()`` with every optional text field written too: addresses, descriptions, a legitimate
    interest, Schedule 1 conditions, a transfer, an automated decision, a change."""
    files = facts_data()
    organisation, school, notice = files["organisation.yaml"], files[f"schools/{SCHOOL_ID}.yaml"], files[f"{NOTICE_ID}.yaml"]
    organisation.update({"address": "1 High Street, Town", "company_number": "01234567", "ico_registration": "ZA123456"})
    organisation["dpo"]["address"] = "2 High Street, Town"
    organisation["complaints"]["address"] = "3 High Street, Town"
    organisation["contact"] = {"role": "Trust office", "name": "Alex Smith", "via": "the trust office",
                               "email": "trust@example.org"}
    organisation["recipients"]["dfe"].update({"kind": "government department", "description": "The department."})
    school.update({"address": "4 Hill Road, Town", "local_authority": "Countyshire"})
    school["contact"].update({"name": "Pat Lee", "via": "the school office", "address": "4 Hill Road"})
    notice["categories"].append({"id": "health", "name": "Medical information", "examples": ["allergies"],
                                 "special": True})
    notice["purposes"].append({"id": "photos", "description": "celebrate achievements"})
    notice["lawful_bases"] += [
        {"article": "9(2)(g)", "relied_on": ["Equality Act 2010"], "categories": ["health"],
         "schedule_1": "Part 2, paragraph 18: safeguarding of children"},
        {"article": "6(1)(f)", "purposes": ["photos"], "legitimate_interests": "celebrating pupils"}]
    notice["provision"].update({"requirement": "mixed", "voluntary": ["photographs"]})
    notice["sources"][0]["description"] = "records from a previous school"
    notice["recipients"][0].update({"gateway": ["Education Act 1996"], "description": "It collects data.",
                                    "service": "data collections"})
    notice["transfers"] = [{"destination": "United States", "what": "email", "safeguard": "the UK Extension",
                            "get_a_copy": "ask the DPO"}]
    notice["automated_decisions"] = [{"description": "seat plans", "logic": "by name", "consequences": "none"}]
    notice["retention"][0]["basis"] = "IRMS toolkit"
    notice["changes"] = [{"date": "2026-09-01", "version": "1.0", "summary": "First version."}]
    return files


# Keys whose values are not free text: ids, addresses of the web, numbers, dates and choices from a list.
NOT_FREE_TEXT = {"id", "url", "email", "phone", "website", "date", "article", "requirement", "kind", "urn", "after",
                 "last_reviewed", "next_review", "data_subjects_are", "version", "company_number", "ico_registration"}


def free_text_fields(files: dict[str, dict]) -> list[tuple[str, tuple]]:
    """Every (file, key path) of ``files`` that holds free text a school writes."""
    def walk(node: object, path: tuple) -> list[tuple]:
        if isinstance(node, dict):
            return [found for key, value in node.items() if not (key in NOT_FREE_TEXT and isinstance(value, str))
                    and not (path[:1] == ("lawful_bases",) and key in ("purposes", "categories"))
                    for found in walk(value, (*path, key))]
        if isinstance(node, list):
            return [found for index, value in enumerate(node) for found in walk(value, (*path, index))]
        return [path] if isinstance(node, str) else []
    return [(name, path) for name, data in files.items() for path in walk(data, ())]


def set_value(files: dict[str, dict], field: tuple[str, tuple], value: object) -> None:
    """Put ``value`` at one (file, key path) of ``facts_data()``."""
    data = files[field[0]]
    for key in field[1][:-1]:
        data = data[key]
    data[field[1][-1]] = value


PAYLOADS = [
    '<script>alert("s1")</script>',
    '<iframe src="https://evil.example/frame"></iframe>',
    '<img src=x onerror="alert(3)">',
    '<a href="javascript:alert(4)">click me</a>',
    "[click](javascript:alert(5))",
    "[data](data:text/html;base64,PHNjcmlwdD4=)",
    "{{ 7*7 }} and {{ config }}",
    "{% for i in range(3) %}loop{% endfor %}",
    '{: onclick="alert(9)" }',
    "<svg onload=alert(10)>",
    "**bold** `code` # heading | pipe ~~gone~~",
    "&lt;b&gt; written as entities &amp;",
]

SECTION_BODY = ('<script>alert("body")</script> <iframe src="https://evil.example"></iframe> '
                '{{ 7*7 }} {: onclick="alert(2)" } see [our policy](https://example.org/policy).')
SECTION_BODY_VISIBLE = ['<script>alert("body")</script>', '<iframe src="https://evil.example"></iframe>',
                        "{{ 7*7 }}", '{: onclick="alert(2)" }', "see our policy."]


def hostile_value(index: int) -> str:
    """A payload, ending in an attribute list: Markdown's attr_list reads one at the end of a block."""
    return f'(field {index}) {PAYLOADS[index % len(PAYLOADS)]} {{: onclick="alert({index})" }}'


def hostile_facts() -> dict[str, dict]:
    """The fact files with a payload in every shown field and markup in the free section."""
    files = facts_data()
    for index, field in enumerate(SHOWN_FIELDS):
        set_value(files, field, hostile_value(index))
    set_value(files, SECTION_BODY_FIELD, SECTION_BODY)
    return files


def notices(*arguments: str) -> Result:
    """Run the ``notices`` command as a user would; a build's templates are the project's unless named."""
    if arguments[0] == "build" and "--templates" not in arguments:
        arguments = (*arguments, "--templates", str(TEMPLATES))
    if arguments[0] == "build" and "--cache" not in arguments:  # each hostile build renders afresh
        arguments = (*arguments, "--no-cache")
    return run_notices(*arguments)


def visible_text(output_format: OutputFormat, content: bytes) -> str:
    """What a reader of this format sees, as text. A new format without a reader fails here on purpose."""
    assert output_format.read_text is not None, f"format '{output_format.name}' has no text reader: give it read_text"
    return output_format.read_text(content)


def markdown_page(content: bytes) -> str:
    """The Markdown notice as the HTML the website and the HTML formats make of it."""
    return markdown.markdown(content.decode("utf-8"), extensions=MARKDOWN_EXTENSIONS) or "<p></p>"


def output_file(out: Path, output_format: OutputFormat, school: str = SCHOOL_ID, notice: str = NOTICE_ID) -> Path:
    if output_format.scope == "school":
        return out / output_format.output_path(school)
    return out / output_format.output_path(school, notice)


def flat(text: str) -> str:
    return " ".join(text.split())


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (hidden ones too) with the SHA-256 of its bytes."""
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def assert_inert_html(document: str, where: str) -> None:
    """No element, event attribute or link in ``document`` that could run or load anything."""
    root = lxml.html.document_fromstring(document)
    for element in ACTIVE_ELEMENTS:
        assert root.xpath(f"//{element}") == [], f"{where}: a <{element}> came from the facts"
    for element in root.iter():
        for attribute, value in element.attrib.items():
            assert not attribute.lower().startswith("on"), f"{where}: <{element.tag} {attribute}=...>"
            if attribute in ("href", "src", "action", "formaction", "xlink:href"):
                assert not DANGEROUS_URL.match(value), f"{where}: <{element.tag} {attribute}='{value}'>"
                assert ALLOWED_LINK.match(value) or value.startswith("#"), f"{where}: link to '{value}'"
