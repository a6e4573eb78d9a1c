"""The review names a change to a notice's version for children: a reviewer who approves a pull request
that rewrites what pupils read must be told it does."""

from __future__ import annotations

import json

import pytest

from tests.diff.conftest import committed_example
from tests.diff.test_acceptance import diff

OLD_WORDS = "We use them to keep you safe and well."
NEW_WORDS = "We use them to keep you safe."


@pytest.mark.slow
def test_a_change_to_the_childrens_words_is_reported_and_suggested_for_the_change_list(tmp_path):
    repo = committed_example(tmp_path, every_notice=True)
    repo.edit("children/pupils.yaml", OLD_WORDS, NEW_WORDS)
    repo.edit("children/pupils.yaml", "title: How your school uses facts about you",
              "title: What your school knows about you")
    repo.commit("plainer words for pupils")

    result = diff(repo, "main~1", "main")  # both sides read from git, children/ included

    assert result.exit_code == 0, result.output
    assert ("The children's version's title changed from 'How your school uses facts about you' to "
            "'What your school knows about you'.") in result.output
    assert ("Children's section Why we keep it: text changed: '... We use them to keep you [-safe and well.-] "
            "{+safe.+} We also use them to see ...'.") in result.output
    assert "No changes to the notices." not in result.output
    report = json.loads(diff(repo, "main~1", "main", "--format", "json").output)
    (suggestion,) = report["suggested_entries"]
    assert suggestion["notice"] == "pupils"
    assert "We updated the version for children." in suggestion["yaml"]


@pytest.mark.slow
def test_adding_a_childrens_version_is_reported_as_given(tmp_path):
    repo = committed_example(tmp_path, every_notice=True)
    words = (repo.facts / "children" / "pupils.yaml").read_text(encoding="utf-8")
    (repo.facts / "children" / "pupils.yaml").unlink()
    repo.commit("no children's version yet")
    (repo.facts / "children" / "pupils.yaml").write_text(words, encoding="utf-8")

    result = diff(repo, "main")

    assert result.exit_code == 0, result.output
    assert "The children's version is now given: title 'How your school uses facts about you', ages it " \
           "is written for '11 to 16'" in result.output
    assert "Children's section added: What we keep about you." in result.output

