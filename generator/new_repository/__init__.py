"""`notices init`: start a school's or a trust's own repository from the defaults the tool ships.

The new repository holds the facts (every school-specific one a "TO BE COMPLETED" placeholder that
`notices check` lists), the notices chosen from the library, and the files that pin and run this
version of the tool: requirements.txt, the GitHub workflow, the pre-commit hook. Templates and site
overrides stay in the installed package until the school copies one to change it.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import get_args

import jinja2

from generator.defaults import packaged
from generator.distribution import DISTRIBUTION, manual, project_url, requirement, tool_version
from generator.facts.models import OrganisationKind
from generator.facts.placeholders import placeholder
from generator.facts.schema import write_schemas
from generator.library import library
from generator.library.copy_notice import adopt
from generator.new_fact_file import new_fact_file
from generator.notices_error import NoticesError

WORKFLOW = Path(".github/workflows/notices.yml")


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.new_repository", ""), undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
    )
    # Every value is written as a YAML (and JSON) double-quoted string, whatever it holds.
    environment.filters["quoted"] = lambda value: json.dumps(str(value), ensure_ascii=False)
    environment.globals["todo"] = lambda what: json.dumps(placeholder(what), ensure_ascii=False)
    return environment


def start_repository(target: Path, notice_ids: list[str], trust: bool, schools: dict[str, str | None]) -> list[Path]:
    """Write a new repository into ``target`` (new or empty), with ``schools`` (id -> name, if known);
    returns the files written, relative to it."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise NoticesError(f"{target} already holds files: choose a new or empty folder for the repository.")
    choices = library()
    unknown = [notice_id for notice_id in notice_ids if notice_id not in choices]
    if unknown:
        raise NoticesError(f"no notice {', '.join(unknown)} in the library; choose from {', '.join(choices)}")
    if schools and not trust:
        raise NoticesError("a school on its own is its organisation, with no schools/ folder: "
                         "add --trust to start a trust with these schools.")
    # Written beside the target and renamed into place: a refusal half-way (a bad school id) leaves nothing.
    target = target.resolve()  # 'notices init .' in an empty folder: the folder keeps its name and place
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.starting-", dir=target.parent))
    try:
        staging.chmod(0o755)
        _write_repository(staging, notice_ids, trust, schools)
        if target.exists():  # empty (checked above), and perhaps someone's current folder: filled, not replaced
            for entry in staging.iterdir():
                os.rename(entry, target / entry.name)
            staging.rmdir()
        else:
            os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return sorted(path.relative_to(target) for path in target.rglob("*") if path.is_file())


def _write_repository(folder: Path, notice_ids: list[str], trust: bool, schools: dict[str, str | None]) -> None:
    facts = folder / "notices"
    facts.mkdir()
    environment = _environment()
    values = {"trust": trust, "version": tool_version(), "distribution": DISTRIBUTION,
              "repository": project_url("Repository"), "manual": manual,
              "requirement": requirement("build"), "check_requirement": requirement(),
              "kinds": ", ".join(get_args(OrganisationKind))}
    (facts / "organisation.yaml").write_text(
        environment.get_template("organisation.yaml.j2").render(values), encoding="utf-8")
    for school_id, name in schools.items():
        new_fact_file(facts, "school", school_id, name)
    for notice_id in notice_ids:  # after the schools: each school gets a placeholder for its own recipients
        adopt(facts, notice_id, notice_id)
    write_schemas(facts / "schema")
    for template, written in _REPOSITORY_FILES.items():
        (folder / written).write_text(environment.get_template(template).render(values), encoding="utf-8")
    (folder / WORKFLOW).parent.mkdir(parents=True)
    shutil.copyfile(packaged("workflows") / WORKFLOW.name, folder / WORKFLOW)
    pages = folder / "templates" / "site" / "pages"  # the website's docs_dir: it must exist, even empty
    pages.mkdir(parents=True)
    (pages / ".keep").write_text("Pages you write yourself (an accessibility statement, say) go here as Markdown.\n")


# Template in this package -> the file it becomes in the new repository.
_REPOSITORY_FILES = {
    "mkdocs.yml.j2": "mkdocs.yml", "requirements.txt.j2": "requirements.txt", "README.md.j2": "README.md",
    "pre-commit-config.yaml.j2": ".pre-commit-config.yaml", "gitignore.j2": ".gitignore",
}
