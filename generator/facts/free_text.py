"""Free Markdown text from the facts made inert: its formatting kept, any raw HTML shown as text.

It sits with the facts because loading them checks the links such text would make
(facts/links.py); every format renders it through ``render.text``.
"""

from __future__ import annotations

import html
import re
from typing import Callable

_ATTRIBUTE_BRACES = re.compile(r"([{}])")
_ALLOWED_AUTOLINK = re.compile(r"<((?:https?://|mailto:|tel:)[^\s<>]+)>")
# An address written as people write it in an email, `Jo Bloggs <jo@school.org>`: made a mail link.
EMAIL_AUTOLINK = re.compile(r"<([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)>")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class TrustedMarkdown(str):
    """Markdown that has already been made safe; the template engine outputs it as it is."""


def block(text: str) -> TrustedMarkdown:
    """A free Markdown section from the facts: Markdown formatting kept, any raw HTML shown as text.

    Autolinks ``<https://...>``, ``<mailto:...>`` and ``<tel:...>`` stay links, and an address in angle
    brackets, ``<jo@school.org>``, becomes one; the checker refuses links with any other scheme before a
    build gets here.
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
        parts.append(inert(text[last:match.start()]))
        parts.append(f"<{match[1]}>" if match[1] else mail_link(match[2]))
        last = match.end()
    parts.append(inert(text[last:]))
    return "".join(parts)


def mail_link(address: str) -> str:
    """A checked email address as a Markdown mail link; an underscore in its text is not emphasis."""
    return f"[{address.replace('_', chr(92) + '_')}](mailto:{address})"


def _inert_markup(text: str) -> str:
    """Raw HTML shown as text, and braces escaped so that no attribute list can add an ``on...``."""
    return _ATTRIBUTE_BRACES.sub(r"\\\1", html.escape(text, quote=False))
