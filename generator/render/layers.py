"""Where a notice's other layers are, as links from one of its documents: its full notice, its children's
version and its first layer on one page are files side by side in every format, and pages side by side
on the website (docs/layers.md)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.facts.cascade import ResolvedNotice
from generator.facts.free_text import TrustedMarkdown


@dataclass(frozen=True)
class Companions:
    """The file names of ``notice``'s versions in the format whose files end in ``suffix`` (".pdf"):
    ids are lower-case letters, digits and hyphens, so a name needs no escaping in a link."""

    notice: ResolvedNotice
    suffix: str

    @property
    def full(self) -> TrustedMarkdown:
        return TrustedMarkdown(f"{self.notice.id}{self.suffix}")

    @property
    def children(self) -> TrustedMarkdown:
        return TrustedMarkdown(f"{self.notice.for_children().document_id}{self.suffix}")

    @property
    def other(self) -> TrustedMarkdown:
        """The version a reader of this one may want instead: the full notice from the children's, and back."""
        return self.full if self.notice.audience == "children" else self.children
