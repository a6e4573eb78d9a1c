"""Placeholders left by `notices new`, as checker findings grouped under their school or notice."""

from __future__ import annotations

from generator.check.findings import Finding
from generator.project import Project

PLACEHOLDER_RULE = "placeholder"


def placeholder_findings(project: Project) -> list[Finding]:
    """One error per value still 'TO BE COMPLETED', at its file:line."""
    owners = {path: key.split(":", 1) for key, path in project.tree.files.items() if ":" in key}
    findings = []
    for error in project.placeholders:
        kind, owner = owners.get(error.location.file, ("", None))
        findings.append(Finding(
            PLACEHOLDER_RULE, "error", f"{error.key_path} {error.message} {error.hint}", error.location,
            owner if kind == "school" else None, owner if kind == "notice" else None,
        ))
    return findings
