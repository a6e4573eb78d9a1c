"""Nothing `check`, `build` or `diff` prints names a place on the computer that ran it (where the tool is
installed, the home folder, the temporary folder): a report pasted into an email or a pull-request comment
shows the school's own files and the manual's public address, and works on anyone's computer."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

import generator.cli
from tests.conftest import EXAMPLE, NOTICES_COMMAND, PROJECT

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

MACHINE_PATHS = {
    "where the tool is installed": str(Path(generator.cli.__file__).resolve().parent.parent),
    "the home folder": str(Path.home()),
    "the temporary folder": str(Path(tempfile.gettempdir()).resolve()),
}

# Each slip a school can make, as an edit to one file of the example.
BROKEN = {
    "an unknown key": ("schools/oakmoor.yaml", "  email: ", "  emial: "),
    "a missing fact the law requires": ("pupils.yaml", "\ntransfers:", "\nold_transfers:"),
    "a YAML mistake": ("organisation.yaml", "kind: academy-trust", "kind: [academy-trust"),
}


def run(project: Path, *arguments: str) -> str:
    done = subprocess.run([NOTICES_COMMAND, *arguments], cwd=project, capture_output=True, text=True, timeout=600)
    return done.stdout + done.stderr


def machine_paths_in(printed: str) -> list[str]:
    return [what for what, path in MACHINE_PATHS.items() if path in printed]


def project_copy(parent: Path, name: str) -> Path:
    project = parent / name
    shutil.copytree(EXAMPLE, project / "notices")
    shutil.copy(PROJECT / "mkdocs.yml", project)
    return project


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    return project_copy(tmp_path_factory.mktemp("school"), "good")


def test_check_build_and_diff_of_the_good_example_name_no_place_on_this_computer(good: Path) -> None:
    for arguments in (["check"], ["build", "--out", "dist"], ["diff", "notices", "notices"]):
        printed = run(good, *arguments)
        assert printed.strip() and machine_paths_in(printed) == [], f"notices {' '.join(arguments)}:\n{printed}"


@pytest.mark.parametrize("slip", sorted(BROKEN))
def test_check_build_and_diff_of_a_broken_example_name_no_place_on_this_computer(good: Path, tmp_path: Path,
                                                                                 slip: str) -> None:
    broken = project_copy(tmp_path, "broken")
    relative, old, new = BROKEN[slip]
    path = broken / "notices" / relative
    assert old in path.read_text("utf-8")
    path.write_text(path.read_text("utf-8").replace(old, new, 1), "utf-8")
    shutil.copytree(good / "notices", broken / "before")
    for arguments in (["check"], ["build", "--out", "dist", "--format", "md"], ["diff", "before", "notices"]):
        printed = run(broken, *arguments)
        if arguments[0] != "diff":  # the review names the slip; check and build also link the manual
            assert "see https://" in printed, f"notices {' '.join(arguments)}:\n{printed}"
        assert machine_paths_in(printed) == [], f"notices {' '.join(arguments)}:\n{printed}"
