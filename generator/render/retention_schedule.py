"""The retention schedule: every kind of record a school's notices keep, how long, why, and what happens at the
end, as one table whose columns are declared here once for the website, the PDF, the CSV and their audit."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.facts.cascade import ResolvedNotice
from generator.facts.models import RetentionRule
from generator.law.instruments import resolve_all
from generator.render.record_of_processing import NOT_IN_FACTS

TITLE = "Retention schedule"
HEADINGS = ("Records", "How long we keep them", "Why this long", "Law cited (catalogue id)", "What happens at the end",
            "Notices")
KEY_COLUMNS = 2  # a row is known by its records and period
SCHEDULE_ONLY = ("What happens at the end",)  # what no notice prints: `notices diff` names its changes as the schedule's


@dataclass
class ScheduleRow:
    """One retention rule, and the notices that state it (a trust's notices share some)."""

    rule: RetentionRule
    notices: list[ResolvedNotice] = field(default_factory=list)

    @property
    def why(self) -> str:
        """The reason the facts give: the citation of the law when they cite the catalogue, else their words."""
        cited = resolve_all(self.rule.basis) if self.rule.basis else None
        return " and ".join(instrument.citation for instrument in cited) if cited else self.rule.basis or ""

    @property
    def law(self) -> str:
        """The catalogue ids of the law the reason cites, if it cites the catalogue."""
        cited = resolve_all(self.rule.basis) if self.rule.basis else None
        return ", ".join(instrument.id for instrument in cited) if cited else ""

    @property
    def at_the_end(self) -> str:
        return self.rule.at_the_end or NOT_IN_FACTS  # the L.retention-end warning names the fact to add

    @property
    def titles(self) -> list[str]:
        return list(dict.fromkeys(notice.notice.title for notice in self.notices))

    def cells(self) -> list[str]:
        """The row as the CSV holds it; the notices one per line."""
        return [" ".join(text.split()) for text in (self.rule.records, self.rule.period, self.why, self.law,
                                                     self.at_the_end)] + ["\n".join(self.titles)]


def schedule_rows(notices: list[ResolvedNotice]) -> list[ScheduleRow]:
    """Every retention rule of these notices once (the same records, period, reason and end in two notices is
    one row naming both), in the notices' order."""
    rows: dict[tuple, ScheduleRow] = {}
    for notice in notices:
        for rule in notice.notice.retention:
            key = (rule.records, rule.period, rule.basis, rule.at_the_end)
            rows.setdefault(key, ScheduleRow(rule)).notices.append(notice)
    return list(rows.values())
