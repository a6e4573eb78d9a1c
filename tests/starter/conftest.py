"""The wheel of this checkout, built once for every test that installs it, and a way to run what it installs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT

BUILD_OUTPUTS = {".git", ".venv", "site", "dist", "build", ".notices-cache", ".pytest_cache", ".hypothesis"}


def run(command: list, cwd: Path, ok: bool = True) -> subprocess.CompletedProcess:
    # Outside the repository, with no trace of this checkout on the import path.
    environment = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True,
                            env=environment, timeout=900)
    if ok:
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


def checkout_copy(parent: Path) -> Path:
    """This checkout without its build outputs: a build from the copy leaves nothing in the checkout."""
    source = parent / "privacy-notices"
    shutil.copytree(PROJECT, source, ignore=lambda folder, names: [
        name for name in names if (Path(folder) == PROJECT and name in BUILD_OUTPUTS)
        or name == "__pycache__" or name.endswith(".egg-info")])
    return source


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    """The wheel of this checkout, as the release workflow builds it."""
    out = tmp_path_factory.mktemp("wheel")
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", out,
         checkout_copy(tmp_path_factory.mktemp("source"))], cwd=out)
    return next(out.glob("privacy_notices-*.whl"))
