"""docs/contributing.md's two recipes work as written: a field added with its role is loaded, diffed,
documented and exported; a format added as one module is built and audited."""

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


# The page's code sits in numbered steps: fences indented as list items, the code indented within them.
INDENTED_FENCE = re.compile(r"^( *)```python\n(.*?)^\1```", re.M | re.S)


def _python_blocks() -> list[str]:
    """Each Python block of the page, as it is to be pasted (the list item's indent removed, the code's kept)."""
    return ["".join(line[len(indent):] for line in body.splitlines(keepends=True))
            for indent, body in INDENTED_FENCE.findall(PAGE.read_text("utf-8"))]


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The generator, templates and example facts, to change as the page says."""
    for folder in ("generator", "templates", "notices"):
        shutil.copytree(PROJECT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def notices_in(copy: Path, *arguments: str) -> subprocess.CompletedProcess:
    """The `notices` command of the changed copy, run in it."""
    return subprocess.run([sys.executable, "-c", "from generator.cli import main; main()", *arguments], cwd=copy,
                          env={**os.environ, "PYTHONPATH": str(copy)}, capture_output=True, text=True, check=False)


def test_adding_a_field_as_the_page_says(copy: Path) -> None:
    field = _python_blocks()[0]
    models = copy / "generator" / "facts" / "models.py"
    lines = models.read_text("utf-8").splitlines(keepends=True)
    after = next(index for index, line in enumerate(lines) if line.startswith("    company_number:")) + 2
    models.write_text("".join(lines[:after]) + field + "".join(lines[after:]), "utf-8")
    for command in (("schema",), ("docs", "--out", "docs")):
        done = notices_in(copy, *command)
        assert done.returncode == 0, done.stderr
    assert "charity_number" in (copy / "notices" / "schema" / "organisation.schema.json").read_text("utf-8")
    assert "`charity_number`" in (copy / "docs" / "fields.md").read_text("utf-8")
    shutil.copytree(copy / "notices", copy / "before")
    organisation = copy / "notices" / "organisation.yaml"
    organisation.write_text(organisation.read_text("utf-8") + 'charity_number: "1234567"\n', "utf-8")
    review = notices_in(copy, "diff", "before", "notices", "--today", "2026-11-29")
    assert "The controller's charity number changed from not stated to '1234567'." in review.stdout, review.stderr
    shown = notices_in(copy, "show", "oakmoor/children-in-need")
    assert '"charity_number": "1234567"' in shown.stdout, shown.stderr


def test_adding_a_format_as_the_page_says(copy: Path) -> None:
    (copy / "generator" / "render" / "formats" / "text.py").write_text(_python_blocks()[1], "utf-8")
    done = notices_in(copy, "build", "--format", "text", "--out", "dist", "--no-cache")
    assert done.returncode == 0, done.stderr
    text = (copy / "dist" / "oakmoor" / "children-in-need.txt").read_text("utf-8")
    assert "Who we are" in text and "Your rights" in text
    refused = notices_in(copy, "build", "--format", "txt", "--out", "dist")
    assert "choose from booklet, docx, fragment, glance, html, json, md, pdf, text" in refused.stderr
