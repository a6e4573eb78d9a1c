"""One publishing rule for every format: a notice with checker errors is refused (naming each error at its
file:line with its rule id, the previous output kept) unless --publish-incomplete, which marks it in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.render.formats import all_formats
from tests.check.conftest import minimal_facts
from tests.conftest import TEMPLATES, notices, write_facts

BANNER = "This notice is incomplete. It was published before its facts were complete"


def _build(facts: Path, out: Path, *options: str):
    return notices("build", "--facts", str(facts), "--templates", str(TEMPLATES), "--out", str(out), "--no-cache",
                   *options)


@pytest.fixture
def without_sources(tmp_path: Path) -> Path:
    files = minimal_facts()
    del files["pupils.yaml"]["sources"]
    return write_facts(tmp_path / "incomplete", files)


@pytest.mark.parametrize("output_format", sorted(all_formats()))
def test_each_format_refuses_a_notice_with_a_checker_error_and_keeps_the_previous_output(
        tmp_path: Path, without_sources: Path, output_format: str) -> None:
    out = tmp_path / "dist"
    assert _build(write_facts(tmp_path / "complete", minimal_facts()), out, "--format", "md").exit_code == 0
    before = (out / "hill" / "pupils.md").read_bytes()
    result = _build(without_sources, out, "--format", output_format)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "error: the checker found 1 error in the facts, so nothing was published:"
    assert "pupils.yaml:" in lines[1] and "A14.2.f in hill/pupils: The notice does not say where the data comes from" in lines[1]
    assert "--publish-incomplete" in lines[2]
    assert (out / "hill" / "pupils.md").read_bytes() == before


@pytest.mark.slow
def test_publish_incomplete_marks_the_notice_in_every_format(tmp_path: Path, without_sources: Path) -> None:
    out = tmp_path / "dist"
    result = _build(without_sources, out, "--publish-incomplete")
    assert result.exit_code == 0, result.output
    for name, output_format in all_formats().items():
        if name == "json":  # its reader gives the notice's sections; the mark is a field of its own
            continue
        if output_format.document is not None or output_format.audit is not None:
            continue  # forms, letters, the record and the schedule are not the notice: the notice's pages carry the mark
        path = out / output_format.output_path("hill", None if output_format.scope == "school" else "pupils")
        text = " ".join(output_format.read_text(path.read_bytes()).split())
        assert f"{BANNER}, and does not yet say everything the law requires: where the data comes from." \
            in text, name
    document = json.loads((out / "hill" / "pupils.json").read_text("utf-8"))
    assert document["incomplete"] == [{"rule": "A14.2.f", "missing": "where the data comes from"}]


def test_a_complete_notice_has_no_mark(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    assert _build(write_facts(tmp_path / "complete", minimal_facts()), out, "--format", "md,json").exit_code == 0
    assert "incomplete" not in (out / "hill" / "pupils.md").read_text("utf-8")
    assert json.loads((out / "hill" / "pupils.json").read_text("utf-8"))["incomplete"] == []
