"""The files under some paths of a repository, at a git revision or in the working tree, read into memory.

Each is known by git's blob id, so two sides compare without reading what did not change; a file
over MAX_SHOWN_BYTES is compared but not read.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from generator.diff.revision import blob_contents, git
from generator.facts.errors import FactError, FactErrors, Location, printable

MAX_SHOWN_BYTES = 1024 * 1024
_LINK_MODE, _SUBMODULE_MODE = "120000", "160000"


@dataclass(frozen=True)
class StoredFile:
    identity: str  # git's blob id (a submodule: its commit)
    size: int
    content: bytes | None  # None: too large to show


def files_at(revision: str | None, repository: Path, paths: list[str]) -> dict[str, StoredFile]:
    """{path from the top of the repository: file} under ``paths`` at ``revision``, or in the working tree (None)."""
    if not paths:
        return {}
    return _in_working_tree(repository, paths) if revision is None else _at_revision(revision, repository, paths)


def _listed(repository: Path, args: list[str], where: str) -> list[str]:
    listing = git(["--literal-pathspecs", *args], repository)
    if listing.returncode != 0:
        raise FactErrors([FactError(Location(printable(where)), "cannot be read from git "
                                    f"({printable(listing.stderr.decode(errors='replace').strip())}).",
                                    "Check that the revision exists (git log).", code="io")])
    return [line for line in listing.stdout.decode(errors="surrogateescape").split("\0") if line]


def _at_revision(revision: str, repository: Path, paths: list[str]) -> dict[str, StoredFile]:
    found: dict[str, StoredFile] = {}
    to_read: list[tuple[str, str, int]] = []
    for line in _listed(repository, ["ls-tree", "-r", "-z", "--long", "--full-tree", "--end-of-options", revision,
                                     "--", *paths], revision):
        details, path = line.split("\t", 1)
        mode, _kind, object_id, size = details.split()
        if mode == _SUBMODULE_MODE:
            found[path] = StoredFile(object_id, 0, f"a submodule at commit {object_id}\n".encode())
        elif int(size) > MAX_SHOWN_BYTES:
            found[path] = StoredFile(object_id, int(size), None)
        else:
            to_read.append((path, object_id, int(size)))
    contents = blob_contents(repository, [object_id for _, object_id, _ in to_read])
    for (path, object_id, length), content in zip(to_read, contents):
        found[path] = StoredFile(object_id, length, content)
    return found


def _in_working_tree(repository: Path, paths: list[str]) -> dict[str, StoredFile]:
    found = {}
    for path in _listed(repository, ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", *paths],
                        "the working tree"):
        file = repository / path
        try:
            if file.is_symlink():  # git keeps a link as its target
                content = os.readlink(file).encode(errors="surrogateescape")
                found[path] = StoredFile(_blob_id(content), len(content), content)
            elif file.is_file():
                found[path] = _read(file)
        except OSError:  # removed or unreadable as we read: as if absent
            continue
    return found


def _read(file: Path) -> StoredFile:
    digest, size, kept = hashlib.sha1(), file.stat().st_size, bytearray()
    digest.update(b"blob %d\0" % size)
    with file.open("rb") as stream:
        while chunk := stream.read(1 << 16):
            digest.update(chunk)
            if size <= MAX_SHOWN_BYTES:
                kept += chunk
    return StoredFile(digest.hexdigest(), size, bytes(kept) if size <= MAX_SHOWN_BYTES else None)


def _blob_id(content: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()
