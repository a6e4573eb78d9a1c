"""The files outside the facts that the website or the build reads (settings, templates, pages, theme, workflow,
packages): which a change adds, removes or edits, each with its diff to review as code, and what in
mkdocs.yml will run in the build."""

from __future__ import annotations

import difflib
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from generator.diff.build_files import StoredFile, files_at
from generator.diff.revision import git, is_fact_file, repo_path
from generator.diff.site_settings import SETTINGS, SiteSettings, read_settings
from generator.facts.errors import printable
from generator.new_repository import WORKFLOW
from generator.site.plugin import RAW_HTML_OPTION

# What the build reads whatever mkdocs.yml says, and what each is to a reviewer.
REPOSITORY_FILES = {
    WORKFLOW.parent.as_posix(): "a CI workflow: it runs on GitHub with the repository's permissions",
    "requirements.txt": "the Python packages the build installs",
    "pyproject.toml": "the Python packages the build installs",
    ".pre-commit-config.yaml": "commands that run on each contributor's computer before a commit",
}
FACTS_FOLDER_FILE = "a file in the facts folder that is not a fact (a logo, say): published as it is"
RUNS = "code that runs in every build, in CI too"


@dataclass(frozen=True)
class CodeChange:
    """A file the website or the build reads, added, removed or edited: what it is, and its diff."""

    path: str
    status: Literal["added", "removed", "changed"]
    role: str
    diff: list[str]  # a unified diff, or one line saying why none is shown

    @property
    def headline(self) -> str:
        return f"{printable(self.path)} ({self.role}) {self.status}: review as code."


@dataclass(frozen=True)
class CodeReview:
    files: tuple[CodeChange, ...] = ()
    runs: tuple[str, ...] = ()  # what the change makes the build run, in plain words

    def __bool__(self) -> bool:
        return bool(self.files)


def review_code(base: str, head: str | None, facts: Path, config: Path) -> CodeReview:
    """The review of every file outside the facts that the website or the build reads, between two git
    revisions (``head`` None: the working tree). A side given as a folder has facts only: nothing to review."""
    if any(spec is not None and Path(spec).is_dir() for spec in (base, head)):
        return CodeReview()
    top = git(["rev-parse", "--show-toplevel"], facts if facts.is_dir() else Path.cwd())
    if top.returncode != 0:
        return CodeReview()
    repository = Path(top.stdout.decode().strip())
    config_path = posixpath.normpath(posixpath.join(repo_path(config.parent if config.parent.is_dir() else Path.cwd()),
                                                    config.name))
    facts_path = repo_path(facts)
    base_settings, head_settings = (_settings(files_at(spec, repository, [config_path]).get(config_path), config_path)
                                    for spec in (base, head))
    places = {**REPOSITORY_FILES, config_path: SETTINGS, facts_path: FACTS_FOLDER_FILE}
    for side in (base_settings, head_settings):
        places.update(side.folders())
    before, after = (_without_facts(files_at(spec, repository, sorted(places)), facts_path) for spec in (base, head))
    changes = [_change(path, before.get(path), after.get(path), _role(path, places))
               for path in sorted(before.keys() | after.keys())
               if getattr(before.get(path), "identity", None) != getattr(after.get(path), "identity", None)]
    return CodeReview(tuple(changes), tuple(_runs(base_settings, head_settings, config_path)))


def _settings(file: StoredFile | None, config_path: str) -> SiteSettings:
    if file is not None and file.content is None:  # too large to read
        return SiteSettings(readable=False)
    return read_settings(None if file is None else file.content, config_path)


def _without_facts(files: dict[str, StoredFile], facts_path: str) -> dict[str, StoredFile]:
    prefix = "" if facts_path == "." else facts_path + "/"
    return {path: file for path, file in files.items()
            if not (path.startswith(prefix) and is_fact_file(path.removeprefix(prefix)))}


def _role(path: str, places: dict[str, str]) -> str:
    """What the innermost place holding ``path`` is (a page folder inside the templates folder is pages)."""
    holding = [place for place in places if place == "." or path == place or path.startswith(place + "/")]
    return places[max(holding, key=len)]


def _change(path: str, old: StoredFile | None, new: StoredFile | None, role: str) -> CodeChange:
    status: Literal["added", "removed", "changed"] = "added" if old is None else "removed" if new is None else "changed"
    return CodeChange(path, status, role, _unified(path, old, new))


def _text(file: StoredFile | None) -> list[str] | None:
    """The file's lines, none for an absent file, or None when it is not text to show."""
    if file is None:
        return []
    if file.content is None or b"\0" in file.content:
        return None
    try:
        return file.content.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return None


def _unified(path: str, old: StoredFile | None, new: StoredFile | None) -> list[str]:
    before, after = _text(old), _text(new)
    if before is None or after is None:
        sizes = " to ".join(f"{file.size:,} bytes" for file in (old, new) if file is not None)
        return [f"Not text that can be shown here ({sizes}): open the file itself to review it."]
    names = ("/dev/null" if old is None else f"a/{path}", "/dev/null" if new is None else f"b/{path}")
    return [printable(line) for line in difflib.unified_diff(before, after, *names, lineterm="")]


def _runs(base: SiteSettings, head: SiteSettings, config_path: str) -> list[str]:
    """What head's mkdocs.yml makes the build run, or publish, that base's did not."""
    if not head.readable:
        return [f"{config_path} cannot be read as YAML: review every line of it."]
    runs = [f"{config_path} adds the hook {hook}: Python {RUNS}." for hook in head.hooks if hook not in base.hooks]
    runs += [f"{config_path} adds the plugin '{name}': {RUNS}." for name in head.plugins if name not in base.plugins]
    runs += [f"{config_path} adds the Markdown extension '{name}': {RUNS}."
             for name in head.extensions if name not in base.extensions]
    runs += [f"{config_path} names Python code ({name}): {RUNS}."
             for name in head.python_names if name not in base.python_names]
    if head.inherits is not None and head.inherits != base.inherits:
        runs.append(f"{config_path} takes more settings from {head.inherits}: read it as you read {config_path}.")
    runs += [f"{config_path} adds the script {script} to every page of the website: it runs in every visitor's "
             "browser." for script in head.scripts if script not in base.scripts]
    if head.raw_html_in_pages and not base.raw_html_in_pages:
        runs.append(f"{config_path} sets '{RAW_HTML_OPTION}: true': hand-written pages may now put any HTML, "
                    "scripts included, on the website.")
    runs += [f"{config_path} names {path}, outside the repository: what it holds is not shown here."
             for path in head.outside if path not in base.outside]
    return [printable(line) for line in runs]
