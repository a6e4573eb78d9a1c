"""Typst's own syntax in any fact reaches the PDF and the booklet as the text written, and changes nothing else."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pikepdf
import pytest

from generator.render.formats import all_formats
from tests.conftest import straight_quotes
from tests.hostile.conftest import (
    SECTION_BODY_FIELD,
    SHOWN_FIELDS,
    facts_data,
    flat,
    notices,
    output_file,
    set_value,
    visible_text,
    write_facts,
)

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

TYPST_PAYLOADS = [
    '#read("/etc/passwd")',
    '#import "/etc/passwd": *',
    "#set page(width: 5cm)",
    "#pagebreak() #pagebreak()",
    "$x^2 + sum_(i=0)^n i$",
    "[*bold*] _under_ `raw`",
    "@label-ref and <label>",
    "back\\slash \\u{41} \\#",
    "= A heading? == Another",
    "// not a comment /* nor this */",
    '#link("https://evil.example")[click]',
    "#{ 7 * 7 } #eval(\"1+1\")",
]
SECTION_BODY = ('Typst in a free text: #read("/etc/passwd") #set text(size: 40pt) $x^2$ @ref <label> '
                "#pagebreak() #heading[Injected].")
SECTION_BODY_SHOWN = ['#read("/etc/passwd")', "#set text(size: 40pt)", "$x^2$", "@ref", "<label>",
                      "#pagebreak()", "#heading[Injected]."]
PRINT_FORMATS = ("pdf", "booklet")


def typst_value(index: int) -> str:
    return f"(field {index}) {TYPST_PAYLOADS[index % len(TYPST_PAYLOADS)]}"


def plain_value(index: int) -> str:
    """Plain words as long as the payload of the same field: a layout to compare with (words, not one lowercase
    run, which a law field would read as a catalogue id)."""
    label = f"(field {index}) "
    return label + "x" * (len(typst_value(index)) - len(label))


def _build(folder: Path, value, body: str) -> Path:
    files = facts_data()
    for index, field in enumerate(SHOWN_FIELDS):
        set_value(files, field, value(index))
    set_value(files, SECTION_BODY_FIELD, body)
    write_facts(folder / "notices", files)
    result = notices("build", "--facts", str(folder / "notices"), "--out", str(folder / "dist"),
                     "--format", ",".join(PRINT_FORMATS))
    assert result.exit_code == 0, result.output
    return folder / "dist"


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, Path]:
    """The same facts twice: Typst syntax in every shown field and the free text, and plain words."""
    return {"typst": _build(tmp_path_factory.mktemp("typst"), typst_value, SECTION_BODY),
            "plain": _build(tmp_path_factory.mktemp("plain"), plain_value, "x" * len(SECTION_BODY))}


@pytest.mark.parametrize("name", PRINT_FORMATS)
def test_typst_syntax_is_shown_as_the_text_that_was_written(builds: dict[str, Path], name: str) -> None:
    output_format = all_formats()[name]
    text = straight_quotes(flat(visible_text(output_format, output_file(builds["typst"], output_format).read_bytes())))
    unspaced = text.replace(" ", "")  # a PDF reader cannot tell a line wrapped at a space from the space
    missing = [typst_value(index) for index in range(len(SHOWN_FIELDS))
               if typst_value(index).replace(" ", "") not in unspaced]
    assert not missing, f"{name}: not shown as written: {missing}"
    for shown in SECTION_BODY_SHOWN:
        assert shown.replace(" ", "") in unspaced, f"{name}: free text {shown!r} not shown"
    assert "root:" not in text, f"{name}: a file of the machine was read into the PDF"


def _layout(content: bytes) -> dict:
    """What a payload could change besides its own text: pages, structure, links, fonts, bookmarks."""
    with pikepdf.open(io.BytesIO(content)) as pdf:
        structure: Counter = Counter()
        stack = [pdf.Root.StructTreeRoot.K]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend(node)
            elif isinstance(node, pikepdf.Dictionary):
                structure[str(node.get("/S", ""))] += 1
                if "/K" in node:
                    stack.append(node.K)
        with pdf.open_outline() as outline:
            bookmarks = sum(1 for _ in _walk(outline.root))
        return {
            "pages": [tuple(round(float(value), 1) for value in page.MediaBox) for page in pdf.pages],
            "structure": structure,
            "links": sorted(str(annotation.A.get("/URI", annotation.A.S)) for page in pdf.pages
                            for annotation in page.get("/Annots", []) if "/A" in annotation),
            "fonts": sorted({str(font.BaseFont).split("+")[-1] for page in pdf.pages
                             for font in page.Resources.Font.values()}),
            "bookmarks": bookmarks,
        }


def _walk(items):
    for item in items:
        yield item
        yield from _walk(item.children)


@pytest.mark.parametrize("name", PRINT_FORMATS)
def test_typst_syntax_changes_nothing_of_the_layout(builds: dict[str, Path], name: str) -> None:
    output_format = all_formats()[name]
    hostile, plain = (_layout(output_file(builds[kind], output_format).read_bytes()) for kind in ("typst", "plain"))
    assert hostile == plain
