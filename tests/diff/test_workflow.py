"""The GitHub workflow and the pre-commit hook cannot run here: their structure is checked, and every
`notices` command they run is parsed by the real CLI, so a renamed option fails here and not in CI."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from tests.conftest import notices

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = yaml.safe_load((ROOT / ".github" / "workflows" / "notices.yml").read_text(encoding="utf-8"))
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


def test_a_pull_request_is_checked_built_reviewed_in_one_comment_and_its_site_uploaded():
    job = WORKFLOW["jobs"]["review"]
    assert job["if"] == "github.event_name == 'pull_request'"
    assert job["permissions"]["pull-requests"] == "write"
    assert steps("review")[0]["with"]["fetch-depth"] == 0  # the base branch is there to diff against
    runs = "\n".join(step.get("run", "") for step in steps("review"))
    assert "notices check --format github" in runs
    assert "notices build --out dist" in runs and "notices site --out site" in runs
    assert 'notices diff "origin/$BASE_REF" --format markdown > notices-diff.md' in runs
    comment = next(step for step in steps("review") if step.get("uses", "").startswith("actions/github-script"))
    script = comment["with"]["script"]
    assert "const marker = '<!-- notices-diff -->';" in script
    assert "readFileSync('notices-diff.md'" in script
    assert "updateComment" in script and "createComment" in script  # one comment, updated
    upload = next(step for step in steps("review") if step.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "site/"
    order = [step.get("name", step.get("uses")) for step in steps("review")]
    assert order.index("Describe the change") < order.index("Check the facts")  # the review posts even on errors


def test_main_deploys_the_site_to_github_pages():
    job = WORKFLOW["jobs"]["deploy"]
    assert job["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert job["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert job["environment"]["name"] == "github-pages"
    assert uses("deploy")[-2:] == ["actions/upload-pages-artifact", "actions/deploy-pages"]
    assert steps("deploy")[-2]["with"]["path"] == "site/"


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
