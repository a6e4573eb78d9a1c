"""Getting started cannot rot: every command of docs/getting-started.md runs, in order, in a copy of
the project, and prints what the page says it prints.

The page marks what runs as ```sh blocks (```shell blocks, like the git clone, are shown only). A
```text block right after a ```sh block is the output those commands print: each of its lines must
be one of the output's lines, where "..." stands for any text and runs of spaces count as one.
A command whose line ends with "# exits 1" must fail with status 1; every other one must succeed.
Each command runs in a new shell, after the `. file` commands run so far, as in the reader's terminal.
`make site` runs as its recipe in the Makefile, without the step that installs .venv (the copy links
to the project's).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PROJECT
from tests.docs.markdown import fenced_blocks

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

PAGE = PROJECT / "docs" / "getting-started.md"
# Build outputs and caches are not part of a clone; site/ and dist/ only at the top (templates/site is).
NOT_COPIED_ANYWHERE = shutil.ignore_patterns(".git", ".venv", "__pycache__", ".pytest_cache", "*.egg-info")
NOT_COPIED_AT_TOP = {"dist", "site", ".notices-cache", "bench"}


def _not_copied(folder: str, names: list[str]) -> set[str]:
    ignored = set(NOT_COPIED_ANYWHERE(folder, names))
    return ignored | (NOT_COPIED_AT_TOP & set(names)) if Path(folder) == PROJECT else ignored
HEREDOC = re.compile(r"<<-?\s*'?(\w+)'?")


def make_recipe(target: str) -> str:
    """The commands of a Makefile target, as one shell script (prerequisites are not run)."""
    lines = (PROJECT / "Makefile").read_text("utf-8").splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith(f"{target}:"))
    recipe = []
    for line in lines[start + 1:]:
        if not line.startswith("\t"):
            break
        recipe.append(line[1:].replace("$(BIN)", ".venv/bin").replace("$(VENV)", ".venv"))
    return " && ".join(recipe)


def commands(script: str) -> list[str]:
    """One entry per command: continued lines joined, a heredoc kept with its command."""
    found: list[str] = []
    lines = iter(script.splitlines())
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        command = line
        while command.endswith("\\"):
            command = command[:-1] + next(lines)
        heredoc = HEREDOC.search(command)
        if heredoc:
            body = []
            for inner in lines:
                body.append(inner)
                if inner == heredoc.group(1):
                    break
            command = "\n".join([command, *body])
        found.append(command)
    return found


def steps(text: str) -> list[tuple[list[str], str | None]]:
    """(commands of a sh block, the text block after it or None)."""
    blocks = fenced_blocks(text)
    result = []
    for index, (language, body) in enumerate(blocks):
        if language == "sh":
            following = blocks[index + 1] if index + 1 < len(blocks) else ("", "")
            result.append((commands(body), following[1] if following[0] == "text" else None))
    return result


def _squash(text: str) -> str:
    return " ".join(text.split())


def missing_lines(expected: str, output: str) -> list[str]:
    """Lines of ``expected`` that no line of ``output`` matches."""
    printed = [_squash(line) for line in output.splitlines()]
    missing = []
    for line in filter(str.strip, expected.splitlines()):
        pattern = re.compile(".*".join(re.escape(part) for part in _squash(line).split("...")))
        if not any(pattern.fullmatch(candidate) for candidate in printed):
            missing.append(line)
    return missing


def _project_copy(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    copy = tmp_path / "privacy-notices"
    shutil.copytree(PROJECT, copy, ignore=_not_copied, symlinks=True)
    (copy / ".venv").symlink_to(PROJECT / ".venv", target_is_directory=True)
    env = {**os.environ, "GIT_AUTHOR_NAME": "Tutorial", "GIT_AUTHOR_EMAIL": "tutorial@example.org",
           "GIT_COMMITTER_NAME": "Tutorial", "GIT_COMMITTER_EMAIL": "tutorial@example.org", "CI": "1"}
    env.pop("VIRTUAL_ENV", None)
    for git in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "fresh clone"]):
        subprocess.run(["git", *git], cwd=copy, env=env, check=True, capture_output=True)
    return copy, env


def test_the_page_has_steps_to_run() -> None:
    found = steps(PAGE.read_text("utf-8"))
    assert len(found) >= 8
    assert ["make site"] in [step[0] for step in found]
    assert any(command.endswith("# exits 1") for step in found for command in step[0])


def test_every_command_of_getting_started_works_as_the_page_says(tmp_path: Path) -> None:
    copy, env = _project_copy(tmp_path)
    sourced: list[str] = []  # like the reader's terminal, '. .venv/bin/activate' lasts for what follows
    for step_commands, expected in steps(PAGE.read_text("utf-8")):
        output = ""
        for command in step_commands:
            run = "\n".join([*sourced, make_recipe("site") if command == "make site" else command])
            if command.startswith((". ", "source ")):
                sourced.append(command)
            result = subprocess.run(["bash", "-c", run], cwd=copy, env=env, capture_output=True, text=True,
                                    timeout=300)
            printed = result.stdout + result.stderr
            wanted_status = 1 if command.split("\n")[0].rstrip().endswith("# exits 1") else 0
            assert result.returncode == wanted_status, f"{command}\n{printed}"
            assert "Traceback" not in printed, f"{command}\n{printed}"
            output += printed
        if expected is not None:
            assert missing_lines(expected, output) == [], f"{step_commands}\nprinted:\n{output}"


def test_make_site_runs_the_recipe_of_the_makefile() -> None:
    assert ".venv/bin/notices build --out dist" in make_recipe("site")


def test_the_output_matcher_needs_every_line() -> None:
    assert missing_lines("a ... c\n  see x", "a b  c\n  see x\n") == []
    assert missing_lines("a ... c\nnot printed", "a b c\n") == ["not printed"]
