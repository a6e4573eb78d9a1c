"""The one publishing rule of `notices build`, `notices site` and the MkDocs plugin.

A notice with a checker error is not published: the build stops and names each error. With
``--publish-incomplete`` (the plugin's ``publish_incomplete: true``) it is published, marked as
incomplete in every format. Placeholders left 'TO BE COMPLETED' are refused either way.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from generator.check import DEFAULT_TEMPLATES, check_notices
from generator.check.findings import Finding
from generator.check.findings_report import scope, see_also
from generator.check.printing import unprintable_findings
from generator.check.rules import rule
from generator.facts.cascade import ResolvedNotice, Shortfall
from generator.facts.errors import printable
from generator.notices_error import NoticesError
from generator.project import Project


class IncompleteNotices(NoticesError):
    """The facts leave out what the law requires, and nobody asked to publish the notices as incomplete."""

    see = "publishing.md#incomplete-notices"
    closing = "Nothing was published; the previous output was left as it was."

    def __init__(self, errors: list[Finding], can_publish_incomplete: bool = True):
        self.errors = errors
        lines = [f"the checker found {len(errors)} error{'' if len(errors) == 1 else 's'} in the facts, so "
                 "nothing was published:"]
        for finding in errors:
            where = f"{finding.location}: " if finding.location else ""
            lines.append(printable(f"  {where}{finding.rule} in {scope(finding)}: {finding.message} {see_also(finding)}"))
        lines.append("Complete the facts ('notices check' lists the same errors)" + (
            ", or publish the notices marked as incomplete with --publish-incomplete." if can_publish_incomplete
            else "; the PDFs cannot be made until then."))
        super().__init__("\n".join(lines))


def _shortfalls(notice: ResolvedNotice, errors: list[Finding]) -> list[Shortfall]:
    rules = sorted({finding.rule for finding in errors if finding.concerns(notice.variant.id, notice.id)})
    return [Shortfall(rule=rule_id, missing=_lower_first(rule(rule_id).title)) for rule_id in rules]


def _lower_first(title: str) -> str:
    return title[:1].lower() + title[1:]


def publishable_notices(project: Project, publish_incomplete: bool = False,
                        today: datetime.date | None = None, templates: Path = DEFAULT_TEMPLATES) -> list[ResolvedNotice]:
    """The notices to publish: all of them when the checker finds no error; with errors, none
    (IncompleteNotices) unless ``publish_incomplete``, which marks each notice with what it leaves out.
    A character the PDFs made with ``templates`` cannot print is refused either way: no PDF could be made."""
    notices = project.publishable()
    unprintable = unprintable_findings(project.tree, templates)
    if unprintable:
        raise IncompleteNotices(unprintable, can_publish_incomplete=False)
    errors = [finding for finding in check_notices(notices, today) if finding.severity == "error"]
    if not errors:
        return notices
    if not publish_incomplete:
        raise IncompleteNotices(errors)
    return [notice.model_copy(update={"incomplete": _shortfalls(notice, errors)}) for notice in notices]


def excused(finding: Finding, notices: list[ResolvedNotice]) -> bool:
    """Whether an audit finding only repeats what a notice published as incomplete already says it leaves out:
    the section of a rule the checker flagged is missing on purpose, since the notice invents nothing."""
    for notice in notices:
        if notice.incomplete and finding.concerns(notice.variant.id, notice.id):
            flagged = {shortfall.rule for shortfall in notice.incomplete}
            sections = {section for rule_id in flagged for section in rule(rule_id).sections}
            if finding.rule in flagged or sections & set(rule(finding.rule).sections):
                return True
    return False
