"""The law as at a date: `check --today` judges the facts against the law of that day, a notice is
written in the law of its review date, and each dated change carries its sources."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.check import check_notices
from generator.cli import main
from generator.law.dated import law_changes
from generator.project import load_project
from generator.render.formats import RenderContext
from generator.render.formats.markdown import render_markdown
from tests.check.conftest import minimal_facts, write_facts
from tests.conftest import TEMPLATES

COMMENCED = [change for change in law_changes().values() if change.commences]
DAY = datetime.timedelta(days=1)


def _affected_by_everything() -> dict[str, dict]:
    """Minimal facts reviewed before every change, which every change affects: automated decisions,
    a transfer, legitimate interests; no way to complain to us yet."""
    files = minimal_facts()
    del files["organisation.yaml"]["complaints"]
    notice = files["pupils.yaml"]
    notice["last_reviewed"] = "2025-12-01"
    notice["automated_decisions"] = [{"description": "Seat plans", "logic": "by reading age", "consequences": "none"}]
    notice["transfers"] = [{"destination": "Canada", "what": "photos", "safeguard": "UK regulations",
                            "get_a_copy": "ask the office"}]
    notice["lawful_bases"].append({"article": "6(1)(f)", "purposes": ["teaching"], "legitimate_interests": "alumni"})
    return files


def _findings(folder: Path, today: datetime.date) -> set[tuple[str, str]]:
    return {(f.rule, f.message) for f in check_notices(load_project(folder).notices, today)}


@pytest.mark.parametrize("change", COMMENCED, ids=lambda change: change.id)
def test_check_a_day_before_and_on_a_commencement_differs_exactly_by_that_change(tmp_path: Path, change) -> None:
    folder = write_facts(tmp_path, _affected_by_everything())
    before, after = _findings(folder, change.commences - DAY), _findings(folder, change.commences)
    assert before <= after
    new = after - before
    stale = {message for rule, message in new if rule == "L.stale-law"}
    # Changes that took effect the same day as this one are new on that day too.
    same_day = [other for other in COMMENCED if other.commences == change.commences and other.affects]
    assert len(stale) == len(same_day)
    assert all(any(other.title in message and other.source in message for message in stale) for other in same_day)
    assert any(change.title in message for message in stale) == bool(change.affects)
    rules_from_the_change = {"S164A"} if change.id == "duaa-complaints-to-controller" else set()
    assert {rule for rule, _ in new if rule != "L.stale-law"} == rules_from_the_change


def test_check_in_january_and_december_2026_differ_by_the_dated_rules_only(tmp_path: Path) -> None:
    folder = write_facts(tmp_path, _affected_by_everything())
    january = CliRunner().invoke(main, ["check", "--facts", str(folder), "--today", "2026-01-15"])
    december = CliRunner().invoke(main, ["check", "--facts", str(folder), "--today", "2026-12-01"])
    rules = lambda output: re.findall(r" (?:error|warning) (\S+): ", output)
    assert "S164A" not in rules(january.output) and "L.stale-law" not in rules(january.output)
    assert sorted(set(rules(december.output)) - set(rules(january.output))) == ["L.stale-law", "S164A"]
    assert rules(december.output).count("L.stale-law") == 5  # 12A, 22A-22D, 45A, 6(1)(ea), s.164A
    assert "add `complaints:`" in december.output


def test_a_notice_reviewed_after_every_change_is_not_stale(tmp_path: Path) -> None:
    files = _affected_by_everything()
    files["pupils.yaml"]["last_reviewed"] = "2026-06-19"
    files["organisation.yaml"]["complaints"] = {"email": "complaints@hill.example.org"}
    assert not [f for f in check_notices(load_project(write_facts(tmp_path, files)).notices, datetime.date(2026, 12, 1))
                if f.rule == "L.stale-law"]


def test_every_dated_change_cites_the_law_and_its_commencement() -> None:
    for change in law_changes().values():
        assert change.source.startswith("https://www.legislation.gov.uk/ukpga/2025/18/"), change.id
        assert change.commencement_source.startswith("https://www.legislation.gov.uk/uksi/2026/"), change.id
        assert change.commenced_by and change.what_to_do, change.id
        if change.commences is None or "regulation" not in change.commenced_by:
            assert change.source_note, f"{change.id}: say why the commencement is not confirmed"


def test_notices_law_lists_the_changes_newest_first() -> None:
    result = CliRunner().invoke(main, ["law", "--today", "2026-03-01"])
    assert result.exit_code == 0
    headings = [line for line in result.output.splitlines() if line and not line.startswith(" ")]
    assert headings[0].startswith("not yet in force") and "Information Commission" in headings[0]
    assert headings[1].startswith("19 June 2026 (not yet in force): Complaints to the controller")
    assert all(line.startswith("5 February 2026: ") for line in headings[2:])
    assert "https://www.legislation.gov.uk/uksi/2026/82/regulation/2/made" in result.output


def _markdown(tmp_path: Path, files: dict[str, dict]) -> str:
    (notice,) = load_project(write_facts(tmp_path, files)).notices
    return render_markdown(notice, RenderContext(TEMPLATES))


def test_the_notice_says_first_that_people_can_complain_to_us_and_the_30_day_acknowledgement(tmp_path: Path) -> None:
    files = minimal_facts()
    files["organisation.yaml"]["complaints"] = {"url": "https://hill.example.org/complaints", "email": "c@hill.example.org"}
    complain = _markdown(tmp_path, files).split("## How to complain", 1)[1].split("\n## ", 1)[0]
    assert complain.index("complain to us") < complain.index("Information Commissioner's Office")
    assert "https://hill.example.org/complaints" in complain and "c@hill.example.org" in complain
    assert "within 30 days" in complain


def test_a_notice_reviewed_before_the_complaints_duty_is_written_in_the_law_of_its_day(tmp_path: Path) -> None:
    files = minimal_facts()
    files["pupils.yaml"]["last_reviewed"] = "2026-06-18"
    assert "30 days" not in _markdown(tmp_path, files)


def test_the_facts_may_name_the_information_commission_and_the_notice_uses_the_name_in_force(tmp_path: Path) -> None:
    files = minimal_facts()
    files["organisation.yaml"]["supervisory_authority"] = {"name": "Information Commission"}
    assert check_notices(load_project(write_facts(tmp_path, files)).notices, datetime.date(2026, 12, 1)) == []
    # s.119 has no commencement date yet: the notice names the office in force on its review date.
    assert "complain to the Information Commissioner's Office" in _markdown(tmp_path, files)
