"""The example's notices read as sentences a school would sign, in every format a reader opens (the web page,
the PDF, the Word file) and on the website's pages: a space after each semicolon, "and" before a list's last
item, a fact's first word in lower case mid-sentence while names keep their capitals, "the" before an
organisation named for what it is, one right named once, one person throughout, the school's own words in
its change log, and curly quotes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.project import load_project
from generator.render.formats import RenderContext, all_formats
from generator.render.reading import html_text
from generator.render.text import in_sentence, join_list, organisation_in_sentence
from generator.site.pages import site_pages
from tests.conftest import EXAMPLE, TEMPLATES

CONTEXT = RenderContext(TEMPLATES)
NOTICES = load_project(EXAMPLE).notices


def _web_pages() -> dict[str, str]:
    """Each document of each example notice as the HTML format's reader gives its text, by file name."""
    html = all_formats()["html"]
    return {f"{document.document_id}.html": " ".join(html_text(html.render(document, CONTEXT)).split())
            for notice in NOTICES for document in notice.versions()}


def _printed(example_build: Path) -> dict[str, str]:
    """Each PDF and Word file of the example as its reader gives its text."""
    texts = {}
    for name in ("pdf", "docx"):
        output_format = all_formats()[name]
        for path in sorted((example_build / "oakmoor").glob(f"*{output_format.suffix}")):
            if path.name.endswith(".at-a-glance.pdf") or path.name == "booklet.pdf":
                continue
            texts[path.name] = " ".join(output_format.read_text(path.read_bytes()).split())
    return texts


WEB = _web_pages()


def _site() -> dict[str, str]:
    return {page.src_uri: " ".join(page.markdown.split()) for page in site_pages(NOTICES, CONTEXT)}


def _check_every_sentence(texts: dict[str, str]) -> None:
    for name, text in texts.items():
        assert not re.search(r";(?=[A-Za-z])", text), f"{name}: a semicolon with no space after it"
        assert not re.search(r"(?:, |\band )The [a-z]", text), f"{name}: 'The' capitalised mid-sentence"
        assert "(limited) (Article" not in text and ") (Article 17)" not in text, name
        assert "library notice" not in text, f"{name}: the change log speaks of the library, not the school"


@pytest.mark.parametrize("name", sorted(WEB))
def test_every_web_page_reads_as_sentences(name: str) -> None:
    _check_every_sentence({name: WEB[name]})


def test_every_pdf_and_word_file_reads_as_sentences(example_build: Path) -> None:
    printed = _printed(example_build)
    assert len(printed) >= 16
    _check_every_sentence(printed)
    pupils = printed["pupils.pdf"]
    assert "the age of 25; and admission and attendance registers" in pupils
    assert "enter pupils for exams and qualifications; and meet the duties" in printed["pupils.docx"]


def test_a_semicolon_between_two_retention_rules_keeps_its_space() -> None:
    assert ("How long we keep it: the pupil's educational record, until the pupil reaches the age of 25; and "
            "admission and attendance registers, at least six years") in WEB["pupils.html"].replace("\u2019", "'")


def test_a_list_of_facts_reads_in_lower_case_and_with_and_before_its_last_item() -> None:
    assert "What we hold: photographs and video, names and captions, and consent records." in WEB["photographs.html"]
    assert ("Who we share it with: Example Visitor Systems Ltd, Example Security Systems Ltd and the police."
            in WEB["visitors-cctv.html"])
    assert ("This covers: support pupils\u2019 learning; monitor and report on pupils\u2019 attainment and progress;"
            in WEB["pupils.html"])
    assert "and enter pupils for exams and qualifications. The law we rely on" in WEB["pupils.html"]


def test_names_keep_their_capitals_mid_sentence() -> None:
    for name in ("The Key Stage Trust", "NHS School Nursing Service", "Hampshire County Council", "Pearson",
                 "AQA, OCR and Pearson, and the Joint Council for Qualifications (JCQ)"):
        assert organisation_in_sentence(name) == name
    assert in_sentence("NHS number") == "NHS number" and in_sentence("Key Stage 2 results") == "Key Stage 2 results"
    assert in_sentence("Information about UK residency") == "information about UK residency"
    assert organisation_in_sentence("The police") == "the police"
    assert join_list(["AQA, OCR and Pearson", "the NHS"]) == "AQA, OCR and Pearson; and the NHS"


def test_an_organisation_named_for_what_it_is_takes_the() -> None:
    site = _site()
    assert "Oakmoor School is run by the University of Chichester Academy Trust" in site["schools/oakmoor/index.md"]
    assert "The University of Chichester Academy Trust is the controller" in site["contact-us.md"]
    assert "The University of Chichester Academy Trust runs Oakmoor School" in WEB["pupils.html"]
    assert "Who we share it with: the Department for Education (DfE);" in WEB["pupils.html"]


def test_a_right_is_named_once_with_its_article() -> None:
    assert "Right to erasure (Article 17). You can ask us to delete your information, but only in limited cases" in \
        WEB["children-in-need.html"]


def test_a_notice_to_governors_speaks_to_them_as_you_throughout() -> None:
    text = WEB["governance.html"]
    assert "your appointment, checks and contact details, one year after the end of your term of office" in text
    assert "their term of office" not in text.split("How long we keep it", 2)[2]


def test_the_changes_page_is_in_the_schools_words() -> None:
    changes = _site()["changes.md"]
    assert "library notice" not in changes and "First published." in changes


def test_the_childrens_page_has_curly_quotes_and_apostrophes() -> None:
    text = WEB["pupils.children.html"]
    assert "Information Commissioner\u2019s Office" in text and "'" not in text and '"' not in text
