"""The `notices` command as a user meets it: repeatable builds, editor schemas, and --debug."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest

import generator.cli
import generator.project
from generator.facts.schema import SCHEMAS
from generator.facts.strict_yaml import load_yaml_file
from generator.render.formats import all_formats
from tests.conftest import EXAMPLE, FIXTURES, TEMPLATES, notice_template_holding, notices

SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(?P<target>\S+)$")
EXAMPLE_FILES = sorted(path for path in EXAMPLE.rglob("*.y*ml") if "schema" not in path.parts)



def digest(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.slow
def test_two_builds_in_a_row_are_byte_identical_in_every_format(example_copy: Path, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "second-school" / "regis.yaml", example_copy / "schools" / "regis.yaml")
    out = tmp_path / "dist"
    digests = []
    for _ in range(2):
        # --no-cache: the second build must render again, not copy the first from the cache.
        result = notices("build", "--facts", str(example_copy), "--templates", str(TEMPLATES), "--out", str(out),
                         "--no-cache")
        assert result.exit_code == 0, result.output
        digests.append(digest(out))
    assert digests[0] == digests[1]
    built_notices = generator.project.load_project(example_copy).notices
    for output_format in all_formats().values():
        expected = [path for path, _ in output_format.files(built_notices)]
        assert expected, f"{output_format.name} makes no file"
        for path in expected:
            assert path.as_posix() in digests[0], f"{output_format.name} wrote no {path}"


def test_the_schema_command_writes_the_committed_schemas(tmp_path: Path) -> None:
    result = notices("schema", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    committed = EXAMPLE / "schema"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in committed.iterdir())
    for written in tmp_path.iterdir():
        assert written.read_bytes() == (committed / written.name).read_bytes(), (
            f"notices/schema/{written.name} is out of date: run 'notices schema'")


@pytest.mark.parametrize("path", EXAMPLE_FILES + [FIXTURES / "second-school" / "regis.yaml"],
                         ids=lambda path: path.name)
def test_each_example_file_names_its_schema_on_the_first_line(path: Path) -> None:
    match = SCHEMA_LINE.match(path.read_text("utf-8").splitlines()[0])
    assert match, f"{path.name} does not start with '# yaml-language-server: $schema=...'"
    in_place = EXAMPLE / "schools" / path.name if path.is_relative_to(FIXTURES) else path
    target = (in_place.parent / match["target"]).resolve()
    assert target.parent == (EXAMPLE / "schema").resolve() and target.exists(), match["target"]
    kind = ("organisation" if path.name == "organisation.yaml" else "school" if in_place.parent.name == "schools"
            else "shared-section" if in_place.parent.name == "sections"
            else "children" if in_place.parent.name == "children" else "notice")
    assert target.name == f"{kind}.schema.json"


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda path: path.name)
def test_the_schema_an_editor_uses_accepts_the_example(path: Path) -> None:
    """An editor must not underline a correct example: the schema agrees with the loader."""
    target = SCHEMA_LINE.match(path.read_text("utf-8").splitlines()[0])["target"]
    schema = (path.parent / target).resolve()
    data = load_yaml_file(path, path.name).data
    jsonschema.validate(data, json.loads(schema.read_text("utf-8")))


@pytest.mark.parametrize("slip", [{"sumary": "A typo"}, {"direct_marketing": "no"}, {"transfers": "no"}],
                         ids=["unknown key", "yes-no word in a true/false field", "no where none is meant"])
def test_the_schema_an_editor_uses_underlines_what_check_refuses(slip: dict) -> None:
    notice = load_yaml_file(EXAMPLE / "children-in-need.yaml", "children-in-need.yaml").data
    schema = json.loads((EXAMPLE / "schema" / "notice.schema.json").read_text("utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**notice, **slip}, schema)


def test_every_fact_model_has_a_committed_schema() -> None:
    assert {path.name for path in (EXAMPLE / "schema").iterdir()} == set(SCHEMAS)


def _break_the_build(monkeypatch: pytest.MonkeyPatch, bug: type[Exception] = RuntimeError) -> None:
    def broken(_facts):
        raise bug("a bug in the generator")
    monkeypatch.setattr(generator.project, "load_project", broken)  # the check command imports it as it runs


def test_a_value_error_from_a_bug_is_an_internal_error_not_a_message_about_the_facts(monkeypatch) -> None:
    _break_the_build(monkeypatch, ValueError)
    result = notices("check", "--facts", str(EXAMPLE))
    assert result.exit_code == 2
    assert "internal error: ValueError: a bug in the generator" in result.output


def test_an_internal_error_is_one_line_without_debug(monkeypatch: pytest.MonkeyPatch) -> None:
    _break_the_build(monkeypatch)
    result = notices("check", "--facts", str(EXAMPLE))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "internal error: RuntimeError: a bug in the generator" in result.output
    assert "notices --debug" in result.output


def test_debug_shows_the_traceback_of_an_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    _break_the_build(monkeypatch)
    result = notices("--debug", "check", "--facts", str(EXAMPLE))
    assert result.exit_code == 2
    assert "Traceback (most recent call last)" in result.output
    assert "RuntimeError: a bug in the generator" in result.output


def test_debug_shows_no_traceback_for_a_mistake_in_the_facts(example_copy: Path) -> None:
    organisation = example_copy / "organisation.yaml"
    organisation.write_text(organisation.read_text("utf-8") + "kind: academy\n", "utf-8")
    result = notices("--debug", "check", "--facts", str(example_copy))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.startswith("organisation.yaml:")


@pytest.mark.parametrize("slip, message", [
    ("{% for purpose in notice.purposes %", "expected token ':', got '}'"),
    ("{% for purpose in notice.purpose %}", "has no attribute 'purpose'"),
], ids=["syntax", "unknown fact"])
def test_a_slip_in_an_edited_template_is_named_at_its_line(tmp_path: Path, slip: str, message: str) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    page = notice_template_holding(templates, "{% for purpose in notice.purposes %}")
    text = page.read_text("utf-8")
    line = text[:text.index("{% for purpose in notice.purposes %}")].count("\n") + 1
    page.write_text(text.replace("{% for purpose in notice.purposes %}", slip, 1), "utf-8")
    result = notices("build", "--facts", str(EXAMPLE), "--templates", str(templates), "--out",
                     str(tmp_path / "dist"), "--format", "md")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    first = result.output.splitlines()[0]
    assert re.match(rf"^\S*{re.escape(page.name)}:({line}|{line + 1}): template error: .*{re.escape(message)}", first), first
    assert not (tmp_path / "dist").exists()
