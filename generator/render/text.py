"""Turning fact text into safe Markdown: facts are data, so their markup never reaches the page."""

from __future__ import annotations

import re
from functools import lru_cache

from generator.facts.free_text import (
    CONTROL_CHARACTERS,
    TrustedMarkdown,
    inert_words,
    mail_link,
    markdown_link,
    with_links,
)

_WHITESPACE = re.compile(r"\s+")
# Fact text often starts a line of the notice: a leading "- ", "+ ", "1. " or "===" would start a list,
# a rule or a heading there (and "- - - ..." nests lists deep enough to crash the Markdown parser).
# "2.0" starts no list: a number is a list marker only when a space or the end of the line follows it.
_LINE_START_MARKER = re.compile(r"^(?:[-+=]|[0-9]+[.)](?=\s|$))")


def inline(text: object) -> TrustedMarkdown:
    """Fact text as one line of inert Markdown: whitespace collapsed, markup and Markdown escaped."""
    return _inline(str(text))


# A trust's notices repeat the same fact text for every school: escape each text once.
@lru_cache(maxsize=65536)
def _inline(text: str) -> TrustedMarkdown:
    plain = _WHITESPACE.sub(" ", CONTROL_CHARACTERS.sub("", text)).strip()
    escaped = with_links(plain, inert_words)  # an address in angle brackets becomes a mail link
    return TrustedMarkdown(_LINE_START_MARKER.sub(_escape_marker, escaped, count=1))


def _escape_marker(match: re.Match) -> str:
    # "=" has no backslash escape in Markdown; its character reference is as inert.
    return "&#61;" + match[0][1:] if match[0] == "=" else match[0][:-1] + "\\" + match[0][-1]


def finalize(value: object) -> object:
    """Jinja ``finalize`` for Markdown templates: every value not already trusted is escaped."""
    if isinstance(value, TrustedMarkdown):
        return value
    if value is None:
        return ""
    return inline(value)


def link(url: object) -> TrustedMarkdown:
    """A URL from the facts as a link showing the address: built, never parsed (``free_text.markdown_link``)."""
    return markdown_link(str(url))


def mailto(email: object) -> TrustedMarkdown:
    """An email address from the facts as a mail link showing the address."""
    return mail_link(str(email))


def join_list(items) -> str:
    """'a', 'a and b', 'a, b and c': lists as people write them, with "and" before the last item.

    An item that holds its own "and" gets a comma before the list's ("parents and carers, and pupils"),
    so that the list's "and" is not read as part of it; items that hold commas are kept apart by
    semicolons ("AQA, OCR and Pearson; and the NHS"), so that the list's commas are not read as theirs.
    """
    words = [str(item) for item in items]
    if len(words) <= 1:
        return "".join(words)
    if any("," in word for word in words):
        return "; ".join(words[:-1]) + "; and " + words[-1]
    joined = ", and " if any(" and " in word for word in words) else " and "
    return ", ".join(words[:-1]) + joined + words[-1]


# A word that is a name whatever its place: an abbreviation ("NHS", "DfE", "CCTV") or a word with a
# capital after its first letter ("iPad").
_NAME_WORD = re.compile(r"\(?[A-Za-z]*[A-Z][A-Za-z]*[A-Z][A-Za-z]*\)?[,.;:]?|\(?[a-z]+[A-Z]\w*\)?")
# An organisation named for what it is, then of whom or what: "University of Chichester ...",
# "Department for Education". Such a name takes "the" in a sentence; "Oakmoor School" does not.
_NAMED_BY_WHAT_IT_IS = re.compile(r"^[A-Z][a-z]+ (?:of|for) [A-Z]")


def in_sentence(text: object) -> str:
    """Fact text as it reads inside a sentence: its first letter in lower case when the fact is written
    as a sentence would begin ("Personal information", "The police", "Attendance", "The academy trust's
    funding agreement and the Academy Trust Handbook"), but a name kept as
    written: a first word that is an abbreviation ("NHS number"), or text with a capital in a later word
    other than an abbreviation ("Hampshire County Council", "The Key Stage Trust")."""
    words = str(text).split()
    if not words or not words[0][:1].isupper() or _NAME_WORD.fullmatch(words[0]):
        return str(text)
    described = words[0] == "The" and len(words) > 1 and words[1][:1].islower()  # "The academy trust's ..."
    if not described and any(word[:1].isupper() and not _NAME_WORD.fullmatch(word) for word in words[1:]):
        return str(text)
    return str(text)[:1].lower() + str(text)[1:]


def organisation_in_sentence(name: object) -> str:
    """An organisation's name as it reads inside a sentence: with "the" before a name made of what it is
    and whom it serves ("the University of Chichester Academy Trust", "the Department for Education"),
    and otherwise as ``in_sentence`` writes it, except that a name of one word ("Pearson") is a name."""
    words = str(name)
    if _NAMED_BY_WHAT_IT_IS.match(words):
        return f"the {words}"
    return words if " " not in words.strip() else in_sentence(words)


def kept_for(rule) -> str:
    """A retention rule as one item of a sentence's list: "the pupil's educational record, until ..."."""
    return f"{in_sentence(rule.records)}, {rule.period}"


def capfirst(value: object) -> str:
    words = str(value)
    return words[:1].upper() + words[1:]


def anchor(section_id: str) -> TrustedMarkdown:
    """The attribute-list suffix that gives a heading its stable id."""
    return TrustedMarkdown("{#" + inline(section_id) + "}")


# Words that make a name a role or a service rather than a person's name: "Trust Data Protection Officer".
_ROLE_WORDS = re.compile(r"\b(?:officer|DPO|data\s+protection|service|team|department|office)\b", re.IGNORECASE)


def a_role(name: object) -> bool:
    """Jinja test: whether a name given for a person is a role ("Trust Data Protection Officer")."""
    return bool(name) and bool(_ROLE_WORDS.search(str(name)))


def as_named(name: object) -> str:
    """A person's name as it is, a role with 'the' before it: 'the Trust Data Protection Officer'."""
    words = str(name)
    return f"the {words}" if a_role(words) and not words.lower().startswith("the ") else words
