"""The checker's findings as people and machines read them: a text report, JSON, GitHub annotations."""

from __future__ import annotations

import json
from itertools import groupby

from generator.check.findings import Finding
from generator.facts.errors import FactError, Location, error_kind, printable


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def summary(findings: list[Finding], notice_count: int, school_count: int) -> str:
    errors = sum(finding.severity == "error" for finding in findings)
    warnings = len(findings) - errors
    return (f"{_count(notice_count, 'notice')} for {_count(school_count, 'school')}: "
            f"{_count(errors, 'error')}, {_count(warnings, 'warning')}.")


def _group_title(school: str | None, notice: str | None) -> str:
    """'oakmoor / pupils'; a school's or a notice's own file (placeholders) has no other half."""
    if school and notice:
        return f"{school} / {notice}"
    if school:
        return f"{school}, for every notice"
    if notice:
        return f"{notice}, in its own file"
    return "the organisation, for every school and notice"


def scope(finding: Finding) -> str:
    """Whose notice a finding is about: 'oakmoor/pupils', 'pupils (50 schools)', 'oakmoor', or 'the organisation'."""
    if finding.school:
        return f"{finding.school}/{finding.notice}" if finding.notice else finding.school
    if finding.schools:
        return f"{finding.notice} ({_count(len(finding.schools), 'school')})"
    return finding.notice or "the organisation"


def see_also(finding: Finding) -> str:
    """'(see URL)', or '(affects 50 schools; see URL)' for a finding several schools' copies of a notice share."""
    reach = f"affects {_count(len(finding.schools), 'school')}; " if finding.schools else ""
    return f"({reach}see {finding.see})"


def text_report(findings: list[Finding]) -> str:
    """Grouped by school and notice; each line starts with file:line:col so editors can jump to it."""
    lines = []
    for (school, notice), group in groupby(findings, key=lambda f: (f.school, f.notice)):
        lines.append(_group_title(school, notice))
        for finding in group:
            where = f"{finding.location}: " if finding.location else ""
            lines.append(printable(f"  {where}{finding.severity} {finding.rule}: {finding.message} {see_also(finding)}"))
    return "\n".join(lines)


def finding_dict(finding: Finding) -> dict:
    """One finding as every JSON report gives it (``check`` and ``diff`` alike)."""
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "message": finding.message,
        "file": finding.location.file if finding.location else None,
        "line": finding.location.line or None if finding.location else None,
        "column": finding.location.column or None if finding.location else None,
        "school": finding.school,
        "schools": list(finding.schools) or ([finding.school] if finding.school else []),
        "notice": finding.notice,
        "see": finding.see,
    }


def json_report(findings: list[Finding], notice_count: int, school_count: int,
                reading_grades: dict[str, float] | None = None) -> str:
    errors = sum(finding.severity == "error" for finding in findings)
    document = {
        "notices": notice_count,
        "schools": school_count,
        "errors": errors,
        "warnings": len(findings) - errors,
        "findings": [finding_dict(finding) for finding in findings],
        "reading_grades": reading_grades or {},  # each children's version's Flesch-Kincaid grade, by notice id
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _workflow_command(severity: str, location: Location | None, title: str, message: str) -> str:
    """One GitHub Actions workflow command: ``::error file=...,line=...,col=...,title=...::message``, escaped
    as GitHub requires so that no fact (a newline in an id) can end it and start a command of its own."""
    properties = []
    if location:
        properties.append(f"file={_escape_property(location.file)}")
        if location.line:
            properties += [f"line={location.line}", f"col={location.column or 1}"]
    properties.append(f"title={_escape_property(title)}")
    return f"::{severity} {','.join(properties)}::{_escape_data(message)}"


def github_annotation(finding: Finding) -> str:
    return _workflow_command(finding.severity, finding.location, finding.rule, f"{finding.message} {see_also(finding)}")


def github_fact_errors(errors: list[FactError]) -> str:
    """Fact files that would not load, as error annotations at their file:line:col."""
    return "\n".join(_workflow_command("error", error.location, f"facts: {error_kind(error.code)}",
                                       " ".join(filter(None, (error.key_path, error.message, error.hint)))
                                       + f" (see {error.see})") for error in errors)


def github_report(findings: list[Finding]) -> str:
    return "\n".join(github_annotation(finding) for finding in findings)
