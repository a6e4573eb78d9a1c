"""Whose page a printed web page is: the school's name at the head of every printed page and its address at the
foot, as CSS page-margin rules built from the facts (site_overrides/assets/print.css numbers the pages)."""

from __future__ import annotations

import re

from markupsafe import Markup

# Characters written as themselves inside a CSS string; every other one is written as its code point
# ("\22 " for a quote, "\3c " for "<"), so no fact text can end the string, the rule or the <style> element.
_PLAIN = re.compile(r"[A-Za-z0-9 ,.'&()-]")


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string, whatever it holds."""
    return '"' + "".join(character if _PLAIN.fullmatch(character) else f"\\{ord(character):x} "
                         for character in " ".join(text.split())) + '"'


def print_style(name: str, address: str | None) -> Markup:
    """The page-margin rules that print ``name`` at the top left of every page and ``address`` at the bottom left."""
    rules = f"@top-left {{ content: {css_string(name)}; }}"
    if address:
        rules += f" @bottom-left {{ content: {css_string(address)}; }}"
    return Markup(f"@page {{ {rules} }}")
