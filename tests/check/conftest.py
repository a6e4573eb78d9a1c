"""A minimal trust, school and notice that break no rule; each test changes one fact and writes them."""

from __future__ import annotations

import datetime
from pathlib import Path

from generator.check import Finding, check_project
from generator.project import load_project
from tests.conftest import write_facts
from tests.minimal_facts import minimal_facts  # noqa: F401 - the check tests import it from here

TODAY = datetime.date(2026, 11, 29)

def findings_for(folder: Path, files: dict[str, dict]) -> list[Finding]:
    """Every finding of `notices check` on ``files``."""
    return check_project(load_project(write_facts(folder, files)), TODAY)
