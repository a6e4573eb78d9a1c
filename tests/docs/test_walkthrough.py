"""The walkthrough for a maintained primary (docs/walkthrough-maintained-primary.md) runs as written: its `init`
leaves exactly the placeholders its table lists, at most 30 and each asked once; filling in those, and only
those, gives a `check` with no error and no warning; and its `notices site` publishes the school's website."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.facts.load import load_facts
from generator.facts.placeholders import MARKER, find_placeholders
from tests.conftest import PROJECT
from tests.docs.markdown import fenced_blocks

# Slow: builds the website; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

PAGE = PROJECT / "docs" / "walkthrough-maintained-primary.md"
TODAY = "2026-12-07"  # the law the acceptance of the walkthrough is judged under
_ROW = re.compile(r"^\| `(?P<file>[^`]+)` \| `(?P<fact>[^`]+)` \| (?P<answer>.+?) \|$", re.MULTILINE)


def commands() -> list[list[str]]:
    """The page's commands to run (its ```sh blocks), in order, each without the leading `notices`."""
    found = [shlex.split(line) for language, body in fenced_blocks(PAGE.read_text("utf-8")) if language == "sh"
             for line in body.splitlines() if line.strip()]
    assert all(command[0] == "notices" for command in found), found
    return [command[1:] for command in found]


def answers() -> dict[tuple[str, str], str]:
    """(file, fact) -> what the school wrote, from the page's table."""
    return {(row["file"], row["fact"]): row["answer"] for row in _ROW.finditer(PAGE.read_text("utf-8"))}


def left_to_fill(facts: Path) -> dict[tuple[str, str], tuple[int, str]]:
    """(file, fact) -> (its line, what it asks for), for every placeholder `check` lists."""
    found = {}
    for error in find_placeholders(load_facts(facts)):
        path = Path(error.location.file).resolve().relative_to(facts.resolve())
        found[(str(path), error.key_path)] = (error.location.line, error.message)
    return found


def run(folder: Path, command: list[str], monkeypatch) -> str:
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 0, f"notices {' '.join(command)}\n{result.output}"
    return result.output


def test_the_walkthrough_reaches_a_published_site_filling_only_the_facts_it_lists(tmp_path, monkeypatch) -> None:
    init, check, site = commands()
    assert init[0] == "init" and check == ["check"] and site == ["site"]
    run(tmp_path, init, monkeypatch)
    school = tmp_path / init[1]
    facts = school / "notices"
    left = left_to_fill(facts)
    written = answers()
    assert sorted(left) == sorted(written), (
        f"init leaves what the page does not list: {sorted(set(left) - set(written))}; "
        f"the page lists what init does not leave: {sorted(set(written) - set(left))}")
    assert len(left) <= 30
    asked = [what for _, what in left.values()]
    assert len(set(asked)) == len(asked), "a fact is asked for more than once"
    for (file, fact), (line, _) in left.items():
        path = facts / file
        lines = path.read_text("utf-8").splitlines(keepends=True)
        placeholder = re.search(r'"' + MARKER + r'[^"]*"', lines[line - 1])
        assert placeholder, f"{file}:{line}: {fact} is not on its line"
        lines[line - 1] = lines[line - 1].replace(placeholder[0], json.dumps(written[(file, fact)], ensure_ascii=False))
        path.write_text("".join(lines), "utf-8")
    checked = run(school, [*check, "--today", TODAY], monkeypatch)
    assert checked.endswith("1 school: 0 errors, 0 warnings.\n"), checked
    run(school, site, monkeypatch)
    pages = school / "site" / "schools" / "st-annes"
    assert (school / "site" / "index.html").is_file()
    assert "St Anne&#39;s CE Primary" in (pages / "pupils" / "index.html").read_text("utf-8") or \
        "St Anne's CE Primary" in (pages / "pupils" / "index.html").read_text("utf-8")
