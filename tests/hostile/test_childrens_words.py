"""Words no dictionary holds in a children's version (the school's name, a year group, "DfE", "Ofsted", a
telephone number) are ordinary words: `notices check`, `build` in every format and `site` all succeed,
where measuring how hard the version is to read once stopped every command with an internal error."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator.project import load_project
from generator.render.formats import all_formats
from tests.check.test_readability import ORDINARY_WORDS, WRITTEN
from tests.conftest import NOTICES_COMMAND, keep_only_notice, notices
from tests.site.conftest import copy_project

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow


def _naming_the_school(facts: Path) -> Path:
    keep_only_notice(facts, "pupils")
    version = facts / "children" / "pupils.yaml"
    text = version.read_text("utf-8")
    assert WRITTEN in text, "the example's children's version no longer says it"
    version.write_text(text.replace(WRITTEN, ORDINARY_WORDS), "utf-8")
    return facts


def test_check_and_build_in_every_format_succeed(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    facts = _naming_the_school(project / "notices")
    checked = notices("check", "--facts", str(facts), "--today", "2026-12-01")
    assert checked.exit_code == 0, checked.output
    assert "Children's versions, Flesch-Kincaid grade of the hardest part (an error above 4): pupils " in checked.output
    out = tmp_path / "dist"
    built = notices("build", "--facts", str(facts), "--templates", str(project / "templates"), "--out", str(out),
                    "--no-cache")
    assert built.exit_code == 0, built.output
    assert "internal error" not in checked.output + built.output
    (pupils,) = load_project(facts).notices
    for output_format in all_formats().values():
        made = [path for path, _ in output_format.files([pupils])]
        assert all((out / path).is_file() for path in made), made
        if output_format.scope == "notice" and output_format.childrens and output_format.document is None:
            assert Path("oakmoor", f"pupils.children{output_format.suffix}") in made
    assert "You are in Year 7. The DfE and Ofsted check on us." in (out / "oakmoor" / "pupils.children.md").read_text()


def test_the_site_builds(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    _naming_the_school(project / "notices")
    site = subprocess.run([NOTICES_COMMAND, "site", "--out", "site"], cwd=project, capture_output=True, text=True)
    assert site.returncode == 0, site.stdout + site.stderr
    assert "internal error" not in site.stdout + site.stderr
    page = (project / "site" / "schools" / "oakmoor" / "pupils.children" / "index.html").read_text("utf-8")
    assert "Ofsted" in page
