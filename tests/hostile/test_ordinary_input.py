"""No ordinary input crashes a command: every free-text field written with words from no dictionary, digits,
names, or the longest value the schema allows; `check`, `build` in every format and `site` each succeed or
report a finding at its file:line, and none says "internal error"."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from tests.facts.conftest import ERROR_LINE
from tests.hostile.conftest import every_field_facts, free_text_fields, notices, set_value, write_facts
from tests.site.conftest import copy_project

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

ODD_WORDS = ["Zorvexa Qlimbrit Oakmoor", "0042 7731 99", "Siobhán O'Brien-Smythe of Llanfairpwll", "Ofsted DfE Year 7",
             "Xq7zzkPLwXq7zzkPLwXq7zzkPLwXq7zzkPLw", "the 3rd of 12 SENCo EHCP reviews"]
LONGEST = ("Zorvexa " * 2500)[:20_000]  # the schema's longest free text (Text: 20,000 characters)


def _project(tmp_path: Path, value_of) -> Path:
    project = copy_project(tmp_path / "project")
    files = every_field_facts()
    for index, field in enumerate(free_text_fields(files)):
        set_value(files, field, value_of(index))
    for path in (project / "notices").iterdir():
        (path.unlink() if path.is_file() else None)
    for folder in ("schools", "children", "sections"):
        for path in (project / "notices" / folder).glob("*.yaml"):
            path.unlink()
    write_facts(project / "notices", files)
    return project


def _commands(project: Path) -> dict[str, object]:
    facts = str(project / "notices")
    return {"check": notices("check", "--facts", facts, "--templates", str(project / "templates")),
            "build": notices("build", "--facts", facts, "--templates", str(project / "templates"),
                             "--out", str(project / "dist")),
            "site": notices("site", "--config", str(project / "mkdocs.yml"), "--out", str(project / "site"))}


def test_words_from_no_dictionary_digits_and_names_in_every_field_build_every_format_and_the_site(tmp_path) -> None:
    odd = itertools.cycle(ODD_WORDS)
    results = _commands(_project(tmp_path, lambda _index: next(odd)))
    for command, result in results.items():
        assert "internal error" not in result.output, f"{command}: {result.output}"
        assert result.exit_code == 0, f"{command}: {result.output}"
    assert (tmp_path / "project" / "dist" / "hill" / "booklet.pdf").is_file()


def test_the_longest_value_in_every_field_is_refused_at_its_place_by_every_command(tmp_path, caplog) -> None:
    results = _commands(_project(tmp_path, lambda _index: LONGEST))
    for command, result in results.items():
        assert "internal error" not in result.output and "Traceback" not in result.output, f"{command}: {result.output}"
        assert result.exit_code == 1, f"{command}: {result.output}"
        # The website's build logs the checker's findings (MkDocs), then says it was not built.
        assert "L.one-page" in (caplog.text if command == "site" else result.output), f"{command}: {result.output}"
    assert any(ERROR_LINE.match(line.strip()) for line in results["check"].output.splitlines()), results["check"].output
