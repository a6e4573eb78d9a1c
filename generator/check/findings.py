"""A finding of the completeness checker: which rule, how serious, what to do, and where."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from generator.defaults import manual
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

    @property
    def see(self) -> str:
        """Where the manual explains the rule."""
        return manual(f"rules.md#{manual_anchor(self.rule)}")

    def sort_key(self) -> tuple:
        return (self.school or "", self.notice or "", self.severity != "error", self.rule,
                self.location or Location(""), self.message)


def sorted_findings(findings: list[Finding]) -> list[Finding]:
    """Findings without repeats, grouped by school and notice, errors first: the same order every run."""
    return sorted(set(findings), key=Finding.sort_key)
