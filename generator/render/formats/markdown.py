"""The notice as Markdown: the source of the website's notice pages and of the HTML notice."""

from __future__ import annotations

import re

import markdown

from generator.facts.cascade import ResolvedNotice
from generator.facts.links import MARKDOWN_EXTENSIONS
from generator.render.formats import Needs, OutputFormat, RenderContext, register
from generator.render.layers import Companions
from generator.render.reading import html_text
from generator.render.templating import markdown_environment

# What a reader sees has typographic quotes and apostrophes ("pupils’ learning", “Our lawful bases”):
# every format made from the notice's HTML, and the website's pages (generator/site/plugin.py). Dashes and
# dots stay as the facts write them.
CURLY_QUOTES = {"smarty": {"smart_quotes": True, "smart_dashes": False, "smart_angled_quotes": False,
                           "smart_ellipses": False}}
_EXTRA_BLANK_LINES = re.compile(r"\n\n\n+")  # not \n{3,}: this spelling is ten times faster


# Each version of a notice has its own template; both take their facts from the same ResolvedNotice.
TEMPLATES = {"everyone": "notice.md.j2", "children": "notice.children.md.j2"}


def render_markdown(notice: ResolvedNotice, context: RenderContext, suffix: str = ".md",
                    template_name: str | None = None) -> str:
    """The notice (or its children's version) as Markdown; its links to its other versions name files
    ending in ``suffix``, the format's own, since each format's files sit side by side."""
    template = markdown_environment(context.templates).get_template(template_name or TEMPLATES[notice.audience])
    return _EXTRA_BLANK_LINES.sub("\n\n", template.render(n=notice, files=Companions(notice, suffix))).strip() + "\n"


def reading_html(text: str) -> str:
    """The notice's Markdown as the HTML a reader sees, quotes curled (``CURLY_QUOTES``)."""
    return markdown.markdown(text, extensions=[*MARKDOWN_EXTENSIONS, *CURLY_QUOTES], extension_configs=CURLY_QUOTES)


def markdown_text(content: bytes) -> str:
    """The Markdown notice as a reader of the website sees it: through the HTML it becomes."""
    return html_text(markdown.markdown(content.decode("utf-8"), extensions=MARKDOWN_EXTENSIONS).encode("utf-8"))


register(OutputFormat(
    name="md",
    suffix=".md",
    render=lambda notice, context: render_markdown(notice, context).encode("utf-8"),
    description="Markdown, for committing next to the facts and for the website",
    label="Markdown",
    needs=Needs(libraries=("jinja2", "markdown")),
    read_text=markdown_text,
))
