"""Shared fixtures: the project's folders, and copies of the example facts to change in a test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "notices"
TEMPLATES = PROJECT / "templates"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_AS_PUBLISHED = FIXTURES / "seed-as-published"


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """A copy of notices/ that a test may change."""
    target = tmp_path / "notices"
    shutil.copytree(EXAMPLE, target)
    return target
