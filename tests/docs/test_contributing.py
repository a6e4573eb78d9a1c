"""docs/contributing.md's recipes work as written, on a copy of the project: an optional notice field touches
the model and its template and shows in the built notice; a format added as one module is listed and built; a
rule added as the page says fires."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

PAGE = PROJECT / "docs" / "contributing.md"
# What the recipes' commands write: generated from the models, never edited by hand.
GENERATED = ("notices/schema/", "docs/fields.md", "docs/rules.md", "generator/render/notice-document.schema.json")


def _blocks(section: str, language: str) -> list[str]:
    """Each ``language`` block of the page's section ``section``, as it is to be pasted (the list item's indent
    removed, the code's own kept)."""
    text = PAGE.read_text("utf-8").split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    fences = re.findall(rf"^( *)```{language}\n(.*?)^\1```", text, re.M | re.S)
    return ["".join(line[len(indent):] for line in body.splitlines(keepends=True)) for indent, body in fences]


def _insert(path: Path, text: str, before: str | None = None, after_lines: tuple[str, int] | None = None) -> None:
    """Put ``text`` into ``path`` before the line ``before``, or ``after_lines[1]`` lines after the line that starts
    with ``after_lines[0]``."""
    lines = path.read_text("utf-8").splitlines(keepends=True)
    if before is not None:
        at = next(index for index, line in enumerate(lines) if line.strip() == before)
    else:
        assert after_lines is not None
        at = next(index for index, line in enumerate(lines) if line.startswith(after_lines[0])) + after_lines[1]
    path.write_text("".join(lines[:at]) + text + "".join(lines[at:]), "utf-8")


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The generator, templates, example facts and manual, to change as the page says."""
    for folder in ("generator", "templates", "notices", "docs"):
        shutil.copytree(PROJECT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def notices_in(copy: Path, *arguments: str) -> subprocess.CompletedProcess:
    """The `notices` command of the changed copy, run in it."""
    return subprocess.run([sys.executable, "-c", "from generator.cli import main; main()", *arguments], cwd=copy,
                          env={**os.environ, "PYTHONPATH": str(copy)}, capture_output=True, text=True, check=False)


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file() and "__pycache__" not in path.parts}


@pytest.mark.slow
def test_an_optional_notice_field_touches_the_model_and_its_template_and_shows_in_the_notice(copy: Path) -> None:
    page = PAGE.read_text("utf-8")
    before = _files(copy)
    (field,), (shown,) = _blocks("Add a field", "python"), _blocks("Add a field", "jinja")
    assert "after `summary`" in page and "just before the line\n   `{{ shared(common.extras, notice, 'contacts') }}`" in page
    _insert(copy / "generator" / "facts" / "models.py", field, after_lines=('    summary: Annotated[str | None, Role("summary"', 2))
    _insert(copy / "templates" / "notice.md.j2", shown, before="{{ shared(common.extras, notice, 'contacts') }}")
    for command in _blocks("Add a field", "sh")[0].splitlines():
        arguments = command.split()
        if arguments[0] == "notices":
            done = notices_in(copy, *arguments[1:])
        else:  # python -m ... > FILE
            *module, _, target = arguments
            done = subprocess.run([sys.executable, *module[1:]], cwd=copy, env={**os.environ, "PYTHONPATH": str(copy)},
                                  capture_output=True, text=True, check=False)
            (copy / target).write_text(done.stdout, "utf-8")
        assert done.returncode == 0, (command, done.stderr)
    after = _files(copy)
    changed = {name for name in after if before.get(name) != after[name]}
    assert {name for name in changed if not name.startswith(GENERATED)} == {
        "generator/facts/models.py", "templates/notice.md.j2"}
    assert "`other_formats`" in (copy / "docs" / "fields.md").read_text("utf-8")
    assert "other_formats" in (copy / "notices" / "schema" / "notice.schema.json").read_text("utf-8")

    shutil.copytree(copy / "notices", copy / "before")
    notice = copy / "notices" / "children-in-need.yaml"
    notice.write_text(notice.read_text("utf-8") + "other_formats: Ask the school office for large print.\n", "utf-8")
    checked = notices_in(copy, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = notices_in(copy, "build", "--format", "md,html", "--out", "dist", "--no-cache")
    assert built.returncode == 0, built.stderr
    for name in ("children-in-need.md", "children-in-need.html"):
        assert "In another format: Ask the school office for large print." in \
            (copy / "dist" / "oakmoor" / name).read_text("utf-8"), name
    review = notices_in(copy, "diff", "before", "notices", "--today", "2026-11-29")
    assert "other formats changed from not stated to 'Ask the school office for large print.'" in review.stdout, \
        review.stdout + review.stderr
    shown_json = notices_in(copy, "show", "oakmoor/children-in-need")
    assert '"other_formats": "Ask the school office for large print."' in shown_json.stdout, shown_json.stderr


def test_adding_a_format_as_the_page_says(copy: Path) -> None:
    (copy / "generator" / "render" / "formats" / "text.py").write_text(_blocks("Add a format", "python")[0], "utf-8")
    done = notices_in(copy, "build", "--format", "text", "--out", "dist", "--no-cache")
    assert done.returncode == 0, done.stderr
    text = (copy / "dist" / "oakmoor" / "children-in-need.txt").read_text("utf-8")
    assert "Who we are" in text and "Your rights" in text
    refused = notices_in(copy, "build", "--format", "txt", "--out", "dist")
    assert "unknown format txt; choose from " in refused.stderr, refused.stderr
    choices = refused.stderr.split("choose from ", 1)[1].splitlines()[0].split(", ")
    assert "text" in choices and {"md", "html", "pdf", "docx"} <= set(choices), choices


def test_the_build_library_of_the_format_recipe_is_how_the_formats_declare_theirs() -> None:
    snippet = _blocks("Add a format", "python")[1]
    docx_module = (PROJECT / "generator" / "render" / "formats" / "docx.py").read_text("utf-8")
    assert all(line.split("  #")[0].rstrip() in docx_module for line in snippet.splitlines() if line.strip())


@pytest.mark.slow
def test_adding_a_rule_as_the_page_says(copy: Path) -> None:
    (entry,) = _blocks("Add a rule", "yaml")
    judgement, values = _blocks("Add a rule", "python")
    _insert(copy / "generator" / "law" / "rules.yaml", entry + "\n", before="lints:")
    judge = copy / "generator" / "check" / "judge.py"
    judge.write_text(judge.read_text("utf-8") + "\n\n" + judgement, "utf-8")
    audit = copy / "generator" / "check" / "audit.py"  # the last entry of required_values' table
    audit.write_text(audit.read_text("utf-8").replace("\n    }\n    return values\n", f"\n{values}    }}\n    return values\n"),
                     "utf-8")
    assert '        "A12.1": [],\n    }\n    return values' in audit.read_text("utf-8")
    done = notices_in(copy, "docs", "--out", "docs")
    assert done.returncode == 0, done.stderr
    assert "A12.1" in (copy / "docs" / "rules.md").read_text("utf-8")
    shutil.copytree(PROJECT / "tests", copy / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    table = subprocess.run([sys.executable, "-m", "pytest", "-v", "-p", "no:cacheprovider", "tests/check/test_table.py"],
                           cwd=copy, env={**os.environ, "PYTHONPATH": str(copy)}, capture_output=True, text=True,
                           check=False)
    assert table.returncode == 0 and "[A12.1] PASSED" in table.stdout, table.stdout
    assert notices_in(copy, "check").returncode == 0  # the example gives every notice a summary
    notice = copy / "notices" / "children-in-need.yaml"
    notice.write_text(re.sub(r"(?m)^summary: .*(\n  .*)*\n", "", notice.read_text("utf-8"), count=1), "utf-8")
    fired = notices_in(copy, "check")
    assert fired.returncode == 1 and "error A12.1: The notice has no summary" in fired.stdout + fired.stderr, \
        fired.stdout + fired.stderr
