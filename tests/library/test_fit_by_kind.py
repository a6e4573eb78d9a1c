"""Each kind of school adopts the library notices that fit it (`generator.library.suited`) and, its placeholders
filled, `notices check` finds no misfit and no error; the same files with another `kind` make the checker name
each passage that no longer fits, by file:line; a maintained school publishes no academy's law, and an academy
no maintained school's."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from generator.facts.strict_yaml import parse_yaml
from generator.library import suited
from generator.library.profile import read_profile
from tests.conftest import fill_placeholders, notices

pytestmark = pytest.mark.slow  # adopts the library and checks it five times over

TODAY = "2026-12-07"
# Each kind as a school of it would describe itself: (a trust with one school?, phases, pupils' ages).
KINDS = {
    "academy-trust": (True, "secondary, sixth-form", "11-18"),
    "academy": (False, "primary", "4-11"),
    "maintained-school": (False, "nursery, primary", "3-11"),
    "independent-school": (False, "nursery, primary, secondary, sixth-form", "3-18"),
    "early-years-provider": (False, "nursery", "0-4"),
}
# The kind each one is changed to, to see what no longer fits.
CHANGED_TO = {"academy-trust": "maintained-school", "academy": "independent-school",
              "maintained-school": "academy", "independent-school": "early-years-provider",
              "early-years-provider": "maintained-school"}
ACADEMY_ONLY = ("members of the trust", "trustees", "funding agreement", "Academy Trust Handbook", "Companies House",
                "Independent School Standards")
MAINTAINED_ONLY = ("Section 175 of the Education Act 2002", "Section 538 of the Education Act 1996",
                   "School Staffing (England) Regulations", "School Governance (Constitution)",
                   "Education (Pupil Information) (England) Regulations 2005", "within 15 school days")


def set_kind(facts: Path, kind: str) -> None:
    organisation = facts / "organisation.yaml"
    organisation.write_text(re.sub(r"^kind: .*$", f"kind: {kind}", organisation.read_text("utf-8"), flags=re.M),
                            "utf-8")


def adopted_by(folder: Path, kind: str) -> Path:
    """A new repository of ``kind`` (`notices init`), with every library notice that suits it adopted and its
    placeholders filled in."""
    trust, phases, ages = KINDS[kind]
    started = notices("init", str(folder), *(["--trust", "--school", "hill"] if trust else []),
                      "--notices", "photographs")
    assert started.exit_code == 0, started.output
    facts = folder / "notices"
    (facts / "photographs.yaml").unlink()
    described = facts / "schools" / "hill.yaml" if trust else facts / "organisation.yaml"
    text = described.read_text("utf-8")
    described.write_text(text.replace("# ages: 11-16\n", f"ages: {ages}\n")
                         .replace("# phases: [secondary]\n", f"phases: [{phases}]\n"), "utf-8")
    set_kind(facts, kind)
    profile = read_profile(facts)
    assert profile is not None and profile.kind == kind and profile.ages is not None
    for notice in suited(profile):
        adopted = notices("new", "notice", notice.id, "--from", notice.id, "--facts", str(facts))
        assert adopted.exit_code == 0, adopted.output
    fill_placeholders(facts)
    return facts


def findings(facts: Path) -> list[dict]:
    checked = notices("check", "--facts", str(facts), "--today", TODAY, "--format", "json")
    return json.loads(checked.output)["findings"]


@pytest.fixture(scope="module")
def repositories(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("kinds")
    return {kind: adopted_by(root / kind, kind) for kind in KINDS}


@pytest.mark.parametrize("kind", KINDS)
def test_a_school_of_each_kind_adopts_what_fits_and_check_finds_no_misfit(repositories, kind: str) -> None:
    found = findings(repositories[kind])
    assert [f for f in found if f["rule"].startswith("F.") or f["severity"] == "error"] == []


def scoped_passages(facts: Path, kind: str) -> set[tuple[str, int]]:
    """Where the adopted notices (and the shared sections they include) say they are for kinds other than
    ``kind``: the file and line of each `applies_to` whose `kinds` leave ``kind`` out."""
    wanted: set[tuple[str, int]] = set()
    files = [*facts.glob("*.yaml"), *(facts / "sections").glob("*.yaml")]
    for path in files:
        if path.name == "organisation.yaml":
            continue
        loaded = parse_yaml(path.read_bytes(), path.name)
        for key_path, mark in loaded.key_marks.items():
            if key_path[-1] != "applies_to":
                continue
            scope = loaded.data
            for step in key_path:
                scope = scope[step]
            if scope.get("kinds") and kind not in scope["kinds"]:
                wanted.add((str(path.relative_to(facts)), mark[0]))
    return wanted


@pytest.mark.parametrize("kind", KINDS)
def test_another_kind_is_told_each_passage_that_no_longer_fits(repositories, tmp_path: Path, kind: str) -> None:
    facts = tmp_path / "notices"
    shutil.copytree(repositories[kind], facts)
    other = CHANGED_TO[kind]
    set_kind(facts, other)
    expected = scoped_passages(facts, other)
    assert expected, f"nothing adopted by {kind} is for {kind} only"
    reported = {(f["file"], f["line"]) for f in findings(facts) if f["rule"] == "F.applies-to"}
    assert reported == expected


@pytest.fixture(scope="module")
def published(repositories, tmp_path_factory) -> dict[str, str]:
    """Every notice a maintained school and an academy publish, in Markdown, joined."""
    texts = {}
    for kind in ("maintained-school", "academy"):
        out = tmp_path_factory.mktemp(f"published-{kind}")
        built = notices("build", "--facts", str(repositories[kind]), "--out", str(out), "--format", "md")
        assert built.exit_code == 0, built.output
        texts[kind] = " ".join(" ".join(path.read_text("utf-8").replace("\\", "").split())
                               for path in sorted(out.rglob("*.md")))
    return texts


def test_a_maintained_school_publishes_no_academy_law(published) -> None:
    text = published["maintained-school"]
    assert "governing body" in text
    assert [words for words in ACADEMY_ONLY if words.lower() in text.lower()] == []


def test_an_academy_publishes_no_maintained_school_law(published) -> None:
    text = published["academy"]
    assert "trustees" in text and "Independent School Standards" in text
    assert [words for words in MAINTAINED_ONLY if words.lower() in text.lower()] == []
