"""A notice's `- include: <section-id>` puts the shared section of sections/ in its place, in every output;
a wrong include is refused at its file:line:col with the nearest ids."""

from __future__ import annotations

from pathlib import Path

from generator.project import load_project
from tests.conftest import notices
from tests.facts.conftest import edit, line_of, refused

NPD = "sections/national-pupil-database.yaml"


def test_every_notice_that_includes_a_section_publishes_its_text(example_copy: Path, tmp_path: Path) -> None:
    edit(example_copy / NPD, "The Department for Education owns and runs", "The Department runs and owns")
    including = [notice for notice in load_project(example_copy).notices
                 if "- include: national-pupil-database" in (example_copy / f"{notice.id}.yaml").read_text("utf-8")]
    assert {notice.id for notice in including} == {"pupils"}
    built = notices("build", "--facts", str(example_copy), "--out", str(tmp_path / "dist"), "--format", "md",
                    "--no-cache")
    assert built.exit_code == 0, built.output
    for notice in including:
        text = (tmp_path / "dist" / notice.key).with_suffix(".md").read_text("utf-8")
        assert "## The National Pupil Database (NPD) {#national-pupil-database}" in text
        assert "The Department runs and owns the National Pupil Database." in " ".join(text.split())


def test_an_unknown_include_names_its_line_and_the_nearest_section(example_copy: Path) -> None:
    edit(example_copy / "pupils.yaml", "- include: youth-support-services", "- include: youth-suport-services")
    where, first = refused(example_copy)
    assert (where["file"].endswith("pupils.yaml")
            and int(where["line"]) == line_of(example_copy / "pupils.yaml", "youth-suport-services"))
    assert ("sections[4].include: includes the shared section 'youth-suport-services', which is not in sections/. "
            "Did you mean 'youth-support-services'?") in first


def test_an_include_with_keys_of_its_own_is_refused(example_copy: Path) -> None:
    edit(example_copy / "pupils.yaml", "- include: youth-support-services",
         "- include: youth-support-services\n    title: Youth services")
    _, first = refused(example_copy)
    assert "includes the shared section 'youth-support-services' and also gives title." in first


def test_a_mistake_in_a_shared_section_is_named_in_the_section_file(example_copy: Path) -> None:
    edit(example_copy / NPD, "after: who-we-share-with", "after: who-we-share")
    where, first = refused(example_copy)
    assert where["file"].endswith(NPD) and int(where["line"]) == line_of(example_copy / NPD, "after: who-we-share")
    assert "'who-we-share' is not one of the choices" in first


def test_a_placeholder_in_a_shared_section_is_listed_at_its_own_line(example_copy: Path) -> None:
    edit(example_copy / NPD, "title: The National Pupil Database (NPD)", 'title: "TO BE COMPLETED: a title"')
    checked = notices("check", "--facts", str(example_copy), "--today", "2026-12-01")
    assert checked.exit_code == 1
    assert f"{NPD}:{line_of(example_copy / NPD, 'TO BE COMPLETED')}:1: error placeholder:" in checked.output
