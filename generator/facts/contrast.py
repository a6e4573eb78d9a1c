"""Colour contrast as WCAG 2.2 measures it, and the nearest colour of the same hue that has enough.

WCAG 2.2 success criterion 1.4.3 (https://www.w3.org/TR/WCAG22/#contrast-minimum) asks 4.5:1 between
text and its background, the contrast ratio being (L1 + 0.05) / (L2 + 0.05) of the two colours'
relative luminance (https://www.w3.org/TR/WCAG22/#dfn-relative-luminance). ColorAide computes it.
"""

from __future__ import annotations

MINIMUM = 4.5
PAGE_BACKGROUND = "#ffffff"  # the site's light scheme
# The dark scheme's page: Material's slate, hsl(225, 15%, 14%). Brand links are lightened to be read on it, and
# so on its panels, which are darker (site_overrides/assets/notices.css, --notices-panel).
DARK_PAGE_BACKGROUND = "#1e2129"


def contrast(colour: str, other: str) -> float:
    from coloraide import Color  # a fifth of a second to load: only facts that give a colour need it

    return Color(colour).contrast(other, method="wcag21")


def nearest_passing(colour: str, other: str) -> str:
    """The colour of ``colour``'s hue and chroma, lighter or darker by the least, that reaches 4.5:1 with ``other``."""
    from coloraide import Color

    base = Color(colour).convert("oklch")
    lightness = base["lightness"]
    for step in range(1, 101):
        for shift in (-step / 100, step / 100):
            candidate = base.clone().set("lightness", min(1.0, max(0.0, lightness + shift)))
            text = candidate.convert("srgb").fit().to_string(hex=True)
            if contrast(text, other) >= MINIMUM:
                return text
    return "#000000" if contrast("#000000", other) >= MINIMUM else "#ffffff"


def too_little_contrast(colour: str, other: str, pair: str) -> str | None:
    """Why ``colour`` cannot be used with ``other``, or None if it can; ``pair`` names the two, {colour} and {other}."""
    ratio = contrast(colour, other)
    if ratio >= MINIMUM:
        return None
    return (f"{pair.format(colour=colour, other=other)} have a contrast of {int(ratio * 100) / 100}:1, less than the 4.5:1 that "
            f"people with low vision need (WCAG 2.2, 1.4.3); {nearest_passing(colour, other)} is the nearest "
            f"colour of the same hue that has enough")
