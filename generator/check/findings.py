"""A finding of the completeness checker: which rule, how serious, what to do, and where."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from generator.distribution import manual
from generator.facts.errors import Location

Severity = Literal["error", "warning"]


def manual_anchor(rule_id: str) -> str:
    """The rule's anchor in the manual: 'A13.1.f' -> 'a13-1-f', 'L.naming' -> 'l-naming'."""
    return rule_id.lower().replace(".", "-")


@dataclass(frozen=True)
class Finding:
    rule: str  # e.g. "A13.1.f", or a lint id like "L.naming"
    severity: Severity
    message: str  # one plain sentence: what is wrong and what to do
    location: Location | None  # the fact concerned, or the notice file when the fact is absent
    school: str | None  # variant id, e.g. "oakmoor"
    notice: str | None  # notice id
    # A problem in a notice's own facts, shared by several schools, is one finding naming them all
    # (``school`` is None then): reported once, at its file:line.
    schools: tuple[str, ...] = ()

    def concerns(self, school: str, notice: str) -> bool:
        """Whether this finding is about the notice ``notice`` as school ``school`` publishes it."""
        if self.notice not in (None, notice):
            return False
        if self.schools:
            return school in self.schools
        return self.school in (None, school)

    @property
    def see(self) -> str:
        """Where the manual explains the rule."""
        return manual(f"rules.md#{manual_anchor(self.rule)}")

    def sort_key(self) -> tuple:
        return (self.school or "", self.notice or "", self.severity != "error", self.rule,
                self.location or Location(""), self.message)


def shared_once(findings: list[Finding]) -> list[Finding]:
    """Each problem once: the same finding (rule, message, place) in several schools' copies of a notice is
    one naming the schools, and one in several notices of a school (a fact of its own file) one for the school."""
    return _merged(_merged(findings, "school", "schools"), "notice", None)


def _merged(findings: list[Finding], field: str, listed_as: str | None) -> list[Finding]:
    """Findings that differ only in ``field`` as one, with ``field`` None (and the values in ``listed_as``)."""
    values: dict[Finding, set[str]] = {}
    for finding in findings:
        value = getattr(finding, field)
        key = finding if value is None or finding.schools else _replaced(finding, field, None)
        values.setdefault(key, set()).update([value] if key is not finding else [])
    merged = []
    for finding, found_in in values.items():
        if len(found_in) == 1:
            merged.append(_replaced(finding, field, next(iter(found_in))))
        elif found_in and listed_as:
            merged.append(_replaced(finding, listed_as, tuple(sorted(found_in))))
        else:
            merged.append(finding)
    return merged


def _replaced(finding: Finding, field: str, value: Any) -> Finding:
    """``finding`` with the field named ``field`` set to ``value`` (as ``dataclasses.replace``, which takes a
    third longer: a check merges thousands of findings)."""
    return Finding(**{**vars(finding), field: value})


def sorted_findings(findings: list[Finding]) -> list[Finding]:
    """Findings without repeats, grouped by school and notice, errors first: the same order every run."""
    return sorted(set(findings), key=Finding.sort_key)
