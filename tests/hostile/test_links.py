"""A web address in the facts reaches every format as one link to exactly that address, never as a script;
and a build refuses to publish a link that is no address in the facts and none the tool makes."""

from __future__ import annotations

import io
import json
import random
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote

import markdown
import pikepdf
import pytest
from pydantic import HttpUrl, TypeAdapter, ValidationError

from generator.check.link_audit import KnownLinks
from generator.facts.free_text import block
from generator.facts.link_targets import link_target
from generator.facts.links import MARKDOWN_EXTENSIONS
from generator.render import text
from generator.render.html_links import html_links
from tests.conftest import templates_with
from tests.hostile.conftest import DANGEROUS_URL, SCHOOL_ID, facts_data, notices, set_value, write_facts

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

# The payload: an address that passes as a URL, with a Markdown link to a script in its fragment.
CONTACT_PAYLOAD = "https://www.oakmoor.example/contact#)[Contact us](javascript:alert(document.domain))"
CONTACT_TARGET = "https://www.oakmoor.example/contact#%29%5BContact%20us%5D%28javascript:alert%28document.domain%29%29"
COMPLAINTS_PAYLOAD = "https://www.example.org/complain?a=1&b='x'#\"><img src=x onerror=alert(2)>`{x}`|\\"
COMPLAINTS_TARGET = "https://www.example.org/complain?a=1&b=%27x%27#%22%3E%3Cimg%20src=x%20onerror=alert%282%29%3E%60%7Bx%7D%60%7C%5C"
URL = TypeAdapter(HttpUrl)
# Characters no link target may hold: each would be Markdown or HTML somewhere.
METACHARACTERS = set("()[]<>\"'` \\{}|*")


def fact_url(address: str) -> str:
    """The address as the facts hold it once read (pydantic writes some characters, such as a space, encoded)."""
    return str(URL.validate_python(address))


def _is_safe(href: str) -> bool:
    return not DANGEROUS_URL.match(href) and (re.match(r"^(?:https?://|mailto:|tel:)", href) is not None
                                             or ":" not in href.split("/")[0])


def _pdf_links(content: bytes) -> list[str]:
    with pikepdf.open(io.BytesIO(content)) as pdf:
        return [str(annotation.A.URI) for page in pdf.pages for annotation in page.get("/Annots", [])
                if annotation.get("/A") is not None and annotation.A.get("/S") == "/URI"]


def _docx_links(content: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        relations = package.read("word/_rels/document.xml.rels").decode("utf-8")
    external = re.findall(r'Target="([^"]*)"[^>]*TargetMode="External"', relations)
    return [value.replace("&amp;", "&") for value in external]


@pytest.fixture(scope="module")
def payload_build(tmp_path_factory) -> Path:
    """The school's contact page and the complaint form are the payloads; built in every format."""
    folder = tmp_path_factory.mktemp("links")
    files = facts_data()
    set_value(files, ("schools/hill.yaml", ("contact", "url")), CONTACT_PAYLOAD)
    set_value(files, ("organisation.yaml", ("complaints", "url")), COMPLAINTS_PAYLOAD)
    write_facts(folder / "notices", files)
    assert notices("check", "--facts", str(folder / "notices")).exit_code == 0
    result = notices("build", "--facts", str(folder / "notices"), "--out", str(folder / "dist"))
    assert result.exit_code == 0, result.output
    return folder / "dist" / "hill"


def test_the_expected_targets_are_the_fact_addresses_encoded() -> None:
    for payload, target in ((CONTACT_PAYLOAD, CONTACT_TARGET), (COMPLAINTS_PAYLOAD, COMPLAINTS_TARGET)):
        assert link_target(fact_url(payload)) == target
        assert unquote(target) == unquote(fact_url(payload))


@pytest.mark.parametrize("name", ["pupils.html", "pupils.fragment.html", "pupils.md"])
def test_each_html_format_links_the_addresses_exactly_and_nothing_else(payload_build: Path, name: str) -> None:
    content = (payload_build / name).read_bytes()
    if name.endswith(".md"):  # as the website reads it
        content = markdown.markdown(content.decode("utf-8"), extensions=MARKDOWN_EXTENSIONS).encode("utf-8")
    hrefs = html_links(content)
    assert CONTACT_TARGET in hrefs and COMPLAINTS_TARGET in hrefs
    assert [href for href in hrefs if not _is_safe(href)] == []
    assert [href for href in hrefs if "javascript" in href and href != CONTACT_TARGET] == []


@pytest.mark.parametrize("name", ["pupils.pdf", "booklet.pdf"])
def test_the_pdfs_link_the_addresses_exactly(payload_build: Path, name: str) -> None:
    links = _pdf_links((payload_build / name).read_bytes())
    assert CONTACT_TARGET in links and COMPLAINTS_TARGET in links
    assert [link for link in links if not _is_safe(link)] == []


def test_the_word_file_links_the_addresses_exactly(payload_build: Path) -> None:
    links = _docx_links((payload_build / "pupils.docx").read_bytes())
    assert CONTACT_TARGET in links and COMPLAINTS_TARGET in links
    assert [link for link in links if not _is_safe(link)] == []


def test_the_json_keeps_each_address_as_data(payload_build: Path) -> None:
    document = json.loads((payload_build / "pupils.json").read_bytes())
    assert document["contact"]["url"] == fact_url(CONTACT_PAYLOAD)
    assert document["complaints"]["url"] == fact_url(COMPLAINTS_PAYLOAD)


def test_the_pages_show_each_address_as_text(payload_build: Path) -> None:
    page = (payload_build / "pupils.html").read_text("utf-8")
    assert ">https://www.oakmoor.example/contact#)[Contact%20us](javascript:alert(document.domain))</a>" in page


# A seeded fuzz of addresses: Markdown and HTML metacharacters, schemes and entity-like text.
_PIECES = ["(", ")", "[", "]", "<", ">", '"', "'", "`", "{", "}", "|", "\\", " ", "*", "_", "#", "?", "&", "%",
           "=", ";", "!", "$", "@", ":", "/", "~", "](", ")[", "](javascript:alert(1))", "&#106;", "&amp;",
           "%zz", "%41", "<script>", "é", "a", "Z", "0", "x.example"]
_SCHEMES = ["https://www.hill.example/", "http://hill.example/", "HTTPS://Hill.Example/", "https://", "javascript:",
            "data:text/html,", "mailto:", "vbscript:", " https://www.hill.example/", "//evil.example/", ""]


def fuzzed_addresses(count: int = 200, seed: int = 27) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(_SCHEMES) + "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 14)))
            for _ in range(count)]


