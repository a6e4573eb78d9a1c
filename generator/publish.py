"""Publishing a build safely: write into a fresh sibling folder, swap it in only when complete.

A failed or interrupted build leaves the previous output exactly as it was. Only folders that a
build made (they carry MARKER) are ever replaced, so ``--out /`` or ``--out ~`` cannot wipe anything.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import NoticesError

MARKER = ".notices-build"


class UnsafeOutput(NoticesError):
    """The output folder is one we must not replace."""

    see = "docs/refuses.md#where-a-build-may-write"


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


@contextmanager
def staged_output(out: Path) -> Iterator[Path]:
    """Yield a fresh folder beside ``out``; on success it replaces ``out``, on any failure it is removed."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    staging.chmod(0o755)
    try:
        yield staging
        (staging / MARKER).write_text("Made by 'notices build'. This folder is replaced on every build.\n")
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


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
