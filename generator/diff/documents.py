"""What a change to the facts does to the documents that are no notices, in plain sentences, for the facts no notice
prints (the rest reach them by construction and the review names them as notice changes): the record of
processing's systems, security measures and joint controllers, and what each school's retention schedule says
happens at the end of a period. A change every activity shares (a new security measure) is one sentence with the
number of activities it reaches."""

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


RECORD_ONLY = [column.heading for column in record.COLUMNS if column.record_only]


def record_changes(base: list[ResolvedNotice], head: list[ResolvedNotice]) -> list[str]:
    """In each activity both sides have, the items of a record-only column added or removed."""
    old, new = _record_rows(base), _record_rows(head)
    counted: dict[str, int] = {}
    for key in sorted(old.keys() & new.keys()):
        for heading in RECORD_ONLY:
            items = new[key][heading]
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
    """Each school's schedule: a schedule-only column of a row both sides have that changed."""
    old, new = _schedule_rows(base), _schedule_rows(head)
    lines = []
    for school, records in sorted(old.keys() & new.keys()):
        before, after = old[school, records], new[school, records]
        lines += [f"Retention schedule of {school}: '{records}': {heading} changed from "
                  f"'{' '.join(before[heading].split())}' to '{' '.join(after[heading].split())}'."
                  for heading in schedule.SCHEDULE_ONLY if before[heading] != after[heading]]
    return lines


def processor_changes(base: list[ResolvedNotice], head: list[ResolvedNotice]) -> list[str]:
    """The entries of what we do as another controller's processor (Article 30(2)): added, removed or changed."""
    def entries(notices: list[ResolvedNotice]) -> dict[str, list[str]]:
        return {row[0].split("\n")[0]: row for row in record.processor_rows(notices[0].organisation)} if notices else {}

    old, new = entries(base), entries(head)
    lines = [f"{RECORD}: processing for {controller} {verb}."
             for names, verb in ((new.keys() - old.keys(), "added"), (old.keys() - new.keys(), "removed"))
             for controller in sorted(names)]
    return lines + [f"{RECORD}: processing for {controller}: {column.heading} changed."
                    for controller in sorted(old.keys() & new.keys())
                    for column, before, after in zip(record.PROCESSOR_COLUMNS, old[controller], new[controller])
                    if before != after]


def document_changes(base: list[ResolvedNotice], head: list[ResolvedNotice]) -> list[str]:
    return record_changes(base, head) + processor_changes(base, head) + schedule_changes(base, head)
