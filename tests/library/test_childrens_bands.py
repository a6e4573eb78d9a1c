"""The library's children's versions come in two age bands, 7 to 11 and 11 to 16: every notice about children has
one for each band its fit reaches and none for a band it cannot reach, and each passes `notices check` with no
error or warning, and is published as its own page, once its notice is adopted by a school whose pupils are of
the band's ages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.facts.models import age_range
from generator.facts.strict_yaml import load_yaml_file
from generator.library import CHILDREN, LibraryNotice, library
from generator.library.profile import read_profile
from generator.library.scope import fitted_text
from generator.new_repository.questions import phases_of
from tests.conftest import notices
from tests.library.test_every_notice import adopt, empty_trust

BANDS = ("7-11", "11-16")  # the library's age bands (docs/layers.md), as they end a file's name
# The kinds a version is checked for, of those its notice fits: the rights and sections a notice keeps differ
# between state and independent schools.
KINDS = ("academy-trust", "independent-school")
# What a notice's `data_subjects` call the children it is about; a notice about adults only says so.
_CHILDREN = re.compile(r"\b(pupils?|child(ren)?|candidates?)\b", re.IGNORECASE)

BANDED = sorted(CHILDREN.glob("*.*-*.yaml"))  # <notice-id>.<youngest>-<oldest>.yaml


def _band(path: Path) -> tuple[str, str]:
    """The notice id and the band of a banded file's name: pupils.7-11.yaml -> ('pupils', '7-11')."""
    notice_id, band = path.name.removesuffix(".yaml").rsplit(".", 1)
    return notice_id, band


def _kinds(notice: LibraryNotice) -> list[str]:
    """The kinds of ``KINDS`` the notice is for; the first it names if none of them."""
    scope = notice.applies_to
    if scope is None or not scope.kinds:
        return list(KINDS)
    return [kind for kind in KINDS if kind in scope.kinds] or scope.kinds[:1]


def _reaches(notice: LibraryNotice, band: str) -> bool:
    """Whether a school whose pupils are of the band's ages (and so of its phases) is one the notice is for."""
    scope = notice.applies_to
    return scope is None or any(scope.fits(kind, phases_of(band), age_range(band)) for kind in _kinds(notice))


def _about_children(notice: LibraryNotice) -> bool:
    facts = load_yaml_file(notice.path, str(notice.path)).data
    if facts.get("data_subjects_are") == "adults":
        return False
    return facts.get("data_subjects_are") is not None or any(_CHILDREN.search(subject)
                                                             for subject in facts["data_subjects"])


def test_every_notice_about_children_has_a_version_for_each_band_it_reaches_and_none_for_another() -> None:
    written = {_band(path) for path in BANDED}
    for notice in library().values():
        for band in BANDS:
            if _reaches(notice, band) and _about_children(notice):
                assert (notice.id, band) in written, f"no children's version of {notice.id} for ages {band}"
            if not _reaches(notice, band):
                assert (notice.id, band) not in written, f"{notice.id} is not for pupils of {band}"
    assert ("pupils", "7-11") in written and ("exam-candidates", "11-16") in written  # the list is not empty
    assert ("exam-candidates", "7-11") not in written and not any(notice == "early-years" for notice, _ in written)


def test_each_banded_file_names_its_band_in_its_ages() -> None:
    for path in BANDED:
        ages = load_yaml_file(path, str(path)).data["ages"]
        assert ages == _band(path)[1].replace("-", " to "), path.name


CASES = [pytest.param(path, kind, id=f"{path.stem}-{kind}")
         for path in BANDED for kind in _kinds(library()[_band(path)[0]])]


@pytest.mark.slow
@pytest.mark.parametrize(("path", "kind"), CASES)
def test_a_banded_version_passes_the_check_and_is_published_for_a_school_of_its_ages(
        tmp_path: Path, path: Path, kind: str) -> None:
    notice_id, band = _band(path)
    facts = empty_trust(tmp_path / "trust", band, kind)
    adopt(facts, notice_id)
    profile = read_profile(facts)
    assert profile is not None
    installed = facts / "children" / path.name  # the banded name the engine reads (docs/layers.md)
    installed.parent.mkdir(exist_ok=True)
    installed.write_text(fitted_text(path.read_text("utf-8"), str(path), profile), "utf-8")

    checked = notices("check", "--facts", str(facts), "--today", "2026-12-01")
    assert checked.exit_code == 0, checked.output
    assert checked.output.endswith("1 notice for 1 school: 0 errors, 0 warnings.\n"), checked.output

    built = notices("build", "--facts", str(facts), "--out", str(tmp_path / "dist"), "--format", "md", "--no-cache")
    assert built.exit_code == 0, built.output
    title = load_yaml_file(path, str(path)).data["title"]
    page = (tmp_path / "dist" / "hill" / f"{notice_id}.children-{band}.md").read_text("utf-8")
    assert page.startswith(f"# {title} {{#notice-title}}")
    assert f"For ages {band.replace('-', ' to ')}." in page
