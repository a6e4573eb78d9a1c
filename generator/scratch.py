"""Scratch folders that a killed run leaves behind, told apart from a live run's and removed by the next run.

Each scratch folder ``<prefix>XXXXXXXX`` has a lock file beside it, ``<prefix>XXXXXXXX.alive``,
that its run holds locked (``flock``) for as long as it lives. The kernel drops the lock when the
process dies, however it dies (SIGKILL included), so a lock that can be taken means its run is
gone. Unlike a process id in the name, a lock cannot go stale or point at a reused id, and it
works for every process that shares the folder.
"""

from __future__ import annotations

import atexit
import fcntl
import glob
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ALIVE = ".alive"


@contextmanager
def scratch_folder(parent: Path, prefix: str) -> Iterator[Path]:
    """A new empty folder ``parent/<prefix>XXXXXXXX``, marked live until the block ends, then removed if still there.

    Folders of the same prefix whose run died are removed first.
    """
    parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned(parent, prefix)
    handle, lock = _held_lock_file(parent, prefix)
    folder = lock.with_name(lock.name.removesuffix(ALIVE))
    try:
        folder.mkdir()  # its name is new: mkstemp made the lock file's
        try:
            yield folder
        finally:  # the folder before its lock, so that a folder is never left without one
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        lock.unlink(missing_ok=True)
        os.close(handle)


def held_while_this_process_lives(folder: Path) -> None:
    """Mark ``folder``, made by someone else (multiprocessing's pymp-*), as live until this process ends.

    The lock file is locked before it takes its name, so that no other run sees it unlocked; at a
    normal exit it goes, and whoever made the folder removes it; after a kill, ``remove_abandoned`` does.
    """
    handle, name = tempfile.mkstemp(prefix=f".{folder.name}-", dir=folder.parent)
    fcntl.flock(handle, fcntl.LOCK_EX)
    lock = folder.with_name(folder.name + ALIVE)
    os.rename(name, lock)
    atexit.register(_release, handle, lock)


def _release(handle: int, lock: Path) -> None:
    lock.unlink(missing_ok=True)
    os.close(handle)


def _held_lock_file(parent: Path, prefix: str) -> tuple[int, Path]:
    """A new lock file, locked by this process (opened, then locked: another run may clear it away in between)."""
    while True:
        handle, name = tempfile.mkstemp(prefix=prefix, suffix=ALIVE, dir=parent)
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            if os.stat(name).st_ino == os.fstat(handle).st_ino:
                return handle, Path(name)
        except FileNotFoundError:
            pass
        os.close(handle)


def remove_abandoned(parent: Path, prefix: str, rescue: Callable[[Path], None] | None = None) -> None:
    """Remove each ``parent/<prefix>*`` scratch folder whose run has died, after ``rescue(folder)`` if given."""
    for lock in sorted(Path(path) for path in glob.glob(glob.escape(f"{parent}/{prefix}") + "*" + ALIVE)):
        try:
            handle = os.open(lock, os.O_RDWR)
        except OSError:  # removed meanwhile by its run, or another user's
            continue
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:  # its run is alive
            os.close(handle)
            continue
        try:
            folder = lock.with_name(lock.name.removesuffix(ALIVE))
            if rescue and folder.is_dir():
                rescue(folder)
            shutil.rmtree(folder, ignore_errors=True)
            lock.unlink(missing_ok=True)
        finally:
            os.close(handle)
