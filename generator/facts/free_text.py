"""Free Markdown text from the facts made inert: its formatting kept, any raw HTML shown as text.

It sits with the facts because loading them checks the links such text would make
(facts/links.py); every format renders it through ``render.text``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from generator.facts.link_targets import ALLOWED_START, link_target

_ATTRIBUTE_BRACES = re.compile(r"([{}])")
_ALLOWED_AUTOLINK = re.compile(rf"<({ALLOWED_START}[^\s<>]*)>")
# An address written as people write it in an email, `Jo Bloggs <jo@school.org>`: made a mail link.
EMAIL_AUTOLINK = re.compile(r"<([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)>")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Braces too: the attr_list extension would read "{: onclick=...}" in fact text as attributes.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]|#{}])")


class TrustedMarkdown(str):
    """Markdown that has already been made safe; the template engine outputs it as it is."""


def block(text: str) -> TrustedMarkdown:
    """A free Markdown section from the facts: Markdown formatting kept, any raw HTML shown as text.

    Autolinks ``<https://...>``, ``<mailto:...>`` and ``<tel:...>`` stay links (built by ``markdown_link``,
    so nothing inside the brackets is read as Markdown), and an address in angle brackets,
    ``<jo@school.org>``, becomes one; the checker refuses links with any other scheme before a build
    gets here.
    """
    text = CONTROL_CHARACTERS.sub("", text.replace("\r\n", "\n")).strip()
    return TrustedMarkdown(with_links(text, _inert_markup, _ALLOWED_AUTOLINK))


def with_links(text: str, inert: Callable[[str], str], autolinks: re.Pattern | None = None) -> str:
    """``text`` made inert by ``inert``, except email addresses in angle brackets, which become mail links,
    and the ``autolinks`` allowed, which stay as they are written."""
    parts = []
    last = 0
    links = f"{autolinks.pattern}|{EMAIL_AUTOLINK.pattern}" if autolinks else f"(){EMAIL_AUTOLINK.pattern}"
    for match in re.finditer(links, text):
        before = inert(text[last:match.start()])
        # A "!" just before a link would make it a picture: written as its character reference, it is only a "!".
        parts.append(before[:-1] + "&#33;" if before.endswith("!") else before)
        parts.append(markdown_link(match[1]) if match[1] else mail_link(match[2]))
        last = match.end()
    parts.append(inert(text[last:]))
    return "".join(parts)


def markdown_link(address: str, words: str | None = None) -> TrustedMarkdown:
    """A link to ``address`` showing ``words`` (the address itself by default), as Markdown that reads back
    as exactly that link: the words inert, the target from ``link_target``. An address whose scheme is not
    allowed is shown as words, with no link."""
    shown = inert_words(" ".join((address if words is None else words).split()))
    target = link_target(address)
    if target is None:
        return TrustedMarkdown(shown)
    # "&" as "&amp;": Python-Markdown leaves an entity-like "&#106;" in a target for the browser to decode.
    return TrustedMarkdown(f"[{shown}]({target.replace('&', '&amp;')})")


def mail_link(address: str) -> TrustedMarkdown:
    """A checked email address as a Markdown mail link."""
    return markdown_link(f"mailto:{address}", address)


def inert_words(text: str) -> str:
    """Text as Markdown that shows it as it is: HTML and every Markdown marker escaped."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(text, quote=False))


def _inert_markup(text: str) -> str:
    """Raw HTML shown as text, and braces escaped so that no attribute list can add an ``on...``."""
    return _ATTRIBUTE_BRACES.sub(r"\\\1", html.escape(text, quote=False))
