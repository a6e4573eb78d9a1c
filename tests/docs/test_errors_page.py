"""The example at the top of docs/errors.md is what `notices check` prints for that slip."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import PROJECT, notices
from tests.docs.markdown import fenced_blocks


def test_the_page_shows_the_lines_check_prints(example_copy: Path, monkeypatch) -> None:
    shown = next(body for language, body in fenced_blocks((PROJECT / "docs" / "errors.md").read_text("utf-8"))
                 if language == "text")
    school = example_copy / "schools" / "oakmoor.yaml"
    school.write_text(school.read_text("utf-8").replace("  email: ", "  emial: "), "utf-8")
    monkeypatch.chdir(example_copy.parent)
    result = notices("check", "--facts", "notices")
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == shown.splitlines()
