"""A school's booklet: every notice of the school in one tagged PDF, with a contents page."""

from __future__ import annotations

import lxml.html

from generator.facts.cascade import ResolvedNotice
from generator.render.formats import Needs, OutputFormat, RenderContext, register
from generator.render.formats.html import notice_body_html
from generator.render.formats.pdf import PDF_NEEDS, html_to_pdf
from generator.render.layers import written_out_links
from generator.render.pdf_text import pdf_text
from generator.render.templating import html_environment

_DEMOTED = {"h1": "h2", "h2": "h3", "h3": "h4", "h4": "h5", "h5": "h6"}


def booklet_chapter(notice: ResolvedNotice, context: RenderContext) -> str:
    """The notice's HTML as one chapter of a booklet: headings one level down, ids made unique.

    Every id gets the notice id as a prefix, and links to those ids follow, so that two notices'
    "Your rights" sections do not share an anchor.
    """
    body = written_out_links(notice_body_html(notice, context, ".pdf"))
    chapter = lxml.html.fragment_fromstring(body, create_parent="div")
    for element in chapter.iter():
        if element.tag in _DEMOTED:
            if element.tag == "h1":
                element.set("class", "notice-title")
            element.tag = _DEMOTED[element.tag]
        if element.get("id"):
            element.set("id", f"{notice.id}--{element.get('id')}")
        if element.tag == "a" and (element.get("href") or "").startswith("#"):
            element.set("href", f"#{notice.id}--{element.get('href')[1:]}")
    return "".join(lxml.html.tostring(child, encoding="unicode") for child in chapter)


def booklet_html(notices: list[ResolvedNotice], context: RenderContext) -> str:
    template = html_environment(context.templates).get_template("booklet.html.j2")
    first = notices[0]
    reviewed = [notice.notice.last_reviewed for notice in notices if notice.notice.last_reviewed]
    return template.render(
        school=first.variant, organisation=first.organisation.name or first.variant.name,
        reviewed=max(reviewed) if reviewed else None,
        notices=[(notice, booklet_chapter(notice, context)) for notice in notices],
    )


def render_booklet(notices: list[ResolvedNotice], context: RenderContext) -> bytes:
    return html_to_pdf(booklet_html(notices, context))


register(OutputFormat(
    name="booklet",
    suffix="booklet.pdf",
    render=render_booklet,
    description="every notice of a school in one PDF with a contents page, for printing as a pack",
    label="Booklet of every notice (PDF)",
    needs=Needs(libraries=(*PDF_NEEDS.libraries, "lxml"), programs=PDF_NEEDS.programs),
    scope="school",
    slow=True,
    read_text=pdf_text,
))
