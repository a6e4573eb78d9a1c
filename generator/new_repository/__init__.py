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
from dataclasses import dataclass
from pathlib import Path

import jinja2

from generator.defaults import packaged
from generator.distribution import DISTRIBUTION, manual, project_url, requirement, tool_version
from generator.facts.placeholders import MARKER, placeholder
from generator.facts.schema import write_schemas
from generator.facts.strict_yaml import load_yaml_file
from generator.library import library, recipient_catalogue
from generator.library.copy_notice import adopt
from generator.new_fact_file import SchoolFacts, new_fact_file, school_id_from_name
from generator.new_repository.questions import KINDS, Answers, check_notices
from generator.notices_error import NoticesError

WORKFLOW = Path(".github/workflows/notices.yml")
LOCAL_AUTHORITY = "local-authority"  # the recipient id of the school's local authority, in the library's notices


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.new_repository", ""), undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
    )
    # Every value is written as a YAML (and JSON) double-quoted string, whatever it holds.
    environment.filters["quoted"] = lambda value: json.dumps(str(value), ensure_ascii=False)
    environment.globals["todo"] = lambda what: json.dumps(placeholder(what), ensure_ascii=False)
    return environment


@dataclass(frozen=True)
class Started:
    """What `notices init` wrote (each file, relative to the repository) and what it left out, in words."""

    files: list[Path]
    left_out: list[str]


def start_repository(target: Path, school: Answers, notice_ids: list[str] | None = None,
                     schools: dict[str, str | None] | None = None) -> Started:
    """Write a new repository into ``target`` (new or empty) for the school (or trust) ``school`` describes, with
    the library's ``notice_ids`` (default: those that fit it) and, for a trust, ``schools`` (id -> name, if known)
    besides the one named."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise NoticesError(f"{target} already holds files: choose a new or empty folder for the repository.")
    schools = dict(schools or {})
    if schools and not school.trust:
        raise NoticesError("a school on its own is its organisation, with no schools/ folder: "
                           "add --trust to start a trust with these schools.")
    if school.trust and (school.name or school.short_id):
        short_id = school.short_id or school_id_from_name(school.name or "")
        if short_id in schools:
            raise NoticesError(f"two schools would have the id '{short_id}'; give the school its own with --short-id")
        schools = {short_id: school.name, **schools}
    notice_ids = check_notices(notice_ids, school) if notice_ids is not None else school.suited_notices()
    # Written beside the target and renamed into place: a refusal half-way (a bad school id) leaves nothing.
    target = target.resolve()  # 'notices init .' in an empty folder: the folder keeps its name and place
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.starting-", dir=target.parent))
    try:
        staging.chmod(0o755)
        left_out = _write_repository(staging, school, notice_ids, schools)
        if target.exists():  # empty (checked above), and perhaps someone's current folder: filled, not replaced
            for entry in staging.iterdir():
                os.rename(entry, target / entry.name)
            staging.rmdir()
        else:
            os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Started(sorted(path.relative_to(target) for path in target.rglob("*") if path.is_file()), left_out)


def _write_repository(folder: Path, school: Answers, notice_ids: list[str],
                      schools: dict[str, str | None]) -> list[str]:
    facts = folder / "notices"
    facts.mkdir()
    environment = _environment()
    choices = library()
    values = {"trust": school.trust, "version": tool_version(), "distribution": DISTRIBUTION,
              "repository": project_url("Repository"), "manual": manual,
              "requirement": requirement("build"), "check_requirement": requirement(),
              "school": school, "kinds": ", ".join(KINDS),
              "retention_policy": any(_bases_to_fill(choices[notice_id].path) for notice_id in notice_ids)}
    # The profile first: adopting a notice leaves out what does not fit the kind, phases and ages it states.
    (facts / "organisation.yaml").write_text(
        environment.get_template("organisation.yaml.j2").render(values), encoding="utf-8")
    for school_id, name in schools.items():
        new_fact_file(facts, "school", school_id, name, SchoolFacts(school.phases, school.ages, school.local_authority))
    left_out = []
    for library_id in notice_ids:  # after the schools: each school gets a placeholder for its own recipients
        # A variant for the school's kind, named for its topic, with the versions for children of its pupils' ages.
        left_out += adopt(facts, choices[library_id].topic, library_id).left_out
    if school.local_authority:
        _name_local_authority(facts, school.local_authority)
    _refer_to_retention_policy(facts)
    write_schemas(facts / "schema")
    for template, written in _REPOSITORY_FILES.items():
        (folder / written).write_text(environment.get_template(template).render(values), encoding="utf-8")
    (folder / WORKFLOW).parent.mkdir(parents=True)
    shutil.copyfile(packaged("workflows") / WORKFLOW.name, folder / WORKFLOW)
    pages = folder / "templates" / "site" / "pages"  # the website's docs_dir: it must exist, even empty
    pages.mkdir(parents=True)
    (pages / ".keep").write_text("Pages you write yourself (an accessibility statement, say) go here as Markdown.\n")
    return left_out


def _name_local_authority(facts: Path, name: str) -> None:
    """The local authority init was told of, in place of its placeholder wherever the notices' adoption put one."""
    wanted = json.dumps(recipient_catalogue().school_own[LOCAL_AUTHORITY].name, ensure_ascii=False)
    for path in [facts / "organisation.yaml", *sorted((facts / "schools").glob("*.yaml"))]:
        text = path.read_text("utf-8")
        if wanted in text:
            path.write_text(text.replace(wanted, json.dumps(name, ensure_ascii=False)), "utf-8")


def _bases_to_fill(notice: Path) -> set[str]:
    """The placeholders a notice's retention rules hold for their basis: each is the retention policy."""
    rules = load_yaml_file(notice, str(notice)).data.get("retention")
    return {rule["basis"] for rule in rules if isinstance(rule, dict) and MARKER in str(rule.get("basis"))} \
        if isinstance(rules, list) else set()


def _refer_to_retention_policy(facts: Path) -> None:
    """Each retention rule whose basis the library left to the school names none: the organisation's
    `retention_policy`, asked once, is its basis."""
    for path in sorted(facts.glob("*.yaml")):
        asked = {f"basis: {json.dumps(basis, ensure_ascii=False)}" for basis in _bases_to_fill(path)}
        if asked:
            lines = path.read_text("utf-8").splitlines(keepends=True)
            path.write_text("".join(line for line in lines if line.strip() not in asked), "utf-8")


# Template in this package -> the file it becomes in the new repository.
_REPOSITORY_FILES = {
    "mkdocs.yml.j2": "mkdocs.yml", "requirements.txt.j2": "requirements.txt", "README.md.j2": "README.md",
    "pre-commit-config.yaml.j2": ".pre-commit-config.yaml", "gitignore.j2": ".gitignore",
}
