"""The cache of rendered files, so that a one-line edit rebuilds only what it changes.

Every format is cached: the slow ones (PDF, Word, booklets) because rendering them takes most of a
build, and the fast ones because reading them back for the audit does.

A cached file is found by a key: the SHA-256 of everything the file is made from, namely the
format, the resolved notice (or, for a booklet, each of the school's notices) as JSON, every file
in the templates folder, and the generator itself (its version, the bytes of its own source and
data files, and the versions of the libraries that write the bytes). Change any of them and the
key changes, so a stale file is never served; there is nothing to invalidate by hand.

A file only enters the cache once the build's completeness audit has passed (``commit``): until
then it waits under a pending name that ``find`` does not see. So a file served from the cache is
byte for byte one that passed the audit with these same inputs and this same generator, and the
build need not read it back again (``reused`` lists those files).

The folder (``.notices-cache/`` by default) is safe to delete between builds: a missing entry is
rendered again. Entries are written under a temporary name and renamed into place, so an
interrupted build never leaves half a file behind. On commit, entries of the formats built that the
build did not use are removed, so the cache holds one build's worth of files, not every version
ever made.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path

from generator.facts.cascade import ResolvedNotice

DEFAULT_FOLDER = Path(".notices-cache")
_GENERATOR = Path(__file__).resolve().parent.parent

# The libraries whose version changes the bytes of a PDF or a Word file.
_WRITERS = ("privacy-notices", "typst", "python-docx", "markdown", "jinja2", "lxml")


def folder_digest(folder: Path) -> bytes:
    """A digest of every file under ``folder``: names and contents, in a fixed order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.digest()


@cache
def generator_digest() -> bytes:
    """The generator's own identity: its source and data files, and the versions of its writers."""
    digest = hashlib.sha256(folder_digest(_GENERATOR))
    for name in _WRITERS:
        try:
            digest.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=absent\0".encode())
    return digest.digest()


class OutputCache:
    """Rendered bytes, by content key, in one folder."""

    def __init__(self, folder: Path, templates: Path):
        self.folder = folder
        # Templates are hashed once per build: every key of the build shares them.
        self._salt = hashlib.sha256(generator_digest() + folder_digest(templates)).digest()
        self._used: dict[str, set[str]] = {}
        self._pending: list[tuple[str, str]] = []
        self._notice_digests: dict[int, tuple[ResolvedNotice, bytes]] = {}
        self.reused: dict[Path, Path] = {}  # output path -> the cached file it was served from, in this build

    def key(self, format_name: str, subject: ResolvedNotice | list[ResolvedNotice]) -> str:
        """The key of one output file: what it is made from, hashed."""
        digest = hashlib.sha256(self._salt + format_name.encode() + b"\0")
        for notice in subject if isinstance(subject, list) else [subject]:
            digest.update(self._notice_digest(notice))
        return digest.hexdigest()

    def _notice_digest(self, notice: ResolvedNotice) -> bytes:
        """The digest of the notice as JSON, made once however many formats it is rendered in."""
        held = self._notice_digests.get(id(notice))
        if held is None or held[0] is not notice:  # holding the notice keeps its id from being reused
            held = (notice, hashlib.sha256(notice.model_dump_json().encode()).digest())
            self._notice_digests[id(notice)] = held
        return held[1]

    def _path(self, format_name: str, key: str) -> Path:
        return self.folder / format_name / key[:2] / key

    def find(self, format_name: str, key: str) -> Path | None:
        """Where the cached file for ``key`` is, or None when there is none."""
        self._used.setdefault(format_name, set()).add(key)
        path = self._path(format_name, key)
        return path if path.is_file() else None

    def put(self, format_name: str, key: str, content: bytes) -> None:
        """Keep ``content`` for ``key`` as pending: ``find`` sees it only after ``commit``."""
        self._used.setdefault(format_name, set()).add(key)
        self._pending.append((format_name, key))
        target = self._pending_path(format_name, key)
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".writing-")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(content)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def _pending_path(self, format_name: str, key: str) -> Path:
        return self._path(format_name, key).with_suffix(".pending")

    def commit(self) -> None:
        """The build's audit passed: its new files become servable, and unused entries go."""
        for format_name, key in self._pending:
            os.replace(self._pending_path(format_name, key), self._path(format_name, key))
        self._pending.clear()
        for format_name, used in self._used.items():
            for path in (self.folder / format_name).glob("*/*"):
                if path.name not in used:
                    path.unlink(missing_ok=True)
