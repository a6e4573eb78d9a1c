"""The school overrides shown in docs/trusts.md load and do what the page says."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from generator.check import check_notices
from generator.project import load_project
from tests.conftest import FIXTURES, PROJECT
from tests.docs.markdown import fenced_blocks

OVERRIDES = [body for language, body in fenced_blocks((PROJECT / "docs" / "trusts.md").read_text("utf-8"))
             if language == "yaml" and body.startswith("notices:")]


def _regis_with(example_copy: Path, override: str) -> dict:
    """The Regis School beside Oakmoor, with ``override`` at the end of its file; its resolved notice. (The
    police, whom one example adds, are among the trust's recipients already.)"""
    regis = example_copy / "schools" / "regis.yaml"
    shutil.copy(FIXTURES / "second-school" / "regis.yaml", regis)
    regis.write_text(regis.read_text("utf-8") + "\n" + override, "utf-8")
    return {notice.key: notice for notice in load_project(example_copy).notices}


def test_the_page_shows_each_kind_of_change() -> None:
    kinds = {key for body in OVERRIDES for key in yaml.safe_load(body)["notices"]["children-in-need"]}
    assert kinds == {"replace", "add", "remove", "publish"}


@pytest.mark.parametrize("override", OVERRIDES, ids=[f"example-{n}" for n in range(1, len(OVERRIDES) + 1)])
def test_each_example_loads_and_does_what_it_says(example_copy: Path, override: str) -> None:
    notices = _regis_with(example_copy, override)
    change = yaml.safe_load(override)["notices"]["children-in-need"]
    if change.get("publish") is False:
        assert "regis/children-in-need" not in notices
        assert "oakmoor/children-in-need" in notices
        return
    regis, oakmoor = notices["regis/children-in-need"], notices["oakmoor/children-in-need"]
    for name, value in change.get("replace", {}).items():
        assert getattr(regis.notice, name) == value
    for item in change.get("add", {}).get("recipients", []):
        assert item["id"] in [recipient.id for recipient in regis.recipients]
        assert item["id"] not in [recipient.id for recipient in oakmoor.recipients]
    for item in change.get("add", {}).get("retention", []):
        kept = [rule for rule in regis.notice.retention if rule.id == item["id"]]
        assert [rule.period for rule in kept] == [item["period"]]
    for removed in change.get("remove", {}).get("categories", []):
        assert removed not in [category.id for category in regis.notice.categories]


def test_removing_the_article_9_condition_is_reported_as_the_page_says(example_copy: Path) -> None:
    removal = next(body for body in OVERRIDES if "remove:" in body)
    notices = list(_regis_with(example_copy, removal).values())
    findings = [(finding.school, finding.rule) for finding in check_notices(notices)]
    assert ("regis", "A13.1.c9") in findings
    assert ("oakmoor", "A13.1.c9") not in findings
