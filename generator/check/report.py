"""The checker's findings as people and machines read them: a text report, JSON, GitHub annotations."""

from __future__ import annotations

import json
from itertools import groupby

from generator.check.findings import Finding


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
        return f"{notice}, for every school"
    return "the organisation, for every school and notice"


def text_report(findings: list[Finding]) -> str:
    """Grouped by school and notice; each line starts with file:line:col so editors can jump to it."""
    lines = []
    for (school, notice), group in groupby(findings, key=lambda f: (f.school, f.notice)):
        lines.append(_group_title(school, notice))
        for finding in group:
            where = f"{finding.location}: " if finding.location else ""
            lines.append(f"  {where}{finding.severity} {finding.rule}: {finding.message} (see {finding.see})")
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
        "notice": finding.notice,
        "see": finding.see,
    }


def json_report(findings: list[Finding], notice_count: int, school_count: int) -> str:
    errors = sum(finding.severity == "error" for finding in findings)
    document = {
        "notices": notice_count,
        "schools": school_count,
        "errors": errors,
        "warnings": len(findings) - errors,
        "findings": [finding_dict(finding) for finding in findings],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(finding: Finding) -> str:
    """One GitHub Actions workflow command: ``::error file=...,line=...,col=...,title=...::message``."""
    properties = []
    if finding.location:
        properties.append(f"file={_escape_property(finding.location.file)}")
        if finding.location.line:
            properties += [f"line={finding.location.line}", f"col={finding.location.column or 1}"]
    properties.append(f"title={_escape_property(finding.rule)}")
    return f"::{finding.severity} {','.join(properties)}::{_escape_data(f'{finding.message} (see {finding.see})')}"


def github_report(findings: list[Finding]) -> str:
    return "\n".join(github_annotation(finding) for finding in findings)
