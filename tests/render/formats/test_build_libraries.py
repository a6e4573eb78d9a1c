"""Without a library of the [build] extra, every command and every other format works, and asking for the
format that needs it says what to install; the [build] extra holds every library a format declares."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from generator.distribution import requirement
from generator.render.build_libraries import BUILD_EXTRA, DECLARED
from generator.render.formats import all_formats
from tests.conftest import PROJECT, keep_only_notice
from tests.site.conftest import copy_project, set_plugin_option

# Each library a format module imports only when it is there, and a format that cannot run without it.
ABSENT = {"python-docx": ("docx", "docx"), "typst": ("typst", "pdf"), "pypdfium2": ("pypdfium2", "booklet")}


def _without(module: str, *arguments: str, cwd: Path) -> subprocess.CompletedProcess:
    """`notices ARGUMENTS` in a fresh Python in which ``module`` cannot be imported, as if never installed."""
    script = ("import sys; sys.modules[sys.argv[1]] = None; from generator.cli import main; "
              "main(sys.argv[2:], prog_name='notices')")
    return subprocess.run([sys.executable, "-c", script, module, *arguments], cwd=cwd, capture_output=True,
                          text=True, timeout=300, check=False)


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    keep_only_notice(project / "notices")
    return project


def test_without_python_docx_checking_and_the_other_formats_work(small_project: Path) -> None:
    checked = _without("docx", "check", "--facts", "notices", cwd=small_project)
    assert checked.returncode == 0, checked.stderr
    built = _without("docx", "build", "--facts", "notices", "--out", "dist", "--format", "md", cwd=small_project)
    assert built.returncode == 0, built.stderr
    assert (small_project / "dist" / "oakmoor" / "children-in-need.md").is_file()


@pytest.mark.parametrize("distribution", ABSENT)
def test_without_a_build_library_asking_for_its_format_says_what_to_install(small_project: Path, distribution: str) -> None:
    module, needy = ABSENT[distribution]
    refused = _without(module, "build", "--facts", "notices", "--out", "refused", "--format", needy, cwd=small_project)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr, refused.stderr
    assert refused.stderr.startswith(
        f"error: the {needy} format needs {distribution}, which is not installed; install the tool with its build "
        f"extra: pip install '{requirement(BUILD_EXTRA)}'"), refused.stderr
    assert not (small_project / "refused").exists()


def test_without_python_docx_the_website_builds_with_the_other_formats(small_project: Path) -> None:
    set_plugin_option(small_project / "mkdocs.yml", "formats", "[html, json]")
    site = _without("docx", "site", "--config", "mkdocs.yml", "--out", "site", cwd=small_project)
    assert site.returncode == 0, site.stderr
    assert list((small_project / "site").rglob("children-in-need.json"))
    assert not list((small_project / "site").rglob("*.docx"))


def test_the_build_extra_holds_every_library_a_format_declares() -> None:
    all_formats()  # each format module declares its libraries as it is imported
    extra = tomllib.loads((PROJECT / "pyproject.toml").read_text("utf-8"))["project"]["optional-dependencies"]
    listed = {entry.split(">")[0].split("<")[0].split("=")[0].split("[")[0].strip() for entry in extra[BUILD_EXTRA]}
    assert set(DECLARED) <= listed
    used = {library.distribution for output_format in all_formats().values() for library in output_format.needs.build}
    assert used == set(DECLARED)


def test_a_format_module_importing_an_undeclared_missing_library_costs_that_format_alone(small_project: Path) -> None:
    """A slip (a library imported without its BuildLibrary) is no import crash: the format is unavailable."""
    shutil.copytree(PROJECT / "generator", small_project / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    (small_project / "generator" / "render" / "formats" / "slide.py").write_text(
        '"""A format whose library is not installed."""\n\nimport no_such_library  # noqa: F401\n', "utf-8")
    checked = _without("docx", "check", "--facts", "notices", cwd=small_project)
    assert checked.returncode == 0, checked.stderr
    refused = _without("docx", "build", "--facts", "notices", "--out", "refused", "--format", "slide", cwd=small_project)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr, refused.stderr
    assert refused.stderr.startswith("error: the slide format needs the Python package no_such_library, which is not "
                                     "installed (pip install no_such_library)"), refused.stderr
