"""The notice's fixed wording follows the law in force on its review date: replies to requests
(Article 12A), automated decisions (Articles 22A to 22D), transfers (Article 45A); and the catalogue
accepts recognised legitimate interests (Article 6(1)(ea)) with the rights it brings."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from generator.check import check_notices
from generator.check.lints import LINTS
from generator.project import load_project
from generator.render.formats import RenderContext
from generator.render.formats.markdown import render_markdown
from tests.check.conftest import minimal_facts, write_facts
from tests.conftest import TEMPLATES

BEFORE, ON = "2026-02-04", "2026-02-05"  # the day before and the day of SI 2026/82's main commencement


def _markdown(tmp_path: Path, last_reviewed: str, **notice_facts) -> str:
    files = minimal_facts()
    files["pupils.yaml"].update(last_reviewed=last_reviewed, **notice_facts)
    (notice,) = load_project(write_facts(tmp_path, files)).notices
    return render_markdown(notice, RenderContext(TEMPLATES))


DECISIONS = [{"description": "Setting groups", "logic": "by test scores", "consequences": "your child's set"}]
TRANSFERS = [{"destination": "Canada", "what": "photos", "safeguard": "approved by regulations (Article 45A)"}]


@pytest.mark.parametrize("reviewed, says, not_says", [
    (BEFORE, "We will reply within one month.", "the month starts when we have your answer"),
    (ON, "the month starts when we have your answer", "We will reply within one month."),
])
def test_the_reply_to_a_request_follows_article_12a_from_its_commencement(tmp_path, reviewed, says, not_says) -> None:
    text = _markdown(tmp_path, reviewed)
    assert says in text and not_says not in text


@pytest.mark.parametrize("reviewed, says, not_says", [
    (BEFORE, ["(Article 22 of the UK GDPR)", "(Article 22)."], "22A"),
    (ON, ["(Articles 22A to 22D of the UK GDPR)", "(Article 22C).", "challenge it"], "(Article 22)"),
])
def test_automated_decisions_cite_the_articles_in_force(tmp_path, reviewed, says, not_says) -> None:
    text = _markdown(tmp_path, reviewed, automated_decisions=DECISIONS)
    assert all(words in text for words in says), [w for w in says if w not in text]
    assert not_says not in text


@pytest.mark.parametrize("reviewed, says, not_says", [
    (BEFORE, "UK adequacy regulations", "Article 45A of the UK GDPR"),
    (ON, "approved in regulations (Article 45A of the UK GDPR)", "adequacy"),
])
def test_transfers_are_worded_in_the_law_in_force(tmp_path, reviewed, says, not_says) -> None:
    section = _markdown(tmp_path, reviewed, transfers=TRANSFERS).split("## Transfers outside the UK", 1)[1]
    section = section.split("\n## ", 1)[0]
    assert says in section and not_says not in section.replace("Canada", "")


def test_a_transfer_to_a_country_approved_by_regulations_needs_no_copy_of_a_safeguard(tmp_path: Path) -> None:
    files = minimal_facts()
    files["pupils.yaml"]["transfers"] = TRANSFERS
    assert check_notices(load_project(write_facts(tmp_path, files)).notices, datetime.date(2026, 12, 1)) == []


def test_recognised_legitimate_interests_is_a_basis_with_objection_and_erasure(tmp_path: Path) -> None:
    files = minimal_facts()
    files["organisation.yaml"]["kind"] = "charity"  # not a public authority: no warning
    files["pupils.yaml"]["purposes"].append({"id": "crime", "description": "prevent crime on our site"})
    files["pupils.yaml"]["lawful_bases"][0]["purposes"] = ["teaching"]
    files["pupils.yaml"]["lawful_bases"].append({"article": "Article 6(1)(ea)", "purposes": ["crime"]})
    (notice,) = load_project(write_facts(tmp_path, files)).notices
    assert {"object", "erasure"} <= {right.id for right in notice.rights}
    assert check_notices([notice], datetime.date(2026, 12, 1)) == []
    assert "Article 6(1)(ea) of the UK GDPR: recognised legitimate interests" in render_markdown(
        notice, RenderContext(TEMPLATES))


def test_the_regulators_old_name_is_flagged_once_the_information_commission_commences(tmp_path: Path) -> None:
    files = minimal_facts()
    files["pupils.yaml"]["summary"] = "You can also ask the Information Commissioner's Office."
    (notice,) = load_project(write_facts(tmp_path, files)).notices
    # s.119 has no commencement date yet, so the lint is not run by `check`; the lint itself works.
    assert not [f for f in check_notices([notice], datetime.date(2030, 1, 1)) if f.rule == "L.regulator-name"]
    (problem,) = LINTS["L.regulator-name"](notice, datetime.date(2030, 1, 1))
    assert "'Information Commissioner's Office' is the regulator's old name" in problem[0]
