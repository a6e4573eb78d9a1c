"""`notices new`: a new school or notice is valid from the start, every placeholder is a finding at
its file:line, and nothing is published while one remains."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from generator.distribution import manual
from generator.facts.placeholders import MARKER
from generator.facts.strict_yaml import load_yaml_file
from tests.conftest import EXAMPLE, TEMPLATES, notices

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow


def _placeholder_lines(path: Path) -> list[int]:
    return [number for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
            if MARKER in line and not line.lstrip().startswith("#")]


@pytest.mark.parametrize("kind, item_id, written, schema", [
    ("school", "foo", "schools/foo.yaml", "school.schema.json"),
    ("notice", "lettings", "lettings.yaml", "notice.schema.json"),
])
def test_a_new_file_is_valid_and_check_lists_each_placeholder_at_its_line(
        example_copy: Path, kind: str, item_id: str, written: str, schema: str) -> None:
    result = notices("new", kind, item_id, "--facts", str(example_copy))
    assert result.exit_code == 0, result.output
    path = example_copy / written
    data = load_yaml_file(path, written).data
    jsonschema.validate(data, json.loads((EXAMPLE / "schema" / schema).read_text("utf-8")))
    lines = _placeholder_lines(path)
    assert len(lines) >= 3

    check = notices("check", "--facts", str(example_copy))
    assert check.exit_code == 1, check.output
    listed = [int(match) for match in re.findall(rf"{re.escape(written)}:(\d+):\d+: error placeholder: ", check.output)]
    assert listed == lines
    assert "is still to be completed" in check.output
    title = f"{item_id}, for every notice" if kind == "school" else f"{item_id}, in its own file"
    assert title in check.output.splitlines()


def test_build_refuses_a_placeholder_naming_file_and_line_and_keeps_the_old_output(
        example_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert notices("build", "--facts", str(example_copy), "--templates", str(TEMPLATES), "--out", "dist",
                   "--format", "md").exit_code == 0
    before = (tmp_path / "dist" / "oakmoor" / "children-in-need.md").read_bytes()
    assert notices("new", "school", "foo", "--facts", str(example_copy)).exit_code == 0
    result = notices("build", "--facts", str(example_copy), "--templates", str(TEMPLATES), "--out", "dist",
                     "--format", "md")
    assert result.exit_code == 1
    first = _placeholder_lines(example_copy / "schools" / "foo.yaml")[0]
    assert result.output.splitlines()[0].startswith(f"notices/schools/foo.yaml:{first}:1: name: is still to be completed")
    assert f"see {manual('errors.md#placeholder')}" in result.output
    assert not (tmp_path / "dist" / "foo").exists()
    assert (tmp_path / "dist" / "oakmoor" / "children-in-need.md").read_bytes() == before


def test_once_every_placeholder_is_replaced_the_school_builds(example_copy: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert notices("new", "school", "hill", "--facts", str(example_copy)).exit_code == 0
    path = example_copy / "schools" / "hill.yaml"
    filled = re.sub(r'"TO BE COMPLETED: [^"]*"', "Hill School", path.read_text("utf-8"))
    path.write_text(filled.replace("# contact:\n#   role: Office Manager\n#   email: office@example.sch.uk",
                                   "contact:\n  role: Office Manager\n  email: office@example.sch.uk"), "utf-8")
    assert "error placeholder:" not in notices("check", "--facts", str(example_copy)).output
    result = notices("build", "--facts", str(example_copy), "--templates", str(TEMPLATES), "--out", "dist",
                     "--format", "md")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "dist" / "hill" / "children-in-need.md").exists()


@pytest.mark.parametrize("item_id", ["Foo", "foo_bar", "../foo", "foo--bar", "foo-", ""])
def test_an_id_that_is_not_a_slug_is_refused_and_nothing_written(example_copy: Path, item_id: str) -> None:
    before = sorted(example_copy.rglob("*"))
    result = notices("new", "school", item_id, "--facts", str(example_copy))
    assert result.exit_code == 1
    assert result.output.startswith(f"error: '{item_id}' cannot be a school id")
    assert sorted(example_copy.rglob("*")) == before


def test_an_existing_file_is_never_overwritten(example_copy: Path) -> None:
    original = (example_copy / "schools" / "oakmoor.yaml").read_bytes()
    result = notices("new", "school", "oakmoor", "--facts", str(example_copy))
    assert result.exit_code == 1
    assert "already exists" in result.output
    assert (example_copy / "schools" / "oakmoor.yaml").read_bytes() == original
    assert notices("new", "notice", "children-in-need", "--facts", str(example_copy)).exit_code == 1


@pytest.mark.parametrize(("notice_id", "taken_by"), [("index", "each school's own page"),
                                                    ("booklet", "each school's booklet (booklet.pdf)")])
def test_a_notice_id_the_site_takes_is_refused_before_anything_is_written(example_copy: Path, notice_id: str,
                                                                         taken_by: str) -> None:
    before = sorted(example_copy.rglob("*"))
    result = notices("new", "notice", notice_id, "--facts", str(example_copy))
    assert result.exit_code == 1
    assert result.output.startswith(f"error: '{notice_id}' cannot be a notice id: it is the name of {taken_by}")
    assert sorted(example_copy.rglob("*")) == before
    assert notices("check", "--facts", str(example_copy)).exit_code == 0  # nothing left behind to refuse
