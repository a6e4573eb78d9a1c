"""Tables as spreadsheet files (an .xlsx workbook, CSV) and read back: every cell text, never a formula, and the
same bytes on every build.

A fact is data: text beginning with "=" (or "+", "-", "@") would be read as a formula by a spreadsheet program
(CSV or formula injection, https://owasp.org/www-community/attacks/CSV_Injection). In the workbook each cell is
written as a string, which no program evaluates; in CSV, which has no types, such a cell is written with a
leading apostrophe, as OWASP advises, and read back without it.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from generator.render.build_libraries import BuildLibrary

OPENPYXL = BuildLibrary("openpyxl")
# Zip entries and the workbook's properties carry this date, not the clock's: rebuilt, the file is byte-identical.
FIXED_TIME = datetime.datetime(2000, 1, 1)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
Table = Sequence[Sequence[str]]


@dataclass(frozen=True)
class Sheet:
    title: str
    rows: Table  # the first row is the headings
    widths: Sequence[int] = ()  # each column's width in characters, when not the default


def sheet_title(name: str, taken: set[str]) -> str:
    """A name as a sheet's tab can hold it: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    title = "".join(" " if character in "[]:*?/\\" else character for character in name).strip(" '")[:31] or "Sheet"
    unique, number = title, 2
    while unique.casefold() in taken:
        suffix = f" ({number})"
        unique, number = title[:31 - len(suffix)] + suffix, number + 1
    taken.add(unique.casefold())
    return unique


def workbook_bytes(sheets: Sequence[Sheet], title: str, author: str) -> bytes:
    """An .xlsx workbook of ``sheets``: headings bold and frozen, text wrapped, every cell a string."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        worksheet = workbook.create_sheet(sheet.title)
        for row_number, row in enumerate(sheet.rows, 1):
            for column_number, text in enumerate(row, 1):
                cell = worksheet.cell(row=row_number, column=column_number)
                cell.value = text
                cell.data_type = "s"  # text, even when it begins with "="
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if row_number == 1:
                    cell.font = Font(bold=True)
        worksheet.freeze_panes = "A2"
        for column_number, width in enumerate(sheet.widths, 1):
            worksheet.column_dimensions[get_column_letter(column_number)].width = width
    workbook.properties.title = title
    workbook.properties.creator = author
    workbook.properties.lastModifiedBy = author
    workbook.properties.created = workbook.properties.modified = FIXED_TIME
    written = io.BytesIO()
    workbook.save(written)
    return _dated(written.getvalue())


def _dated(archive: bytes) -> bytes:
    """The zip archive again, each entry dated FIXED_TIME and the core properties' dates fixed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry.filename)
            if entry.filename == "docProps/core.xml":  # openpyxl stamps "modified" with the clock as it saves
                content = _fixed_dates(content)
            info = zipfile.ZipInfo(entry.filename, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, content)
    return out.getvalue()


def _fixed_dates(core: bytes) -> bytes:
    from lxml import etree

    tree = etree.fromstring(core)
    for element in tree:
        if etree.QName(element).localname in ("created", "modified"):
            element.text = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True)


def workbook_sheets(content: bytes) -> dict[str, list[list[str]]]:
    """Each sheet of a workbook by title, as rows of cell text ("" for an empty cell)."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content), read_only=True)
    try:
        return {worksheet.title: [["" if value is None else str(value) for value in row]
                                  for row in worksheet.iter_rows(values_only=True)]
                for worksheet in workbook.worksheets}
    finally:
        workbook.close()


def csv_bytes(rows: Table) -> bytes:
    """The table as CSV (UTF-8 with a byte order mark, so that Excel reads its letters right; CRLF line ends)."""
    written = io.StringIO()
    writer = csv.writer(written, lineterminator="\r\n")
    writer.writerows([[f"'{cell}" if cell.startswith(_FORMULA_START) else cell for cell in row] for row in rows])
    return ("\ufeff" + written.getvalue()).encode("utf-8")


def csv_rows(content: bytes) -> list[list[str]]:
    """A CSV file written by ``csv_bytes`` read back, the apostrophe before a would-be formula taken off."""
    rows = csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""))
    return [[cell[1:] if cell.startswith("'") and cell[1:].startswith(_FORMULA_START) else cell for cell in row]
            for row in rows]
