"""Adopting a library notice leaves out the items whose `applies_to` does not fit the adopting organisation,
keeping every other line and comment as the library wrote it; the library offers one variant per topic."""

from __future__ import annotations

import copy
from pathlib import Path

from generator.facts.models import AppliesTo
from generator.library import suited
from generator.library.profile import Profile, read_profile
from generator.library.scope import fitted_text
from tests.conftest import notices, write_facts
from tests.minimal_facts import minimal_facts

NOTICE = """\
title: How we use pupil information  # the title
recipients:
  - id: dfe
    gateway: [education-act-1996-s537a]

  # MAINTAINED SCHOOL: the common transfer file
  - id: next-school
    applies_to:
      kinds: [maintained-school]
    reason: >-
      The law requires it.

  - id: youth-support-services
    applies_to: {ages: 13-19}
    reason: From 13.
sources:
  - name: the local authority
    applies_to: {kinds: [academy]}
retention: []
"""


def test_items_for_another_kind_or_age_are_left_out_with_their_comments_and_the_rest_kept_as_written() -> None:
    fitted = fitted_text(NOTICE, "pupils.yaml", Profile("academy", ["primary"], (4, 11)))
    assert fitted == """\
title: How we use pupil information  # the title
recipients:
  - id: dfe
    gateway: [education-act-1996-s537a]

sources:
  - name: the local authority
    applies_to: {kinds: [academy]}
retention: []
"""


def test_a_list_that_loses_every_item_is_written_empty() -> None:
    fitted = fitted_text(NOTICE, "pupils.yaml", Profile("maintained-school", ["secondary"], (11, 16)))
    assert "sources: []\n" in fitted and "the local authority" not in fitted
    assert "- id: next-school" in fitted and "- id: youth-support-services" in fitted


def test_what_the_facts_do_not_say_fits() -> None:
    scope = AppliesTo(kinds=["academy"], phases=["secondary"], ages="13-19")
    assert scope.fits("academy", [], None)
    assert not scope.fits("academy", ["primary"], None)
    assert not scope.fits("academy", [], (4, 11))
    assert scope.misfits("maintained-school", [], None) == "academies, and this is a maintained school"


def test_the_profile_is_read_from_the_organisation_and_every_school(tmp_path: Path) -> None:
    (tmp_path / "schools").mkdir()
    (tmp_path / "organisation.yaml").write_text("kind: academy-trust\n", "utf-8")
    (tmp_path / "schools" / "a.yaml").write_text("phases: [primary]\nages: 4-11\n", "utf-8")
    (tmp_path / "schools" / "b.yaml").write_text("phases: [secondary]\nages: 11-16\n", "utf-8")
    assert read_profile(tmp_path) == Profile("academy-trust", ["primary", "secondary"], (4, 16), ((4, 11), (11, 16)))


def test_the_library_offers_one_notice_per_topic() -> None:
    offered = suited(Profile("maintained-school", ["primary"], (4, 11)))
    assert len({notice.topic for notice in offered}) == len(offered)
    assert all(notice.fits(Profile("maintained-school", ["primary"], (4, 11))) for notice in offered)


def _checked_with_two_dfe_recipients(folder: Path, first: list[str], second: list[str]) -> str:
    files = minimal_facts()
    dfe = files["pupils.yaml"]["recipients"][0]
    files["pupils.yaml"]["recipients"][1:1] = [{**copy.deepcopy(dfe), "applies_to": {"kinds": second}}]
    dfe["applies_to"] = {"kinds": first}
    write_facts(folder, files)
    return notices("check", "--facts", str(folder), "--today", "2026-12-07").output


def test_variants_of_one_item_share_its_id_only_for_kinds_that_never_meet(tmp_path: Path) -> None:
    disjoint = _checked_with_two_dfe_recipients(tmp_path / "disjoint", ["academy-trust"], ["maintained-school"])
    assert "repeats 'dfe'" not in disjoint
    assert "F.applies-to" in disjoint  # the maintained school's variant, published by an academy trust
    overlapping = _checked_with_two_dfe_recipients(tmp_path / "overlapping", ["academy-trust"],
                                                   ["academy-trust", "academy"])
    assert "repeats 'dfe', already used in recipients" in overlapping


def test_a_notice_for_another_kind_is_refused_naming_the_variant_that_fits(tmp_path: Path) -> None:
    (tmp_path / "organisation.yaml").write_text("kind: maintained-school\n", "utf-8")
    refused = notices("new", "notice", "governance", "--from", "governance", "--facts", str(tmp_path))
    assert refused.exit_code == 1
    assert "adopt 'governance-maintained' instead" in refused.output
    assert not (tmp_path / "governance.yaml").exists()
