"""Until when the website's theme is maintained, and what ``notices site`` says once it no longer is.

Material for MkDocs prints its own end-of-life banner only when the running program is named
``mkdocs`` (``material/templates/__init__.py``: ``is_mkdocs()``); ``notices site`` runs MkDocs inside
its own process, so that banner never shows. This says it instead, from the day it matters, with
what to do. The plan for moving to another engine is in docs/publishing.md.
"""

from __future__ import annotations

import datetime

from generator.distribution import manual

# "Material for MkDocs reaches end of life on May 5, 2027. Critical fixes and security updates
# continue until that date." https://github.com/squidfunk/mkdocs-material/releases/tag/9.8.1
THEME_END_OF_LIFE = datetime.date(2027, 5, 5)


def end_of_life_note(today: datetime.date) -> str | None:
    """A line for the person building the site once the theme no longer gets security fixes; None before."""
    if today < THEME_END_OF_LIFE:
        return None
    return (f"the website's theme, Material for MkDocs, gets no security fixes since "
            f"{THEME_END_OF_LIFE:%-d %B %Y}. Upgrade privacy-notices to a version built on its successor, "
            f"or build the pages with another engine: see {manual('publishing.md#the-websites-engine')}")
