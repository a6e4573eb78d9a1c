"""The cache of rendered files, so that a one-line edit rebuilds only what it changes.

Every format is cached: the slow ones (PDF, Word, booklets) because rendering them takes most of a
build, and the fast ones because reading them back for the audit does.

A cached file is found by a key: the SHA-256 of everything the file is made from, namely the
format, the resolved notice (or, for a booklet, each of the school's notices) as JSON with the bytes of the
logo its pages print (the brand is no part of the JSON), every
template the build uses (the project's own and the packaged ones it does not override), and the
generator itself (its version, the bytes of its own source and data files, and the versions of
the libraries that write the bytes). Change any of them and the
key changes, so a stale file is never served; there is nothing to invalidate by hand.

A file only enters the cache once the build's completeness audit has passed (``commit``): until
then it waits under a pending name that ``find`` does not see. So a file served from the cache is
byte for byte one that passed the audit with these same inputs and this same generator, and the
build need not read it back again (``reused`` lists those files).

The cache is not part of the project: by default it is a folder of the user's own cache
(``platformdirs``), one per project, named after the facts' folder; ``NOTICES_CACHE`` or an explicit
folder moves it, and a folder holding any file git tracks is refused. Nothing from the repository is
trusted as a cached file: when the audit passes, each new entry's HMAC-SHA256 (under a random secret
that the cache keeps beside its files, readable by the user alone) is recorded, and ``find`` serves
only an entry whose bytes still match their record. One that does not (edited, swapped, put there by
hand) is rendered and audited again, with a warning naming it.

The folder is safe to delete between builds: a missing entry is rendered again. Entries are written
under a temporary name and renamed into place, so an interrupted build never leaves half a file
behind. On commit, entries of the formats built that the build did not use are removed, so the cache
holds one build's worth of files, not every version ever made.

The folder is the cache's own: it carries a CACHEDIR.TAG (the Cache Directory Tagging convention,
which backup tools know), a folder holding other files is refused, and clean-up only ever removes
files named as the cache names them. One build at a time uses it: a second build (or a website
build beside it) waits for the first, saying so, and then reuses what the first rendered. The wait
is a lock on the tag file, which the system releases when its build ends, however it ends.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import hmac
import json
import os
import re
import secrets
import subprocess
import tempfile
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Self

import click
import platformdirs

from generator.defaults import CACHE_FOLDER_VARIABLE
from generator.facts.cascade import ResolvedNotice
from generator.publish import UnsafeOutput
from generator.render.formats import NoticesFor, Subject, writer_libraries
from generator.render.letterhead import letterhead
from generator.render.templating import templates_used

FOLDER_VARIABLE = CACHE_FOLDER_VARIABLE
TAG = "CACHEDIR.TAG"
SECRET = "secret.key"  # the key of the records' HMACs: made here, never read from anywhere else
RECORDS = "verified.json"  # "<format>/<key>": the HMAC of the entry's bytes when the audit passed
_WRITING_RECORDS = RECORDS + ".writing"
_OWN_TOP_FILES = {TAG, SECRET, RECORDS, _WRITING_RECORDS}
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


def project_folder(facts: Path) -> Path:
    """The cache folder of the project whose facts are in ``facts``, unless one is named.

    ``NOTICES_CACHE`` when set; otherwise a folder of the user's cache (outside every repository),
    one per project: the facts folder's parent's name, for a person to recognise, and a digest of its
    full path, so two projects never share one.
    """
    named = os.environ.get(FOLDER_VARIABLE)
    if named:
        return Path(named)
    facts = facts.resolve()
    project = hashlib.sha256(str(facts).encode()).hexdigest()[:12]
    return Path(platformdirs.user_cache_dir("privacy-notices", appauthor=False)) / f"{facts.parent.name}-{project}"


class UnsafeCache(UnsafeOutput):
    """The cache folder holds files the cache did not make, or files that git tracks."""

    see = "refuses.md#the-cache-folder"


class OutputCache:
    """Rendered bytes, by content key, in one folder; use it as a context manager (or ``open``, ``close``)."""

    def __init__(self, folder: Path, templates: Path, say: Callable[[str], None] = lambda message:
                 click.echo(message, err=True)):
        self.folder = folder
        self._say = say  # waiting for another build, and entries that failed verification
        self._lock: int | None = None
        self._secret = b""
        self._records: dict[str, str] = {}
        self._unrecorded_said = False  # entries of a cache with no secret yet: said once, not once each
        # Templates are hashed once per build: every key of the build shares them. The project's own
        # and the packaged ones, as the lookup chooses them: a school's override changes the key.
        self._salt = hashlib.sha256(generator_digest() + files_digest(templates_used(templates))).digest()
        self._used: dict[str, set[str]] = {}
        self._pending: dict[tuple[str, str], str] = {}  # (format, key) -> the record of its bytes
        self._notice_digests: dict[int, tuple[ResolvedNotice, bytes]] = {}
        self._logo_digests: dict[Path, bytes] = {}
        self.reused: dict[Path, Path] = {}  # output path -> the cached file it was served from, in this build

    def open(self) -> Self:
        """Claim the folder: refuse it if it holds files the cache did not make or git tracks, wait for another
        build using it, then read its secret and records."""
        handle = _claim(self.folder, self._say)
        try:
            self._secret = self._read_or_make_secret()
            self._records = self._read_records()
        except BaseException:
            _release(handle)
            raise
        self._lock = handle
        return self

    def _read_or_make_secret(self) -> bytes:
        """The folder's secret: 32 random bytes, readable by this user alone. A new one voids every record."""
        path = self.folder / SECRET
        try:
            secret = path.read_bytes()
            if len(secret) == 32:
                return secret
        except FileNotFoundError:
            pass
        (self.folder / RECORDS).unlink(missing_ok=True)
        if any(_is_entry(path.relative_to(self.folder)) for path in self.folder.glob("*/*/*")):
            self._say(f"warning: the cache {self.folder}/ holds files with no record that they passed the audit "
                      "(made by an earlier version of the tool, or put there by hand): none is used, each is "
                      "rendered and audited again.")
            self._unrecorded_said = True
        secret = secrets.token_bytes(32)
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".writing-")  # made 0600
        with os.fdopen(handle, "wb") as file:
            file.write(secret)
        os.replace(temporary, path)
        return secret

    def _read_records(self) -> dict[str, str]:
        """The records of the entries that passed the audit; none if they cannot be read."""
        try:
            records = json.loads((self.folder / RECORDS).read_bytes())
        except (FileNotFoundError, ValueError):
            return {}
        if not isinstance(records, dict):
            return {}
        return {name: record for name, record in records.items() if isinstance(record, str) and record.isascii()}

    def _record(self, format_name: str, key: str, content: bytes) -> str:
        """The HMAC of an entry's bytes, bound to its format and key so that no entry can stand in for another."""
        return hmac.new(self._secret, f"{format_name}/{key}\0".encode() + content, hashlib.sha256).hexdigest()

    def close(self) -> None:
        """Let another build use the folder (the lock is also released when this process ends)."""
        if self._lock is not None:
            _release(self._lock)
            self._lock = None

    def __enter__(self) -> Self:
        return self.open()

    def __exit__(self, *_exception) -> None:
        self.close()

    def key(self, format_name: str, subject: Subject) -> str:
        """The key of one output file: what it is made from, hashed (for a letter, the group it is for too)."""
        digest = hashlib.sha256(self._salt + format_name.encode() + b"\0")
        if isinstance(subject, NoticesFor):
            digest.update(f"{subject.group}\0{subject.title}\0".encode())
        notices = subject.notices if isinstance(subject, NoticesFor) else subject
        for notice in notices if isinstance(notices, (list, tuple)) else [notices]:
            digest.update(self._notice_digest(notice))
        return digest.hexdigest()

    def _notice_digest(self, notice: ResolvedNotice) -> bytes:
        """The digest of the notice as JSON and of its letterhead's logo, made once however many formats it is
        rendered in."""
        held = self._notice_digests.get(id(notice))
        if held is None or held[0] is not notice:  # holding the notice keeps its id from being reused
            # The names of its versions for children too: a version's file named for an age band is linked otherwise.
            named = "".join(f"\0{version.document_suffix}" for version in notice.childrens_versions)
            digest = hashlib.sha256((notice.model_dump_json() + named).encode())
            digest.update(self._logo_digest(letterhead(notice).logo))
            held = (notice, digest.digest())
            self._notice_digests[id(notice)] = held
        return held[1]

    def _logo_digest(self, logo: Path | None) -> bytes:
        """The digest of a logo's bytes, read once per build; a notice without a logo has its own."""
        if logo is None:
            return b"no logo\0"
        if logo not in self._logo_digests:
            self._logo_digests[logo] = hashlib.sha256(logo.read_bytes()).digest()
        return self._logo_digests[logo]

    def _path(self, format_name: str, key: str) -> Path:
        return self.folder / format_name / key[:2] / key

    def find(self, format_name: str, key: str) -> Path | None:
        """Where the cached file for ``key`` is, or None when there is none or its bytes are not those that
        passed the audit (then a warning names it)."""
        self._used.setdefault(format_name, set()).add(key)
        path = self._path(format_name, key)
        try:
            content = path.read_bytes()
        except (FileNotFoundError, IsADirectoryError):
            return None
        record = self._records.get(f"{format_name}/{key}", "")
        if not hmac.compare_digest(record, self._record(format_name, key, content)):
            if not self._unrecorded_said:
                self._say(f"warning: the cached file {path} is not the one the build made and audited (it was "
                          "changed or put there by hand): it is not used, and is rendered and audited again.")
            return None
        return path

    def put(self, format_name: str, key: str, content: bytes) -> None:
        """Keep ``content`` for ``key`` as pending: ``find`` sees it only after ``commit``."""
        self._used.setdefault(format_name, set()).add(key)
        self._pending[format_name, key] = self._record(format_name, key, content)
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
        """The build's audit passed: its new files are recorded and become servable, and unused entries go.

        The records are written first: a build stopped in between leaves records of files that are not
        there (harmless), never a file without its record.
        """
        def still_used(name: str) -> bool:
            format_name, _, key = name.partition("/")
            return format_name not in self._used or key in self._used[format_name]

        records = {name: record for name, record in self._records.items() if still_used(name)}
        records.update((f"{format_name}/{key}", record) for (format_name, key), record in self._pending.items())
        self._write_records(records)
        for format_name, key in self._pending:
            os.replace(self._pending_path(format_name, key), self._path(format_name, key))
        self._pending.clear()
        for format_name, used in self._used.items():
            for path in (self.folder / format_name).glob("*/*"):
                if path.name not in used and _is_entry(path.relative_to(self.folder)) and path.is_file():
                    path.unlink(missing_ok=True)

    def _write_records(self, records: dict[str, str]) -> None:
        """Replace the records at once (under the lock, so one writer at a time)."""
        self._records = records
        writing = self.folder / _WRITING_RECORDS
        writing.write_text(json.dumps(records, sort_keys=True, indent=0), "utf-8")
        os.replace(writing, self.folder / RECORDS)


