"""The audit of a document that is a table made from the facts (the record of processing, the retention schedule):
its rows read back, each compared item by item with the row the facts make, and no row the facts do not make."""

from __future__ import annotations

from collections.abc import Sequence

from generator.check.findings import Finding
from generator.facts.errors import Location


def audit_table(found: Sequence[Sequence[str]], expected: Sequence[Sequence[str]], headings: Sequence[str],
                key_columns: int, what: str, rule: str, where: Location, school: str | None = None) -> list[Finding]:
    """Findings for each row of ``expected`` that ``found`` lacks or states otherwise, and each row of ``found``
    the facts do not make. Rows are matched by their first ``key_columns`` cells; a cell lists items one per line,
    and each item missing or added is named. ``found`` starts with its heading row."""
    def finding(message: str) -> Finding:
        return Finding(rule, "error", message, where, school, None)

    if not found or [cell for cell in found[0]] != list(headings):
        return [finding(f"The {what} does not have the columns {', '.join(headings)}: the template or writer must "
                        "keep them.")]
    rows = {tuple(row[:key_columns]): row for row in found[1:]}
    findings = []
    for wanted in expected:
        key = tuple(wanted[:key_columns])
        name = " / ".join(cell.replace("\n", ", ") for cell in key)
        row = rows.pop(key, None)
        if row is None:
            findings.append(finding(f"The {what} leaves out {name}, which the facts hold."))
            continue
        for heading, cell, written in zip(headings, wanted, row):
            items, stated = cell.split("\n"), written.split("\n")
            findings += [finding(f"The {what}'s '{heading}' for {name} does not state '{item}', which the facts hold.")
                         for item in items if item and item not in stated]
            findings += [finding(f"The {what}'s '{heading}' for {name} states '{item}', which the facts do not hold.")
                         for item in stated if item and item not in items]
    findings += [finding(f"The {what} states {' / '.join(key)}, which the facts do not hold.") for key in rows]
    return findings
