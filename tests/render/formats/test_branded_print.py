"""Every printed page says whose it is: each page of every PDF of every format (notice, children's version, one-page
summary, booklet, consent form, subject access letter, retention schedule) and the header of every Word file
carries the school's name and its logo, with page numbers; the booklet opens with a cover; an email or web address
is never split across two lines; the one-page summary fills its page."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import docx
import pikepdf
import pypdfium2
import pypdfium2.raw as pdfium
import pytest
from docx.oxml.ns import qn

from generator.project import load_project
from generator.render.formats import all_formats
from generator.render.pdf_text import pdf_pages, pdf_text
from tests.conftest import EXAMPLE, example_with_one_notice
from tests.render.formats.conftest import build
from tests.render.formats.test_pdf import _structure_types

SCHOOL = "Oakmoor School"
LOGO_ALT = "Logo of Oakmoor School"
PRINT_SUFFIXES = (".pdf", ".docx")


def _printed_files(suffix: str) -> dict[str, list[Path]]:
    """Each format that makes files ending in ``suffix`` -> the files it makes of the example, as the registry
    says: a new format is covered without a word here."""
    notices = load_project(EXAMPLE).notices
    made = {output_format.name: [path for path, _ in output_format.files(notices) if path.suffix == suffix]
            for output_format in all_formats().values()}
    return {name: paths for name, paths in made.items() if paths}


def _pdfs(example_build: Path) -> list[Path]:
    return sorted(example_build / path for paths in _printed_files(".pdf").values() for path in paths)


def test_the_print_formats_tested_are_the_registrys_documents_among_them() -> None:
    assert {"pdf", "glance", "booklet", "consent", "access-letter", "retention"} <= set(_printed_files(".pdf"))
    assert {"docx", "consent-docx", "access-letter-docx"} <= set(_printed_files(".docx"))
    laid_out = {name for name, output_format in all_formats().items() if output_format.laid_out}
    assert {name for suffix in PRINT_SUFFIXES for name in _printed_files(suffix)} <= laid_out


def test_every_page_of_every_pdf_opens_with_the_school_and_ends_with_its_number(example_build: Path) -> None:
    for pdf in _pdfs(example_build):
        pages = pdf_pages(pdf.read_bytes())
        for number, text in enumerate(pages, start=1):
            if pdf.name == "booklet.pdf" and number == 1:
                continue  # the cover, below
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            assert lines[0] == SCHOOL, f"{pdf.name} page {number} opens with {lines[0]!r}"
            assert lines[-1].endswith(f"Page {number} of {len(pages)}"), f"{pdf.name} page {number}"


def test_the_booklet_opens_with_a_cover_naming_the_school_its_address_and_the_date(example_build: Path) -> None:
    cover, contents = pdf_pages((example_build / "oakmoor" / "booklet.pdf").read_bytes())[:2]
    lines = [line.strip() for line in cover.splitlines() if line.strip()]
    assert lines[:5] == [SCHOOL, "Privacy notices", "Oakmoor School, Budds Lane, Bordon, Hampshire",
                         "Run by the University of Chichester Academy Trust", "Last reviewed 1 November 2026"]
    assert "Contents" in contents and "Contents" not in cover


def _addresses() -> set[str]:
    """Every email and web address of the example's facts that a notice prints."""
    found: set[str] = set()
    for notice in load_project(EXAMPLE).notices:
        text = notice.model_dump_json()
        found |= set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text))
        found |= {url.rstrip(".,") for url in re.findall(r"https://[^\s\"\\)]+", text)}
    return found


def test_no_email_or_web_address_is_split_across_two_lines(example_build: Path) -> None:
    addresses = _addresses()
    assert "enquiries@oakmoor.hants.sch.uk" in addresses and "https://ico.org.uk/concerns/" in addresses
    for pdf in _pdfs(example_build):
        content = pdf.read_bytes()
        printed = pdf_text(content)
        lines = "\n".join(pdf_pages(content))
        for address in addresses:
            if "@" in address:  # an email address is set on one line, whole
                assert address in lines or address not in printed.replace("\n", ""), f"{pdf.name}: {address}"
                assert address in lines or _joined(address) not in _joined(lines), f"{pdf.name}: {address} broken"
            else:  # a web address may go on to the next line after a slash, never inside a word
                assert address in printed or _joined(address) not in _joined(printed), f"{pdf.name}: {address} broken"


def _joined(text: str) -> str:
    return "".join(text.split())


def test_the_one_page_summary_fills_most_of_its_page(example_build: Path) -> None:
    for pdf in (example_build / "oakmoor").glob("*.at-a-glance.pdf"):
        document = pypdfium2.PdfDocument(pdf.read_bytes())
        try:
            (page,) = list(document)
            height = page.get_height()
            text = page.get_textpage()
            bottoms = [text.get_charbox(index)[1] for index in range(text.count_chars())
                       if text.get_text_range(index, 1).strip()]
            footer_top = 30 * 72 / 25.4  # the footer sits in the bottom 24 mm margin
            lowest_body = min(bottom for bottom in bottoms if bottom > footer_top)
            assert lowest_body < height / 2, f"{pdf.name} ends in the top half of its page"
        finally:
            document.close()


