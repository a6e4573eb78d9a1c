"""The notice as an HTML fragment for a school's CMS page: no <html>/<head>, no script, scoped CSS."""

from __future__ import annotations

from generator.facts.cascade import ResolvedNotice
from generator.render.formats import Needs, OutputFormat, RenderContext, register
from generator.render.formats.html import notice_body_html
from generator.render.formats.markdown import render_markdown
from generator.render.html_links import html_links
from generator.render.notice_marker import NoticeMarker
from generator.render.reading import html_text
from generator.render.templating import html_environment


def render_fragment(notice: ResolvedNotice, context: RenderContext) -> str:
    template = html_environment(context.templates).get_template("fragment.html.j2")
    marker = NoticeMarker.of(notice, render_markdown(notice, context))  # read back by `notices verify`
    return template.render(n=notice, body=notice_body_html(notice, context, ".fragment.html"),
                           marker=marker.attributes())


register(OutputFormat(
    name="fragment",
    suffix=".fragment.html",
    render=lambda notice, context: render_fragment(notice, context).encode("utf-8"),
    description="an HTML fragment to paste into a school's CMS page: no scripts, styles scoped",
    label="HTML to paste into a school website",
    for_staff=True,
    needs=Needs(libraries=("jinja2", "markdown", "lxml")),
    read_text=html_text,
    read_links=html_links,
))
