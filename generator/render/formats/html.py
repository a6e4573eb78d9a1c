"""The notice as one standalone HTML file: no JavaScript, CSS inline, readable on a phone and in print."""

from __future__ import annotations

from generator.facts.cascade import ResolvedNotice
from generator.render.formats import Needs, OutputFormat, RenderContext, register
from generator.render.formats.markdown import reading_html, render_markdown
from generator.render.html_links import html_links
from generator.render.print_identity import print_style
from generator.render.reading import html_text
from generator.render.templating import html_environment


def notice_body_html(notice: ResolvedNotice, context: RenderContext, suffix: str,
                     template_name: str | None = None) -> str:
    """The notice's Markdown turned into HTML, the same way the website turns it; links to its other
    versions name files ending in ``suffix``."""
    return reading_html(render_markdown(notice, context, suffix, template_name))


def render_html(notice: ResolvedNotice, context: RenderContext) -> str:
    template = html_environment(context.templates).get_template("notice.html.j2")
    return template.render(n=notice, body=notice_body_html(notice, context, ".html"),
                           print_style=print_style(notice.variant.name, notice.variant.address))


register(OutputFormat(
    name="html",
    suffix=".html",
    render=lambda notice, context: render_html(notice, context).encode("utf-8"),
    description="one standalone HTML page per notice, for email or any web server",
    label="Web page (HTML)",
    needs=Needs(libraries=("jinja2", "markdown")),
    read_text=html_text,
    read_links=html_links,
))
