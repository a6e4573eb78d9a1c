"""The record of processing (UK GDPR Article 30): `notices build --format ropa` writes a workbook with a sheet for
the trust and one per school, a row per purpose and group of people, every Article 30(1) column filled from the
facts or flagged for `notices check`; the CSV holds the same rows; a fact is never a formula; rebuilt, the bytes
are the same; and the audit fails a record that says more or less than the facts."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.check import check_project
from generator.facts.errors import Location
from generator.project import load_project
from generator.render import record_of_processing as record
from generator.render.formats import RenderContext
from generator.render.formats.ropa import HEADINGS, audit_csv, audit_workbook, render_csv, render_workbook
from generator.render.spreadsheet import csv_bytes, csv_rows, workbook_sheets
from tests.conftest import EXAMPLE, TEMPLATES, notices, write_facts
from tests.minimal_facts import minimal_facts

CONTEXT = RenderContext(templates=TEMPLATES)
WHERE = Location("record-of-processing.xlsx")
ARTICLE_30 = [heading for column, heading in zip(record.COLUMNS, HEADINGS) if column.article]


def test_the_example_workbook_has_a_row_per_purpose_and_group_of_people(tmp_path: Path) -> None:
    result = notices("build", "--facts", str(EXAMPLE), "--format", "ropa", "--out", str(tmp_path / "out"),
                     "--no-cache")
    assert result.exit_code == 0, result.output
    workbook = load_workbook(tmp_path / "out" / "record-of-processing.xlsx")
    assert workbook.sheetnames == ["Trust", "Oakmoor School"]
    rows = list(workbook["Oakmoor School"].iter_rows(values_only=True))
    project = load_project(EXAMPLE)
    expected = sum(len(n.notice.purposes) * len(n.notice.data_subjects) for n in project.notices)
    assert len(rows) - 1 == expected == 95  # e.g. the pupils notice: 7 purposes x pupils, parents and carers
    assert list(rows[0]) == HEADINGS
    for row in rows[1:]:
        cells = dict(zip(HEADINGS, row))
        # The example keeps every fact Article 30 asks for: no cell is flagged.
        assert all(cells[heading] and record.NOT_IN_FACTS not in cells[heading] for heading in ARTICLE_30
                   if "Joint controllers" not in heading and "Representative" not in heading), cells
    pupils = [dict(zip(HEADINGS, row)) for row in rows[1:] if row[1] == project.tree.notices["pupils"].title]
    census = next(cells for cells in pupils if cells["Purpose (Art 30(1)(b))"].startswith("meet the duties"))
    assert census["Lawful basis (Article 6)"] == "Article 6(1)(c) (Legal obligation)"
    assert "Department for Education (DfE)" in census["Recipients (Art 30(1)(d))"].split("\n")
    assert "Ethnic group" in census["Categories of personal data (Art 30(1)(c))"].split("\n")
    assert census["Systems"] == "Our management information system\nOur safeguarding records system"
    trust = dict(workbook["Trust"].iter_rows(values_only=True))
    assert trust["Controller"] == "University of Chichester Academy Trust"
    assert trust["School: Oakmoor School"] == "95 processing activities"


def test_a_missing_fact_is_flagged_in_its_cell_and_named_by_check(tmp_path: Path) -> None:
    files = minimal_facts()
    del files["organisation.yaml"]["security_measures"]
    project = load_project(write_facts(tmp_path / "notices", files))
    sheets = workbook_sheets(render_workbook(project.notices, CONTEXT))
    (row,) = [dict(zip(HEADINGS, row)) for row in sheets["Hill School"][1:]]
    assert row["Security measures (Art 30(1)(g))"] == record.NOT_IN_FACTS
    found = [finding for finding in check_project(project) if finding.rule == "L.record"]
    assert len(found) == 1 and "security_measures" in found[0].message
    assert found[0].location is not None and found[0].location.file.endswith("organisation.yaml")


def test_a_fact_beginning_with_equals_stays_text(tmp_path: Path) -> None:
    files = minimal_facts()
    files["pupils.yaml"]["purposes"][0]["description"] = '=HYPERLINK("https://evil.example","x")'
    files["organisation.yaml"]["security_measures"] = ["+1+1", "@SUM(A1)", "-2"]
    (notice,) = load_project(write_facts(tmp_path / "notices", files)).notices
    workbook = load_workbook(io.BytesIO(render_workbook([notice], CONTEXT)))
    cells = [cell for row in workbook["Hill School"].iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    purpose = next(cell for cell in cells if str(cell.value).startswith("=HYPERLINK"))
    assert purpose.data_type == "s"
    written = render_csv([notice], CONTEXT).decode("utf-8-sig")
    assert "'=HYPERLINK" in written and "\n=" not in written and ",=" not in written
    assert "'+1+1" in written
    # Read back, the apostrophe goes again: the audit compares the facts' own words.
    assert audit_csv(render_csv([notice], CONTEXT), [notice], WHERE) == []
    assert csv_rows(csv_bytes([["=1", "'quoted", "plain"]])) == [["=1", "'quoted", "plain"]]


def test_rebuilt_the_files_are_byte_identical(tmp_path: Path) -> None:
    project = load_project(EXAMPLE)
    first = render_workbook(project.notices, CONTEXT)
    assert render_workbook(project.notices, CONTEXT) == first
    assert render_csv(project.notices, CONTEXT) == render_csv(project.notices, CONTEXT)


def test_a_trust_has_a_sheet_per_school(tmp_path: Path) -> None:
    files = minimal_facts()
    files["schools/vale.yaml"] = {**files["schools/hill.yaml"], "name": "Vale School: Juniors / Infants"}
    project = load_project(write_facts(tmp_path / "notices", files))
    sheets = workbook_sheets(render_workbook(project.notices, CONTEXT))
    assert list(sheets) == ["Trust", "Hill School", "Vale School  Juniors   Infants"]
    assert [row[0] for row in sheets["Vale School  Juniors   Infants"][1:]] == ["Vale School: Juniors / Infants"]
    csv = csv_rows(render_csv(project.notices, CONTEXT))
    assert [row[0] for row in csv[1:]] == ["Hill School", "Vale School: Juniors / Infants"]


@pytest.mark.parametrize("written", ["workbook", "csv"])
def test_the_audit_fails_a_record_that_differs_from_the_facts(tmp_path: Path, written: str) -> None:
    project = load_project(write_facts(tmp_path / "notices", minimal_facts()))
    good = project.notices
    files = minimal_facts()
    files["pupils.yaml"]["categories"].append({"id": "health", "name": "Medical information"})
    files["pupils.yaml"]["recipients"].pop()
    changed = load_project(write_facts(tmp_path / "changed", files)).notices
    render, audit = (render_workbook, audit_workbook) if written == "workbook" else (render_csv, audit_csv)
    assert audit(render(good, CONTEXT), good, WHERE) == []
    messages = [finding.message for finding in audit(render(changed, CONTEXT), good, WHERE)]
    assert any("states 'Medical information', which the facts do not hold" in message for message in messages)
    assert any("does not state \"Countyshire Council Children's Services\"" in message
               or "does not state 'Countyshire Council Children's Services'" in message for message in messages)


def test_libreoffice_opens_the_workbook(tmp_path: Path, libreoffice: str) -> None:
    project = load_project(EXAMPLE)
    workbook = tmp_path / "record-of-processing.xlsx"
    workbook.write_bytes(render_workbook(project.notices, CONTEXT))
    result = subprocess.run(
        [libreoffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2",
         "--outdir", str(tmp_path / "converted"), str(workbook)],
        capture_output=True, text=True, timeout=180)
    # The filter's last option (2) exports the second sheet, the school's, to a file named after it.
    converted = sorted((tmp_path / "converted").glob("*.csv"))
    assert result.returncode == 0 and converted, result.stdout + result.stderr
    school = next(path for path in converted if "Oakmoor" in path.name)
    rows = csv_rows(school.read_bytes())
    assert rows[0] == HEADINGS and len(rows) == 96


def test_processing_for_another_controller_has_its_own_sheet(tmp_path: Path) -> None:
    files = minimal_facts()
    files["organisation.yaml"]["processing_for_others"] = [{
        "controller": "Countyshire Council", "contact": {"email": "dpo@countyshire.example.org"},
        "processing": ["payroll for the council's nursery staff"]}]
    project = load_project(write_facts(tmp_path / "notices", files))
    content = render_workbook(project.notices, CONTEXT)
    sheets = workbook_sheets(content)
    assert list(sheets) == ["Trust", "Hill School", "As a processor"]
    heading, row = sheets["As a processor"]
    assert heading[0] == "Controller we act for (Art 30(2)(a))"
    assert row[0] == "Countyshire Council\ndpo@countyshire.example.org"
    assert row[2:] == ["payroll for the council's nursery staff", "None", "Staff sign in with their own accounts"]
    assert audit_workbook(content, project.notices, WHERE) == []
    # A workbook made before the entry was added leaves it out: the audit says so.
    del files["organisation.yaml"]["processing_for_others"]
    before = load_project(write_facts(tmp_path / "before", files)).notices
    messages = [finding.message for finding in audit_workbook(render_workbook(before, CONTEXT), project.notices, WHERE)]
    assert "The record of processing has no sheet 'As a processor': the writer must make it." in messages
