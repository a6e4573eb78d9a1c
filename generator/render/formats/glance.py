"""A notice's first layer on one page of A4, as a tagged PDF: for a noticeboard or a letter home.

It is made by the same PDF path as the full notice (``document_pdf``), from its own template,
``notice.glance.md.j2``; its links lead to the sections of the full notice's PDF beside it.
"""

from __future__ import annotations

from generator.facts.cascade import ResolvedNotice
from generator.render.formats import OutputFormat, RenderContext, register
from generator.render.formats.html import notice_body_html
from generator.render.formats.pdf import PDF_NEEDS, document_pdf
from generator.render.pdf_text import pdf_text

TEMPLATE = "notice.glance.md.j2"


def render_glance(notice: ResolvedNotice, context: RenderContext) -> bytes:
    return document_pdf(notice, notice_body_html(notice, context, ".pdf", TEMPLATE), context, one_page=True)


register(OutputFormat(
    name="glance",
    suffix=".at-a-glance.pdf",
    render=render_glance,
    description="the notice's first layer on one page (PDF), for a noticeboard or a letter home",
    label="The notice at a glance, one page (PDF)",
    needs=PDF_NEEDS,
    slow=True,
    read_text=pdf_text,
    childrens=False,
    first_layer_only=True,
))
