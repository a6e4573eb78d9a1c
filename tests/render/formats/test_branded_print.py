"""Every printed page says whose it is: each page of every PDF (notice, children's version, one-page summary,
booklet) and the header of every Word file carries the school's name, with page numbers; the booklet opens with
a cover; an email or web address is never split across two lines; the one-page summary fills its page."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pypdfium2
from docx.oxml.ns import qn

from generator.project import load_project
from generator.render.pdf_text import pdf_pages, pdf_text
from tests.conftest import EXAMPLE

SCHOOL = "Oakmoor School"


def _pdfs(example_build: Path) -> list[Path]:
    """The notices' PDFs, their summaries, children's versions and the booklet (not yet the forms, letters and
    retention schedule, whose first line is their own title)."""
    return sorted(path for path in (example_build / "oakmoor").glob("*.pdf")
                  if ".consent-form." not in path.name and not path.name.startswith(("subject-access-", "retention-")))


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


def test_every_word_file_names_the_school_in_its_header(example_build: Path) -> None:
    for word_file in sorted((example_build / "oakmoor").glob("*.docx")):
        header = docx.Document(str(word_file)).sections[0].header
        assert "".join(node.text or "" for node in header._element.iter(qn("w:t"))) == SCHOOL, word_file.name


def test_every_email_in_a_word_file_is_one_link_holding_it_whole(example_build: Path) -> None:
    word_file = example_build / "oakmoor" / "pupils.docx"
    body = docx.Document(str(word_file)).element.body
    links = ["".join(node.text or "" for node in link.iter(qn("w:t"))) for link in body.iter(qn("w:hyperlink"))]
    assert "enquiries@oakmoor.hants.sch.uk" in links and "unicat@chi.ac.uk" in links
