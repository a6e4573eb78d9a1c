"""Where a notice's other layers are, as links from one of its documents: its full notice, its children's
version and its first layer on one page are files side by side in every format, and pages side by side
on the website (docs/layers.md)."""

from __future__ import annotations

import html
from dataclasses import dataclass

import lxml.html

from generator.facts.cascade import ResolvedNotice
from generator.facts.children import ChildrensVersion
from generator.facts.free_text import TrustedMarkdown
from generator.facts.link_targets import ALLOWED_LINK


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
    def children(self) -> list[tuple[ChildrensVersion, TrustedMarkdown]]:
        """Each version for children the school publishes, with its file's name."""
        return [(version, TrustedMarkdown(f"{self.notice.id}.{version.document_suffix}{self.suffix}"))
                for version in self.notice.childrens_versions]


def written_out_links(body_html: str) -> str:
    """The notice's HTML for a PDF or a Word file, whose links go only to the web, email, telephone and
    the document's own sections: a link to a file beside it is written out as its words followed by
    the file's name ("... (pupils.children.pdf)"), and a link to a section of another file as its words."""
    fragment = lxml.html.fragment_fromstring(body_html, create_parent="div")
    for link in list(fragment.iter("a")):
        target = link.get("href") or ""
        if target.startswith("#") or ALLOWED_LINK.match(target):
            continue
        named = "#" in target or link.text_content() == target
        link.tail = ("" if named else f" ({target})") + (link.tail or "")
        link.drop_tag()
    return html.escape(fragment.text or "", quote=False) + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in fragment)
