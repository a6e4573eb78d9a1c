"""Small fact folders written from Python data, and the visible text of every output format."""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path

import markdown
import yaml
from click.testing import CliRunner, Result

from generator.cli import main
from generator.render.formats import OutputFormat
from generator.render.formats.fragment import html_text
from generator.render.formats.html import MARKDOWN_EXTENSIONS
from tests.conftest import TEMPLATES

ORGANISATION = {
    "name": "Example Academy Trust",
    "kind": "academy-trust",
    "dpo": {"name": "Sam Jones", "email": "dpo@example.org"},
    "recipients": {"dfe": {"name": "Department for Education", "url": "https://www.gov.uk/contact-dfe"}},
}
SCHOOL = {
    "name": "Hill School",
    "contact": {"role": "Office Manager", "email": "office@example.org", "phone": "01234 567890"},
    "recipients": {"local-authority": {"name": "Countyshire Council", "kind": "local authority"}},
}
NOTICE = {
    "title": "How we use pupil information",
    "summary": "A short summary.",
    "data_subjects": ["pupils"],
    "version": "1.0",
    "last_reviewed": "2026-09-01",
    "categories": [{"id": "personal", "name": "Personal information", "examples": ["name", "address"]}],
    "purposes": [{"id": "teaching", "description": "teach pupils"}],
    "lawful_bases": [{"article": "6(1)(e)", "relied_on": ["Education Act 1996"]}],
    "provision": {"requirement": "statutory", "explanation": "The law requires most of it."},
    "sources": [{"name": "the local authority", "description": "records from a previous school"}],
    "recipients": [{"id": "dfe", "reason": "The law requires it."},
                   {"id": "local-authority", "reason": "To plan school places."}],
    "transfers": "none",
    "automated_decisions": "none",
    "retention": [{"id": "file", "records": "Pupil file", "period": "until the pupil is 25"}],
    "sections": [{"id": "cctv", "title": "Cameras", "body": "We use **cameras** at the gate.",
                  "after": "who-we-share-with"}],
}
SCHOOL_ID = "hill"
NOTICE_ID = "pupils"


def facts_data() -> dict[str, dict]:
    """Fresh, changeable copies of the three fact files, keyed by their path in the facts folder."""
    return copy.deepcopy({"organisation.yaml": ORGANISATION, f"schools/{SCHOOL_ID}.yaml": SCHOOL,
                          f"{NOTICE_ID}.yaml": NOTICE})


def write_facts(folder: Path, files: dict[str, object]) -> Path:
    """Write each file: Python data through yaml.safe_dump, text and bytes as they are."""
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, "utf-8")
        else:
            path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), "utf-8")
    return folder


def notices(*arguments: str) -> Result:
    """Run the ``notices`` command as a user would; templates are the project's."""
    if arguments[0] == "build":
        arguments = (*arguments, "--templates", str(TEMPLATES))
    return CliRunner().invoke(main, list(arguments))


def _markdown_text(content: bytes) -> str:
    return html_text(markdown.markdown(content.decode("utf-8"), extensions=MARKDOWN_EXTENSIONS).encode("utf-8"))


# Formats whose own reader is missing: how a reader sees them (Markdown as the website shows it).
TEXT_READERS = {"md": _markdown_text, "html": html_text}


def visible_text(output_format: OutputFormat, content: bytes) -> str:
    """What a reader of this format sees, as text. A new format without a reader fails here on purpose."""
    reader = output_format.read_text or TEXT_READERS.get(output_format.name)
    assert reader is not None, f"format '{output_format.name}' has no text reader: give it read_text"
    return reader(content)


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