def test_every_fuzzed_address_is_refused_or_one_exact_safe_link() -> None:
    accepted = 0
    for address in fuzzed_addresses():
        try:
            url = URL.validate_python(address)
        except ValidationError:
            continue
        accepted += 1
        target = link_target(str(url))
        hrefs = html_links(markdown.markdown("See " + text.link(url) + ".", extensions=MARKDOWN_EXTENSIONS))
        assert hrefs == [target], address
        assert not METACHARACTERS & set(target), address
        assert unquote(target) == unquote(str(url)), address
    assert accepted >= 60  # the fuzz reaches the links, not only the refusals


# Every URL field of the facts, as (file, key path); the school's fields for each of several schools.
SCHOOLS = ["hill", "dale", "moor", "fen"]
URL_FIELDS = [
    ("organisation.yaml", ("website",)),
    ("organisation.yaml", ("complaints", "url")),
    ("organisation.yaml", ("recipients", "dfe", "url")),
    ("organisation.yaml", ("supervisory_authority", "website")),
    ("organisation.yaml", ("supervisory_authority", "complaint_url")),
    *[(f"schools/{school}.yaml", path) for school in SCHOOLS
      for path in (("website",), ("contact", "url"), ("recipients", "local-authority", "url"))],
]
# Shown as links in the notice (the others only in the JSON, or on the website).
LINKED_FIELDS = {("organisation.yaml", ("complaints", "url")),
                 ("organisation.yaml", ("supervisory_authority", "complaint_url")),
                 *[(f"schools/{school}.yaml", ("contact", "url")) for school in SCHOOLS]}
SAFE_ADDRESS = "https://www.example.org/"


def _fuzz_facts(addresses: list[str]) -> dict[str, dict]:
    files = facts_data()
    files["organisation.yaml"]["supervisory_authority"] = {}
    for school in SCHOOLS[1:]:
        files[f"schools/{school}.yaml"] = {**facts_data()[f"schools/{SCHOOL_ID}.yaml"], "name": f"{school.title()} School"}
    for field, address in zip(URL_FIELDS, addresses):
        # The complaint link must stay on the ICO's site (rule A13.2.d): fuzz what follows its host.
        set_value(files, field, "https://ico.org.uk/" + address if field[1][-1] == "complaint_url" else address)
    return files


