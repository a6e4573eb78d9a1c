"""Turning fact text into safe Markdown: facts are data, so their markup never reaches the page."""

from __future__ import annotations

import html
import re
from functools import lru_cache

from generator.facts.free_text import CONTROL_CHARACTERS, TrustedMarkdown

# Braces too: the attr_list extension would read "{: onclick=...}" in fact text as attributes.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]|#{}])")
_WHITESPACE = re.compile(r"\s+")
# Fact text often starts a line of the notice: a leading "- ", "+ ", "1. " or "===" would start a list,
# a rule or a heading there (and "- - - ..." nests lists deep enough to crash the Markdown parser).
_LINE_START_MARKER = re.compile(r"^(?:[-+=]|[0-9]+[.)])")


def inline(text: object) -> TrustedMarkdown:
    """Fact text as one line of inert Markdown: whitespace collapsed, markup and Markdown escaped."""
    return _inline(str(text))


# A trust's notices repeat the same fact text for every school: escape each text once.
@lru_cache(maxsize=65536)
def _inline(text: str) -> TrustedMarkdown:
    plain = _WHITESPACE.sub(" ", CONTROL_CHARACTERS.sub("", text)).strip()
    escaped = _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(plain, quote=False))
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
    """A validated http(s) URL as a Markdown autolink."""
    target = str(url)
    if not re.match(r"^https?://[^\s<>]+$", target):
        return inline(target)
    return TrustedMarkdown(f"<{target}>")


def mailto(email: object) -> TrustedMarkdown:
    """A validated email address as a Markdown mail link."""
    address = str(email)
    if not re.match(r"^[^\s<>@]+@[^\s<>@]+$", address):
        return inline(address)
    return TrustedMarkdown(f"[{inline(address)}](mailto:{address})")


def join_list(items) -> str:
    """'a', 'a and b', 'a, b and c': lists as people write them."""
    words = [str(item) for item in items]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def capfirst(value: object) -> str:
    words = str(value)
    return words[:1].upper() + words[1:]


def anchor(section_id: str) -> TrustedMarkdown:
    """The attribute-list suffix that gives a heading its stable id."""
    return TrustedMarkdown("{#" + inline(section_id) + "}")
