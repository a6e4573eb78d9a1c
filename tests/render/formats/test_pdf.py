"""The PDF notice and the school booklet: tagged for screen readers, A4, fonts embedded, navigable."""

from __future__ import annotations

import itertools
import re
import shutil
from collections import Counter
from pathlib import Path

import pikepdf
import pytest
import typst

from generator.facts.sections import SECTIONS
from generator.project import load_project
from generator.render.formats import RenderContext, all_formats
from generator.render.formats.booklet import booklet_document, render_booklet
from generator.render.formats.pdf import render_pdf
from generator.render.pdf_text import pdf_pages
from generator.render.typesetting import FONTS, PrintTemplateError
from tests.conftest import EXAMPLE, TEMPLATES
from tests.render.formats.conftest import build, flat

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

A4_POINTS = (595.28, 841.89)


@pytest.fixture(scope="module")
def notice_pdf(example_build: Path) -> pikepdf.Pdf:
    return pikepdf.open(example_build / "oakmoor" / "children-in-need.pdf")


@pytest.fixture(scope="module")
def booklet(two_notice_facts: Path, tmp_path_factory) -> Path:
    out = build(two_notice_facts, tmp_path_factory.mktemp("booklet") / "dist", "booklet")
    return out / "oakmoor" / "booklet.pdf"


def test_the_pdf_is_tagged_with_language_and_title(notice_pdf: pikepdf.Pdf, example_notice) -> None:
    assert notice_pdf.Root.MarkInfo.Marked is True
    assert "/StructTreeRoot" in notice_pdf.Root
    assert str(notice_pdf.Root.Lang) == "en-GB"
    assert str(notice_pdf.docinfo.Title).startswith(example_notice.notice.title)
    assert str(notice_pdf.docinfo.Author) == example_notice.organisation.name


def _structure_types(node, found: Counter) -> Counter:
    if isinstance(node, pikepdf.Array):
        for child in node:
            _structure_types(child, found)
    elif isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            found[str(node.S)] += 1
        if "/K" in node:
            _structure_types(node.K, found)
    return found


def test_the_pdf_structure_has_the_headings_lists_and_table(notice_pdf: pikepdf.Pdf) -> None:
    found = _structure_types(notice_pdf.Root.StructTreeRoot.K, Counter())
    assert found["/H1"] == 1
    assert found["/H2"] >= len(SECTIONS)
    assert found["/Table"] >= 1 and found["/TH"] >= 3
    assert found["/L"] >= 1 and found["/LI"] >= 1
    assert found["/Link"] >= 1


def _heading_levels(node, levels: list[int]) -> list[int]:
    """The levels of the H1-H6 structure elements in reading order."""
    if isinstance(node, pikepdf.Array):
        for child in node:
            _heading_levels(child, levels)
    elif isinstance(node, pikepdf.Dictionary):
        if re.fullmatch(r"/H[1-6]", str(node.get("/S", ""))):
            levels.append(int(str(node.S)[2:]))
        if "/K" in node:
            _heading_levels(node.K, levels)
    return levels


@pytest.mark.parametrize("which", ["notice", "booklet"])
def test_the_headings_start_at_h1_and_never_skip_a_level(notice_pdf: pikepdf.Pdf, booklet: Path, which: str) -> None:
    with pikepdf.open(booklet) as opened:
        pdf = notice_pdf if which == "notice" else opened
        levels = _heading_levels(pdf.Root.StructTreeRoot.K, [])
    assert levels[0] == 1
    assert all(level <= previous + 1 for previous, level in itertools.pairwise(levels)), levels


def test_the_page_numbers_and_running_footer_are_page_furniture(notice_pdf: pikepdf.Pdf) -> None:
    """Marked as a pagination artifact, so that a screen reader does not read them inside the text."""
    for page in notice_pdf.pages:
        content = b"".join(stream.read_bytes() for stream in (
            page.Contents if isinstance(page.Contents, pikepdf.Array) else [page.Contents]))
        assert b"/Artifact<</Attached[/Bottom]/Subtype/Footer/Type/Pagination>>BDC" in content


def test_the_pdf_declares_pdf_ua_and_shows_its_title(notice_pdf: pikepdf.Pdf) -> None:
    assert notice_pdf.Root.ViewerPreferences.DisplayDocTitle is True
    with notice_pdf.open_metadata() as metadata:
        assert metadata["pdfuaid:part"] == "1"


def test_the_pdf_dates_come_from_the_facts(notice_pdf: pikepdf.Pdf, example_notice) -> None:
    reviewed = example_notice.notice.last_reviewed.strftime("%Y%m%d")
    assert str(notice_pdf.docinfo.CreationDate).startswith(f"D:{reviewed}")
    assert str(notice_pdf.docinfo.ModDate).startswith(f"D:{reviewed}")


def test_every_font_in_the_pdf_is_embedded_and_comes_with_the_typst_package_or_this_one(notice_pdf: pikepdf.Pdf) -> None:
    """No font is taken from the system, so the PDF is the same on every machine and needs no font package."""
    carried = typst.Fonts(include_system_fonts=False, font_paths=[str(FONTS)]).families()
    packaged = {family.replace(" ", "") for family in carried}
    fonts = {font.objgen: font for page in notice_pdf.pages for font in page.Resources.Font.values()}
    assert fonts
    for font in fonts.values():
        descriptor = (font.DescendantFonts[0] if "/DescendantFonts" in font else font).FontDescriptor
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font.BaseFont
        family = str(font.BaseFont).split("+", 1)[-1].split("-", 1)[0]
        assert family in packaged, f"{font.BaseFont} is not one of the fonts the typst package or this one carries"


