"""The two sides of a diff: a git revision's facts folder, or a folder on disk, loaded and resolved."""

from __future__ import annotations

import dataclasses
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.errors import NoticesError
from generator.facts.cascade import ResolvedNotice
from generator.facts.errors import FactError, FactErrors, Location
from generator.facts.load import FactTree
from generator.facts.project import Project, load_project


@dataclass
class Side:
    """One side of the comparison: what it is called in the report, its facts and its notices."""

    label: str
    project: Project
    folder: Path
    shown_as: Path | None = None  # for a revision: how its files are named, e.g. 'main:notices'

    @property
    def tree(self) -> FactTree:
        return self.project.tree

    @property
    def notices(self) -> list[ResolvedNotice]:
        return self.project.notices

    def place(self, location: Location | None) -> Location | None:
        """A location in this side's facts, as a reviewer knows it (not in a scratch copy of a revision)."""
        return _renamed(location, self.folder, self.shown_as) if location and self.shown_as else location


class SideUnreadable(NoticesError):
    """A side could not be loaded: which side, and every problem found, each at file:line:col."""

    def __init__(self, which: str, label: str, errors: list[FactError]):
        self.which, self.label, self.errors = which, label, errors
        super().__init__(f"the {which} side ({label}) cannot be read")

    def details(self) -> list[str]:
        return [f"The {self.which} side ({self.label}) cannot be read:"] + [f"  {error}" for error in self.errors]


def load_side(which: str, spec: str | None, facts: Path) -> Side:
    """``spec`` is a folder, a git revision (its copy of ``facts``) or None (``facts`` on disk as it is now)."""
    if spec is None:
        return _load_folder(which, "working tree", facts, None)
    if Path(spec).is_dir():
        return _load_folder(which, spec, Path(spec), None)
    with tempfile.TemporaryDirectory(prefix="notices-diff-") as scratch:
        folder = _export_revision(which, spec, facts, Path(scratch))
        return _load_folder(which, spec, folder, Path(f"{spec}:{_repo_path(facts)}"))


def _load_folder(which: str, label: str, folder: Path, shown_as: Path | None) -> Side:
    """Load ``folder``; with ``shown_as``, errors name that path instead (a scratch copy of a revision)."""
    try:
        return Side(label, load_project(folder), folder, shown_as)
    except FactErrors as problems:
        errors = [dataclasses.replace(error, location=_renamed(error.location, folder, shown_as)) if shown_as
                  else error for error in problems.errors]
        raise SideUnreadable(which, label, errors) from None


def _renamed(location: Location, folder: Path, shown_as: Path) -> Location:
    """The place named by the path a reviewer knows ('main:notices/x.yaml'), not a scratch folder's."""
    file = Path(location.file)
    # load_facts names files relative to the working folder, else to the facts folder.
    for candidate in (file.absolute(), (folder / file).absolute()):
        try:
            relative = candidate.relative_to(folder.absolute())
        except ValueError:
            continue
        return Location(f"{shown_as.as_posix()}/{relative.as_posix()}", location.line, location.column)
    return location


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)


def _repo_path(facts: Path) -> str:
    """The facts folder as a path inside its git repository, e.g. 'notices'."""
    folder = facts if facts.is_dir() else facts.parent
    found = _git(["rev-parse", "--show-prefix"], folder)
    prefix = found.stdout.decode().strip() if found.returncode == 0 else ""
    inside = prefix if facts.is_dir() else prefix + facts.name
    return inside.rstrip("/") or "."


def _export_revision(which: str, revision: str, facts: Path, scratch: Path) -> Path:
    """Write the revision's copy of the facts folder into ``scratch``; git reads it, nothing is checked out."""
    anchor = facts if facts.is_dir() else Path.cwd()
    top = _git(["rev-parse", "--show-toplevel"], anchor)
    if top.returncode != 0:
        raise SideUnreadable(which, revision, [FactError(
            Location(revision), "is not a folder, and this is not a git repository to find it as a revision in.",
            "Give a folder of facts, or run the command inside the repository.", code="io")])
    repository, inside = Path(top.stdout.decode().strip()), _repo_path(facts)
    where = f"{revision}:{inside}"
    listing = _git(["ls-tree", "-r", "-z", "--full-tree", f"{revision}^{{tree}}", "--", inside], repository)
    entries = [entry for entry in listing.stdout.decode(errors="surrogateescape").split("\0") if entry]
    if listing.returncode != 0 or not entries:
        reason = listing.stderr.decode(errors="replace").strip().splitlines()
        raise SideUnreadable(which, revision, [FactError(
            Location(where), "cannot be read from git" + (f" ({reason[-1]})" if reason else ": no such folder") + ".",
            "Check that the revision exists (git log) and that it has this facts folder.", code="io")])
    for entry in entries:
        mode_type_object, path = entry.split("\t", 1)
        mode, _, obj = mode_type_object.split(" ")
        relative = Path(path).relative_to(inside) if inside != "." else Path(path)
        if mode != "100644" and mode != "100755":  # a link or a submodule: not a fact file
            raise SideUnreadable(which, revision, [FactError(
                Location(f"{revision}:{path}"), "is a link or a submodule, not a file.",
                "Keep the fact files themselves in the facts folder.", code="path")])
        target = scratch / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_git(["cat-file", "blob", obj], repository).stdout)
    return scratch
