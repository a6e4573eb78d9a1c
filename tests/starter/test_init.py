"""`notices init` starts a school's or a trust's repository whose every school-specific fact is a placeholder
that `check` lists, with the files that pin and run the installed version of the tool."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from packaging.requirements import Requirement

from generator import distribution
from generator.cli import main
from generator.distribution import requirement
from generator.library import NOTICES
from generator.new_fact_file import school_id_from_name
from tests.conftest import PROJECT

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow


def init(folder: Path, *arguments: str):
    return CliRunner().invoke(main, ["init", str(folder), *arguments])


def check(folder: Path):
    return CliRunner().invoke(main, ["check", "--facts", str(folder / "notices")])


def test_a_trust_gets_its_organisation_a_file_per_school_and_the_chosen_notices(tmp_path: Path) -> None:
    result = init(tmp_path / "trust", "--trust", "--school", "hill", "--school", "vale",
                  "--notices", "pupils")
    assert result.exit_code == 0, result.output
    facts = tmp_path / "trust" / "notices"
    assert sorted(path.name for path in facts.glob("*.yaml")) == ["organisation.yaml", "pupils.yaml"]
    assert sorted(path.name for path in (facts / "schools").glob("*.yaml")) == ["hill.yaml", "vale.yaml"]
    # The library's notice, less what is not for a trust's academies and the basis of its retention, which is
    # the organisation's retention policy.
    library_lines = iter((NOTICES / "pupils.yaml").read_text("utf-8").splitlines())
    adopted = (facts / "pupils.yaml").read_text("utf-8").splitlines()
    assert all(line in library_lines for line in adopted)  # each line of the library's, in its order
    assert not [line for line in adopted if line.strip().startswith('basis: "TO BE COMPLETED')]
    assert "retention_policy" in (facts / "organisation.yaml").read_text("utf-8")
    assert sorted(path.name for path in (facts / "sections").glob("*.yaml")) == [  # the sections it includes
        "how-the-dfe-uses-data.yaml", "national-pupil-database.yaml", "youth-support-services.yaml"]
    assert (facts / "schema" / "notice.schema.json").is_file()  # editors validate the facts as they are typed


def test_check_lists_every_placeholder_and_build_publishes_nothing(tmp_path: Path) -> None:
    init(tmp_path / "trust", "--trust", "--school", "hill")
    checked = check(tmp_path / "trust")
    assert checked.exit_code == 1
    for where in ("organisation.yaml:6:1: error placeholder: name is still to be completed",
                  "organisation.yaml:11:1: error placeholder: ico_registration",
                  "schools/hill.yaml:7:1: error placeholder: name"):
        assert where in checked.output
    hill = (tmp_path / "trust" / "notices" / "schools" / "hill.yaml").read_text("utf-8").splitlines()
    line = next(number for number, text in enumerate(hill, start=1) if text == "  local-authority:") + 1
    assert f"schools/hill.yaml:{line}:5: error placeholder: recipients.local-authority.name" in checked.output
    assert "error A13.1.b: A public authority must have a data protection officer" in checked.output
    built = CliRunner().invoke(main, ["build", "--facts", str(tmp_path / "trust" / "notices"),
                                      "--out", str(tmp_path / "dist"), "--format", "md"])
    assert built.exit_code == 1 and "is still to be completed" in built.output
    assert not (tmp_path / "dist").exists()


def test_a_school_on_its_own_is_the_organisation_and_names_its_local_recipients_there(tmp_path: Path) -> None:
    assert init(tmp_path / "school", "--kind", "academy").exit_code == 0
    facts = tmp_path / "school" / "notices"
    assert not (facts / "schools").exists()
    organisation = yaml.safe_load((facts / "organisation.yaml").read_text("utf-8"))
    assert organisation["kind"] == "academy"
    assert organisation["recipients"]["dfe"]["name"] == "Department for Education (DfE)"
    assert organisation["recipients"]["local-authority"]["name"].startswith("TO BE COMPLETED")
    assert "recipients.local-authority.name is still to be completed" in check(tmp_path / "school").output


def test_the_repository_pins_this_version_of_the_tool(tmp_path: Path) -> None:
    init(tmp_path / "school", "--kind", "academy")
    folder = tmp_path / "school"
    pinned = [line for line in (folder / "requirements.txt").read_text("utf-8").splitlines() if not line.startswith("#")]
    assert pinned == [requirement("build")]
    hook = yaml.safe_load((folder / ".pre-commit-config.yaml").read_text("utf-8"))["repos"][0]["hooks"][0]
    assert hook["additional_dependencies"] == [requirement()]  # no [build]: a light install
    assert hook["entry"] == "notices check"
    # The workflow is the tool's own, which installs from requirements.txt when there is one.
    assert ((folder / ".github" / "workflows" / "notices.yml").read_bytes()
            == (PROJECT / ".github" / "workflows" / "notices.yml").read_bytes())
    assert "/site/" in (folder / ".gitignore").read_text("utf-8").splitlines()
    assert "notices check" in (folder / "README.md").read_text("utf-8")


def test_the_website_settings_are_the_projects_without_its_custom_dir(tmp_path: Path) -> None:
    init(tmp_path / "school", "--kind", "academy")
    school = yaml.safe_load((tmp_path / "school" / "mkdocs.yml").read_text("utf-8"))
    ours = yaml.safe_load((PROJECT / "mkdocs.yml").read_text("utf-8"))
    del ours["theme"]["custom_dir"]  # a school has none until it overrides a theme file; the packaged ones apply
    assert school == ours
    assert (tmp_path / "school" / school["docs_dir"]).is_dir()


def test_init_refuses_a_folder_with_files_an_unknown_notice_and_schools_without_trust(tmp_path: Path) -> None:
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("mine")
    refused = init(tmp_path / "used", "--kind", "academy")
    assert refused.exit_code == 1 and "already holds files: choose a new or empty folder" in refused.output
    assert (tmp_path / "used" / "notes.txt").read_text() == "mine"
    unknown = init(tmp_path / "new", "--kind", "academy", "--notices", "nursery-rhymes")
    assert unknown.exit_code == 1 and "no notice nursery-rhymes in the library; choose from " in unknown.output
    assert "pupils" in unknown.output
    bad_id = init(tmp_path / "trust", "--trust", "--school", "Hill_School=Hill School")
    assert bad_id.exit_code == 1 and "'Hill_School' cannot be a school id" in bad_id.output
    assert sorted(path.name for path in tmp_path.iterdir()) == ["used"]  # nothing half-written is left
    schools = init(tmp_path / "two", "--kind", "academy", "--school", "hill")
    assert schools.exit_code == 1 and "add --trust to start a trust with these schools" in schools.output


def test_init_fills_the_empty_current_folder(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "ours").mkdir()
    monkeypatch.chdir(tmp_path / "ours")
    assert init(Path("."), "--kind", "academy").exit_code == 0
    assert (tmp_path / "ours" / "notices" / "organisation.yaml").is_file()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["ours"]


@pytest.mark.parametrize("on_pypi, expected", [
    (False, "privacy-notices[build] @ git+https://github.com/privacy-notices/privacy-notices@v{version}"),
    (True, "privacy-notices[build]=={version}"),
])
def test_one_setting_switches_every_install_line_from_the_repository_to_pypi(tmp_path, monkeypatch, on_pypi, expected):
    monkeypatch.setattr(distribution, "ON_PYPI", on_pypi)
    init(tmp_path / "school", "--kind", "academy")
    wanted = expected.format(version=distribution.tool_version())
    assert wanted in (tmp_path / "school" / "requirements.txt").read_text("utf-8").splitlines()
    hook = yaml.safe_load((tmp_path / "school" / ".pre-commit-config.yaml").read_text("utf-8"))["repos"][0]["hooks"][0]
    assert hook["additional_dependencies"] == [wanted.replace("[build]", "")]
    assert Requirement(wanted).name == "privacy-notices"  # a line pip reads


def test_the_readme_and_the_guide_install_what_init_pins_from_the_repository_pyproject_names() -> None:
    for page in (PROJECT / "README.md", PROJECT / "docs" / "your-school.md"):
        assert f"pip install '{requirement('build')}'" in page.read_text("utf-8"), page
    for page in (PROJECT / "README.md", PROJECT / "docs" / "releasing.md"):  # the pre-commit hook, used directly
        assert f"  - repo: {distribution.project_url('Repository')}\n" in page.read_text("utf-8"), page


def test_a_school_given_by_its_name_gets_a_short_id_for_its_web_addresses_shown_as_init_starts(tmp_path) -> None:
    result = init(tmp_path / "trust", "--trust", "--school", "St Mary's Church of England Primary School",
                  "--school", "vale", "--school", "oak=Oakmoor Academy", "--notices", "pupils")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "  st-marys-ce-primary  St Mary's Church of England Primary School: pages at schools/st-marys-ce-primary/" \
        in lines
    assert "  vale                 (its name to fill in): pages at schools/vale/" in lines
    assert "  oak                  Oakmoor Academy: pages at schools/oak/" in lines
    schools = tmp_path / "trust" / "notices" / "schools"
    assert yaml.safe_load((schools / "st-marys-ce-primary.yaml").read_text("utf-8"))["name"] == \
        "St Mary's Church of England Primary School"
    assert yaml.safe_load((schools / "vale.yaml").read_text("utf-8"))["name"].startswith("TO BE COMPLETED")


@pytest.mark.parametrize("name, school_id", [
    ("Hill Primary School", "hill-primary"), ("The Vale Academy", "vale"), ("St. John & St Paul RC Academy",
                                                                            "st-john-and-st-paul-rc"),
    ("Ysgol Gymraeg Caerdydd", "ysgol-gymraeg-caerdydd"), ("The Academy", "the-academy"),
])
def test_the_id_made_from_a_name_leaves_out_the_words_every_school_has(name, school_id) -> None:
    assert school_id_from_name(name) == school_id


def test_two_schools_with_one_id_are_refused_and_nothing_is_written(tmp_path) -> None:
    result = init(tmp_path / "trust", "--trust", "--school", "Hill School", "--school", "hill")
    assert result.exit_code == 1
    assert "two schools would have the id 'hill'; give one its own with ID=NAME" in result.output
    assert not (tmp_path / "trust").exists()
