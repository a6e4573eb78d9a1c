"""On every Python the package says it supports, the one wheel installs into a fresh environment outside
the repository and the tool starts a school's repository, checks the example facts, builds every format
and the website (.ci/try-wheel, which the release workflow runs too); the release's sdist and wheel
pass `twine check`, so PyPI will take them; and the install line `notices init` pins installs a release tag."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from generator import distribution
from generator.distribution import tool_version
from generator.render.formats import all_formats
from tests.conftest import EXAMPLE, PROJECT
from tests.starter.conftest import checkout_copy, run

pytestmark = pytest.mark.slow

PYPROJECT = tomllib.loads((PROJECT / "pyproject.toml").read_text("utf-8"))["project"]
SUPPORTED = [match[1] for classifier in PYPROJECT["classifiers"]
             if (match := re.fullmatch(r"Programming Language :: Python :: (3\.\d+)", classifier))]


def pyenv_root() -> Path:
    if os.environ.get("PYENV_ROOT"):
        return Path(os.environ["PYENV_ROOT"])
    found = shutil.which("pyenv")
    if found:
        return Path(subprocess.run([found, "root"], capture_output=True, text=True).stdout.strip())
    return Path.home() / ".pyenv"


def interpreter(version: str) -> str | None:
    """This machine's Python ``version`` (e.g. '3.12'): the newest under pyenv, else one on the PATH that runs."""
    installed = sorted(pyenv_root().glob(f"versions/{version}.*/bin/python{version}"),
                       key=lambda path: [int(part) for part in re.findall(r"\d+", path.parts[-3])])
    candidates = [str(path) for path in reversed(installed)] + [shutil.which(f"python{version}") or ""]
    for candidate in filter(None, candidates):
        said = subprocess.run([candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                              capture_output=True, text=True)
        if said.returncode == 0 and said.stdout.strip() == version:
            return candidate
    return None


def test_the_supported_pythons_are_declared_once_and_agree_with_requires_python() -> None:
    assert SUPPORTED == ["3.11", "3.12", "3.13"]
    assert PYPROJECT["requires-python"] == f">={SUPPORTED[0]}"


@pytest.mark.parametrize("version", SUPPORTED)
def test_the_wheel_installs_and_runs_init_check_build_and_site(version: str, wheel: Path, tmp_path: Path) -> None:
    python = interpreter(version)
    if python is None:
        # In CI a missing Python is a broken machine, not a reason to skip: the release would go out untried.
        assert not os.environ.get("CI"), f"Python {version} is supported but not on this machine"
        pytest.skip(f"Python {version} is not on this machine (pyenv install {version})")
    work = tmp_path / "work"
    tried = run(["bash", PROJECT / ".ci" / "try-wheel", python, wheel, EXAMPLE, work], cwd=tmp_path, ok=False)
    printed = tried.stdout + tried.stderr
    assert tried.returncode == 0, printed
    assert "internal error" not in printed
    assert f"version {tool_version()}" in printed
    assert re.search(r": \d+ notices for 1 school: 0 errors, 0 warnings\.", printed), printed
    school = work / "school"
    assert (school / ".github" / "workflows" / "notices.yml").is_file() and (school / "requirements.txt").is_file()
    built = {path.name for path in (school / "dist" / "oakmoor").iterdir()}
    for output_format in all_formats().values():  # every notice format: the [build] extra brought PDF and Word
        if output_format.document is None and output_format.audit is None:  # not a form, letter, record or schedule
            assert output_format.output_path("oakmoor", "pupils").name in built, output_format.name
    assert "biometrics.consent-form.pdf" in built and "retention-schedule.pdf" in built
    assert "Oakmoor" in (school / "site" / "index.html").read_text("utf-8")
    environment = work / "venv"
    assert f"python{version}" in {path.name for path in (environment / "lib").iterdir()}
    assert not environment.is_relative_to(PROJECT)


def test_the_sdist_and_the_wheel_pass_twine_check(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    run([sys.executable, "-m", "build", "--outdir", out, checkout_copy(tmp_path)], cwd=tmp_path)
    built = sorted(path.name for path in out.iterdir())
    assert built == [f"privacy_notices-{tool_version()}-py3-none-any.whl", f"privacy_notices-{tool_version()}.tar.gz"]
    checked = run([Path(sys.executable).with_name("twine"), "check", "--strict", *sorted(out.iterdir())], cwd=tmp_path)
    assert checked.stdout.count("PASSED") == 2


def test_the_install_line_init_pins_installs_the_release_tag_from_the_repository(tmp_path: Path) -> None:
    """requirement() names the repository on GitHub; here a clone of this checkout, tagged as a release, stands in."""
    if distribution.ON_PYPI:
        pytest.skip("the tool is on PyPI: init pins the package there")
    source = checkout_copy(tmp_path)
    run(["git", "init", "--quiet", "-b", "main"], cwd=source)
    run(["git", "add", "-A"], cwd=source)
    run(["git", "-c", "user.name=Release", "-c", "user.email=release@example.org", "commit", "--quiet", "-m", "Release"],
        cwd=source)
    run(["git", "tag", f"v{tool_version()}"], cwd=source)
    line = distribution.requirement().replace(distribution.project_url("Repository"), source.as_uri())
    assert line == f"privacy-notices @ git+{source.as_uri()}@v{tool_version()}"
    target = tmp_path / "installed"
    run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", target, line], cwd=tmp_path)
    assert (target / "generator" / "cli.py").is_file()
    assert next(target.glob("privacy_notices-*.dist-info")).name == f"privacy_notices-{tool_version()}.dist-info"
