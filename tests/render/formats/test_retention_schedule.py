"""The retention schedule: a school's PDF and CSV list every record its notices keep, how long, why (the law's
citation and catalogue id where the reason names it) and what happens at the end; a flagged cell where the facts
do not say; and the audit fails a schedule that leaves a rule out or adds one."""

from __future__ import annotations

from pathlib import Path

from generator.check import check_project
from generator.facts.errors import Location
from generator.project import load_project
from generator.render.formats import RenderContext
from generator.render.formats.retention import audit_schedule_csv, audit_schedule_text, render_schedule_csv
from generator.render.record_of_processing import NOT_IN_FACTS
from generator.render.retention_schedule import HEADINGS
from generator.render.spreadsheet import csv_rows
from tests.conftest import EXAMPLE, TEMPLATES, write_facts
from tests.minimal_facts import minimal_facts

CONTEXT = RenderContext(templates=TEMPLATES)
WHERE = Location("retention-schedule.csv")


def _rows(notices) -> list[dict[str, str]]:
    rows = csv_rows(render_schedule_csv(notices, CONTEXT))
    assert rows[0] == list(HEADINGS)
    return [dict(zip(HEADINGS, row)) for row in rows[1:]]


def test_the_example_schedule_lists_every_rule_once_with_its_end() -> None:
    notices = load_project(EXAMPLE).notices
    rows = _rows(notices)
    rules = {(rule.records, rule.period) for notice in notices for rule in notice.notice.retention}
    assert {(row["Records"], row["How long we keep them"]) for row in rows} == {
        (records, " ".join(period.split())) for records, period in rules}
    # The DBS rule is the same in two notices: one row naming both.
    (dbs,) = [row for row in rows if row["Records"].startswith("Copies of DBS certificates")]
    assert dbs["Notices"].count("\n") == 1
    registers = next(row for row in rows if row["Records"] == "Admission and attendance registers")
    assert registers["What happens at the end"] == "securely destroyed"
    assert all(row["What happens at the end"] != NOT_IN_FACTS for row in rows)


def test_a_reason_naming_the_law_by_catalogue_id_prints_its_citation_and_id(tmp_path: Path) -> None:
    files = minimal_facts()
    files["pupils.yaml"]["retention"][0]["basis"] = "school-attendance-regulations-2024"
    del files["pupils.yaml"]["retention"][0]["at_the_end"]
    project = load_project(write_facts(tmp_path / "notices", files))
    (row,) = _rows(project.notices)
    assert row["Law cited (catalogue id)"] == "school-attendance-regulations-2024"
    assert "Regulations 2024" in row["Why this long"]
    assert row["What happens at the end"] == NOT_IN_FACTS
    assert [finding.rule for finding in check_project(project)] == ["L.retention-end"]


def test_the_audit_fails_a_schedule_that_differs_from_the_facts(tmp_path: Path) -> None:
    good = load_project(write_facts(tmp_path / "notices", minimal_facts())).notices
    files = minimal_facts()
    files["pupils.yaml"]["retention"].append({"id": "extra", "records": "Lunch orders", "period": "one year",
                                              "at_the_end": "deleted"})
    more = load_project(write_facts(tmp_path / "more", files)).notices
    assert audit_schedule_csv(render_schedule_csv(good, CONTEXT), good, WHERE) == []
    (extra,) = audit_schedule_csv(render_schedule_csv(more, CONTEXT), good, WHERE)
    assert "Lunch orders" in extra.message and "which the facts do not hold" in extra.message
    (missing,) = audit_schedule_csv(render_schedule_csv(good, CONTEXT), more, WHERE)
    assert "leaves out Lunch orders" in missing.message
    printed = audit_schedule_text("Retention schedule\nPupil records until the pupil is 25", more, WHERE)
    assert {finding.message.split("'")[1] for finding in printed} >= {"Lunch orders", "securely destroyed"}
