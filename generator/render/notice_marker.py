"""Which edition of a notice a published page carries, as attributes a program can read back.

Each notice page of the website (on its footer line) and each CMS fragment (on its wrapper) carries
``data-notice`` (``school/notice``), the notice's version, its review date and a digest of its
wording; ``notices verify`` reads them from the live site and compares them with what the facts
publish now. The attributes are made here, from the resolved notice, and escaped by the templates'
``xmlattr`` filter: no fact reaches a page as markup.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from generator.facts.cascade import ResolvedNotice
from generator.law.dated import longdate

ATTRIBUTE = "data-notice"  # marks an element that carries a marker; the others are named after it


@dataclass(frozen=True)
class NoticeMarker:
    """One published document of a notice: the notice or its children's version, as it was when made."""

    key: str  # school/notice, or school/notice.children
    version: str | None
    reviewed: datetime.date | None
    digest: str  # of the notice's Markdown: it changes with any fact or template that changes the wording

    @classmethod
    def of(cls, notice: ResolvedNotice, markdown: str) -> NoticeMarker:
        """The marker of ``notice``, whose Markdown (``render_markdown`` with its own ``.md`` links) is ``markdown``."""
        return cls(f"{notice.variant.id}/{notice.document_id}", notice.notice.version, notice.notice.last_reviewed,
                   hashlib.sha256(markdown.encode("utf-8")).hexdigest()[:16])

    def attributes(self) -> dict[str, str]:
        """The HTML attributes that carry the marker; a value the facts do not give is left out."""
        values = {"": self.key, "-version": self.version,
                  "-reviewed": self.reviewed.isoformat() if self.reviewed else None, "-digest": self.digest}
        return {ATTRIBUTE + name: value for name, value in values.items() if value is not None}

    @classmethod
    def from_attributes(cls, attributes: dict[str, str]) -> NoticeMarker:
        """The marker an element carries (read back from a page); an unreadable date counts as none."""
        try:
            reviewed = datetime.date.fromisoformat(attributes.get(ATTRIBUTE + "-reviewed", ""))
        except ValueError:
            reviewed = None
        return cls(attributes[ATTRIBUTE], attributes.get(ATTRIBUTE + "-version"), reviewed,
                   attributes.get(ATTRIBUTE + "-digest", ""))

    def edition(self) -> str:
        """'version 2.0 of 1 September 2026', in the words the pages use."""
        version = f"version {self.version}" if self.version else "no version"
        return version + (f" of {longdate(self.reviewed)}" if self.reviewed else ", with no review date")

