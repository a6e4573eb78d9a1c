"""A changed paragraph in the review shows the words removed and added inside it, readable without colour, in
the terminal and in the pull-request comment; a paragraph mostly rewritten is shown old and new, whole; and a
school's words stay words (Markdown or HTML in them never becomes markup in the comment)."""

from __future__ import annotations

import json

import lxml.html
import markdown

from tests.diff.test_acceptance import diff

REASON = ("The local authority has duties to children in need and children looked after, and we work\n"
          "      with its children's services to support each child and keep them safe.")
REWRITTEN = "We tell the council's social workers what they need to know, and nothing else of ours."
# The comment as GitHub shows it: ~~strikethrough~~ included.
GITHUB_LIKE = ["tables", "pymdownx.tilde"]


def _one_word_changed(repo) -> None:
    repo.edit("children-in-need.yaml", "to support each child", "to help each child")


def test_a_one_word_change_shows_that_word_removed_and_added_in_the_terminal(repo):
    _one_word_changed(repo)
    text = diff(repo, "main").output
    assert ("  Recipient Hampshire County Council Children's Services: reason changed: '... work with its children's "
            "services to [-support-] {+help+} each child and keep them safe.'. This affects 1 notice in 1 school "
            "(oakmoor).") in text
    assert "changed from" not in text  # the paragraph is not shown twice


def test_a_one_word_change_shows_that_word_struck_out_and_added_in_the_comment(repo):
    _one_word_changed(repo)
    comment = diff(repo, "main", "--format", "markdown").output
    assert "reason changed: '... work with its children's services to ~~support~~ **help** each child" in comment
    assert comment.count(" to ~~support~~ **help** each ") == 4  # a headline per school's council, and under each school
    headline = next(line for line in comment.splitlines() if "reason changed" in line)
    item = lxml.html.fromstring(markdown.markdown(headline, extensions=GITHUB_LIKE))
    assert ([removed.text for removed in item.iter("del")], [added.text for added in item.iter("strong")]) == (
        ["support"], ["help"])


def test_the_json_review_lists_the_words_kept_removed_and_added(repo):
    _one_word_changed(repo)
    reach = json.loads(diff(repo, "main", "--format", "json").output)["reach"][0]
    removed = [run["words"] for run in reach["words"] if run["kind"] == "removed"]
    added = [run["words"] for run in reach["words"] if run["kind"] == "added"]
    assert (removed, added) == (["support"], ["help"])
    assert "changed from 'The local authority has duties" in reach["text"]  # the sentence with both versions, whole


def test_a_paragraph_mostly_rewritten_is_shown_old_and_new_whole(repo):
    repo.edit("children-in-need.yaml", REASON, REWRITTEN)
    text = diff(repo, "main").output
    assert ("reason changed from 'The local authority has duties to children in need and children looked after, and "
            "we work with its children's services to support each child and keep them safe.' to "
            f"'{REWRITTEN}'") in text
    assert "[-" not in text and "{+" not in text


def test_a_short_value_reads_changed_from_and_to(repo):
    repo.edit("organisation.yaml", "name: Helen Turner", "name: Helen Turner-Smith")
    assert "The DPO's name changed from 'Helen Turner' to 'Helen Turner-Smith'." in diff(repo, "main").output


HOSTILE_REMOVED = "support"
HOSTILE_ADDED = '<script>alert(1)</script> **loud** [click](javascript:alert(2)) ~~gone~~ <b>bold</b>'


def test_markdown_and_html_in_the_changed_words_stay_text_in_the_comment(repo):
    repo.edit("children-in-need.yaml", "to support each child", f"to {HOSTILE_ADDED} each child")
    comment = diff(repo, "main", "--format", "markdown").output
    headline = next(line for line in comment.splitlines() if "reason changed" in line)
    item = lxml.html.fromstring(markdown.markdown(headline, extensions=GITHUB_LIKE))
    assert [element.tag for element in item.iter()] == ["ul", "li", "del", "strong"]  # our two marks, nothing else
    assert [removed.text_content() for removed in item.iter("del")] == [HOSTILE_REMOVED]
    assert [added.text_content() for added in item.iter("strong")] == [HOSTILE_ADDED]
    text = diff(repo, "main").output
    assert f"[-{HOSTILE_REMOVED}-] {{+{HOSTILE_ADDED}+}}" in text  # the terminal shows the words as written
