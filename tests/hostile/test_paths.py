"""Ids are file names, fact files stay inside the facts folder, and a build never replaces a folder it did not make."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.distribution import manual
from generator.publish import MARKER, UnsafeOutput, check_output_folder
from tests.hostile.conftest import facts_data, notices, tree_digest, write_facts


@pytest.fixture
def facts(tmp_path: Path) -> Path:
    return write_facts(tmp_path / "notices", facts_data())


def test_a_fact_file_linking_outside_the_facts_folder_is_refused(facts: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("title: not yours\n", "utf-8")
    (facts / "outside.yaml").symlink_to(secret)
    result = notices("check", "--facts", str(facts))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "outside.yaml: is a link to a file outside the facts folder. "
        "Copy the file into the facts folder instead of linking to it."
    )
    assert "not yours" not in result.output


def test_a_school_file_linking_outside_the_facts_folder_is_refused(facts: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere.yaml").write_text("name: Elsewhere\n", "utf-8")
    (facts / "schools" / "elsewhere.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    result = notices("check", "--facts", str(facts))
    assert result.exit_code == 1
    assert result.output.startswith("schools/elsewhere.yaml: is a link to a file outside the facts folder.")


def test_a_link_to_another_file_inside_the_facts_folder_is_read(facts: Path) -> None:
    (facts / "schools" / "valley.yaml").symlink_to(facts / "schools" / "hill.yaml")
    result = notices("check", "--facts", str(facts))
    assert result.exit_code == 0, result.output
    assert "2 notices for 2 schools" in result.output


@pytest.mark.parametrize("name", ["../escape.yaml", "Pupils.yaml", "pupil info.yaml", "pupils_2.yaml", "-pupils.yaml",
                                  "élèves.yaml"])
def test_a_file_name_that_cannot_be_an_id_is_refused(facts: Path, name: str) -> None:
    target = facts / name
    target.write_text((facts / "pupils.yaml").read_text("utf-8"), "utf-8")
    result = notices("check", "--facts", str(facts))
    if name.startswith(".."):  # only files inside the folder are read at all
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{name}:1:1: has a file name ('{name}') that cannot be an id. Rename it with lower-case letters, "
        "digits and hyphens only, e.g. 'children-in-need.yaml'."
    )


@pytest.mark.parametrize("where", ["root", "home", "project", "working folder", "parent of project"])
def test_output_folders_that_hold_other_things_are_refused(tmp_path: Path, monkeypatch, where: str) -> None:
    home = tmp_path / "home"
    project = home / "project"
    project.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(project)
    out = {"root": Path("/"), "home": Path("~").expanduser(), "project": Path("."),
           "working folder": Path(os.getcwd()), "parent of project": Path("..")}[where]
    with pytest.raises(UnsafeOutput):
        check_output_folder(out, project)


def test_the_home_folder_is_refused_by_the_command_and_left_alone(facts: Path, tmp_path: Path, monkeypatch) -> None:
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    (home / "Documents" / "letter.txt").write_text("keep me", "utf-8")
    (home / MARKER).write_text("even a marker does not make home a build folder", "utf-8")
    monkeypatch.setenv("HOME", str(home))
    before = tree_digest(home)
    result = notices("build", "--facts", str(facts), "--out", str(home), "--format", "md")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"error: {home} is not a place to build into: choose a folder of its own, e.g. 'dist'.",
        f"  see {manual('refuses.md#where-a-build-may-write')}"]
    assert tree_digest(home) == before


def test_the_project_folder_is_refused_by_the_command(tmp_path: Path, monkeypatch) -> None:
    project = tmp_path / "project"
    write_facts(project / "notices", facts_data())
    monkeypatch.chdir(project)
    before = tree_digest(project)
    result = notices("build", "--facts", "notices", "--out", ".", "--format", "md")
    assert result.exit_code == 1
    assert result.output.startswith("error: . is not a place to build into")
    assert tree_digest(project) == before


def test_a_folder_of_other_files_is_refused_and_left_alone(facts: Path, tmp_path: Path) -> None:
    out = tmp_path / "website"
    out.mkdir()
    (out / "index.html").write_text("<p>the school's own site</p>", "utf-8")
    before = tree_digest(out)
    result = notices("build", "--facts", str(facts), "--out", str(out), "--format", "md")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"error: {out} already holds files that 'notices build' did not make (no {MARKER} file in it). "
        "Choose an empty or new folder, or delete this one yourself if it is safe to."
    )
    assert tree_digest(out) == before


def test_a_file_in_place_of_the_output_folder_is_refused(facts: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    out.write_text("a file", "utf-8")
    result = notices("build", "--facts", str(facts), "--out", str(out), "--format", "md")
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {out} is a file, not a folder")
    assert out.read_text("utf-8") == "a file"


@pytest.mark.parametrize("state", ["missing", "empty", "made by a build"])
def test_new_empty_and_earlier_build_folders_are_built_into(facts: Path, tmp_path: Path, state: str) -> None:
    out = tmp_path / "dist"
    if state == "empty":
        out.mkdir()
    elif state == "made by a build":
        assert notices("build", "--facts", str(facts), "--out", str(out), "--format", "html").exit_code == 0
    result = notices("build", "--facts", str(facts), "--out", str(out), "--format", "md")
    assert result.exit_code == 0, result.output
    assert sorted(tree_digest(out)) == [MARKER, "hill/pupils.md"]


def test_a_schools_folder_linking_outside_the_facts_folder_is_refused(facts: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "valley.yaml").write_text("name: Valley School\n", "utf-8")
    shutil.rmtree(facts / "schools")
    (facts / "schools").symlink_to(elsewhere, target_is_directory=True)
    result = notices("check", "--facts", str(facts))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "schools/valley.yaml: is a link to a file outside the facts folder. "
        "Copy the file into the facts folder instead of linking to it."
    )


def test_a_pipe_named_like_a_fact_file_is_refused_without_waiting(facts: Path) -> None:
    os.mkfifo(facts / "pipe.yaml")
    result = notices("check", "--facts", str(facts))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "pipe.yaml: is not an ordinary file. Replace it with a YAML file saved from an editor.")


def test_an_earlier_build_folder_holding_the_facts_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    (out / "notices").mkdir(parents=True)
    (out / MARKER).write_text("", "utf-8")
    with pytest.raises(UnsafeOutput, match="which this build reads"):
        check_output_folder(out, tmp_path / "project", inputs=(out / "notices", tmp_path / "templates"))


def test_an_output_folder_that_is_a_link_to_home_is_refused(tmp_path: Path, monkeypatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    (tmp_path / "dist").symlink_to(home, target_is_directory=True)
    with pytest.raises(UnsafeOutput, match="not a place to build into"):
        check_output_folder(tmp_path / "dist", tmp_path / "project")


def test_a_build_into_the_folder_that_holds_its_facts_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    assert notices("build", "--facts", str(write_facts(tmp_path / "notices", facts_data())), "--out", str(out),
                   "--format", "md").exit_code == 0
    facts = write_facts(out / "notices", facts_data())  # someone keeps the facts in the build folder
    before = tree_digest(out)
    result = notices("build", "--facts", str(facts), "--out", str(out), "--format", "md")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"error: {out} holds {facts}, which this build reads: choose an output folder outside it.")
    assert tree_digest(out) == before


@pytest.mark.parametrize("link, first_line", [
    ("pupils-copy.yaml", "pupils-copy.yaml: is a link that leads back to itself (a loop), not a file."),
    ("organisation.yaml", "organisation.yaml: is a link that leads back to itself (a loop), not a file."),
    ("schools", "schools: is a link that leads to no folder (it is broken, or leads back to itself)."),
])
def test_a_link_that_loops_is_refused_by_name(facts: Path, monkeypatch, link: str, first_line: str) -> None:
    target = facts / link
    if target.exists():
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    target.symlink_to(link)  # a link to itself
    monkeypatch.chdir(facts)
    result = notices("check", "--facts", ".")
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith(first_line)
    assert "internal error" not in result.output


@pytest.mark.parametrize("name", [".pupils.yaml", "._pupils.yaml", "schools/.valley.yml"])
def test_a_hidden_fact_file_is_named_not_silently_left_out(facts: Path, monkeypatch, name: str) -> None:
    (facts / name).write_text((facts / "pupils.yaml").read_text("utf-8"), "utf-8")
    monkeypatch.chdir(facts)
    result = notices("check", "--facts", ".")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{name}:1:1: is hidden (its name starts with a dot), so it would be left out of the notices. "
        f"Rename it to '{Path(name).name.lstrip('._')}' to use it, or move it out of the facts folder.")


def test_a_fact_file_ending_in_capitals_is_read_like_any_other(facts: Path) -> None:
    (facts / "pupils.yaml").rename(facts / "staff.YAML")
    result = notices("show", "--facts", str(facts), "hill/staff")
    assert result.exit_code == 0, result.output
    assert '"title": "How we use pupil information"' in result.output
