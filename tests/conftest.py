"""Shared fixtures: the project's folders, and copies of the example facts to change in a test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "notices"
TEMPLATES = PROJECT / "templates"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_AS_PUBLISHED = FIXTURES / "seed-as-published"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """A copy of notices/ that a test may change."""
    target = tmp_path / "notices"
    shutil.copytree(EXAMPLE, target)
    return target


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, driven by Playwright: one browser for the whole session (Playwright allows one)."""
    executable = shutil.which("chromium")
    assert executable, "Debian's chromium package is needed (.ci/system-packages installs it)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()