def _batches() -> list[list[str]]:
    """At least 200 addresses, one for every URL field in each batch."""
    addresses = fuzzed_addresses(-(-200 // len(URL_FIELDS)) * len(URL_FIELDS))
    return [addresses[start:start + len(URL_FIELDS)] for start in range(0, len(addresses), len(URL_FIELDS))]


def _value(files: dict[str, dict], field: tuple[str, tuple]) -> str:
    value = files[field[0]]
    for key in field[1]:
        value = value[key]
    return value


@pytest.mark.parametrize("batch", range(len(_batches())))
def test_fuzzed_addresses_in_every_url_field_are_refused_at_their_line_or_built_as_safe_links(tmp_path, batch) -> None:
    files = _fuzz_facts(_batches()[batch])
    write_facts(tmp_path / "notices", files)
    checked = notices("check", "--facts", str(tmp_path / "notices"))
    refused = []
    for field in URL_FIELDS:
        value = _value(files, field)
        dotted = ".".join(field[1])
        try:
            URL.validate_python(value)
        except ValidationError:
            refused.append(field)
            assert re.search(rf"^{re.escape(field[0])}:\d+:\d+: {re.escape(dotted)}: ", checked.output, re.MULTILINE), (
                f"{field} = {value!r} is refused without naming its line:\n{checked.output}")
        else:
            assert not re.search(rf"{re.escape(field[0])}:\d+:\d+: {re.escape(dotted)}: ", checked.output), value
    for field in refused:
        set_value(files, field, SAFE_ADDRESS if field[1][-1] != "complaint_url" else "https://ico.org.uk/concerns/")
    write_facts(tmp_path / "notices", files)
    built = notices("build", "--facts", str(tmp_path / "notices"), "--out", str(tmp_path / "dist"),
                    "--format", "html,fragment")
    assert built.exit_code == 0, built.output
    for school in SCHOOLS:
        for name in ("pupils.html", "pupils.fragment.html"):
            hrefs = html_links((tmp_path / "dist" / school / name).read_bytes())
            assert [href for href in hrefs if not _is_safe(href)] == [], f"{school}/{name}"
            for field in LINKED_FIELDS:
                if field[0] in ("organisation.yaml", f"schools/{school}.yaml"):
                    value = _value(files, field)
                    assert link_target(fact_url(value)) in hrefs, f"{school}/{name}: {field} = {value!r}"


@pytest.mark.parametrize("href", ["javascript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
                                  "JAVASCRIPT:alert(1)", "data:text/html,<script>alert(1)</script>",
                                  "//evil.example/", "/\\evil.example/", "https://evil.example/",
                                  "https://www.example.org/contact#%29", "mailto:someone@evil.example",
                                  "https://privacy.example.org.evil.example/"])
def test_a_link_the_facts_do_not_give_is_unknown(href: str) -> None:
    known = KnownLinks(frozenset({"https://www.example.org/contact", "mailto:dpo@example.org"}),
                       ("https://privacy.example.org/",))
    assert not known.allows(href)


@pytest.mark.parametrize("href", ["https://www.example.org/contact", "mailto:dpo@example.org", "#contacts",
                                  "../pupils/", "pupils.children.html", "", "/privacy/", "./",
                                  "https://privacy.example.org/schools/hill/"])
def test_links_in_the_facts_and_within_the_output_are_known(href: str) -> None:
    known = KnownLinks(frozenset({"https://www.example.org/contact", "mailto:dpo@example.org"}),
                       ("https://privacy.example.org/",))
    assert known.allows(href)


@pytest.mark.parametrize("link", ["[our policy](javascript:alert(1))", "[our policy](https://evil.example/)"])
def test_a_build_whose_template_adds_a_link_is_refused_naming_the_file_and_the_link(tmp_path, link: str) -> None:
    write_facts(tmp_path / "notices", facts_data())
    templates = templates_with(tmp_path, "## {{ titles['contacts'] }}", f"{link}\n\n## {{{{ titles['contacts'] }}}}")
    result = notices("build", "--facts", str(tmp_path / "notices"), "--out", str(tmp_path / "dist"),
                     "--format", "html,fragment", "--templates", str(templates))
    assert result.exit_code == 1
    href = link[link.index("(") + 1:-1]
    assert f"dist/hill/pupils.html: links to '{href}', which is no address in the facts" in result.output
    assert f"dist/hill/pupils.fragment.html: links to '{href}'" in result.output
    assert not (tmp_path / "dist").exists()


@pytest.mark.parametrize("written", ["!<https://x.test/a>", "Write to us!<office@hill.example.org>"])
def test_an_exclamation_mark_before_a_link_does_not_make_it_a_picture(written: str) -> None:
    page = markdown.markdown(block(written), extensions=MARKDOWN_EXTENSIONS)
    assert "<img" not in page and "!<a href=" in page.replace("&#33;", "!")
    assert "<img" not in markdown.markdown(text.inline(written), extensions=MARKDOWN_EXTENSIONS)
