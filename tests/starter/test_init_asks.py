"""`notices init` asks what a school is (its kind, phases, pupils' ages, name, trust or not), by options in a script
or at the terminal, writes that profile with only the notices that fit it, asks each fact a school shares once, and
refuses a bad answer in words that say what to write."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator import cli
from generator.cli import main
from generator.facts.cascade import resolve
from generator.facts.load import load_facts
from generator.facts.placeholders import MARKER, find_placeholders
from generator.library import OFFERED, library
from generator.new_repository.questions import SCHOOL_KINDS, Answers

MAINTAINED_PRIMARY = ["--kind", "maintained-school", "--phases", "primary", "--ages", "4-11",
                      "--name", "St Anne's CE Primary", "--short-id", "st-annes", "--no-trust"]
# A kind with the options of a typical school of it: what a test of every kind starts.
EVERY_KIND = {
    "maintained-school": MAINTAINED_PRIMARY,
    "academy": ["--kind", "academy", "--ages", "11-18", "--name", "Vale Academy"],
    "academy-trust": ["--kind", "academy", "--trust", "--ages", "11-16", "--name", "Hill School", "--short-id", "hill"],
    "independent-school": ["--kind", "independent-school", "--phases", "primary,secondary", "--name", "Oak House"],
    "early-years-provider": ["--kind", "early-years-provider", "--name", "Little Acorns Nursery"],
}


def init(folder: Path, *arguments: str, answers: str | None = None):
    return CliRunner().invoke(main, ["init", str(folder), *arguments], input=answers)


def organisation(folder: Path) -> dict:
    return yaml.safe_load((folder / "notices" / "organisation.yaml").read_text("utf-8"))


def notices_written(folder: Path) -> list[str]:
    return sorted(path.stem for path in (folder / "notices").glob("*.yaml") if path.stem != "organisation")


def fitting(school: Answers) -> list[str]:
    """The notices that fit the school, each named for its topic (one variant of each)."""
    return sorted(library()[library_id].topic for library_id in school.suited_notices())


def placeholders(folder: Path) -> list[tuple[str, str]]:
    """Every value left to fill in, as `notices check` lists them: (where, what it asks for)."""
    found = find_placeholders(load_facts(folder / "notices"))
    return [(str(error.location), error.message.partition("(")[2].rstrip(").")) for error in found]


def test_a_maintained_primary_gets_its_profile_its_name_and_short_id_and_the_notices_that_fit(tmp_path) -> None:
    result = init(tmp_path / "school", *MAINTAINED_PRIMARY)
    assert result.exit_code == 0, result.output
    written = organisation(tmp_path / "school")
    assert {key: written[key] for key in ("name", "kind", "id", "ages", "phases")} == {
        "name": "St Anne's CE Primary", "kind": "maintained-school", "id": "st-annes", "ages": "4-11",
        "phases": ["primary"]}
    expected = fitting(Answers("maintained-school", phases=["primary"], ages="4-11"))
    assert notices_written(tmp_path / "school") == expected
    assert f"Notices: {', '.join(expected)}." in result.output


@pytest.mark.parametrize("kind", sorted(EVERY_KIND))
def test_every_kind_is_written_as_told_with_the_notices_that_fit_it(tmp_path, kind) -> None:
    result = init(tmp_path / kind, *EVERY_KIND[kind])
    assert result.exit_code == 0, result.output
    written = organisation(tmp_path / kind)
    assert written["kind"] == kind
    profile = written if kind != "academy-trust" else yaml.safe_load(
        (tmp_path / kind / "notices" / "schools" / "hill.yaml").read_text("utf-8"))
    school = Answers(kind, kind == "academy-trust", profile["phases"], profile["ages"])
    assert notices_written(tmp_path / kind) == fitting(school)


def test_each_kind_gets_the_variant_of_a_notice_written_for_it_named_for_its_topic(tmp_path) -> None:
    init(tmp_path / "maintained", *MAINTAINED_PRIMARY)
    init(tmp_path / "academy", *EVERY_KIND["academy"])
    maintained, academy = (str(yaml.safe_load((tmp_path / folder / "notices" / "governance.yaml").read_text("utf-8")))
                           for folder in ("maintained", "academy"))  # what the notice says, not its comments
    assert "governing body" in maintained and "trustees" not in maintained
    assert "trustees" in academy


def test_a_childrens_version_written_for_other_ages_than_the_pupils_is_left_out_and_said_so(tmp_path) -> None:
    primary = init(tmp_path / "primary", *MAINTAINED_PRIMARY, "--notices", "pupils")
    assert sorted(path.name for path in (tmp_path / "primary" / "notices" / "children").iterdir()) \
        == ["pupils.7-11.yaml"]
    assert "Left out" not in primary.output  # the band for its pupils was adopted: the other one is not theirs
    infants = init(tmp_path / "infants", "--kind", "maintained-school", "--ages", "4-6", "--notices", "pupils")
    assert not (tmp_path / "infants" / "notices" / "children").exists()
    assert "Left out the children's version of pupils, written for ages 7 to 11, not for pupils aged 4-6" \
        in infants.output
    secondary = init(tmp_path / "secondary", "--kind", "academy", "--ages", "11-16", "--notices", "pupils")
    assert sorted(path.name for path in (tmp_path / "secondary" / "notices" / "children").iterdir()) \
        == ["pupils.11-16.yaml"]
    assert "Left out" not in secondary.output


def test_the_phases_follow_from_the_ages_and_the_ages_from_the_phases(tmp_path) -> None:
    init(tmp_path / "by-ages", "--kind", "academy", "--ages", "3-18")
    assert organisation(tmp_path / "by-ages")["phases"] == ["nursery", "primary", "secondary", "sixth-form"]
    init(tmp_path / "by-phases", "--kind", "academy", "--phases", "secondary, sixth-form")
    assert organisation(tmp_path / "by-phases")["ages"] == "11-18"
    init(tmp_path / "nursery", "--kind", "early-years-provider")  # an early-years provider's children, from birth
    assert {key: organisation(tmp_path / "nursery")[key] for key in ("ages", "phases")} == {
        "ages": "0-4", "phases": ["nursery"]}


def test_a_trust_names_its_school_with_its_short_id_and_profile_in_the_schools_file(tmp_path) -> None:
    result = init(tmp_path / "trust", *EVERY_KIND["academy-trust"], "--school", "vale=Vale Academy")
    assert result.exit_code == 0, result.output
    assert organisation(tmp_path / "trust")["name"].startswith(MARKER)  # the trust's own name is still to come
    schools = tmp_path / "trust" / "notices" / "schools"
    hill = yaml.safe_load((schools / "hill.yaml").read_text("utf-8"))
    assert {key: hill[key] for key in ("name", "ages", "phases")} == {
        "name": "Hill School", "ages": "11-16", "phases": ["secondary"]}
    assert "  hill  Hill School: pages at schools/hill/" in result.output.splitlines()
    assert sorted(path.name for path in schools.glob("*.yaml")) == ["hill.yaml", "vale.yaml"]


def test_a_maintained_primary_has_at_most_30_placeholders_each_asked_once(tmp_path) -> None:
    folder = tmp_path / "school"
    assert init(folder, *MAINTAINED_PRIMARY, "--dpo-email", "dpo@example.org.uk", "--local-authority",
                "Bristol City Council", "--retention-policy", "our records retention policy").exit_code == 0
    left = placeholders(folder)
    assert 0 < len(left) <= 30, left
    asked = [words for _, words in left]
    assert sorted(set(asked)) == sorted(asked), "asked more than once: " + ", ".join(
        {words for words in asked if asked.count(words) > 1})
    assert yaml.safe_load((folder / "notices" / "organisation.yaml").read_text("utf-8"))["recipients"][
        "local-authority"]["name"] == "Bristol City Council"


def test_the_retention_policy_is_asked_once_in_the_organisation_file_and_each_notice_refers_to_it(tmp_path) -> None:
    folder = tmp_path / "school"
    init(folder, *MAINTAINED_PRIMARY, "--notices", "pupils,children-in-need")
    left = placeholders(folder)
    asking = [where for where, what in left if "policy that sets" in what]
    assert len(asking) == 1 and "organisation.yaml" in asking[0], left
    answered = tmp_path / "answered"
    init(answered, *MAINTAINED_PRIMARY, "--notices", "pupils,children-in-need",
         "--retention-policy", "our records retention policy")
    assert organisation(answered)["retention_policy"] == "our records retention policy"
    resolved = resolve(load_facts(answered / "notices"))
    # The notices name no basis of their own for these rules: the policy is theirs, in every format.
    for notice in resolved:
        written = yaml.safe_load((answered / "notices" / f"{notice.id}.yaml").read_text("utf-8"))["retention"]
        without = [rule["id"] for rule in written if "basis" not in rule]
        assert without, notice.id
        assert {rule.basis for rule in notice.notice.retention if rule.id in without} == {
            "our records retention policy"}


def test_the_data_protection_officer_told_is_written_and_check_asks_for_none(tmp_path) -> None:
    folder = tmp_path / "school"
    init(folder, *MAINTAINED_PRIMARY, "--dpo-email", "dpo@bristol-schools.example", "--dpo-name", "Schools DPO Service")
    assert organisation(folder)["dpo"] == {"name": "Schools DPO Service", "email": "dpo@bristol-schools.example"}
    checked = CliRunner().invoke(main, ["check", "--facts", str(folder / "notices")])
    assert "A13.1.b" not in checked.output and "placeholder: name" not in checked.output


@pytest.mark.parametrize("options, words", [
    (["--kind", "primary school"], "'primary school' is not a kind of school notices init knows. Write one of:\n"
                                   "  maintained-school: a school the local authority maintains"),
    (["--kind", "maintained"], "(did you mean maintained-school?)"),
    (["--kind", "maintained-school", "--ages", "four to eleven"],
     "'four to eleven' is not a range of ages: write the youngest and the oldest pupils' ages, youngest first, "
     "e.g. --ages 4-11"),
    (["--kind", "maintained-school", "--ages", "11-4"], "'11-4' is not a range of ages"),
    (["--kind", "maintained-school", "--phases", "infants"], "'infants' is not a list of phases: write any of "
                                                             "nursery, primary, secondary, sixth-form"),
    (["--kind", "maintained-school", "--phases", "primary", "--ages", "11-16"],
     "pupils aged 11-16 are not in primary: correct --ages or --phases"),
    (["--kind", "maintained-school", "--trust"], "a trust's schools are academies, and this is maintained-school"),
    (["--phases", "primary"], "say what kind of school this is with --kind, one of:"),
    (["--kind", "academy", "--dpo-email", "the council"], "'the council' is not an email address"),
    (["--kind", "academy", "--dpo-name", "Jo"], "--dpo-name needs the officer's email address too"),
    (["--kind", "academy", "--short-id", "St Annes"], "'St Annes' cannot be a short id"),
    (["--kind", "maintained-school", "--notices", "governance,pupils"],
     "not for this school: governance is for academy trusts and academies, and this is a maintained school "
     "(write governance-maintained instead)"),
])
def test_a_bad_answer_is_refused_saying_what_to_write_and_nothing_is_written(tmp_path, options, words) -> None:
    result = init(tmp_path / "school", *options)
    assert result.exit_code == 1
    assert words in result.output, result.output
    assert "internal error" not in result.output.lower()
    assert not (tmp_path / "school").exists()


def test_at_a_terminal_init_asks_each_question_and_asks_again_after_a_bad_answer(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(cli, "at_terminal", lambda: True)
    answers = [
        "no",                    # a trust?
        "maintained",            # the kind: refused, and asked again
        "maintained-school",
        "St Anne's CE Primary",  # the name
        "",                      # its short id: the one made from the name
        "",                      # phases: the default for the kind (primary)
        "4 to 11",               # ages
        "dpo@example.org.uk",    # the DPO's email
        "Schools DPO Service",   # their name
        "Bristol City Council",  # the local authority
        "",                      # the retention policy: later
        "",                      # alumni and fundraising? no (the default)
        "",                      # biometrics? no
        "",                      # clubs? no
        "",                      # photographs? no
        "yes",                   # trips and visits? yes
        "",                      # the notices: those that fit, with the trips
    ]
    result = init(tmp_path / "school", answers="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "'maintained' is not a kind of school notices init knows (did you mean maintained-school?)" in result.output
    written = organisation(tmp_path / "school")
    assert {key: written[key] for key in ("name", "kind", "id", "ages", "phases")} == {
        "name": "St Anne's CE Primary", "kind": "maintained-school", "id": "st-annes-ce-primary", "ages": "4-11",
        "phases": ["primary"]}
    assert written["dpo"] == {"name": "Schools DPO Service", "email": "dpo@example.org.uk"}
    assert "Do pupils go on trips, visits or residentials? (yes or no) [no]" in result.output
    assert notices_written(tmp_path / "school") == sorted(
        [*fitting(Answers("maintained-school", phases=["primary"], ages="4-11")), "trips-and-visits"])


def test_the_kinds_init_explains_are_kinds_the_facts_accept() -> None:
    from typing import get_args

    from generator.facts.models import OrganisationKind
    assert set(SCHOOL_KINDS) <= set(get_args(OrganisationKind))


def test_a_notice_for_what_not_every_school_does_is_adopted_when_named_and_otherwise_listed_with_how_to_add_it(
        tmp_path) -> None:
    school = Answers("maintained-school", phases=["primary"], ages="4-11")
    offered = school.offered_notices()
    assert {library()[library_id].topic for library_id in offered} == set(OFFERED)
    assert not set(offered) & set(school.suited_notices())
    left = init(tmp_path / "without", *MAINTAINED_PRIMARY)
    assert not set(offered) & set(notices_written(tmp_path / "without"))
    for library_id in offered:
        assert f"{OFFERED[library_id]}\n    notices new notice {library_id} --from {library_id}" in left.output, left.output
    named = init(tmp_path / "with", *MAINTAINED_PRIMARY, "--also", "trips-and-visits,photographs")
    assert named.exit_code == 0, named.output
    assert notices_written(tmp_path / "with") == sorted(
        [*notices_written(tmp_path / "without"), "photographs", "trips-and-visits"])
    assert "--from trips-and-visits" not in named.output and "--from biometrics" in named.output
    init(tmp_path / "only", *MAINTAINED_PRIMARY, "--notices", "pupils,biometrics")
    assert notices_written(tmp_path / "only") == ["biometrics", "pupils"]
