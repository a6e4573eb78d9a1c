"""A notice's children's version is built beside the full notice in every document format, and each leads to
the other in that format's own files (a link on the web, the file's name in print)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.render.formats import all_formats
from tests.conftest import EXAMPLE
from tests.render.formats.conftest import build, flat

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

DOCUMENT_FORMATS = {"md": ".md", "html": ".html", "fragment": ".fragment.html", "pdf": ".pdf", "docx": ".docx"}


@pytest.fixture(scope="module")
def layered_build(tmp_path_factory) -> Path:
    return build(EXAMPLE, tmp_path_factory.mktemp("layered") / "dist")


@pytest.mark.parametrize("name", sorted(DOCUMENT_FORMATS))
def test_the_childrens_version_is_built_beside_the_notice_and_each_links_to_the_other(layered_build: Path,
                                                                                     name: str) -> None:
    output_format = all_formats()[name]
    full = layered_build / output_format.output_path("oakmoor", "pupils")
    children = layered_build / output_format.output_path("oakmoor", "pupils.children")
    assert children.parent == full.parent
    suffix = DOCUMENT_FORMATS[name]
    assert f"pupils.children{suffix}" in _links(children.parent / full.name, name)
    assert f"pupils{suffix}" in _links(children, name)
    text = flat(output_format.read_text(children.read_bytes()))
    assert "How your school uses facts about you" in text and "For ages 11 to 16." in text


def test_a_notice_without_a_childrens_version_has_no_such_file_or_link(layered_build: Path) -> None:
    assert not (layered_build / "oakmoor" / "children-in-need.children.pdf").exists()
    assert "version of this notice for children" not in (layered_build / "oakmoor" / "children-in-need.md").read_text()


def test_the_json_notice_carries_the_childrens_wording_instead_of_a_file_of_its_own(layered_build: Path) -> None:
    assert not (layered_build / "oakmoor" / "pupils.children.json").exists()
    document = json.loads((layered_build / "oakmoor" / "pupils.json").read_text("utf-8"))
    assert document["children"]["title"] == "How your school uses facts about you"


def _links(path: Path, name: str) -> str:
    """Where a file leads: its links in Markdown and HTML; its text in a PDF or Word file, which writes out
    the name of a file beside it (their links go only to the web, email and telephone)."""
    if name in ("pdf", "docx"):
        return flat(all_formats()[name].read_text(path.read_bytes()))
    return path.read_text("utf-8")
