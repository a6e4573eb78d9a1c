"""The two sides of a diff: a git revision's facts folder, or a folder on disk, loaded and resolved."""

from __future__ import annotations

import dataclasses
import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.facts.cascade import ResolvedNotice, resolve
from generator.facts.errors import FactError, FactErrors, Location
from generator.facts.load import FactTree, load_facts


@dataclass
class Side:
    """One side of the comparison: what it is called in the report, its facts and its notices."""

    label: str
    tree: FactTree
    notices: list[ResolvedNotice]


class SideUnreadable(Exception):
    """A side could not be loaded: which side, and every problem found, each at file:line:col."""

    def __init__(self, which: str, label: str, errors: list[FactError]):
        self.which, self.label, self.errors = which, label, errors
        super().__init__(f"the {which} side ({label}) cannot be read")


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
        tree = load_facts(folder)
        return Side(label, tree, resolve(tree))
    except FactErrors as problems:
        errors = [_renamed(error, folder, shown_as) if shown_as else error for error in problems.errors]
        raise SideUnreadable(which, label, errors) from None


def _renamed(error: FactError, folder: Path, shown_as: Path) -> FactError:
    """The error named by the path a reviewer knows ('main:notices/x.yaml'), not a scratch folder's."""
    file = Path(error.location.file)
    # load_facts names files relative to the working folder, else to the facts folder.
    for candidate in (file.absolute(), (folder / file).absolute()):
        try:
            relative = candidate.relative_to(folder.absolute())
        except ValueError:
            continue
        location = Location(f"{shown_as.as_posix()}/{relative.as_posix()}", error.location.line,
                            error.location.column)
        return dataclasses.replace(error, location=location)
    return error


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
    inside = _repo_path(facts)
    archive = _git(["archive", "--format=tar", f"{revision}:{inside}" if inside != "." else revision],
                   Path(top.stdout.decode().strip()))
    if archive.returncode != 0:
        reason = archive.stderr.decode(errors="replace").strip().splitlines()
        raise SideUnreadable(which, revision, [FactError(
            Location(f"{revision}:{inside}"), "cannot be read from git" + (f" ({reason[-1]})" if reason else "") + ".",
            "Check that the revision exists (git log) and that it has this facts folder.", code="io")])
    try:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(scratch, filter="data")
    except tarfile.TarError as refused:  # e.g. a link that points outside the facts folder
        raise SideUnreadable(which, revision, [FactError(
            Location(f"{revision}:{inside}"), f"holds a file that cannot be unpacked safely ({refused}).",
            "Replace links in the facts folder with the files themselves.", code="path")]) from None
    return scratch
