"""A git revision's copy of the facts folder, read into memory by path: nothing of it is written to disk.

A revision is not trusted: its trees may have been made by hand (``git mktree``) or fetched without
git's object checks, so every entry's name is checked, and a file's size is read before its content.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.facts.errors import FactError, FactErrors, Location, printable
from generator.facts.load import FACT_FILE_ENDINGS, FACT_FOLDERS
from generator.facts.strict_yaml import MAX_FILE_BYTES, too_large

_FILE_MODES = ("100644", "100755")
_TREE_MODE = "040000"
_NOT_IN_A_NAME = ("/", "\\", "\0")


@dataclass(frozen=True)
class _Entry:
    """One file of the revision's facts folder, from its tree listing."""

    path: str  # inside the facts folder, e.g. 'schools/oakmoor.yaml'
    object_id: str
    size: int


def git(args: list[str], cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False)


def repo_path(facts: Path) -> str:
    """The facts folder as a path inside its git repository, e.g. 'notices'."""
    folder = facts if facts.is_dir() else facts.parent
    found = git(["rev-parse", "--show-prefix"], folder)
    prefix = found.stdout.decode().strip() if found.returncode == 0 else ""
    inside = prefix if facts.is_dir() else prefix + facts.name
    return inside.rstrip("/") or "."


def _bad_name(name: str) -> bool:
    """A name no file or folder in a checked-out folder can have, or that would lead out of it."""
    return name in ("", ".", "..") or any(character in name for character in _NOT_IN_A_NAME)


def _unreadable(where: str, reason: str) -> FactErrors:
    return FactErrors([FactError(
        Location(where), f"cannot be read from git ({reason}).",
        "Check that the revision exists (git log) and that it has this facts folder.", code="io")])


def _entries(repository: Path, tree: str, where: str, prefix: str = "") -> Iterator[_Entry]:
    """Every file under ``tree``, its folders walked one level at a time so that each name is seen whole."""
    listing = git(["ls-tree", "-z", "--long", "--end-of-options", tree], repository)
    if listing.returncode != 0:
        raise _unreadable(where, listing.stderr.decode(errors="replace").strip() or "git ls-tree failed")
    for line in listing.stdout.decode(errors="surrogateescape").split("\0"):
        if not line:
            continue
        details, name = line.split("\t", 1)
        mode, _kind, object_id, size = details.split()
        path = prefix + name
        if _bad_name(name):
            raise FactErrors([FactError(
                Location(printable(f"{where}/{path}")),
                f"is an entry named '{printable(name)}', a name no file can have; nothing was read from this revision.",
                "The revision was made or changed by hand, outside git's checks: run 'git fsck' and find out "
                "where it came from before reviewing it.", code="path")])
        if mode == _TREE_MODE:
            yield from _entries(repository, object_id, where, path + "/")
        elif mode in _FILE_MODES:
            yield _Entry(path, object_id, int(size))
        else:  # a link or a submodule: not a fact file
            raise FactErrors([FactError(Location(printable(f"{where}/{path}")), "is a link or a submodule, not a file.",
                                        "Keep the fact files themselves in the facts folder.", code="path")])


def is_fact_file(path: str) -> bool:
    """Where the loader looks: YAML files directly in the facts folder or in one of its fact folders."""
    folder, _, name = path.rpartition("/")
    return folder in FACT_FOLDERS and name.lower().endswith(FACT_FILE_ENDINGS)


def blob_contents(repository: Path, object_ids: list[str]) -> list[bytes]:
    """The blobs' contents, in order, from one `git cat-file --batch`."""
    output = git(["cat-file", "--batch"], repository, "".join(f"{oid}\n" for oid in object_ids).encode()).stdout
    contents, position = [], 0
    for _ in object_ids:
        header_end = output.index(b"\n", position)
        size = int(output[position:header_end].split()[2])
        contents.append(output[header_end + 1:header_end + 1 + size])
        position = header_end + 1 + size + 1  # the content is followed by a newline
    return contents


def _object_id(repository: Path, name: str) -> str | None:
    found = git(["rev-parse", "--verify", "--quiet", "--end-of-options", name], repository)
    return found.stdout.decode().strip() if found.returncode == 0 else None


def read_revision(revision: str, facts: Path) -> tuple[dict[str, bytes], str]:
    """The revision's fact files as {path inside the facts folder: content}, and how to name the folder
    (e.g. 'main:notices'). Raises FactErrors naming the revision and path of anything refused."""
    anchor = facts if facts.is_dir() else Path.cwd()
    top = git(["rev-parse", "--show-toplevel"], anchor)
    if top.returncode != 0:
        raise FactErrors([FactError(
            Location(revision), "is not a folder, and this is not a git repository to find it as a revision in.",
            "Give a folder of facts, or run the command inside the repository.", code="io")])
    repository, inside = Path(top.stdout.decode().strip()), repo_path(facts)
    where = f"{revision}:{inside}"
    root_tree = _object_id(repository, f"{revision}^{{tree}}")
    if root_tree is None:
        raise _unreadable(where, f"there is no revision '{printable(revision)}'")
    folder = root_tree if inside == "." else _object_id(repository, f"{root_tree}:{inside}")
    if folder is None:
        raise _unreadable(where, f"the revision has no folder '{inside}'")
    wanted = [entry for entry in _entries(repository, folder, where) if is_fact_file(entry.path)]
    too_big = [too_large(printable(f"{where}/{entry.path}"), entry.size) for entry in wanted
               if entry.size > MAX_FILE_BYTES]
    if too_big:  # refused from the size git records, before a byte of the content is read
        raise FactErrors(too_big)
    contents = blob_contents(repository, [entry.object_id for entry in wanted])
    return {entry.path: content for entry, content in zip(wanted, contents)}, where
