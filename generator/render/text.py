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
    """'a', 'a and b', 'a, b and c': lists as people write them. An item that holds its own 'and' keeps
    the list from repeating it: 'pupils, parents and carers', and 'parents and carers, and pupils'."""
    words = [str(item) for item in items]
    if len(words) <= 1:
        return "".join(words)
    if " and " in words[-1]:
        return ", ".join(words)
    joined = ", and " if any(" and " in word for word in words[:-1]) else " and "
    return ", ".join(words[:-1]) + joined + words[-1]


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
