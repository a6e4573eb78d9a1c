"""Adopting a notice (`notices init`, `notices new notice --from`) copies the library's children's versions in the
age bands that overlap the ages of one of the organisation's schools, keeping their banded names, and says which
it left out."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from generator.library import CHILDREN
from tests.conftest import notices


@pytest.fixture(autouse=True)
def library_in_bands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The library's pupils notice with versions for children of 7 to 11 and of 11 to 16."""
    folder = tmp_path / "library-children"
    folder.mkdir()
    written = (CHILDREN / "pupils.11-16.yaml").read_text("utf-8")
    (folder / "pupils.11-16.yaml").write_text(written, "utf-8")
    (folder / "pupils.7-11.yaml").write_text(written.replace("ages: 11 to 16", "ages: 7 to 11"), "utf-8")
    monkeypatch.setattr("generator.library.copy_notice.CHILDREN", folder)
    return folder


def _childrens_files(repository: Path) -> list[str]:
    return sorted(path.name for path in (repository / "notices" / "children").glob("*"))


def test_a_maintained_primary_gets_the_7_to_11_version_only(tmp_path: Path) -> None:
    started = notices("init", str(tmp_path / "primary"), "--kind", "maintained-school", "--phases", "primary",
                      "--ages", "4-11", "--name", "St Anne's CE Primary", "--short-id", "st-annes", "--no-trust",
                      "--notices", "pupils")
    assert started.exit_code == 0, started.output
    assert _childrens_files(tmp_path / "primary") == ["pupils.7-11.yaml"]
    assert "Left out" not in started.output  # its pupils have their version: the older band is not news to them


def test_an_11_to_16_academy_gets_the_11_to_16_version_only(tmp_path: Path) -> None:
    started = notices("init", str(tmp_path / "academy"), "--kind", "academy", "--ages", "11-16", "--name",
                      "Vale Academy", "--notices", "pupils")
    assert started.exit_code == 0, started.output
    assert _childrens_files(tmp_path / "academy") == ["pupils.11-16.yaml"]
    checked = notices("check", "--facts", str(tmp_path / "academy" / "notices"))
    assert "pupils.children-11-16" in checked.output and "L.children-" not in checked.output


def test_a_trust_of_a_primary_and_a_secondary_gets_both(tmp_path: Path) -> None:
    facts = tmp_path / "trust" / "notices"
    started = notices("init", str(tmp_path / "trust"), "--kind", "academy", "--trust", "--ages", "11-16",
                      "--name", "Hill School", "--short-id", "hill", "--notices", "children-in-need")
    assert started.exit_code == 0, started.output
    shutil.copy(facts / "schools" / "hill.yaml", facts / "schools" / "dale.yaml")
    dale = facts / "schools" / "dale.yaml"
    dale.write_text(dale.read_text("utf-8").replace("ages: 11-16", "ages: 4-11"), "utf-8")
    assert "ages: 4-11" in dale.read_text("utf-8")
    adopted = notices("new", "notice", "pupils", "--from", "pupils", "--facts", str(facts))
    assert adopted.exit_code == 0, adopted.output
    assert _childrens_files(tmp_path / "trust") == ["pupils.11-16.yaml", "pupils.7-11.yaml"]
    assert "left out" not in adopted.output


def test_a_notice_for_older_pupils_gets_no_version_for_younger_ones(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A notice whose `applies_to` is for pupils of 11 to 16 comes without the version for 7 to 11, whoever adopts it."""
    from generator.facts.models import AppliesTo
    from generator.library import library

    notices_as_declared = library()
    secondary = {**notices_as_declared, "pupils": dataclasses.replace(notices_as_declared["pupils"],
                                                                     applies_to=AppliesTo(ages="11-16"))}
    monkeypatch.setattr("generator.library.copy_notice.library", lambda: secondary)
    started = notices("init", str(tmp_path / "all-through"), "--kind", "academy", "--ages", "4-16", "--name",
                      "Vale Academy", "--notices", "children-in-need")
    assert started.exit_code == 0, started.output
    adopted = notices("new", "notice", "pupils", "--from", "pupils", "--facts", str(tmp_path / "all-through" / "notices"))
    assert adopted.exit_code == 0, adopted.output
    assert _childrens_files(tmp_path / "all-through") == ["pupils.11-16.yaml"]
