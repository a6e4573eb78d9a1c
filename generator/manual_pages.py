"""`notices docs TOPIC`: a page of the manual as installed with the tool, read offline.

TOPIC is a page's name ('errors'), a page and section ('errors#unknown-key'), or the address a
finding's 'see' line gives, pasted as it is.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.defaults import packaged
from generator.distribution import manual
from generator.notices_error import NoticesError


def topics() -> list[str]:
    return sorted(path.stem for path in packaged("manual").glob("*.md"))


def installed_page(topic: str) -> tuple[Path, str]:
    """The installed page a topic names, and the section asked for ('' for the whole page)."""
    page, _, section = topic.strip().removeprefix(manual("")).partition("#")
    name = page.removesuffix(".md").strip("/")
    path = packaged("manual") / f"{name}.md"
    if not name or "/" in name or not path.is_file():
        raise NoticesError(f"the manual has no page '{page}'; choose one of {', '.join(topics())}")
    return path, section


def _heading_anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def section_text(text: str, section: str) -> str:
    """The page from the section's heading (or its ``<a id="...">``) on; the whole page if there is none."""
    lines = text.splitlines(keepends=True)
    for number, line in enumerate(lines):
        heading = re.match(r"#+ (.*)", line)
        if f'id="{section}"' in line or (heading and _heading_anchor(heading[1]) == section):
            return "".join(lines[number:])
    return text
