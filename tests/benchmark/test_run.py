"""bench/run on a tiny tree, so that the benchmark of docs/performance.md cannot rot unnoticed."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import PROJECT

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

FIGURES = ["facts -> Markdown (all notices)", "site build vs plain mkdocs", "PDF per document", "booklet vs WeasyPrint",
           "full build vs HEAD", "PDF+Word stage speed-up", "one-school edit vs full build", "peak RSS of the whole build",
           "per-notice cost at 2 schools", "per-notice cost at 3 schools", "per-notice cost growth",
           # The edit loop: check, command start, an edit seen in `notices serve`, the build's stages.
           "check vs loading alone", "check vs the floor revision", "start: notices --version",
           "start: notices check --help", "serve: one edit to its page", "stage: load", "stage: check", "stage: pdf",
           "stage: site", "stages: the whole build"]


def test_bench_run_prints_every_figure_on_a_tiny_tree(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(PROJECT / "bench" / "run"), "--schools", "2", "--notices", "2", "--quick", "--scales", "2,3",
         "--against", "HEAD", "--work", str(tmp_path / "bench")],
        capture_output=True, text=True, timeout=1800,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for figure in FIGURES:
        line = next((line for line in lines if line.startswith(figure)), None)
        assert line is not None, f"bench/run printed no '{figure}':\n{result.stdout}"
        assert "skipped" not in line and ("x " in line or "MiB" in line or "/notice" in line), line
    # The engine's own share, so that a missed PDF target can be told from slow work before it.
    assert "Typst alone" in next(line for line in lines if line.startswith("PDF per document"))
    assert (tmp_path / "bench" / "facts" / "schools" / "school-0002.yaml").is_file()