def clear(folder: Path, say: Callable[[str], None] = lambda message: click.echo(message, err=True)) -> int:
    """Remove the cache's entries and records from ``folder`` (waiting for a build using it); returns how many
    files went. Files the cache did not make stay, and so does the folder with its tag and secret."""
    handle = _claim(folder, say)
    try:
        entries = [path for path in folder.glob("*/*/*") if _is_entry(path.relative_to(folder)) and path.is_file()]
        for path in [folder / RECORDS, *entries]:
            path.unlink(missing_ok=True)
        for emptied in sorted({path.parent for path in entries} | {path.parent.parent for path in entries}):
            with contextlib.suppress(OSError):  # not empty: it holds what the cache did not make
                emptied.rmdir()
    finally:
        _release(handle)
    return len(entries)


def _claim(folder: Path, say: Callable[[str], None]) -> int:
    """Lock ``folder`` for one build, once it is known to be a cache (or new, or empty); returns the lock.

    Refuses a file, a folder holding files the cache did not make, and one holding files git tracks.
    """
    if folder.exists() and not folder.is_dir():
        raise UnsafeCache(f"{folder} is a file, not a folder: choose another cache folder, or none.")
    _refuse_tracked(folder)
    if not (folder / TAG).is_file() and not _holds_only_entries(folder):
        raise UnsafeCache(
            f"{folder} already holds files that the notices cache did not make (no {TAG} file in it), "
            "and a cache removes the files it no longer needs. Choose an empty or new folder for the cache, "
            "or delete this one yourself if it is safe to.")
    folder.mkdir(parents=True, exist_ok=True)
    handle = os.open(folder / TAG, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if os.fstat(handle).st_size == 0:
            os.write(handle, _TAG_TEXT.encode())
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say(f"Waiting for another build that uses the cache {folder}/ to finish...")
            fcntl.flock(handle, fcntl.LOCK_EX)
    except BaseException:
        os.close(handle)
        raise
    return handle


def _release(handle: int) -> None:
    fcntl.flock(handle, fcntl.LOCK_UN)  # pool workers forked meanwhile share the lock: release it for all
    os.close(handle)


def _is_entry(relative: Path) -> bool:
    """Whether a file at ``relative`` in the folder is one the cache writes (an entry, pending or being written)."""
    if len(relative.parts) != 3:
        return False
    _, prefix, name = relative.parts
    own = _OWN_FILE.fullmatch(name)
    return own is not None and (own["key"] is None or own["key"][:2] == prefix)


def _holds_only_entries(folder: Path) -> bool:
    """True for a missing or empty folder, and for a cache made before caches carried their tag.

    The tag itself counts as the cache's own: another build may be making it at this moment.
    """
    return not folder.exists() or all(_is_entry(path.relative_to(folder)) or path.relative_to(folder).as_posix()
                                      in _OWN_TOP_FILES for path in folder.rglob("*") if not path.is_dir())


def _refuse_tracked(folder: Path) -> None:
    """Refuse a folder that holds a file git tracks: whoever can change the repository could fill the cache."""
    folder = folder.resolve()
    existing = next(parent for parent in (folder, *folder.parents) if parent.exists())
    if not any((parent / ".git").exists() for parent in (existing, *existing.parents)):
        return  # in no repository (the usual case: the user's own cache folder)
    try:
        listed = subprocess.run(["git", "-C", str(existing), "ls-files", "-z", "--full-name", "--", str(folder)],
                                capture_output=True, check=False)
    except FileNotFoundError:
        return  # no git to ask; the records still keep out anything the build did not make
    tracked = [name for name in listed.stdout.decode("utf-8", "replace").split("\0") if name]
    if listed.returncode == 0 and tracked:
        raise UnsafeCache(
            f"{folder} holds {len(tracked)} file(s) that git tracks (the first is {tracked[0]}): a cache must "
            "not be part of the repository, where anyone who changes the repository could change what is "
            "published. Leave out --cache (and 'cache:' in mkdocs.yml) to use your own cache folder, outside "
            f"the repository, and take the files out of git with: git rm -r --cached {folder}")
