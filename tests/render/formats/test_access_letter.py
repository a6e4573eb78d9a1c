"""The subject access letter: for each group of people a school's notices are about, the information of Article
15(1)(a)-(h) and 15(2) from every notice about that group; a fact removed from a notice leaves the letter, and
a letter that leaves out a notice's fact fails the audit."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
import yaml

from generator.check.documents import access_letter_problems
from generator.pipeline import build as build_notices
from generator.project import load_project
from generator.render.cache import OutputCache
from generator.render.formats import NoticesFor, RenderContext, all_formats
from generator.render.formats.access_letter import HEADINGS, letter_html
from generator.render.reading import html_text
from generator.render.subject_groups import letters
from tests.conftest import EXAMPLE, TEMPLATES
from tests.render.formats.conftest import flat
from tests.render.formats.test_pdf import _heading_levels


def _letter(facts: Path, group: str):
    return next(letter for _, letter in letters(load_project(facts).notices, ".pdf") if letter.group == group)


def _text(facts: Path, group: str) -> str:
    return html_text(letter_html(_letter(facts, group), RenderContext(TEMPLATES)).encode())


def test_each_group_the_notices_name_has_a_letter_from_the_notices_about_it() -> None:
    found = {letter.group: [notice.id for notice in letter.notices]
             for _, letter in letters(load_project(EXAMPLE).notices, ".pdf")}
    assert found["parents"] == ["biometrics", "photographs", "pupils"]
    assert found["pupils"] == ["biometrics", "children-in-need", "photographs", "pupils"]
    assert found["applicants"] == ["job-applicants"]
    assert "workforce" in found["staff"] and "pupils" not in found["staff"]


def test_the_parents_letter_lists_every_recipient_and_retention_rule_of_the_notices_about_them() -> None:
    letter = _letter(EXAMPLE, "parents")
    text = flat(_text(EXAMPLE, "parents"))
    for notice in letter.notices:
        assert notice.notice.title in text
        for recipient in notice.recipients:
            assert recipient.full_name in text
        for rule in notice.notice.retention:
            assert f"{rule.records}: {rule.period}" in text
    positions = [text.find(heading) for heading in HEADINGS.values()]
    assert -1 not in positions and positions == sorted(positions)  # every item of Article 15, in its order
    assert "https://ico.org.uk/concerns/" in text  # the complaint page the facts give
    assert "enquiries@oakmoor.hants.sch.uk" in text and "unicat@chi.ac.uk" in text  # the school and the DPO


def test_a_recipient_removed_from_the_facts_leaves_the_letter(example_copy: Path) -> None:
    assert "Example Catering Systems Ltd" in _text(example_copy, "parents")
    path = example_copy / "biometrics.yaml"
    facts = yaml.safe_load(path.read_text("utf-8"))
    facts["recipients"] = "none"
    path.write_text(yaml.safe_dump(facts, sort_keys=False), "utf-8")
    text = flat(_text(example_copy, "parents"))
    assert "Example Catering Systems Ltd" not in text
    assert '"How we use biometric information, such as fingerprints": nobody outside' in text
    assert access_letter_problems(_text(example_copy, "parents"), _letter(example_copy, "parents")) == []


def test_the_audit_finds_a_missing_fact_and_a_missing_section() -> None:
    letter, text = _letter(EXAMPLE, "parents"), _text(EXAMPLE, "parents")
    assert access_letter_problems(text, letter) == []
    assert any("the recipient 'Example Catering Systems Ltd'" in problem
               for problem in access_letter_problems(text.replace("Example Catering Systems Ltd", ""), letter))
    assert any("has no section 'Where it comes from" in problem
               for problem in access_letter_problems(text.replace(HEADINGS["15(1)(g)"], "Sources"), letter))


def test_fact_text_stays_text_in_the_letter(example_copy: Path) -> None:
    path = example_copy / "photographs.yaml"
    facts = yaml.safe_load(path.read_text("utf-8"))
    facts["purposes"][0]["description"] = "show <script>alert(1)</script> *work* on [our site](javascript:x)"
    path.write_text(yaml.safe_dump(facts, sort_keys=False), "utf-8")
    html = letter_html(_letter(example_copy, "parents"), RenderContext(TEMPLATES))
    assert "<script>" not in html and 'href="javascript' not in html
    assert "show <script>alert(1)</script> *work* on [our site](javascript:x)" in html_text(html.encode())


@pytest.mark.slow
def test_the_pdf_and_word_letters_read_back_and_pass_the_audit(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_notices(EXAMPLE, out, TEMPLATES, ["access-letter", "access-letter-docx"], project_root=tmp_path)
    letter = _letter(EXAMPLE, "parents")
    for name in ("access-letter", "access-letter-docx"):
        output_format = all_formats()[name]
        path = out / "oakmoor" / f"subject-access-parents{output_format.suffix}"
        text = output_format.read_text(path.read_bytes())
        assert access_letter_problems(text, letter) == []
        assert "Example Catering Systems Ltd" in flat(text)
    with pikepdf.open(out / "oakmoor" / "subject-access-parents.pdf") as pdf:  # tagged, a heading for each item
        assert pdf.Root.MarkInfo.Marked is True and str(pdf.Root.Lang) == "en-GB"
        levels = _heading_levels(pdf.Root.StructTreeRoot.K, [])
    assert levels.count(1) == 1 and levels.count(2) == len(HEADINGS) + 1  # and "Questions about this letter"


def test_two_groups_letters_from_the_same_notices_are_cached_apart(tmp_path: Path) -> None:
    notices = tuple(load_project(EXAMPLE).notices[:2])
    cache = OutputCache(tmp_path / "cache", TEMPLATES)
    assert (cache.key("access-letter", NoticesFor("pupils", "pupils", notices))
            != cache.key("access-letter", NoticesFor("parents", "parents and carers", notices)))
