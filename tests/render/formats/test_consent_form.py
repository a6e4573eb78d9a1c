"""Consent forms: one per notice that bases purposes on consent, each purpose a choice of its own with empty
boxes, made from the facts (a new consent purpose is a new choice), and a form that loses or ticks a choice
fails the audit."""

from __future__ import annotations

import io
import itertools
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pikepdf
import pytest
import yaml

from generator.check import AuditFailed
from generator.check.documents import consent_form_problems
from generator.pipeline import build as build_notices
from generator.project import load_project
from generator.render.formats import RenderContext, all_formats
from generator.render.formats.consent_form import consent_form_html
from generator.render.reading import html_text
from tests.conftest import EXAMPLE, TEMPLATES
from tests.render.formats.conftest import flat
from tests.render.formats.test_pdf import _heading_levels, _structure_types

PDF, WORD = all_formats()["consent"], all_formats()["consent-docx"]
PHOTOGRAPH_USES = ["show school life and pupils' achievements on our website",
                   "share school news on our social media accounts",
                   "illustrate our prospectus and newsletters and our displays around the school",
                   "let the press photograph or film school events and send them photographs"]


def _notice(facts: Path, notice_id: str):
    return next(notice for notice in load_project(facts).notices if notice.id == notice_id)


def _form_text(facts: Path, notice_id: str, templates: Path = TEMPLATES) -> str:
    html = consent_form_html(_notice(facts, notice_id), RenderContext(templates), ".pdf")
    return flat(html_text(html.encode()))


def test_only_the_notices_that_ask_consent_have_a_form() -> None:
    files = [path.as_posix() for path, _ in PDF.files(load_project(EXAMPLE).notices)]
    assert files == ["oakmoor/biometrics.consent-form.pdf", "oakmoor/photographs.consent-form.pdf"]


def test_each_consent_purpose_is_a_choice_of_its_own_with_two_empty_boxes() -> None:
    text = _form_text(EXAMPLE, "photographs")
    for number, use in enumerate(PHOTOGRAPH_USES, 1):
        assert f"Use {number}: to {use} ☐ Yes, I agree to this use. ☐ No, I do not agree." in text
    assert "Use 5:" not in text
    assert text.count("☐") == 8
    assert "withdraw your consent to any use at any time" in text
    assert "enquiries@oakmoor.hants.sch.uk" in text  # the school's contact, from its facts


def test_a_new_consent_purpose_in_the_facts_is_a_new_choice(example_copy: Path) -> None:
    path = example_copy / "photographs.yaml"
    facts = yaml.safe_load(path.read_text("utf-8"))
    facts["purposes"].append({"id": "yearbook", "description": "print the leavers' yearbook"})
    path.write_text(yaml.safe_dump(facts, sort_keys=False), "utf-8")
    text = _form_text(example_copy, "photographs")
    assert "Use 5: to print the leavers' yearbook ☐ Yes, I agree to this use. ☐ No, I do not agree." in text
    assert consent_form_problems(text, _notice(example_copy, "photographs")) == []


def test_markup_in_a_consent_purpose_is_text_on_the_form(example_copy: Path) -> None:
    path = example_copy / "photographs.yaml"
    facts = yaml.safe_load(path.read_text("utf-8"))
    facts["purposes"][0]["description"] = "show <script>alert(1)</script> <b>bold</b> [work](javascript:x)"
    path.write_text(yaml.safe_dump(facts, sort_keys=False), "utf-8")
    html = consent_form_html(_notice(example_copy, "photographs"), RenderContext(TEMPLATES), ".pdf")
    assert "<script>" not in html and "<b>" not in html and 'href="javascript' not in html
    assert "Use 1: to show <script>alert(1)</script> <b>bold</b> [work](javascript:x)" in flat(html_text(html.encode()))


def test_a_purpose_on_another_basis_is_no_choice(example_copy: Path) -> None:
    path = example_copy / "photographs.yaml"
    facts = yaml.safe_load(path.read_text("utf-8"))
    facts["purposes"].append({"id": "safeguarding", "description": "keep pupils safe"})
    facts["lawful_bases"] = [{"article": "6(1)(a)", "purposes": ["website", "social-media", "print", "press"]},
                             {"article": "6(1)(e)", "purposes": ["safeguarding"], "relied_on": ["education-act-2002-s175"]}]
    path.write_text(yaml.safe_dump(facts, sort_keys=False), "utf-8")
    text = _form_text(example_copy, "photographs")
    assert "keep pupils safe" not in text
    assert text.count("☐") == 8