def test_the_pdf_pages_are_a4(notice_pdf: pikepdf.Pdf) -> None:
    for page in notice_pdf.pages:
        width, height = float(page.MediaBox[2]), float(page.MediaBox[3])
        assert (round(width, 1), round(height, 1)) == (round(A4_POINTS[0], 1), round(A4_POINTS[1], 1))


def test_the_pdf_bookmarks_follow_the_headings(notice_pdf: pikepdf.Pdf, example_notice) -> None:
    with notice_pdf.open_outline() as outline:
        (title,) = outline.root
        assert title.title == example_notice.notice.title
        sections = [item.title for item in title.children]
    standard = [section.title for section in SECTIONS]
    assert [title for title in sections if title in standard] == standard


def test_every_page_has_the_running_footer(example_build: Path, example_notice) -> None:
    pages = [flat(page) for page in pdf_pages((example_build / "oakmoor" / "children-in-need.pdf").read_bytes())]
    assert len(pages) > 1
    footer = f"{example_notice.organisation.name}, {example_notice.notice.title}, version {example_notice.notice.version}"
    for number, page in enumerate(pages, start=1):
        assert footer in page
        assert f"Page {number} of {len(pages)}" in page


def test_the_text_leaves_the_page_furniture_out(example_build: Path, example_notice) -> None:
    text = all_formats()["pdf"].read_text((example_build / "oakmoor" / "children-in-need.pdf").read_bytes())
    assert "Page 1 of" not in text
    assert f"{example_notice.organisation.name}, {example_notice.notice.title}" not in flat(text)
    assert f"{example_notice.organisation.name} runs {example_notice.variant.name}" in flat(text)


def test_the_booklet_has_a_contents_page_pointing_at_each_notice(booklet: Path) -> None:
    pages = all_formats()["booklet"].read_text(booklet.read_bytes()).split("\f")
    contents = flat(pages[1])  # after the cover
    assert "Contents" in contents
    for title in ("How we use information about children in need and children looked after",
                  "How we use information about pupils"):
        entry = contents.split(title, 1)[1].split(")", 1)[1]
        page_number = int(entry.replace(".", " ").split()[0])
        assert title in flat(pages[page_number - 1]), f"contents sends '{title}' to the wrong page"


def test_the_booklet_has_one_top_bookmark_per_notice(booklet: Path) -> None:
    with pikepdf.open(booklet) as pdf, pdf.open_outline() as outline:
        titles = [item.title for item in outline.root]
        assert pdf.Root.MarkInfo.Marked is True and str(pdf.Root.Lang) == "en-GB"
    # Each notice, then the school's retention schedule, which ends the booklet.
    assert titles == ["How we use information about children in need and children looked after",
                      "How we use information about pupils", "Retention schedule | Oakmoor School"]


def test_the_booklet_keeps_ids_unique(two_notice_facts: Path) -> None:
    notices = load_project(two_notice_facts).notices
    document = booklet_document(notices, RenderContext(TEMPLATES))
    ids = [node["id"] for chapter in document.chapters for node in chapter.body
           if node["kind"] == "heading" and node["id"]]
    assert len(ids) == len(set(ids))
    assert "pupils--your-rights" in ids and "children-in-need--your-rights" in ids


def test_the_booklet_contents_page_is_tagged_as_a_table_of_contents(booklet: Path) -> None:
    """Each entry a TOCI holding one link to its notice, not a link inside a link in a NonStruct."""
    with pikepdf.open(booklet) as pdf:
        entries = []

        def collect(node) -> None:
            if isinstance(node, pikepdf.Array):
                for child in node:
                    collect(child)
            elif isinstance(node, pikepdf.Dictionary):
                if node.get("/S") == "/TOCI":
                    entries.append(_structure_types(node.K, Counter()))
                elif "/K" in node:
                    collect(node.K)

        collect(pdf.Root.StructTreeRoot.K)
        found = _structure_types(pdf.Root.StructTreeRoot.K, Counter())
    assert len(entries) == 3 and found["/TOC"] >= 1 and found["/NonStruct"] == 0  # two notices and the schedule
    assert all(entry["/Link"] == 1 for entry in entries)


def test_the_print_template_cannot_read_outside_its_folder(tmp_path: Path, example_notice) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    template = templates / "notice.typ"
    template.write_text(template.read_text("utf-8") + '\n#read("/../../../../etc/hostname")\n', "utf-8")
    with pytest.raises(PrintTemplateError, match="notice.typ:.*the print template does not compile"):
        render_pdf(example_notice, RenderContext(templates))


def test_the_same_notice_gives_the_same_bytes(example_notice, two_notice_facts: Path) -> None:
    context = RenderContext(TEMPLATES)
    assert render_pdf(example_notice, context) == render_pdf(example_notice, context)
    notices = load_project(two_notice_facts).notices
    assert render_booklet(notices, context) == render_booklet(notices, context)


def test_a_paragraph_longer_than_a_page_passes_the_build_audit(tmp_path: Path) -> None:
    """A fact that runs across a page break still reads back whole, so a valid notice builds."""
    facts = tmp_path / "notices"
    shutil.copytree(EXAMPLE, facts)
    sentence = "Part {} of this explanation says which items the law asks for and which families may keep back."
    explanation = " ".join(sentence.format(number) for number in range(1, 70))
    notice = facts / "children-in-need.yaml"
    text = re.sub(r"(?m)^  explanation: >-\n(    .*\n)+", f"  explanation: >-\n    {explanation}\n",
                  notice.read_text("utf-8"), count=1)
    notice.write_text(text, "utf-8")
    out = build(facts, tmp_path / "dist", "pdf")
    pages = pdf_pages((out / "oakmoor" / "children-in-need.pdf").read_bytes())
    assert any("Part 1 of" in page for page in pages) and not any(
        "Part 1 of" in page and "Part 69 of" in page for page in pages)
