"""Publishing a build safely: write into a fresh sibling folder, swap it in only when complete.

A failed or interrupted build leaves the previous output exactly as it was. Only folders that a
build made (they carry MARKER) are ever replaced, so ``--out /`` or ``--out ~`` cannot wipe anything.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

MARKER = ".notices-build"


class UnsafeOutput(Exception):
    """The output folder is one we must not replace."""


def check_output_folder(out: Path, project_root: Path, inputs: tuple[Path, ...] = ()) -> None:
    """Refuse output folders that a build must never replace, including any holding ``inputs`` (facts, templates)."""
    target = out.resolve()
    forbidden = {Path("/"), Path.home().resolve(), project_root.resolve(), Path.cwd().resolve()}
    if target in forbidden or target == target.parent:
        raise UnsafeOutput(f"{out} is not a place to build into: choose a folder of its own, e.g. 'dist'.")
    if project_root.resolve().is_relative_to(target):
        raise UnsafeOutput(f"{out} contains the project itself: choose a folder of its own, e.g. 'dist'.")
    for folder in inputs:
        if folder.resolve().is_relative_to(target):
            raise UnsafeOutput(f"{out} holds {folder}, which this build reads: choose an output folder outside it.")
    if target.exists() and not target.is_dir():
        raise UnsafeOutput(f"{out} is a file, not a folder: choose another name.")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).exists():
        raise UnsafeOutput(
            f"{out} already holds files that 'notices build' did not make (no {MARKER} file in it). "
            "Choose an empty or new folder, or delete this one yourself if it is safe to."
        )


class OutputNotWritable(UnsafeOutput):
    """The disk refused a write: full, read-only, or not ours to write to."""


# The disk's refusals a person can act on: what is wrong, and what to do about it.
_DISK_PROBLEMS = {
    errno.ENOSPC: ("the disk is full", "Free some space, or build into a folder on another disk with --out"),
    errno.EDQUOT: ("your disk quota is used up", "Free some space, or build into a folder on another disk with --out"),
    errno.EROFS: ("the disk is read-only", "Build into a folder on a disk you can write to, with --out"),
    errno.EACCES: ("you do not have permission to write there",
                   "Build into a folder of your own with --out, or ask whoever manages this computer"),
    errno.EPERM: ("you do not have permission to write there",
                  "Build into a folder of your own with --out, or ask whoever manages this computer"),
}


@contextmanager
def staged_output(out: Path) -> Iterator[Path]:
    """Yield a fresh folder beside ``out``; on success it replaces ``out``, on any failure it is removed.

    A write the disk refuses (full, read-only, no permission) becomes OutputNotWritable, naming the
    folder: the previous ``out`` is untouched.
    """
    out = out.resolve()
    staging = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
        staging.chmod(0o755)
        yield staging
        (staging / MARKER).write_text("Made by 'notices build'. This folder is replaced on every build.\n")
        _swap(staging, out)
    except OSError as error:
        if staging:
            shutil.rmtree(staging, ignore_errors=True)
        if error.errno not in _DISK_PROBLEMS:
            raise
        raise _not_writable(error, out, staging) from error
    except BaseException:
        if staging:
            shutil.rmtree(staging, ignore_errors=True)
        raise


def _not_writable(error: OSError, out: Path, staging: Path | None) -> OutputNotWritable:
    """The refusal in plain words, naming the folder a person knows: the output's, not the staging one."""
    written = Path(error.filename) if error.filename else out
    if staging and written.is_relative_to(staging) or written == out:
        folder = out.parent
    else:  # outside the build's folders, e.g. the cache
        folder = written if written.is_dir() else written.parent
    problem, remedy = _DISK_PROBLEMS[error.errno]
    kept = f"{out} was left as it was" if out.exists() else "nothing was written"
    return OutputNotWritable(f"cannot write in {folder}: {problem}. {remedy}, and build again; {kept}.")


def _swap(staging: Path, out: Path) -> None:
    if not out.exists():
        os.rename(staging, out)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.rename(out, retired / out.name)
    try:
        os.rename(staging, out)
    except BaseException:  # interrupted between the two renames: put the previous output back
        os.rename(retired / out.name, out)
        retired.rmdir()
        raise
    shutil.rmtree(retired, ignore_errors=True)