def _word_files(example_build: Path) -> list[Path]:
    return sorted(example_build / path for paths in _printed_files(".docx").values() for path in paths)


def _header(word_file: Path):
    return docx.Document(str(word_file)).sections[0].header._element


def test_every_word_file_names_the_school_in_its_header_with_page_numbers_at_its_foot(example_build: Path) -> None:
    word_files = _word_files(example_build)
    assert len(word_files) > 10
    for word_file in word_files:
        section = docx.Document(str(word_file)).sections[0]
        header = "".join(node.text or "" for node in section.header._element.iter(qn("w:t")))
        assert header.strip() == SCHOOL, word_file.name
        fields = [field.get(qn("w:instr")) for field in section.footer._element.iter(qn("w:fldSimple"))]
        assert fields == ["PAGE", "NUMPAGES"], word_file.name


def _header_images(content: bytes) -> list[list[tuple[float, float]]]:
    """Each page's pictures that lie in its top margin (20 mm), as (bottom, height) in points."""
    document = pypdfium2.PdfDocument(content)
    try:
        pages = []
        for page in document:
            top_margin = page.get_height() - 20 * 72 / 25.4
            boxes = [image.get_bounds() for image in page.get_objects(filter=[pdfium.FPDF_PAGEOBJ_IMAGE])]
            pages.append([(bottom, top - bottom) for _, bottom, _, top in boxes if bottom >= top_margin])
        return pages
    finally:
        document.close()


def test_the_schools_logo_heads_every_page_of_every_pdf_and_every_word_file(example_build: Path) -> None:
    for pdf in _pdfs(example_build):
        for number, images in enumerate(_header_images(pdf.read_bytes()), start=1):
            if pdf.name == "booklet.pdf" and number == 1:
                continue  # the cover shows it larger, in the page
            assert len(images) == 1, f"{pdf.name} page {number} has {len(images)} logos in its header"
            assert 10 < images[0][1] < 25, f"{pdf.name} page {number}: the logo is not small"  # 6 mm is 17 pt
    for word_file in _word_files(example_build):
        (picture,) = _header(word_file).iter("{*}docPr")
        assert picture.get("descr") == LOGO_ALT, word_file.name


def test_the_booklets_cover_shows_the_logo_large(example_build: Path) -> None:
    document = pypdfium2.PdfDocument((example_build / "oakmoor" / "booklet.pdf").read_bytes())
    try:
        (cover_logo,) = [image.get_bounds() for image in document[0].get_objects(filter=[pdfium.FPDF_PAGEOBJ_IMAGE])]
        assert cover_logo[3] - cover_logo[1] > 60  # 25 mm
    finally:
        document.close()


def test_the_logo_is_decoration_in_the_pdfs_structure_beside_the_name_as_text(example_build: Path) -> None:
    with pikepdf.open(example_build / "oakmoor" / "children-in-need.pdf") as pdf:
        # An artifact, not a figure of the document: the school's name beside it is the text a reader hears.
        assert _structure_types(pdf.Root.StructTreeRoot.K, Counter())["/Figure"] == 0
        assert b"/Artifact" in pdf.pages[0].Contents.read_bytes()


@pytest.fixture(scope="module")
def build_without_logo(tmp_path_factory) -> Path:
    """A school and trust that give no logo: the print formats of one notice."""
    facts = example_with_one_notice(tmp_path_factory.mktemp("plain") / "notices")
    for file in (facts / "organisation.yaml", facts / "schools" / "oakmoor.yaml"):
        text = file.read_text("utf-8")
        file.write_text("\n".join(line for line in text.splitlines() if not line.strip().startswith("logo:")) + "\n",
                        "utf-8")
    return build(facts, tmp_path_factory.mktemp("plain") / "dist", "pdf,booklet,retention,docx")


@pytest.mark.slow
def test_without_a_logo_the_pages_carry_the_name_alone(build_without_logo: Path) -> None:
    pdfs = sorted(build_without_logo.rglob("*.pdf"))
    assert len(pdfs) >= 3
    for pdf in pdfs:
        content = pdf.read_bytes()
        assert all(images == [] for images in _header_images(content)), pdf.name
        assert all(page.split("\n", 1)[0].strip() == SCHOOL for page in pdf_pages(content)[1:]), pdf.name
    for word_file in sorted(build_without_logo.rglob("*.docx")):
        assert list(_header(word_file).iter("{*}docPr")) == [], word_file.name
        assert "".join(node.text or "" for node in _header(word_file).iter(qn("w:t"))) == SCHOOL


def test_every_email_in_a_word_file_is_one_link_holding_it_whole(example_build: Path) -> None:
    word_file = example_build / "oakmoor" / "pupils.docx"
    body = docx.Document(str(word_file)).element.body
    links = ["".join(node.text or "" for node in link.iter(qn("w:t"))) for link in body.iter(qn("w:hyperlink"))]
    assert "enquiries@oakmoor.hants.sch.uk" in links and "unicat@chi.ac.uk" in links
