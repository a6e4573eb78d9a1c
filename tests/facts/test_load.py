"""Fact file names that cannot become pages."""

from __future__ import annotations

from pathlib import Path
from tests.conftest import notices




def test_a_notice_called_index_is_refused_because_it_would_hide_the_school_page(example_copy: Path) -> None:
    (example_copy / "index.yaml").write_text((example_copy / "children-in-need.yaml").read_text("utf-8"), "utf-8")
    result = notices("check", "--facts", str(example_copy))
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    assert first.endswith("index.yaml:1:1: cannot be a notice: 'index' is the name of each school's own page. "
                          "Rename the file after what the notice is about, e.g. 'pupils.yaml'.")
    assert "Traceback" not in result.output
