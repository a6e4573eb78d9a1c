"""L.cite-by-id: law written in words is a warning at its line: words the catalogue knows are named with the id to
write, other words are law the catalogue cannot vouch for; law written as ids is not a finding."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import example_with_one_notice, notices
from tests.facts.conftest import edit, line_of

NOTICE = "pupils.yaml"
RULE = "L.cite-by-id"


def cite_by_id_findings(facts: Path) -> list[dict]:
    result = notices("check", "--facts", str(facts), "--format", "json")
    return [finding for finding in json.loads(result.output)["findings"] if finding["rule"] == RULE]


def test_words_the_catalogue_knows_are_a_warning_naming_the_id_to_write(tmp_path: Path) -> None:
    facts = example_with_one_notice(tmp_path / "notices", "pupils")
    notice = facts / NOTICE
    edit(notice, "      - education-act-1996-s537a\n      - pupil", "      - Section 537A of the Education Act 1996\n      - pupil")
    edit(notice, "    schedule_1: dpa-2018-sch1-para18\n",
         "    schedule_1: Schedule 1, Part 2, paragraph 18 (safeguarding of children and individuals at risk)\n")
    findings = cite_by_id_findings(facts)
    finding = next(f for f in findings if "'Section 537A of the Education Act 1996'" in f["message"])
    assert finding["line"] == line_of(notice, "      - Section 537A of the Education Act 1996")
    assert finding["severity"] == "warning"
    assert finding["file"].endswith(NOTICE)
    assert "write `education-act-1996-s537a`" in finding["message"]
    condition = next(f for f in findings if "Schedule 1, Part 2, paragraph 18" in f["message"])
    assert "write `dpa-2018-sch1-para18`" in condition["message"]


def test_words_the_catalogue_does_not_know_are_law_nobody_vouched_for(tmp_path: Path) -> None:
    facts = example_with_one_notice(tmp_path / "notices", "pupils")
    edit(facts / NOTICE, "      - education-act-1996-s537a\n      - pupil", "      - The Schools Act 2031\n      - pupil")
    finding = next(f for f in cite_by_id_findings(facts) if "'The Schools Act 2031'" in f["message"])
    assert finding["line"] == line_of(facts / NOTICE, "The Schools Act 2031")
    assert "not in the catalogue of the law we cite" in finding["message"]
    assert "check it on legislation.gov.uk" in finding["message"]
    assert "added to the catalogue" in finding["message"]


def test_law_cited_by_id_is_no_finding(tmp_path: Path) -> None:
    """The example cites the law by id: its notices raise no L.cite-by-id finding."""
    facts = example_with_one_notice(tmp_path / "notices", "pupils")
    assert "      - education-act-1996-s537a\n" in (facts / NOTICE).read_text("utf-8")
    assert [f["message"] for f in cite_by_id_findings(facts) if f["file"].endswith(NOTICE)] == []
