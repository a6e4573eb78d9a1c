"""The cache of rendered files, so that a one-line edit rebuilds only what it changes.

Every format is cached: the slow ones (PDF, Word, booklets) because rendering them takes most of a
build, and the fast ones because reading them back for the audit does.

A cached file is found by a key: the SHA-256 of everything the file is made from, namely the
format, the resolved notice (or, for a booklet, each of the school's notices) as JSON, every
template the build uses (the project's own and the packaged ones it does not override), and the
generator itself (its version, the bytes of its own source and data files, and the versions of
the libraries that write the bytes). Change any of them and the
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

The folder is the cache's own: it carries a CACHEDIR.TAG (the Cache Directory Tagging convention,
which backup tools know), a folder holding other files is refused, and clean-up only ever removes
files named as the cache names them. One build at a time uses it: a second build (or a website
build beside it) waits for the first, saying so, and then reuses what the first rendered. The wait
is a lock on the tag file, which the system releases when its build ends, however it ends.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import tempfile
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path

import click

from generator.facts.cascade import ResolvedNotice
from generator.publish import UnsafeOutput
from generator.render.templating import templates_used
from generator.render.formats import writer_libraries

DEFAULT_FOLDER = Path(".notices-cache")
TAG = "CACHEDIR.TAG"
_TAG_TEXT = ("Signature: 8a477f597d28d172789f06886806bc55\n"
             "# The cache of 'notices build' and the notices website: safe to delete, never to fill.\n"
             "# See https://bford.info/cachedir/\n")
# The files the cache writes, as <format>/<first two hex digits>/<name>: entries, pending entries and
# temporary files. Clean-up removes nothing else.
_OWN_FILE = re.compile(r"(?P<key>[0-9a-f]{64})(\.pending)?|\.writing-\w{8}")
_GENERATOR = Path(__file__).resolve().parent.parent



def files_digest(files: dict[str, Path]) -> bytes:
    """A digest of named files: names and contents, in the order given."""
    digest = hashlib.sha256()
    for name, path in files.items():
        digest.update(name.encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.digest()


def folder_digest(folder: Path) -> bytes:
    """A digest of every file under ``folder``: names and contents, in a fixed order."""
    paths = sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return files_digest({path.relative_to(folder).as_posix(): path for path in paths})


@cache
def generator_digest() -> bytes:
    """The generator's own identity: its source and data files, and the versions of its writers."""
    digest = hashlib.sha256(folder_digest(_GENERATOR))
    for name in ("privacy-notices", *writer_libraries()):  # the libraries each format says write its bytes
        try:
            digest.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=absent\0".encode())
    return digest.digest()


class UnsafeCache(UnsafeOutput):
    """The cache folder holds files the cache did not make."""


class OutputCache:
    """Rendered bytes, by content key, in one folder; use it as a context manager (or ``open``, ``close``)."""

    def __init__(self, folder: Path, templates: Path, waiting: Callable[[str], None] = lambda message:
                 click.echo(message, err=True)):
        self.folder = folder
        self._waiting = waiting
        self._lock: int | None = None
        # Templates are hashed once per build: every key of the build shares them. The project's own
        # and the packaged ones, as the lookup chooses them: a school's override changes the key.
        self._salt = hashlib.sha256(generator_digest() + files_digest(templates_used(templates))).digest()
        self._used: dict[str, set[str]] = {}
        self._pending: set[tuple[str, str]] = set()
        self._notice_digests: dict[int, tuple[ResolvedNotice, bytes]] = {}
        self.reused: dict[Path, Path] = {}  # output path -> the cached file it was served from, in this build

    def open(self) -> OutputCache:
        """Claim the folder: refuse it if it holds files the cache did not make, wait for another build using it."""
        if self.folder.exists() and not self.folder.is_dir():
            raise UnsafeCache(f"{self.folder} is a file, not a folder: choose another cache folder, or none.")
        if not (self.folder / TAG).is_file() and not _holds_only_entries(self.folder):
            raise UnsafeCache(
                f"{self.folder} already holds files that the notices cache did not make (no {TAG} file in it), "
                "and a cache removes the files it no longer needs. Choose an empty or new folder for the cache, "
                "or delete this one yourself if it is safe to.")
        self.folder.mkdir(parents=True, exist_ok=True)
        handle = os.open(self.folder / TAG, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if os.fstat(handle).st_size == 0:
                os.write(handle, _TAG_TEXT.encode())
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                self._waiting(f"Waiting for another build that uses the cache {self.folder}/ to finish...")
                fcntl.flock(handle, fcntl.LOCK_EX)
        except BaseException:
            os.close(handle)
            raise
        self._lock = handle
        return self

    def close(self) -> None:
        """Let another build use the folder (the lock is also released when this process ends)."""
        if self._lock is not None:
            fcntl.flock(self._lock, fcntl.LOCK_UN)  # pool workers forked meanwhile share the lock: release it for all
            os.close(self._lock)
            self._lock = None

    def __enter__(self) -> OutputCache:
        return self.open()

    def __exit__(self, *_exception) -> None:
        self.close()

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
        self._pending.add((format_name, key))
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
                if path.name not in used and _is_entry(path.relative_to(self.folder)) and path.is_file():
                    path.unlink(missing_ok=True)


def _is_entry(relative: Path) -> bool:
    """Whether a file at ``relative`` in the folder is one the cache writes (an entry, pending or being written)."""
    if len(relative.parts) != 3:
        return False
    _, prefix, name = relative.parts
    own = _OWN_FILE.fullmatch(name)
    return bool(own) and (own["key"] is None or own["key"][:2] == prefix)


def _holds_only_entries(folder: Path) -> bool:
    """True for a missing or empty folder, and for a cache made before caches carried their tag.

    The tag itself counts as the cache's own: another build may be making it at this moment.
    """
    return not folder.exists() or all(_is_entry(path.relative_to(folder)) or path.relative_to(folder) == Path(TAG)
                                      for path in folder.rglob("*") if not path.is_dir())
