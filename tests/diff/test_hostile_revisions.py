"""A revision made by hand to attack `notices diff` (a tree entry named '..', a huge file) is refused by name, exit 1, with nothing written anywhere."""

from __future__ import annotations

import os
import subprocess
import tempfile
import tracemalloc
from pathlib import Path

import pytest

from tests.diff.test_acceptance import diff


def _object(repo, kind: str, content: bytes) -> str:
    """Write an object as given, without git's checks on names (as a fetch without fsck would accept it)."""
    return subprocess.run(["git", "hash-object", "-w", "--literally", "-t", kind, "--stdin"], cwd=repo.root,
                          input=content, capture_output=True, check=True).stdout.decode().strip()


def _tree(repo, entries: list[tuple[str, str, str]]) -> str:
    """A tree object from (mode, name, object id) entries, any name allowed."""
    raw = b"".join(mode.encode() + b" " + name.encode() + b"\0" + bytes.fromhex(oid) for mode, name, oid in entries)
    return _object(repo, "tree", raw)


def _entries(repo, tree: str) -> list[tuple[str, str, str]]:
    listing = repo.git("ls-tree", "-z", tree).split("\0")
    return [(details.split()[0], name, details.split()[2])
            for details, name in (line.split("\t", 1) for line in listing if line)]


def hostile_revision(repo, extra: tuple[str, str, str]) -> str:
    """Branch 'evil': main with one more entry in its notices/ tree."""
    notices = _tree(repo, _entries(repo, "main:notices") + [extra])
    root = _tree(repo, [entry if entry[1] != "notices" else ("40000", "notices", notices)
                        for entry in _entries(repo, "main^{tree}")])
    commit = repo.git("commit-tree", root, "-p", "main", "-m", "hostile").strip()
    repo.git("update-ref", "refs/heads/evil", commit)
    return "evil"


def _everything_under(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*")}


def _refusal(name: str) -> str:
    return f"evil:notices/{name}: is an entry named '{name}', a name no file can have; nothing was read from this revision."


@pytest.mark.parametrize("name, refusal", [
    *((name, _refusal(name)) for name in ("..", ".", "a/b", "..\\..\\x", "../../escaped")),
    ("", "evil:notices: cannot be read from git (fatal: empty filename in tree entry)."),  # git itself refuses it
])
def test_an_entry_no_file_can_be_named_is_refused_and_nothing_is_written(repo, tmp_path, name, refusal):
    payload = _tree(repo, [("100644", "escaped.yaml", _object(repo, "blob", b"title: written outside\n"))])
    revision = hostile_revision(repo, ("40000", name, payload))
    scratch = Path(tempfile.gettempdir())
    before, scratch_before = _everything_under(tmp_path), set(os.listdir(scratch))
    result = diff(repo, "main", revision)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"The head side (evil) cannot be read:\n  {refusal}")
    assert "Traceback" not in result.stderr
    assert _everything_under(tmp_path) == before  # the repository's parent folders, checked file by file
    assert {entry for entry in set(os.listdir(scratch)) - scratch_before if entry.startswith(("escaped", "notices"))} \
        == set()


@pytest.mark.slow
def test_a_huge_file_is_refused_from_its_size_without_being_read(repo, tmp_path):
    huge = tmp_path / "huge"
    with huge.open("wb") as file:  # sparse: 300 MB on no disk and in no memory
        file.truncate(300 * 1024 * 1024)
    blob = subprocess.run(["git", "hash-object", "-w", str(huge)], cwd=repo.root, capture_output=True,
                          check=True).stdout.decode().strip()
    revision = hostile_revision(repo, ("100644", "huge.yaml", blob))
    tracemalloc.start()
    try:
        result = diff(repo, "main", revision)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "The head side (evil) cannot be read:\n  evil:notices/huge.yaml:1:1: is 314,572,800 bytes, over the 1 MiB "
        "limit for a fact file.")
    assert peak < 20 * 1024 * 1024, f"{peak:,} bytes at the peak: the blob was read"


def test_a_file_with_a_control_character_in_its_name_is_named_with_an_escape(repo):
    revision = hostile_revision(repo, ("100644", "pupils\n.yaml", _object(repo, "blob", b"title: x\n")))
    result = diff(repo, "main", revision)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1].startswith("  evil:notices/pupils\\n.yaml:1:1: ")
