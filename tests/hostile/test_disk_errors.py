"""A disk that refuses a write (full, read-only, not ours) stops the build with a plain line naming the
folder and what to do, never an internal error, and the previous output stays as it was."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import TEMPLATES
from tests.hostile.conftest import facts_data, notices, tree_digest, write_facts

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

NOBODY = 65534


@pytest.fixture
def published(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """Facts, an earlier Markdown build of them in ``dist``, and that build's digest."""
    facts = write_facts(tmp_path / "notices", facts_data())
    out = tmp_path / "dist"
    result = notices("build", "--facts", str(facts), "--out", str(out), "--format", "md")
    assert result.exit_code == 0, result.output
    return facts, out, tree_digest(out)


@pytest.mark.parametrize(("code", "said"), [
    (errno.ENOSPC, "the disk is full. Free some space, or build into a folder on another disk with --out"),
    (errno.EROFS, "the disk is read-only. Build into a folder on a disk you can write to, with --out"),
])
def test_a_disk_that_refuses_a_write_is_named_and_the_output_kept(published, monkeypatch: pytest.MonkeyPatch,
                                                                  code: int, said: str) -> None:
    facts, out, before = published
    write_bytes = Path.write_bytes

    def refusing(path: Path, data: bytes) -> int:
        if ".dist.building-" in str(path):
            raise OSError(code, os.strerror(code), str(path))
        return write_bytes(path, data)

    monkeypatch.setattr(Path, "write_bytes", refusing)
    result = notices("build", "--facts", str(facts), "--out", str(out), "--format", "md")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"error: cannot write in {out.parent}: {said}, and build again; {out} was left as it was.")
    assert tree_digest(out) == before
    assert not [path for path in out.parent.iterdir() if ".building-" in path.name]


def _as_nobody() -> list[str] | None:
    """The command prefix that runs a program as an unprivileged user, or None if this machine has none.

    Root writes into any folder whatever its permissions, so a read-only folder is tested as 'nobody'.
    """
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    prefix = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"] if setpriv else None
    if prefix and subprocess.run([*prefix, sys.executable, "-c", "import generator"], capture_output=True).returncode == 0:
        return prefix
    return None


def test_a_folder_without_write_permission_is_named_and_the_output_kept() -> None:
    prefix = _as_nobody()
    if prefix is None:
        pytest.skip("running as root with no way to run the build as an unprivileged user")
    base = Path(tempfile.mkdtemp(prefix="read-only-"))  # not under pytest's folders, which only root may enter
    try:
        base.chmod(0o755)
        facts = write_facts(base / "notices", facts_data())
        (base / "published").mkdir(mode=0o755)
        out = base / "published" / "dist"
        assert notices("build", "--facts", str(facts), "--out", str(out), "--format", "md").exit_code == 0
        before = tree_digest(out)
        (base / "published").chmod(0o555)
        result = subprocess.run([*prefix, str(Path(sys.executable).parent / "notices"), "build", "--facts", str(facts),
                                 "--templates", str(TEMPLATES), "--out", str(out), "--format", "md", "--no-cache"],
                                capture_output=True, text=True, cwd=base, env={**os.environ, "HOME": str(base)})
        assert result.returncode == 1, result.stderr
        assert result.stderr.splitlines()[0] == (
            f"error: cannot write in {out.parent}: you do not have permission to write there. Build into a folder "
            f"of your own with --out, or ask whoever manages this computer, and build again; {out} was left as it was.")
        assert tree_digest(out) == before
    finally:
        (base / "published").chmod(0o755)
        shutil.rmtree(base)
