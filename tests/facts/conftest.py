"""Helpers for the fact tests: run `notices` on a changed copy of the example, read what it said."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import notices

# What every error line starts with: a fact file, then line and column as editors count them.
ERROR_LINE = re.compile(r"^(?P<file>[\w./-]+\.ya?ml):(?P<line>\d+):(?P<column>\d+): ")



def edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in a fact file, failing loudly if the example no longer has it."""
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} is not in {path.name}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def line_of(path: Path, text: str) -> int:
    """The 1-based line where ``text`` first appears in a file."""
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} is not in {path.name}")


def refused(facts: Path) -> tuple[re.Match, str]:
    """`notices check` on ``facts`` must fail cleanly: exit 1, a file:line:col first line, no traceback."""
    result = notices("check", "--facts", str(facts))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    first = result.output.splitlines()[0]
    where = ERROR_LINE.match(first)
    assert where, f"no file:line:col in {first!r}"
    return where, first


def resolved(facts: Path, key: str = "oakmoor/children-in-need") -> dict:
    """One resolved notice as `notices show` prints it."""
    result = notices("show", "--facts", str(facts), key)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)
