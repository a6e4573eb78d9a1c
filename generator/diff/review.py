"""The review of a change to the facts: what changed per school and notice, how far each change reaches,
the findings it introduces and fixes, and notices whose change list was not updated."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from generator.check import Finding, check_project
from generator.check.findings import sorted_findings
from generator.diff.code import CodeReview
from generator.diff.compare import BOOKKEEPING, TOPIC_WORDS, FactChange, changes_facts, compare_notices
from generator.diff.documents import document_changes
from generator.diff.sides import Side
from generator.facts.cascade import ResolvedNotice


@dataclass
class NoticeDiff:
    """One school's notice: added, removed, or changed, and how."""

    school: str
    school_name: str
    notice: str
    title: str
    status: Literal["added", "removed", "changed"]
    changes: list[FactChange] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.school}/{self.notice}"

    @property
    def unrecorded(self) -> bool:
        """Its facts changed, but neither its version nor its change list did."""
        topics = {change.topic for change in self.changes}
        return self.status == "changed" and changes_facts(self.changes) and not topics & {"version", "change list"}


@dataclass
class Reach:
    """A change and every notice it reaches (a trust-level change reaches every school's copy)."""

    change: FactChange
    keys: list[str]

    @property
    def schools(self) -> list[str]:
        return sorted({key.split("/", 1)[0] for key in self.keys})


@dataclass
class SuggestedEntry:
    """A change-list entry to add to a notice whose facts changed without one."""

    notice: str
    file: str
    schools: list[str]
    date: datetime.date
    version: str
    summary: str

    def as_yaml(self) -> str:
        return (f"changes:\n  - date: {self.date.isoformat()}\n    version: \"{self.version}\"\n"
                f"    summary: >-\n      {self.summary}\n")


@dataclass
class FactsDiff:
    base: str
    head: str
    schools_added: list[tuple[str, str]]
    schools_removed: list[tuple[str, str]]
    notices: list[NoticeDiff]
    reaches: list[Reach]
    introduced: list[Finding]
    fixed: list[Finding]
    suggestions: list[SuggestedEntry]
    code: CodeReview = field(default_factory=CodeReview)
    documents: list[str] = field(default_factory=list)  # the record of processing's and retention schedules' changes

    @property
    def facts_unchanged(self) -> bool:
        return not (self.notices or self.schools_added or self.schools_removed or self.introduced or self.fixed
                    or self.documents)

    @property
    def empty(self) -> bool:
        return self.facts_unchanged and not self.code

    @property
    def new_errors(self) -> list[Finding]:
        return [finding for finding in self.introduced if finding.severity == "error"]


def _schools(notices: list[ResolvedNotice]) -> dict[str, str]:
    return {notice.variant.id: notice.variant.name for notice in notices}


def _notice_diffs(base: list[ResolvedNotice], head: list[ResolvedNotice]) -> list[NoticeDiff]:
    old = {notice.key: notice for notice in base}
    new = {notice.key: notice for notice in head}
    diffs = []
    for key in sorted(old.keys() | new.keys()):
        either = new.get(key) or old[key]
        diff = NoticeDiff(either.variant.id, either.variant.name, either.id, either.notice.title,
                          "removed" if key not in new else "added" if key not in old else "changed")
        if diff.status == "changed":
            diff.changes = compare_notices(old[key], new[key])
        if diff.status != "changed" or diff.changes:
            diffs.append(diff)
    return diffs


def _reaches(notices: list[NoticeDiff]) -> list[Reach]:
    """Each distinct change once, with the notices it reaches, in the order first met."""
    reaches: dict[FactChange, Reach] = {}
    for notice in notices:
        for change in notice.changes:
            reaches.setdefault(change, Reach(change, [])).keys.append(notice.key)
    return list(reaches.values())


def _findings(side: Side, today: datetime.date) -> list[Finding]:
    return sorted_findings(check_project(side.project, today))


def _identity(finding: Finding) -> tuple:
    # Not the location: moving a fact down the file does not make its finding new.
    return (finding.rule, finding.school, finding.notice, finding.message)


def _delta(before: list[Finding], after: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    old = {_identity(finding) for finding in before}
    new = {_identity(finding) for finding in after}
    return ([finding for finding in after if _identity(finding) not in old],
            [finding for finding in before if _identity(finding) not in new])


def next_version(version: str | None) -> str:
    """'2.0' -> '2.1', '3' -> '4': the last number counts up; no version yet -> '1.0'."""
    if not version:
        return "1.0"
    match = re.search(r"(\d+)(?!.*\d)", version)
    if match is None:
        return version + ".1"
    return version[:match.start()] + str(int(match[1]) + 1) + version[match.end():]


def change_list_summary(topics: set[str]) -> str:
    """The suggested change-list sentence for changes under ``topics``, naming them as the notice orders them."""
    words = list(dict.fromkeys(words for topic, words in TOPIC_WORDS.items() if topic in topics))
    return "We updated " + (", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else words[0]) + "."


def _suggestions(notices: list[NoticeDiff], head: Side, today: datetime.date) -> list[SuggestedEntry]:
    by_notice: dict[str, list[NoticeDiff]] = {}
    for notice in notices:
        if notice.unrecorded:
            by_notice.setdefault(notice.notice, []).append(notice)
    versions = {notice.id: notice.notice.version for notice in head.notices}
    suggestions = []
    for notice_id, diffs in sorted(by_notice.items()):
        topics = {change.topic for diff in diffs for change in diff.changes} - BOOKKEEPING
        summary = change_list_summary(topics)
        file = Path(head.tree.files.get(f"notice:{notice_id}", f"{notice_id}.yaml")).name
        suggestions.append(SuggestedEntry(notice_id, file, [diff.school for diff in diffs], today,
                                          next_version(versions.get(notice_id)), summary))
    return suggestions


def review(base: Side, head: Side, today: datetime.date, code: CodeReview | None = None) -> FactsDiff:
    """Everything a reviewer needs to know about going from ``base`` to ``head``; ``code``, the review of the
    files outside the facts (diff/code.py), joins it as it is."""
    old_schools, new_schools = _schools(base.notices), _schools(head.notices)
    notices = _notice_diffs(base.notices, head.notices)
    introduced, fixed = _delta(_findings(base, today), _findings(head, today))
    return FactsDiff(
        base.label, head.label,
        sorted((sid, name) for sid, name in new_schools.items() if sid not in old_schools),
        sorted((sid, name) for sid, name in old_schools.items() if sid not in new_schools),
        notices, _reaches(notices), introduced, fixed, _suggestions(notices, head, today), code or CodeReview(),
        document_changes(base.notices, head.notices),
    )
