"""The notice as an HTML fragment for a school's CMS page: no <html>/<head>, no script, scoped CSS."""

from __future__ import annotations

import lxml.html

from generator.facts.cascade import ResolvedNotice
from generator.render.formats import OutputFormat, RenderContext, register
from generator.render.formats.html import notice_body_html
from generator.render.templating import html_environment

_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "div", "table", "ul", "ol"}


def render_fragment(notice: ResolvedNotice, context: RenderContext) -> str:
    template = html_environment(context.templates.resolve()).get_template("fragment.html.j2")
    return template.render(n=notice, body=notice_body_html(notice, context))


def html_text(content: bytes) -> str:
    """The visible text of an HTML document or fragment in reading order, one block per line.

    Style and script contents are not text a reader sees, so they are left out.
    """
    root = lxml.html.fragment_fromstring(content.decode("utf-8"), create_parent="div")
    for hidden in root.xpath("//style|//script|//template"):
        hidden.drop_tree()
    for block in root.iter(*_BLOCKS):
        block.tail = "\n" + (block.tail or "")
    for cell in root.iter("td", "th"):
        cell.tail = " " + (cell.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


register(OutputFormat(
    name="fragment",
    suffix=".fragment.html",
    render=lambda notice, context: render_fragment(notice, context).encode("utf-8"),
    description="an HTML fragment to paste into a school's CMS page: no scripts, styles scoped",
    read_text=html_text,
))
