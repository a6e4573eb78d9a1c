"""A notice page laid out in layers: its first layer ("At a glance"), then its downloads, then the full notice.

The theme (site_overrides/main.html) writes the download block after the page's content, where it
sits on every other page; on a notice page it moves up to follow the first layer, so that on a phone
it is a screen or two down, not at the end of the notice.
"""

from __future__ import annotations

import re

_DOWNLOADS = re.compile(r'\s*<section class="notices-downloads".*?</section>', re.DOTALL)
# The notice's first section after its opening: the one after "At a glance" (or, in a children's
# version, after its summary). Headings come from the notice's Markdown, with their stable ids.
_FIRST_SECTION = re.compile(r'<h2 id="(?!at-a-glance")[^"]*"')


def downloads_after_first_layer(page_html: str) -> str:
    """The page with its download block moved before the notice's first full section; as it was if
    either is missing."""
    downloads = _DOWNLOADS.search(page_html)
    section = _FIRST_SECTION.search(page_html)
    if downloads is None or section is None or section.start() > downloads.start():
        return page_html
    block = downloads.group(0).strip()
    without = page_html[:downloads.start()] + page_html[downloads.end():]
    return without[:section.start()] + block + "\n" + without[section.start():]
