"""A changed paragraph in the review shows the words removed and added inside it, readable without colour, in
the terminal and in the pull-request comment; a paragraph mostly rewritten is shown old and new, whole; and a
school's words stay words (Markdown or HTML in them never becomes markup in the comment)."""

from __future__ import annotations

import json

import lxml.html
import markdown

from tests.diff.test_acceptance import diff

REASON = ("The law requires us to share this data with the Department. It uses it to shape national\n"
          "      policy, to monitor how local authorities perform")
REWRITTEN = "We send the Department what the census asks for, each term, and nothing else of ours"
# The comment as GitHub shows it: ~~strikethrough~~ included.
GITHUB_LIKE = ["tables", "pymdownx.tilde"]


def _one_word_changed(repo) -> None:
    repo.edit("children-in-need.yaml", "to monitor how local authorities", "to check how local authorities")


def test_a_one_word_change_shows_that_word_removed_and_added_in_the_terminal(repo):
    _one_word_changed(repo)
    text = diff(repo, "main").output
    assert ("  Recipient Department for Education (DfE): reason changed: '... it to shape national policy, to [-monitor-] "
            "{+check+} how local authorities perform, to work ...'. This affects 2 notices in 2 schools "
            "(oakmoor, regis).") in text
    assert "changed from" not in text  # the paragraph is not shown twice


def test_a_one_word_change_shows_that_word_struck_out_and_added_in_the_comment(repo):
    _one_word_changed(repo)
    comment = diff(repo, "main", "--format", "markdown").output
    assert "reason changed: '... it to shape national policy, to ~~monitor~~ **check** how local authorities" in comment
    assert comment.count(" to ~~monitor~~ **check** how ") == 3  # in the headline, and under each of two schools
    headline = next(line for line in comment.splitlines() if "reason changed" in line)
    item = lxml.html.fromstring(markdown.markdown(headline, extensions=GITHUB_LIKE))
    assert ([removed.text for removed in item.iter("del")], [added.text for added in item.iter("strong")]) == (
        ["monitor"], ["check"])


def test_the_json_review_lists_the_words_kept_removed_and_added(repo):
    _one_word_changed(repo)
    (reach,) = json.loads(diff(repo, "main", "--format", "json").output)["reach"]
    removed = [run["words"] for run in reach["words"] if run["kind"] == "removed"]
    added = [run["words"] for run in reach["words"] if run["kind"] == "added"]
    assert (removed, added) == (["monitor"], ["check"])
    assert "changed from 'The law requires us" in reach["text"]  # the sentence with both versions, whole


def test_a_paragraph_mostly_rewritten_is_shown_old_and_new_whole(repo):
    repo.edit("children-in-need.yaml", REASON, REWRITTEN)
    text = diff(repo, "main").output
    assert ("reason changed from 'The law requires us to share this data with the Department. It uses it to shape "
            "national policy, to monitor how local authorities perform, to work out and allocate funding and to find "
            f"and promote good practice.' to '{REWRITTEN}, to work out and allocate funding and to find and promote "
            "good practice.'") in text
    assert "[-" not in text and "{+" not in text


def test_a_short_value_reads_changed_from_and_to(repo):
    repo.edit("organisation.yaml", "name: Helen Turner", "name: Helen Turner-Smith")
    assert "The DPO's name changed from 'Helen Turner' to 'Helen Turner-Smith'." in diff(repo, "main").output


HOSTILE_REMOVED = "monitor"
HOSTILE_ADDED = '<script>alert(1)</script> **loud** [click](javascript:alert(2)) ~~gone~~ <b>bold</b>'


def test_markdown_and_html_in_the_changed_words_stay_text_in_the_comment(repo):
    repo.edit("children-in-need.yaml", "to monitor how local authorities", f"to {HOSTILE_ADDED} how local authorities")
    comment = diff(repo, "main", "--format", "markdown").output
    headline = next(line for line in comment.splitlines() if "reason changed" in line)
    item = lxml.html.fromstring(markdown.markdown(headline, extensions=GITHUB_LIKE))
    assert [element.tag for element in item.iter()] == ["ul", "li", "del", "strong"]  # our two marks, nothing else
    assert [removed.text_content() for removed in item.iter("del")] == [HOSTILE_REMOVED]
    assert [added.text_content() for added in item.iter("strong")] == [HOSTILE_ADDED]
    text = diff(repo, "main").output
    assert f"[-{HOSTILE_REMOVED}-] {{+{HOSTILE_ADDED}+}}" in text  # the terminal shows the words as written
