"""The PDF floor: the notices and booklets as the project printed them with WeasyPrint before Typst.

The HTML documents are made here, outside the timing; the floor is WeasyPrint alone turning each
into a tagged PDF, as ``html_to_pdf`` did. The templates in ``floor_templates/`` are the print
templates of that time; they include ``notice.css`` from the project's templates.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2
import lxml.html

from generator.facts.cascade import ResolvedNotice
from generator.render.formats import RenderContext
from generator.render.formats.html import notice_body_html

FLOOR_TEMPLATES = Path(__file__).resolve().parent / "floor_templates"
_DEMOTED = {"h1": "h2", "h2": "h3", "h3": "h4", "h4": "h5", "h5": "h6"}


def _environment(context: RenderContext) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader([str(FLOOR_TEMPLATES), str(context.templates)]),
                              autoescape=True, trim_blocks=True, lstrip_blocks=True)


def notice_document(notice: ResolvedNotice, context: RenderContext) -> str:
    return _environment(context).get_template("notice.pdf.html.j2").render(
        n=notice, body=notice_body_html(notice, context))


def _chapter(notice: ResolvedNotice, context: RenderContext) -> str:
    """The notice's HTML one heading level down, ids prefixed by the notice id."""
    chapter = lxml.html.fragment_fromstring(notice_body_html(notice, context), create_parent="div")
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


def booklet_document(notices: list[ResolvedNotice], context: RenderContext) -> str:
    first = notices[0]
    reviewed = [notice.notice.last_reviewed for notice in notices if notice.notice.last_reviewed]
    return _environment(context).get_template("booklet.html.j2").render(
        school=first.variant, organisation=first.organisation.name or first.variant.name,
        reviewed=max(reviewed) if reviewed else None,
        notices=[(notice, _chapter(notice, context)) for notice in notices],
    )


@cache
def _weasyprint():
    """WeasyPrint with one font configuration per process, as the project kept it (a bench extra only)."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    return weasyprint.HTML, FontConfiguration(), URLFetcher(allowed_protocols=())


def weasyprint_pdf(document: str) -> bytes:
    """WeasyPrint as ``html_to_pdf`` called it: tagged PDF/UA-1, same bytes for the same document, no fetching."""
    html, fonts, no_fetching = _weasyprint()
    return html(string=document, url_fetcher=no_fetching).write_pdf(
        pdf_variant="pdf/ua-1", pdf_identifier=True, font_config=fonts)
