"""The Jinja environments for the user-editable templates in ``templates/``."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from generator.render import text
from generator.render.sections import SECTIONS, TITLES


def _environment(folder: Path, markdown: bool) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        undefined=jinja2.StrictUndefined,
        autoescape=not markdown,
        finalize=text.finalize if markdown else None,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals.update(sections=SECTIONS, titles=TITLES, anchor=text.anchor)
    environment.filters.update(
        md_block=text.block, link=text.link, mailto=text.mailto, join_list=text.join_list,
        capfirst=text.capfirst, longdate=text.longdate, trusted=text.TrustedMarkdown,
    )
    return environment


@cache
def markdown_environment(folder: Path) -> jinja2.Environment:
    """For Markdown output: every value is escaped for Markdown unless marked trusted."""
    return _environment(folder, markdown=True)


@cache
def html_environment(folder: Path) -> jinja2.Environment:
    """For HTML output: Jinja's HTML autoescape is on."""
    return _environment(folder, markdown=False)
