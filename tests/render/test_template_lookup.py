"""A project's own template replaces the packaged one of the same name, every other template comes from the
package, and the build cache keys on the templates the lookup actually chooses."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.defaults import packaged
from generator.render.cache import OutputCache
from generator.render.templating import markdown_environment, templates_used
from tests.conftest import TEMPLATES


def salt(templates: Path, tmp_path: Path) -> bytes:
    return OutputCache(tmp_path / "cache", templates)._salt


def test_in_this_repository_the_templates_are_the_packaged_defaults() -> None:
    assert packaged("templates").resolve() == TEMPLATES.resolve()


def test_a_projects_template_wins_and_the_rest_come_from_the_package(tmp_path: Path) -> None:
    own = tmp_path / "templates"
    own.mkdir()
    (own / "notice.md.j2").write_text("Our own notice.\n", "utf-8")
    environment = markdown_environment(own)
    assert environment.get_template("notice.md.j2").render() == "Our own notice.\n"
    assert Path(environment.get_template("fragment.html.j2").filename) == TEMPLATES / "fragment.html.j2"
    used = templates_used(own)
    assert used["notice.md.j2"] == own / "notice.md.j2"
    assert used["site/home.md.j2"] == TEMPLATES / "site" / "home.md.j2"


def test_a_project_without_a_templates_folder_builds_from_the_package(tmp_path: Path) -> None:
    assert templates_used(tmp_path / "templates") == templates_used(TEMPLATES)


def test_the_cache_key_changes_with_an_override_and_not_with_a_copy_identical_to_the_packaged_file(
        tmp_path: Path) -> None:
    own = tmp_path / "templates"
    own.mkdir()
    shutil.copyfile(TEMPLATES / "notice.md.j2", own / "notice.md.j2")
    assert salt(own, tmp_path) == salt(tmp_path / "none", tmp_path)  # the same bytes are used either way
    (own / "notice.md.j2").write_text((TEMPLATES / "notice.md.j2").read_text("utf-8") + "\nMore.\n", "utf-8")
    assert salt(own, tmp_path) != salt(tmp_path / "none", tmp_path)
    (own / "notice.md.j2").unlink()
    assert salt(own, tmp_path) == salt(tmp_path / "none", tmp_path)  # removing it restores the default's key
