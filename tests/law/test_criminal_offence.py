"""Criminal offence data (UK GDPR Article 10, Data Protection Act 2018 s.10(5)): a category marked as
such needs an Article 10 entry with its Schedule 1 condition, and the notice names that condition."""

from __future__ import annotations

import datetime
from pathlib import Path

from generator.check import check_notices
from generator.facts.errors import FactErrors
from generator.project import load_project
from generator.render.formats import RenderContext
from generator.render.formats.markdown import render_markdown
from tests.check.conftest import minimal_facts, write_facts
from tests.conftest import TEMPLATES

TODAY = datetime.date(2026, 12, 1)
DBS = {"id": "dbs", "name": "DBS check results", "criminal_offence": True}
CONDITION = "Schedule 1, Part 1, paragraph 1 (employment, social security and social protection)"
CONDITION_ID = "dpa-2018-sch1-para1"  # cited by its catalogue id, the notice prints CONDITION


def _facts(*bases: dict) -> dict[str, dict]:
    files = minimal_facts()
    files["pupils.yaml"]["categories"].append(DBS)
    files["pupils.yaml"]["lawful_bases"] += list(bases)
    return files


def test_criminal_offence_data_without_a_condition_is_an_error_naming_what_to_add(tmp_path: Path) -> None:
    (finding,) = check_notices(load_project(write_facts(tmp_path, _facts())).notices, TODAY)
    assert (finding.rule, finding.severity) == ("A10", "error")
    assert "'DBS check results' is criminal offence data" in finding.message and 'article: "10"' in finding.message
    assert finding.location.file.endswith("pupils.yaml")


def test_an_article_10_entry_without_its_schedule_1_condition_is_still_an_error(tmp_path: Path) -> None:
    findings = check_notices(load_project(write_facts(tmp_path, _facts({"article": "10"}))).notices, TODAY)
    assert [finding.rule for finding in findings] == ["A10"]


def test_with_its_condition_the_notice_names_it_and_gives_no_article_9_advice(tmp_path: Path) -> None:
    (notice,) = load_project(write_facts(tmp_path, _facts({"article": "Article 10", "schedule_1": CONDITION_ID}))).notices
    assert check_notices([notice], TODAY) == []
    text = render_markdown(notice, RenderContext(TEMPLATES))
    assert "**DBS check results** (criminal offence data)" in text
    assert "Article 10 of the UK GDPR: criminal offence data" in text
    assert f"Data Protection Act 2018 condition: {CONDITION}" in text
    assert "Special category data is information" not in text  # no Article 9 advice for it


def test_an_article_that_is_not_a_basis_is_refused_with_the_known_ones(tmp_path: Path) -> None:
    files = minimal_facts()
    files["pupils.yaml"]["lawful_bases"].append({"article": "11"})
    try:
        load_project(write_facts(tmp_path, files))
    except FactErrors as errors:
        assert "Article 10" in str(errors) and "6(1)(ea)" in str(errors)
    else:
        raise AssertionError("Article 11 was accepted as a lawful basis")
