"""The record of processing activities (UK GDPR Article 30(1)) as a workbook and as CSV, for the DPO and the ICO.

One file for the whole organisation: the workbook has a sheet for the trust (the controller once), one per
school (its activities) and, for an organisation that processes data for other controllers, one of those entries
(Article 30(2)); the CSV has every school's activities in one table. For staff: the website offers it
only when mkdocs.yml names the format (docs/record-of-processing.md).
"""

from __future__ import annotations

from generator.check.findings import Finding
from generator.check.table_audit import audit_table
from generator.facts.cascade import ResolvedNotice
from generator.facts.errors import Location
from generator.render import record_of_processing as record
from generator.render.formats import Needs, OutputFormat, RenderContext, Subject, register
from generator.render.spreadsheet import (
    OPENPYXL,
    Sheet,
    csv_bytes,
    csv_rows,
    sheet_title,
    workbook_bytes,
    workbook_sheets,
)

WHAT = "record of processing"
PROCESSOR_SHEET = "As a processor"
PROCESSOR_HEADINGS = [column.heading for column in record.PROCESSOR_COLUMNS]
HEADINGS = [record.heading(column) for column in record.COLUMNS]
# Column widths in characters: the facts that name an activity narrow, the lists wide.
WIDTHS = [24, 28, 40, 24, *[40] * (len(HEADINGS) - 4)]


def _controller(notices: list[ResolvedNotice]) -> str:
    return notices[0].organisation.name or notices[0].variant.name


def _schools(notices: list[ResolvedNotice]) -> dict[str, list[ResolvedNotice]]:
    """Each school's (or the standalone organisation's) notices, by the school's name, in the notices' order."""
    schools: dict[str, list[ResolvedNotice]] = {}
    for notice in notices:
        schools.setdefault(notice.variant.name, []).append(notice)
    return schools


def _rows(notices: list[ResolvedNotice]) -> list[list[str]]:
    return [record.row(activity) for activity in record.activities(notices)]


def record_sheets(notices: list[ResolvedNotice]) -> list[Sheet]:
    """The controller's sheet, then one sheet of activities per school."""
    taken: set[str] = set()
    first = "Organisation" if notices[0].variant.standalone else "Trust"
    sheets = [Sheet(sheet_title(first, taken), [["About the controller", ""], *map(list, record.controller_details(notices))],
                    widths=[34, 80])]
    sheets += [Sheet(sheet_title(name, taken), [HEADINGS, *_rows(school)], widths=WIDTHS)
               for name, school in _schools(notices).items()]
    as_processor = record.processor_rows(notices[0].organisation)
    if as_processor:  # Article 30(2): only an organisation that processes data for other controllers has it
        sheets.append(Sheet(sheet_title(PROCESSOR_SHEET, taken), [PROCESSOR_HEADINGS, *as_processor],
                            widths=[40] * len(PROCESSOR_HEADINGS)))
    return sheets


def render_workbook(notices: list[ResolvedNotice], _context: RenderContext) -> bytes:
    controller = _controller(notices)
    return workbook_bytes(record_sheets(notices), f"Record of processing activities | {controller}", controller)


def render_csv(notices: list[ResolvedNotice], _context: RenderContext) -> bytes:
    return csv_bytes([HEADINGS, *_rows(notices)])


def _notices(subject: Subject) -> list[ResolvedNotice]:
    assert isinstance(subject, list)  # the organisation's file is made from all its notices
    return subject


def _audited(found: list[list[str]], notices: list[ResolvedNotice], where: Location) -> list[Finding]:
    return audit_table(found, _rows(notices), HEADINGS, record.KEY_COLUMNS, WHAT, "L.record", where)


def audit_workbook(content: bytes, subject: Subject, where: Location) -> list[Finding]:
    """Each school's sheet holds that school's activities as the facts give them, and nothing else."""
    notices = _notices(subject)
    sheets = workbook_sheets(content)
    expected = record_sheets(notices)
    findings = [Finding("L.record", "error", f"The {WHAT} has no sheet '{sheet.title}': the writer must make it.",
                        where, None, None) for sheet in expected if sheet.title not in sheets]
    for sheet, school in zip(expected[1:], _schools(notices).values()):
        if sheet.title in sheets:
            findings += _audited(sheets[sheet.title], school, where)
    if PROCESSOR_SHEET in sheets or record.processor_rows(notices[0].organisation):
        findings += audit_table(sheets.get(PROCESSOR_SHEET, []), record.processor_rows(notices[0].organisation),
                                PROCESSOR_HEADINGS, 1, f"{WHAT} (as a processor)", "L.record", where)
    return findings


def audit_csv(content: bytes, subject: Subject, where: Location) -> list[Finding]:
    return _audited(csv_rows(content), _notices(subject), where)


register(OutputFormat(
    name="ropa",
    suffix="record-of-processing.xlsx",
    render=render_workbook,
    description="the record of processing activities (UK GDPR Article 30) as a workbook: a sheet for the trust "
                "and one per school, one row per purpose and group of people",
    label="Record of processing activities (Excel workbook)",
    scope="organisation",
    needs=Needs(build=(OPENPYXL,)),
    audit=audit_workbook,
    laid_out=False,
    for_staff=True,
    childrens=False,
))

register(OutputFormat(
    name="ropa-csv",
    suffix="record-of-processing.csv",
    render=render_csv,
    description="the record of processing activities as one CSV table, every school's activities with its name",
    label="Record of processing activities (CSV)",
    scope="organisation",
    audit=audit_csv,
    laid_out=False,
    for_staff=True,
    childrens=False,
))
