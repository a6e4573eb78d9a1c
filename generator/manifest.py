"""What a build made, listed in its output folder, so that the next build replaces that and keeps the rest.

The list lives in the folder's MARKER file. A file or folder it does not name is someone else's (a
deploy checkout's ``.git``, a ``CNAME``, a search console's ``google1234.html``): the next build
carries it into its new output unchanged, as hard links where the disk allows, so the previous output
is never touched before the new one is swapped in.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

MARKER = ".notices-build"
_NOTE = ("Made by 'notices build' or 'notices site'. The next build replaces the files listed under 'made' "
         "and keeps every other file in this folder as it is.")


def write_manifest(folder: Path, leave_out: frozenset[str] = frozenset()) -> None:
    """List everything under ``folder`` in its MARKER, except the top-level entries named in ``leave_out``."""
    made = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if relative.parts[0] in leave_out or relative.as_posix() == MARKER:
            continue
        made.append(relative.as_posix() + ("/" if path.is_dir() and not path.is_symlink() else ""))
    manifest = {"note": _NOTE, "made": made}
    (folder / MARKER).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def made_by_build(folder: Path) -> frozenset[str] | None:
    """The paths the build that made ``folder`` listed, folders ending in '/'; None for a marker without a list.

    A marker without a list comes from a version that replaced the whole folder: all of it counts as made.
    """
    try:
        manifest = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    made = manifest.get("made") if isinstance(manifest, dict) else None
    return frozenset(made) if isinstance(made, list) else None


def others_files(folder: Path) -> list[str]:
    """The top-most files and folders under ``folder`` that its build did not make, as relative paths."""
    made = made_by_build(folder)
    if made is None:
        return []
    found: list[str] = []

    def visit(directory: Path, prefix: str) -> None:
        for entry in sorted(os.scandir(directory), key=lambda entry: entry.name):
            relative = prefix + entry.name
            if relative == MARKER:
                continue
            if entry.is_dir(follow_symlinks=False):
                if relative + "/" in made:
                    visit(Path(entry.path), relative + "/")
                else:
                    found.append(relative)
            elif relative not in made:
                found.append(relative)

    visit(folder, "")
    return found


def carry(previous: Path, new: Path, paths: list[str]) -> list[str]:
    """Put each of ``paths`` from ``previous`` at the same place in ``new``; return those it would write over.

    Nothing is carried if any path collides with what the new build made (a file of the same name as
    one of its files or folders, unless the bytes are the same).
    """
    collisions = [path for path in paths if _collides(previous / path, new, path)]
    if not collisions:
        for path in paths:
            (new / path).parent.mkdir(parents=True, exist_ok=True)
            _merge(previous / path, new / path)
    return collisions


def _is_folder(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink()


def _collides(source: Path, new: Path, path: str) -> bool:
    """Whether keeping ``source`` at ``new/path`` would replace, or be replaced by, something the new build made."""
    target = new / path
    for parent in Path(path).parents[:-1]:
        if os.path.lexists(new / parent) and not _is_folder(new / parent):
            return True
    if not os.path.lexists(target):
        return False
    if _is_folder(source) and _is_folder(target):
        return any(_collides(source / name, new, f"{path}/{name}") for name in os.listdir(source))
    if _is_folder(source) or _is_folder(target) or source.is_symlink() or target.is_symlink():
        return True
    return source.read_bytes() != target.read_bytes()


def _merge(source: Path, target: Path) -> None:
    """``source`` at ``target``, where what is already there is a folder to fill in or the same bytes."""
    if not os.path.lexists(target):
        if _is_folder(source):
            shutil.copytree(source, target, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(source, target)
    elif _is_folder(source):
        for name in sorted(os.listdir(source)):
            _merge(source / name, target / name)


def _link_or_copy(source: str | Path, target: str | Path) -> None:
    """A hard link (instant, and the previous output's file stays as it is), or a copy where the disk refuses one."""
    if os.path.islink(source):
        os.symlink(os.readlink(source), target)
        return
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError as error:
        if error.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EACCES):
            raise
        shutil.copy2(source, target, follow_symlinks=False)
