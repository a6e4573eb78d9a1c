"""A temporary git repository holding the example facts and a second school, for diffing revisions."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import example_with_one_notice

EXAMPLE = Path(__file__).resolve().parents[2] / "notices"

SECOND_SCHOOL = Path(__file__).resolve().parents[1] / "fixtures" / "second-school" / "regis.yaml"


class Repo:
    """A git repository in a temporary folder, with the facts in notices/."""

    def __init__(self, root: Path):
        self.root = root
        self.facts = root / "notices"

    def git(self, *args: str) -> str:
        return subprocess.run(["git", *args], cwd=self.root, check=True, capture_output=True, text=True).stdout

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.facts / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def commit(self, message: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)
        return self.git("rev-parse", "--short", "HEAD").strip()


def committed_example(tmp_path: Path, every_notice: bool = False) -> Repo:
    """The example with a second school (by default with its children in need notice only: the example's
    other notices would only lengthen each review), committed once on the branch 'main'."""
    root = tmp_path / "trust"
    if every_notice:
        shutil.copytree(EXAMPLE, root / "notices", ignore=shutil.ignore_patterns("schema"))
    else:
        example_with_one_notice(root / "notices")
    shutil.copy(SECOND_SCHOOL, root / "notices" / "schools" / "regis.yaml")
    made = Repo(root)
    made.git("init", "-q", "-b", "main")
    made.git("config", "user.email", "test@example.org")
    made.git("config", "user.name", "Test")
    made.commit("the example with two schools")
    return made


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    """The example's children in need notice for two schools, committed once on the branch 'main'."""
    return committed_example(tmp_path)
