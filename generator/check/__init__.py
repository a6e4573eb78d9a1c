"""The completeness checker: UK GDPR Article 13/14 rules and lints on the facts, and the audit of
rendered notices. The rules table is data: generator/law/rules.yaml."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from pathlib import Path

from generator.check.audit import AuditFailed, audit_rendered
from generator.check.findings import Finding, Severity, shared_once, sorted_findings
from generator.check.fit import FITS
from generator.check.judge import APPLIES, JUDGEMENTS, Problem, applicable_rules
from generator.check.lints import LINTS
from generator.check.placeholders import placeholder_findings
from generator.check.printing import unprintable_findings
from generator.check.rules import RuleEntry, rule, rules_table
from generator.facts.cascade import ResolvedNotice
from generator.facts.errors import Location
from generator.project import Project

DEFAULT_TEMPLATES = Path("templates")  # as `notices build` finds them: the project's, else the tool's own

__all__ = ["AuditFailed", "Finding", "Location", "RuleEntry", "Severity", "audit_rendered", "check_notices",
           "check_project", "rules_table"]


def check_project(project: Project, today: datetime.date | None = None,
                  templates: Path = DEFAULT_TEMPLATES) -> list[Finding]:
    """Everything `notices check` reports on the facts: each rule and lint on every notice, every character
    the PDFs made with ``templates`` cannot print, and every placeholder still to complete; sorted, the same
    on every run."""
    return sorted_findings(check_notices(project.notices, today) + unprintable_findings(project.tree, templates)
                           + placeholder_findings(project))


def check_notices(notices: list[ResolvedNotice], today: datetime.date | None = None) -> list[Finding]:
    """Every rule and lint judged on every notice's facts; sorted, the same on every run.

    A problem several schools' copies of a notice share (it is in the notice's own facts) is one finding
    naming those schools, not one per school.

    The facts are judged against the law in force ``today`` (the clock's date by default), which also
    decides whether a review date has passed and which changes of the law a notice predates.
    """
    today = today or datetime.date.today()
    table = rules_table(today)
    in_force = {entry.id for entry in table}
    findings = []
    for notice in notices:
        # A rule judges the notice alone; a lint is also told the day.
        checks: list[tuple[str, Callable[..., Iterator[Problem]], tuple[datetime.date, ...]]]
        checks = [(entry.id, JUDGEMENTS[entry.id], ()) for entry in applicable_rules(notice, today)
                  if entry.id in JUDGEMENTS]
        checks += [(lint_id, lint, (today,)) for lint_id, lint in LINTS.items() if lint_id in in_force]
        checks += [(entry.id, FITS[entry.id], (today,)) for entry in table
                   if entry.kind == "fit" and APPLIES[entry.applies](notice)]
        # A fact of the organisation file is the same for every school and notice: report it once (and
        # shared_once makes one finding of a notice's or its children's version's facts for every school).
        organisation_file = notice.organisation.location.file if notice.organisation.location else None
        for rule_id, judge, extra in checks:
            for message, location in judge(notice, *extra):
                shared = location is not None and location.file == organisation_file
                findings.append(Finding(rule_id, rule(rule_id).severity, message, location,
                                        None if shared else notice.variant.id, None if shared else notice.id))
    return sorted_findings(shared_once(findings))
