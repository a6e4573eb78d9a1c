"""The pull-request comment fits GitHub's 65,536-character limit at trust scale: a trust-wide change to fifty
schools is summarised per change with the schools it reaches and the completeness delta, and the comment says
where the full review is."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.synthetic import write_trust
from generator.cli import main
from generator.diff.compare import FactChange
from generator.diff.review import FactsDiff, NoticeDiff, Reach
from generator.diff.review_report import COMMENT_LIMIT, FULL_REVIEW, comment_report

GITHUB_LIMIT = 65_536
MARKER_AND_RUN_LINK = 300  # what the workflow adds around the comment: its marker and a link to the run


def trust_wide_change(tmp_path: Path) -> tuple[Path, Path]:
    """Fifty schools before and after a change to every notice the trust shares (a new category, longer
    retention) and to two of its recipients."""
    base = write_trust(tmp_path / "base", schools=50, notices=4)
    head = tmp_path / "head"
    shutil.copytree(base, head)
    organisation = head / "organisation.yaml"
    organisation.write_text(organisation.read_text("utf-8").replace("Ofsted", "Ofsted, the schools inspectorate"),
                            "utf-8")
    for notice in (path for path in head.glob("*.yaml") if path.name != "organisation.yaml"):
        text = re.sub(r"period: (\d+) years", lambda m: f"period: {int(m[1]) + 1} years", notice.read_text("utf-8"))
        notice.write_text(text.replace("categories:\n", "categories:\n- id: photographs\n  name: Photographs\n"
                                       "  examples: [class photographs]\n", 1), "utf-8")
    return base, head


@pytest.mark.slow
def test_a_trust_wide_change_to_fifty_schools_is_summarised_in_a_comment_that_fits(tmp_path: Path) -> None:
    base, head = trust_wide_change(tmp_path)
    comment = tmp_path / "comment.md"
    result = CliRunner().invoke(main, ["diff", str(base), str(head), "--format", "markdown", "--comment", str(comment),
                                       "--today", "2026-11-01"])
    assert result.exit_code == 0, result.output
    assert len(result.output) > 100_000  # the full review, for the job summary: too long for a comment
    text = comment.read_text("utf-8")
    assert len(text) + MARKER_AND_RUN_LINK < GITHUB_LIMIT
    assert "Completeness: 0 new findings (0 errors), 0 fixed." in text  # the delta
    # Per change, the schools it reaches (a few schools do not publish every notice).
    assert re.search(r"^- Category added: Photographs\. This affects 1\d\d notices in 50 schools\.$", text, re.MULTILINE)
    assert text.rstrip().endswith(FULL_REVIEW)
    assert "<details>" not in text  # no per-school detail: that is what grows with the trust


def test_a_comment_with_more_changes_than_fit_says_how_many_lines_it_left_out() -> None:
    changes = [FactChange("recipients", f"Recipient {index} added: {'a long name ' * 20}.") for index in range(2000)]
    notice = NoticeDiff("hill", "Hill School", "pupils", "Pupils", "changed", changes)
    diff = FactsDiff("main", "HEAD", [], [], [notice], [Reach(change, ["hill/pupils"]) for change in changes],
                     [], [], [])
    text = comment_report(diff)
    assert len(text) <= COMMENT_LIMIT
    left_out = re.search(r"^- \.\.\.and (\d+) more lines, in the full review\.$", text, re.MULTILINE)
    assert left_out and 2000 - int(left_out[1]) == text.count("added: a long name")
    assert text.rstrip().endswith(FULL_REVIEW)
