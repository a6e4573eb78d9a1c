"""Publishing a build safely: write into a fresh sibling folder, swap it in only when complete.

A failed or interrupted build leaves the previous output exactly as it was; a killed one too, and
the next build removes what it left beside the output (see generator/scratch.py). Only folders that a
build made (they carry MARKER) are ever replaced, so ``--out /`` or ``--out ~`` cannot wipe anything,
and only what the build made in them: files that others added are carried over (generator/manifest.py).
"""

from __future__ import annotations

import ctypes
import errno
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.manifest import MARKER, carry, others_files, write_manifest
from generator.notices_error import NoticesError
from generator.scratch import remove_abandoned, scratch_folder


class UnsafeOutput(NoticesError):
    """The output folder is one we must not replace."""

    see = "refuses.md#where-a-build-may-write"


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


# The disk's refusals a person can act on: what is wrong, and what to do about it. Keyed by OSError.errno,
# which may be None.
_DISK_PROBLEMS: dict[int | None, tuple[str, str]] = {
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

    What a killed build left beside ``out`` goes first: its half-built folder, and its previous
    output if the kill came in the middle of a two-step swap (put back as ``out``). A write the disk
    refuses (full, read-only, no permission) becomes OutputNotWritable, naming the folder: the
    previous ``out`` is untouched.
    """
    out = out.resolve()
    staging = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        remove_abandoned(out.parent, _retired_prefix(out), rescue=lambda retired: _put_back(retired / out.name, out))
        with scratch_folder(out.parent, f".{out.name}.building-") as staging:
            staging.chmod(0o755)
            yield staging
            write_manifest(staging)
            _keep_others_files(out, staging)
            _swap(staging, out)
    except OSError as error:
        if error.errno not in _DISK_PROBLEMS:
            raise
        raise _not_writable(error, out, staging) from error


def _keep_others_files(out: Path, staging: Path) -> None:
    """Carry what the previous build did not make into the new output, or refuse where the new one has the name."""
    if not (out / MARKER).is_file():
        return
    collisions = carry(out, staging, others_files(out))
    if collisions:
        listed = ", ".join(collisions[:5]) + (f" and {len(collisions) - 5} more" if len(collisions) > 5 else "")
        raise UnsafeOutput(f"{out} holds files that the build did not make where it now writes its own: {listed}. "
                           f"Move or rename them, and build again; {out} was left as it was.")


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
    """Put ``staging`` in place of ``out`` so that ``out`` is always whole, the previous output or the new one."""
    try:
        os.rename(staging, out)  # there is no previous output
        return
    except OSError as error:
        if error.errno not in (errno.EEXIST, errno.ENOTEMPTY):
            raise
    if _exchange(staging, out):  # staging now holds the previous output, removed with it
        return
    # No atomic exchange here: two renames, and the previous output is put back if interrupted in between
    # (by the next build, if the interruption was a kill).
    with scratch_folder(out.parent, _retired_prefix(out)) as retired:
        os.rename(out, retired / out.name)
        try:
            os.rename(staging, out)
        except BaseException:
            _put_back(retired / out.name, out)
            raise


def _retired_prefix(out: Path) -> str:
    return f".{out.name}.old-"


def _put_back(previous: Path, out: Path) -> None:
    if previous.is_dir() and not out.exists():
        os.rename(previous, out)


_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one atomic step (Linux's renameat2); False where the system or file system cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None) if sys.platform == "linux" else None
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))
