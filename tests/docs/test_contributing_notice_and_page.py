"""docs/contributing.md's recipes "Add a notice" and "Add a page" work as written: on a copy of the project,
the files the page shows are written where it says and its commands run as they stand; the new notice is
checked, built and on the website, in a school's facts and from the library, and the new page is on the site."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT, keep_only_notice

PAGE = PROJECT / "docs" / "contributing.md"
# A fenced block, maybe indented as a list item's: its indent, its language, its body.
_BLOCK = re.compile(r"^( *)```(\w+)\n(.*?)^\1```", re.MULTILINE | re.DOTALL)
_PATH = re.compile(r"`([\w./-]+\.(?:yaml|md))`")

pytestmark = pytest.mark.slow  # each builds the notices or the website, or starts the command several times


def section(heading: str) -> str:
    """The page's text under ``heading`` (a whole line, e.g. '### To the library'), up to the next heading
    of the same or a higher level."""
    text = PAGE.read_text("utf-8")
    level = heading.split(" ", 1)[0]
    start = text.index(f"\n{heading}\n")
    end = re.compile(rf"^#{{1,{len(level)}}} ", re.MULTILINE).search(text, start + len(heading) + 2)
    return text[start:end.start() if end else len(text)]


def blocks(text: str) -> list[tuple[str, str, str]]:
    """(language, body with the list item's indent removed, the file the text before it names last)."""
    found = []
    for match in _BLOCK.finditer(text):
        indent, language, body = match.groups()
        named = _PATH.findall(text[:match.start()])
        found.append((language, "".join(line[len(indent):] for line in body.splitlines(keepends=True)),
                      named[-1] if named else ""))
    return found


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The project as the website is built from it, with one notice of the example, and a `notices` command
    on the PATH that runs the copy's generator."""
    project = tmp_path / "project"
    for name in ("generator", "templates", "notices", "site_overrides"):
        shutil.copytree(PROJECT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(PROJECT / "mkdocs.yml", project / "mkdocs.yml")
    keep_only_notice(project / "notices")
    command = tmp_path / "bin" / "notices"
    command.parent.mkdir()
    command.write_text(f'#!/bin/sh\nexec "{sys.executable}" -c "from generator.cli import main; main()" "$@"\n',
                       "utf-8")
    command.chmod(command.stat().st_mode | stat.S_IXUSR)
    return project


def run(copy: Path, script: str) -> subprocess.CompletedProcess:
    """A shell block of the page, run as written in the copy, stopping at the first command that fails."""
    env = {**os.environ, "PYTHONPATH": str(copy), "PATH": f"{copy.parent / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(["bash", "-e", "-c", script], cwd=copy, env=env, capture_output=True, text=True,
                          check=False)


def write(copy: Path, block: tuple[str, str, str]) -> Path:
    _, body, named = block
    assert named, "the page names no file before this block"
    path = copy / named
    path.write_text(body, "utf-8")
    return path


def test_a_notice_added_to_the_facts_is_checked_built_and_on_the_site(copy: Path) -> None:
    notice, commands = blocks(section("### To a school's facts"))
    assert notice[0] == "yaml" and notice[2] == "notices/newsletter.yaml" and commands[0] == "sh"
    written = write(copy, notice)
    written.write_text(notice[1].replace("sources: none\n", ""), "utf-8")
    unchecked = run(copy, "notices check")
    assert unchecked.returncode == 1 and "newsletter.yaml" in unchecked.stdout + unchecked.stderr
    assert not (copy / "dist").exists()
    write(copy, notice)
    done = run(copy, commands[1])
    assert done.returncode == 0, done.stderr
    assert "2 notices for 1 school: 0 errors" in done.stdout
    assert (copy / "dist" / "oakmoor" / "newsletter.pdf").read_bytes().startswith(b"%PDF")
    assert "until you unsubscribe" in (copy / "dist" / "oakmoor" / "newsletter.html").read_text("utf-8")
    page = (copy / "site" / "schools" / "oakmoor" / "newsletter" / "index.html").read_text("utf-8")
    assert "How we use your details for our newsletter" in page and "send you our newsletter" in page


def test_a_notice_added_to_the_library_is_listed_adopted_and_checked(copy: Path) -> None:
    write(copy, blocks(section("### To a school's facts"))[0])
    (_, listing, _), (_, adoption, _) = blocks(section("### To the library"))
    listed = run(copy, listing)
    assert listed.returncode == 0, listed.stderr
    assert re.search(r"^newsletter +How we use your details for our newsletter\n +If you sign up, we email you",
                     listed.stdout, re.MULTILINE)
    adopted = run(copy, adoption)
    assert adopted.returncode == 0, adopted.stdout + adopted.stderr
    assert "wrote notices/newsletter.yaml" in adopted.stdout
    assert (copy / "notices" / "newsletter.yaml").read_text("utf-8") == (
        copy / "generator" / "library" / "notices" / "newsletter.yaml").read_text("utf-8")
    assert "2 notices for 1 school: 0 errors" in adopted.stdout


def test_a_page_added_is_on_the_site_and_in_its_menu(copy: Path) -> None:
    page, command = blocks(section("## Add a page"))
    assert page[2] == "templates/site/pages/accessibility.md" and command[0] == "sh"
    write(copy, page)
    done = run(copy, command[1])
    assert done.returncode == 0, done.stderr
    built = (copy / "site" / "accessibility" / "index.html").read_text("utf-8")
    assert re.search(r"<h1[^>]*>Accessibility statement", built) and "level AA" in built
    assert 'href="accessibility/"' in (copy / "site" / "index.html").read_text("utf-8")
