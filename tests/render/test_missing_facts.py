"""Publish nothing the facts do not say: a notice missing a fact leaves that section out instead of
inventing a sentence, and says in its banner what it does not yet say."""

from __future__ import annotations

from pathlib import Path

from tests.check.conftest import minimal_facts
from tests.conftest import TEMPLATES, notices, write_facts

INVENTED = ["We collect this information from you.", "This is the first version of this notice.",
            "We will tell you when we collect information whether you must give it to us.",
            "We do not routinely share this information", "We have not said whether",
            "We keep this information only as long as we need it.", "Our retention policy"]
LEFT_OUT = ["Where it comes from", "Who we share it with, and why", "Transfers outside the UK", "Automated decisions",
            "How long we keep it", "Whether you must give it to us", "Changes to this notice"]


def _markdown(tmp_path: Path, files: dict, *options: str) -> str:
    facts = write_facts(tmp_path / "notices", files)
    result = notices("build", "--facts", str(facts), "--templates", str(TEMPLATES), "--out", str(tmp_path / "dist"),
                     "--format", "md", "--no-cache", *options)
    assert result.exit_code == 0, result.output
    return (tmp_path / "dist" / "hill" / "pupils.md").read_text("utf-8")


def test_missing_facts_leave_their_sections_out_and_the_banner_names_them(tmp_path: Path) -> None:
    files = minimal_facts()
    for fact in ("sources", "recipients", "transfers", "automated_decisions", "retention", "provision", "changes"):
        del files["pupils.yaml"][fact]
    text = _markdown(tmp_path, files, "--publish-incomplete")
    assert not [sentence for sentence in INVENTED if sentence in text]
    assert not [title for title in LEFT_OUT if f"## {title}" in text], text
    assert ("does not yet say everything the law requires: who the data is shared with, transfers outside the UK, "
            "how long the data is kept, whether people must give the data, automated decision-making and where "
            "the data comes from.") in text
    for said in ("## What information we hold", "## Why we use it", "## Your rights", "## How to complain"):
        assert said in text


def test_a_notice_with_no_history_and_no_reasons_for_its_periods_says_neither(tmp_path: Path) -> None:
    files = minimal_facts()
    del files["pupils.yaml"]["changes"]
    text = _markdown(tmp_path, files)
    assert "first version" not in text and "## Changes to this notice" not in text
    assert "| Records | How long we keep them |\n|---|---|\n| Pupil records | Until the pupil is 25 |" in text
