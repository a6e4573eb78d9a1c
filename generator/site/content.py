"""What the notices add to a website, made once: the generated pages, the downloads and the feed.

The MkDocs plugin adds them to a build; ``notices pages`` writes them into a docs folder that any
MkDocs-compatible engine can build. Both call ``site_content``, so the two cannot differ.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.facts.cascade import ResolvedNotice
from generator.render.cache import OutputCache
from generator.render.formats import RenderContext
from generator.site.downloads import Download, render_downloads
from generator.site.feed import atom_feed
from generator.site.pages import SitePage, notice_page, site_pages


@dataclass
class SiteContent:
    notices: list[ResolvedNotice]
    pages: list[SitePage]  # home, schools and notices, hubs; each with the downloads offered beside it
    downloads: list[Download]

    def feed(self, url_of: Callable[[str], str], site_url: str | None = None) -> bytes:
        """The Atom feed of changes; ``url_of`` gives a page's address in the site from its Markdown path,
        made absolute with ``site_url`` when the facts or mkdocs.yml give one."""
        first = self.notices[0]
        return atom_feed(self.notices, first.organisation.name or first.variant.name,
                         lambda notice: url_of(notice_page(notice)), url_of("changes.md"), site_url)


def site_content(notices: list[ResolvedNotice], templates: Path, format_names: list[str],
                 cache: OutputCache | None) -> SiteContent:
    """Every page and download of ``notices`` (slow formats from ``cache``: keep it open until they are copied)."""
    context = RenderContext(templates=templates)
    downloads = render_downloads(notices, format_names, context, cache)
    pages = site_pages(notices, context)
    for page in pages:
        if page.school is not None:  # a school's pages offer its downloads; the hubs none
            page.downloads = downloads.get((page.school.variant.id, page.notice.document_id if page.notice else None),
                                           [])
        elif page.src_uri == "index.md":  # the home page offers the organisation's (the record of processing)
            page.downloads = downloads.get((None, None), [])
    return SiteContent(notices, pages, [download for owned in downloads.values() for download in owned])
