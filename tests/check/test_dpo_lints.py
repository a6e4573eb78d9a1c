"""The questions a reviewing data protection officer would ask are asked by the checker: each names the
fact's file and line, what is wrong and what to write instead, and stays quiet when the facts answer it."""

from __future__ import annotations

from pathlib import Path

from tests.check.conftest import findings_for, minimal_facts


def _messages(tmp_path: Path, files: dict) -> list[tuple[str, str, str]]:
    return [(finding.rule, str(finding.location), finding.message) for finding in findings_for(tmp_path, files)]


def test_a_school_that_drops_a_recipient_its_summary_names_is_told_where_and_what_to_do(tmp_path: Path) -> None:
    files = minimal_facts()
    files["pupils.yaml"]["summary"] = "We share it with the Department for Education and the local authority."
    files["schools/hill.yaml"]["notices"] = {"pupils": {"remove": {"recipients": ["dfe"]}}}
    ((rule, where, message),) = _messages(tmp_path, files)
    assert rule == "L.override-contradicts"
    assert where == "schools/hill.yaml:11:7"  # the school's `remove: recipients:`
    assert message == ("This school no longer shares with 'dfe', but the summary it keeps from the trust's notice "
                       "still says 'Department for Education': replace the summary for this school (`replace: "
                       "summary:`, or a section of its own), or keep the recipient.")


def test_a_school_with_its_own_summary_is_not_asked_about_the_trust_s(tmp_path: Path) -> None:
    files = minimal_facts()
    files["pupils.yaml"]["summary"] = "We share it with the local authority."
    files["schools/hill.yaml"]["notices"] = {"pupils": {
        "remove": {"recipients": ["local-authority"]}, "replace": {"summary": "We share it with the DfE only."}}}
    assert _messages(tmp_path, files) == []


def test_a_record_kept_for_good_with_the_law_that_needs_it_is_a_period(tmp_path: Path) -> None:
    files = minimal_facts()
    files["pupils.yaml"]["retention"][0].update(period="permanently", basis="The Public Records Act 1958")
    assert _messages(tmp_path, files) == []


def test_sensitive_words_in_a_category_marked_as_such_raise_no_question(tmp_path: Path) -> None:
    files = minimal_facts()
    files["pupils.yaml"]["categories"].append({"id": "health", "name": "Medical conditions", "special": True})
    files["pupils.yaml"]["lawful_bases"].append({"article": "9(2)(g)", "schedule_1": "dpa-2018-sch1-para18"})
    assert _messages(tmp_path, files) == []


def test_a_mixed_requirement_that_names_its_voluntary_items_raises_no_question(tmp_path: Path) -> None:
    files = minimal_facts()
    files["pupils.yaml"]["provision"].update(requirement="mixed", voluntary=["ethnicity"])
    assert _messages(tmp_path, files) == []
