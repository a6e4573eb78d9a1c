"""What a change to the facts does to the documents that are no notices, in plain sentences: the record of
processing (its activities, cell by cell) and each school's retention schedule (its rows). A change every activity
shares (a new security measure) is one sentence with the number of activities it reaches."""

from __future__ import annotations

from generator.facts.cascade import ResolvedNotice
from generator.render import record_of_processing as record, retention_schedule as schedule

RECORD = "Record of processing"


def _quoted(items: list[str]) -> str:
    return ", ".join(f"'{item}'" for item in items)


def _record_rows(notices: list[ResolvedNotice]) -> dict[tuple[str, ...], dict[str, list[str]]]:
    return {tuple(cells[:record.KEY_COLUMNS]): {column.heading: cell.split("\n") if cell else []
                                                 for column, cell in zip(record.COLUMNS, cells)}
            for cells in map(record.row, record.activities(notices))}


def record_changes(base: list[ResolvedNotice], head: list[ResolvedNotice]) -> list[str]:
    """Activities added and removed (counted per school and notice), and each cell's items added or removed."""
    old, new = _record_rows(base), _record_rows(head)
    counted: dict[str, int] = {}
    for keys, verb in ((new.keys() - old.keys(), "added"), (old.keys() - new.keys(), "removed")):
        for school, notice, *_ in sorted(keys):
            sentence = f"{RECORD}: activities {verb} for '{notice}' at {school}"
            counted[sentence] = counted.get(sentence, 0) + 1
    for key in sorted(old.keys() & new.keys()):
        for heading, items in new[key].items():
            before = old[key][heading]
            added = [item for item in items if item not in before]
            removed = [item for item in before if item not in items]
            if added or removed:
                what = "; ".join(part for part in (f"now {_quoted(added)}" if added else "",
                                                   f"no longer {_quoted(removed)}" if removed else "") if part)
                sentence = f"{RECORD}: {heading} at {key[0]}: {what}"
                counted[sentence] = counted.get(sentence, 0) + 1
    return [f"{sentence} ({count} {'activity' if count == 1 else 'activities'})." for sentence, count in counted.items()]


def _schedule_rows(notices: list[ResolvedNotice]) -> dict[tuple[str, str], dict[str, str]]:
    schools: dict[str, list[ResolvedNotice]] = {}
    for notice in notices:
        schools.setdefault(notice.variant.name, []).append(notice)
    return {(school, row.rule.records): dict(zip(schedule.HEADINGS, row.cells()))
            for school, held in schools.items() for row in schedule.schedule_rows(held)}


def schedule_changes(base: list[ResolvedNotice], head: list[ResolvedNotice]) -> list[str]:
    """Each school's schedule: records added or removed, and each column of a row that changed."""
    old, new = _schedule_rows(base), _schedule_rows(head)
    lines = [f"Retention schedule of {school}: '{records}' {verb}."
             for keys, verb in ((new.keys() - old.keys(), "added"), (old.keys() - new.keys(), "removed"))
             for school, records in sorted(keys)]
    for school, records in sorted(old.keys() & new.keys()):
        before, after = old[school, records], new[school, records]
        lines += [f"Retention schedule of {school}: '{records}': {heading} changed from "
                  f"'{' '.join(before[heading].split())}' to '{' '.join(after[heading].split())}'."
                  for heading in schedule.HEADINGS if before[heading] != after[heading]]
    return lines


def document_changes(base: list[ResolvedNotice], head: list[ResolvedNotice]) -> list[str]:
    return record_changes(base, head) + schedule_changes(base, head)
