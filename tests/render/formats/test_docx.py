"""The Word notice: A4 in the house style of a reference document a school can replace, real heading
styles, tables for recipients and retention, properties, opens in LibreOffice."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Mm

from generator.facts.sections import SECTIONS
from generator.render.formats import RenderContext, all_formats
from generator.render.formats.docx import docx_text
from tests.conftest import EXAMPLE, TEMPLATES, notices
from tests.render.formats.conftest import build

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def word_file(example_build: Path) -> Path:
    return example_build / "oakmoor" / "children-in-need.docx"


def _headings(document, level: int) -> list[str]:
    return [paragraph.text for paragraph in document.paragraphs if paragraph.style.name == f"Heading {level}"]


def test_one_heading_1_for_the_title_and_heading_2_for_each_section(word_file: Path, example_notice) -> None:
    document = docx.Document(str(word_file))
    assert _headings(document, 1) == [example_notice.notice.title]
    standard = [section.title for section in SECTIONS]
    assert [title for title in _headings(document, 2) if title in standard] == standard


def test_recipients_and_retention_are_tables(word_file: Path, example_notice) -> None:
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in docx.Document(str(word_file)).tables]
    recipients = next(table for table in tables if table[0][0] == "Recipient")
    assert [row[0] for row in recipients[1:]] == [recipient.name for recipient in example_notice.recipients]
    retention = next(table for table in tables if table[0][0] == "Records")
    assert [row[0] for row in retention[1:]] == [rule.records for rule in example_notice.notice.retention]
    assert retention[1][1].lower() == example_notice.notice.retention[0].period.lower()


def test_links_are_real_hyperlinks(word_file: Path) -> None:
    document = docx.Document(str(word_file))
    targets = {rel.target_ref for rel in document.part.rels.values() if rel.is_external}
    assert "https://ico.org.uk/concerns/" in targets
    assert "mailto:unicat@chi.ac.uk" in targets


def test_the_word_file_holds_only_what_a_reader_sees(word_file: Path) -> None:
    """No picture of a blank page as its preview, no second copy of the styles for Word 2010, none of
    the hundred table styles nothing uses: a parent downloading it on a phone gets the notice."""
    with zipfile.ZipFile(word_file) as package:
        names = package.namelist()
    assert not [name for name in names if "thumbnail" in name or "stylesWithEffects" in name
                or name.startswith("customXml/")]
    table_styles = [style.name for style in docx.Document(str(word_file)).styles
                    if style.type == WD_STYLE_TYPE.TABLE]
    assert sorted(table_styles) == ["Normal Table", "Table Grid"]
    assert word_file.stat().st_size < 20_000


def test_core_properties_come_from_the_facts(word_file: Path, example_notice) -> None:
    properties = docx.Document(str(word_file)).core_properties
    assert properties.title.startswith(example_notice.notice.title)
    assert properties.author == example_notice.organisation.name
    assert properties.language == "en-GB"
    assert properties.created.date() == example_notice.notice.last_reviewed
    assert properties.modified.date() == example_notice.notice.last_reviewed


def test_libreoffice_converts_the_word_file(word_file: Path, tmp_path: Path, example_notice, libreoffice: str) -> None:
    result = subprocess.run(
        [libreoffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(word_file)],
        capture_output=True, text=True, timeout=180,
    )
    converted = tmp_path / "children-in-need.pdf"
    assert result.returncode == 0 and converted.exists(), result.stdout + result.stderr
    text = all_formats()["pdf"].read_text(converted.read_bytes())
    assert example_notice.notice.title in " ".join(text.split())


def test_a_heading_written_in_a_free_section_stays_below_the_title(example_copy: Path, tmp_path: Path) -> None:
    notice = example_copy / "children-in-need.yaml"
    notice.write_text(notice.read_text("utf-8").replace(
        "    body: |\n      The Department for Education collects",
        "    body: |\n      # A heading the office wrote\n\n      The Department for Education collects", 1), "utf-8")
    out = build(example_copy, tmp_path / "dist", "docx")
    document = docx.Document(str(out / "oakmoor" / "children-in-need.docx"))
    assert len(_headings(document, 1)) == 1
    assert "A heading the office wrote" in _headings(document, 2)


def test_the_footer_names_the_notice_and_numbers_the_pages(word_file: Path, example_notice) -> None:
    footer = docx.Document(str(word_file)).sections[0].footer._element
    text = "".join(node.text or "" for node in footer.iter(qn("w:t")))
    assert text.startswith(f"{example_notice.organisation.name}, {example_notice.notice.title}, version 2.0. Page ")
    assert [field.get(qn("w:instr")) for field in footer.iter(qn("w:fldSimple"))] == ["PAGE", "NUMPAGES"]


def test_tables_carry_their_section_as_caption_for_screen_readers(word_file: Path) -> None:
    document = docx.Document(str(word_file))
    captions = [table._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) for table in document.tables]
    assert captions == ["Who we share it with, and why", "How long we keep it"]


def test_a_title_and_school_name_longer_than_word_allows_in_properties_are_shortened_there(
        example_copy: Path, tmp_path: Path) -> None:
    title = ("How we use information about " + "children in need and " * 14)[:300]
    school = "Oakmoor " + "Church of England Voluntary Aided " * 8 + "School"
    assert len(title) == 300
    notice = example_copy / "children-in-need.yaml"
    notice.write_text(notice.read_text("utf-8").replace(
        "title: How we use information about children in need and children looked after", f"title: {title}"), "utf-8")
    school_file = example_copy / "schools" / "oakmoor.yaml"
    school_file.write_text(school_file.read_text("utf-8").replace("name: Oakmoor School", f"name: {school}"), "utf-8")
    # Names this long fill more than the one-page summary holds (L.one-page): the Word file is built all the same.
    built = notices("build", "--facts", str(example_copy), "--templates", str(TEMPLATES), "--out", str(tmp_path / "dist"),
                    "--format", "docx", "--publish-incomplete")
    assert built.exit_code == 0, built.output
    document = docx.Document(str(tmp_path / "dist" / "oakmoor" / "children-in-need.docx"))
    properties = document.core_properties
    assert len(properties.title) <= 255 and properties.title.endswith("\u2026")
    assert properties.title.startswith("How we use information about children in need and children in need")
    assert len(properties.subject) <= 255 and properties.subject.startswith("Privacy notice of Oakmoor Church")
    assert _headings(document, 1) == [title]  # the document itself shows the whole title


def test_the_word_file_is_a4_with_the_house_style(word_file: Path) -> None:
    document = docx.Document(str(word_file))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    heading = document.styles["Heading 2"].font.color.rgb
    assert str(heading) == "1D4F91"  # the PDFs' accent colour


def _reference_without(tmp_path: Path, style: str | None) -> Path:
    """A school's own reference document: the packaged one on A5, some sample text in it, maybe a style less."""
    templates = tmp_path / "templates"
    templates.mkdir()
    reference = docx.Document(str(TEMPLATES / "notice.docx"))
    reference.sections[0].page_width, reference.sections[0].page_height = Mm(148), Mm(210)
    reference.add_paragraph("Sample text the office typed into the house style")
    if style:
        element = reference.styles[style].element
        element.getparent().remove(element)
    reference.save(str(templates / "notice.docx"))
    return templates


def test_a_schools_own_reference_document_sets_the_page_and_styles_and_adds_no_text(
        tmp_path: Path, example_notice) -> None:
    templates = _reference_without(tmp_path, None)
    content = all_formats()["docx"].render(example_notice, RenderContext(templates))
    document = docx.Document(io.BytesIO(content))
    assert round(document.sections[0].page_width.mm) == 148
    assert "Sample text" not in docx_text(content)
    assert _headings(document, 1) == [example_notice.notice.title]


def test_a_reference_document_without_a_style_the_word_files_use_is_refused_plainly(tmp_path: Path) -> None:
    templates = _reference_without(tmp_path, "List Bullet")
    out = tmp_path / "dist"
    result = notices("build", "--facts", str(EXAMPLE), "--templates", str(templates), "--out", str(out),
                     "--format", "docx", "--no-cache")
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {templates / 'notice.docx'} has no style named 'List Bullet', "), \
        result.output
    assert not out.exists()
