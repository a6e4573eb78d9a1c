"""The head of every printed page, in every PDF and Word file: the school's name, and its logo where the facts give
one (the school's brand's, else the organisation's). Each print format takes it from here, so none can leave it out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.facts.cascade import ResolvedNotice
from generator.facts.logo import PICTURE_FORMATS


@dataclass(frozen=True)
class Letterhead:
    """The school's name, as text, and its logo file beside it (None without one)."""

    name: str
    logo: Path | None = None

    @property
    def logo_format(self) -> str | None:
        """The logo's kind of picture (png, jpg, webp or svg), as Typst names it."""
        return PICTURE_FORMATS[self.logo.suffix.lower()] if self.logo is not None else None

    @property
    def logo_alt(self) -> str:
        """The logo's text alternative: whose logo it is (the name beside it is the text a reader needs)."""
        return f"Logo of {self.name}"


def letterhead(notice: ResolvedNotice) -> Letterhead:
    """The letterhead of every file made from ``notice``: a notice, or a form, letter or schedule of its school."""
    return Letterhead(notice.variant.name, notice.variant.logo)