def test_the_biometrics_form_states_the_law_on_childrens_biometrics() -> None:
    text = _form_text(EXAMPLE, "biometrics")
    assert "Protection of Freedoms Act 2012 (sections 26 and 27)" in text
    for rule in ("we write to each of their parents", "at least one parent has given consent in writing",
                 "no parent has objected in writing", "may refuse, or object, at any time",
                 "given a reasonable alternative"):
        assert rule in text
    assert "explicit consent" in text  # biometric information is special category data, under Article 9(2)(a)
    assert "a parent withdraws consent in writing" in text


def test_the_photographs_form_says_nothing_of_biometrics() -> None:
    assert "Protection of Freedoms Act" not in _form_text(EXAMPLE, "photographs")


def test_the_audit_finds_a_missing_an_extra_and_a_ticked_choice() -> None:
    notice = _notice(EXAMPLE, "photographs")
    text = _form_text(EXAMPLE, "photographs")
    assert consent_form_problems(text, notice) == []
    missing = text.replace(f"Use 4: to {PHOTOGRAPH_USES[3]}", "")
    assert any("Use 4: to let the press" in problem for problem in consent_form_problems(missing, notice))
    extra = text + " Use 5: to sell photographs ☐ Yes ☐ No"
    assert any("offers 5 choices" in problem for problem in consent_form_problems(extra, notice))
    ticked = text.replace("☐ Yes", "☒ Yes", 1)
    assert any("ticked" in problem for problem in consent_form_problems(ticked, notice))


@pytest.mark.slow
def test_a_form_that_loses_a_choice_fails_the_build(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    form = templates / "consent-form.md.j2"
    form.write_text(form.read_text("utf-8").replace("{% for purpose in choices %}",
                                                    "{% for purpose in choices[:-1] %}"), "utf-8")
    with pytest.raises(AuditFailed) as failed:
        build_notices(EXAMPLE, tmp_path / "out", templates, ["consent"], project_root=tmp_path)
    messages = [f"{finding.rule} {finding.location} {finding.message}" for finding in failed.value.findings]
    assert any("L.consent-form" in message and "photographs.consent-form.pdf" in message
               and "Use 4: to let the press" in message for message in messages), messages
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_the_pdf_and_word_forms_read_back_with_every_choice(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_notices(EXAMPLE, out, TEMPLATES, ["consent", "consent-docx"], project_root=tmp_path)
    for output_format in (PDF, WORD):
        text = flat(output_format.read_text((out / "oakmoor" / f"photographs{output_format.suffix}").read_bytes()))
        for number, use in enumerate(PHOTOGRAPH_USES, 1):
            assert f"Use {number}: to {use}" in text
        assert text.count("☐") == 8
    word = (out / "oakmoor" / f"photographs{WORD.suffix}").read_bytes()
    with zipfile.ZipFile(io.BytesIO(word)) as package:
        body = package.read("word/document.xml").decode()
    assert body.count("<w14:checkbox>") == 8  # Word's own check boxes, one Yes and one No per use
    assert body.count('<w14:checked w14:val="0"/>') == 8  # none ticked
    assert body.count('<w:alias w:val="No, I do not agree."/>') == 4  # each named for a screen reader
    with pikepdf.open(out / "oakmoor" / f"photographs{PDF.suffix}") as pdf:  # tagged, like every PDF of the tool
        assert pdf.Root.MarkInfo.Marked is True and str(pdf.Root.Lang) == "en-GB"
        levels = _heading_levels(pdf.Root.StructTreeRoot.K, [])
        found = _structure_types(pdf.Root.StructTreeRoot.K, Counter())
    assert levels.count(1) == 1 and levels.count(3) == 4  # the title, and a heading for each choice
    assert all(level <= previous + 1 for previous, level in itertools.pairwise(levels)), levels
    assert found["/Table"] == 2 and found["/TH"] >= 4  # the boxes to fill in, with their column headings


def test_libreoffice_opens_the_word_form_with_its_check_boxes(tmp_path: Path, libreoffice: str) -> None:
    out = tmp_path / "out"
    build_notices(EXAMPLE, out, TEMPLATES, ["consent-docx"], project_root=tmp_path)
    result = subprocess.run(
        [libreoffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(out / "oakmoor" / f"photographs{WORD.suffix}")],
        capture_output=True, text=True, timeout=180)
    converted = tmp_path / "photographs.consent-form.pdf"
    assert result.returncode == 0 and converted.exists(), result.stdout + result.stderr
    text = flat(PDF.read_text(converted.read_bytes()))
    for number, use in enumerate(PHOTOGRAPH_USES, 1):
        assert f"Use {number}: to {use}" in text
    assert text.count("☐") == 8
