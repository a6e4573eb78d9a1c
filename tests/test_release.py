"""The release workflow builds, checks and tries the package on every supported Python before PyPI trusted
publishing takes it, refuses a tag that does not name pyproject.toml's version, and passes actionlint."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.distribution import tool_version
from tests.conftest import PROJECT
from tests.diff.test_workflow import NODE_24_FROM, _actionlint
from tests.starter.test_supported_pythons import SUPPORTED

RELEASE_FILE = PROJECT / ".github" / "workflows" / "release.yml"
RELEASE = yaml.safe_load(RELEASE_FILE.read_text("utf-8"))
JOBS = RELEASE["jobs"]
# Runs in a container of its own, not on Node: https://github.com/pypa/gh-action-pypi-publish (action.yml).
PUBLISH_ACTION = "pypa/gh-action-pypi-publish@release/v1"


def runs(job: str) -> str:
    return "\n".join(step.get("run", "") for step in JOBS[job]["steps"])


def step_named(job: str, name: str) -> dict:
    return next(step for step in JOBS[job]["steps"] if step.get("name") == name)


def test_a_version_tag_starts_it_and_publishing_waits_for_every_check() -> None:
    triggers = RELEASE.get("on", RELEASE.get(True))  # PyYAML reads the key `on` as true (YAML 1.1)
    assert triggers == {"push": {"tags": ["v*"]}}
    assert RELEASE["permissions"] == {"contents": "read"}
    assert (JOBS["try"]["needs"], JOBS["publish"]["needs"]) == ("build", "try")


def test_the_sdist_and_wheel_are_built_and_checked_as_pypi_will() -> None:
    assert "python -m build" in runs("build")
    assert "python -m twine check --strict dist/*" in runs("build")


def test_the_wheel_is_tried_on_every_supported_python_as_the_slow_test_tries_it() -> None:
    assert JOBS["try"]["strategy"]["matrix"]["python"] == SUPPORTED
    assert "bash .ci/try-wheel python dist/*.whl notices" in runs("try")


def test_publishing_is_trusted_publishing_in_its_own_environment_with_no_token() -> None:
    job = JOBS["publish"]
    assert job["environment"]["name"] == "pypi"
    assert job["permissions"] == {"id-token": "write"}
    assert job["steps"][-1] == {"uses": PUBLISH_ACTION}  # no password: PyPI trusts this workflow
    assert "secrets." not in RELEASE_FILE.read_text("utf-8")


@pytest.mark.parametrize("tag, refused", [(f"v{tool_version()}", False), ("v9.9.9", True), (tool_version(), True)])
def test_a_tag_that_does_not_name_the_version_is_refused(tag: str, refused: bool) -> None:
    script = step_named("build", "The tag names the version in pyproject.toml")["run"]
    environment = {**os.environ, "TAG": tag, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(["bash", "-e", "-c", script], cwd=PROJECT, env=environment, capture_output=True, text=True)
    assert done.returncode == (1 if refused else 0), done.stdout + done.stderr
    if refused:
        assert f"the tag {tag} does not name pyproject.toml's version {tool_version()}" in done.stdout


@pytest.mark.parametrize("job", sorted(JOBS))
def test_every_action_runs_on_a_supported_node(job: str) -> None:
    node_24_from = {**NODE_24_FROM, "actions/download-artifact": 7}  # download-artifact's v7 release notes
    for step in JOBS[job]["steps"]:
        if "uses" in step and step["uses"] != PUBLISH_ACTION:
            action, version = step["uses"].split("@")
            assert int(version.removeprefix("v").split(".")[0]) >= node_24_from[action], step["uses"]


def test_the_release_workflow_passes_actionlint_and_shellcheck(tmp_path: Path) -> None:
    actionlint = _actionlint()
    if actionlint is None:
        assert not os.environ.get("CI"), "actionlint is missing: pip install -e '.[lint]'"
        pytest.skip("actionlint is not installed: pip install -e '.[lint]'")
    linted = subprocess.run([actionlint, "-no-color", str(RELEASE_FILE)], capture_output=True, text=True)
    assert linted.returncode == 0, linted.stdout + linted.stderr
    broken = tmp_path / "release.yml"  # and it reads this file: a misspelt permission fails
    broken.write_text(RELEASE_FILE.read_text("utf-8").replace("id-token: write", "id_token: write"), "utf-8")
    assert subprocess.run([actionlint, "-no-color", str(broken)], capture_output=True).returncode == 1
    if shutil.which("shellcheck"):
        script = PROJECT / ".ci" / "try-wheel"
        assert subprocess.run(["shellcheck", str(script)], capture_output=True).returncode == 0
