"""Rendered Markdown diffs cleanly: the same facts give the same bytes, and a one-word change to a fact
changes exactly one line (one paragraph is one line, never re-wrapped)."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from tests.conftest import notices

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow


ROOT = Path(__file__).resolve().parents[2]
RENDERED = Path("oakmoor") / "children-in-need.md"


def build_markdown(facts: Path, out: Path) -> list[str]:
    result = notices("build", "--facts", str(facts), "--templates", str(ROOT / "templates"),
                                       "--out", str(out), "--format", "md", "--no-cache")
    assert result.exit_code == 0, result.output
    return (out / RENDERED).read_text(encoding="utf-8").splitlines()


@pytest.fixture
def facts(tmp_path: Path) -> Path:
    copy = tmp_path / "notices"
    shutil.copytree(ROOT / "notices", copy)
    return copy


def test_two_builds_are_byte_identical(facts, tmp_path):
    assert build_markdown(facts, tmp_path / "one") == build_markdown(facts, tmp_path / "two")


@pytest.mark.parametrize(("old", "new"), [
    ("keep them safe and keep track of how they are doing", "keep them safe and follow how they are doing"),  # folded summary
    ("To look after the health of the children", "To look after the wellbeing of the children"),  # a reason
    ("not from schools: the local authority sends it", "not from schools: the local authority returns it"),  # Markdown
    ("notes of meetings about the child", "notes of meetings about the pupil"),  # an example in a list
])
def test_a_one_word_change_changes_exactly_one_line(facts, tmp_path, old, new):
    before = build_markdown(facts, tmp_path / "before")
    # The fact is in the notice's file or in a shared section it includes (notices/sections/).
    [notice] = [path for path in facts.rglob("*.yaml") if old in path.read_text(encoding="utf-8")]
    assert notice.read_text(encoding="utf-8").count(old) == 1
    notice.write_text(notice.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    after = build_markdown(facts, tmp_path / "after")
    changed = [line for line in difflib.unified_diff(before, after, lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert len(changed) == 2, changed  # one line out, one line in
    assert changed[0].startswith("-") and changed[1].startswith("+")
    assert changed[1][1:] == changed[0][1:].replace(old, new)  # the same line, with the one word changed
