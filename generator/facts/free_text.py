"""Free Markdown text from the facts made inert: its formatting kept, any raw HTML shown as text.

It sits with the facts because loading them checks the links such text would make
(facts/links.py); every format renders it through ``render.text``.
"""

from __future__ import annotations

import html
import re

_ATTRIBUTE_BRACES = re.compile(r"([{}])")
_ALLOWED_AUTOLINK = re.compile(r"<((?:https?://|mailto:|tel:)[^\s<>]+)>")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class TrustedMarkdown(str):
    """Markdown that has already been made safe; the template engine outputs it as it is."""


def block(text: str) -> TrustedMarkdown:
    """A free Markdown section from the facts: Markdown formatting kept, any raw HTML shown as text.

    Autolinks ``<https://...>``, ``<mailto:...>`` and ``<tel:...>`` stay links; the checker refuses
    links with any other scheme before a build gets here.
    """
    text = CONTROL_CHARACTERS.sub("", text.replace("\r\n", "\n")).strip()
    parts = []
    last = 0
    for match in _ALLOWED_AUTOLINK.finditer(text):
        parts.append(_inert_markup(text[last:match.start()]))
        parts.append(f"<{match[1]}>")
        last = match.end()
    parts.append(_inert_markup(text[last:]))
    return TrustedMarkdown("".join(parts))


def _inert_markup(text: str) -> str:
    """Raw HTML shown as text, and braces escaped so that no attribute list can add an ``on...``."""
    return _ATTRIBUTE_BRACES.sub(r"\\\1", html.escape(text, quote=False))
