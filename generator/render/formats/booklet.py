"""A school's booklet: every notice of the school in one tagged PDF, with a contents page, and its retention schedule."""

from __future__ import annotations

from generator.facts.cascade import ResolvedNotice
from generator.law.dated import longdate
from generator.render.formats import OutputFormat, RenderContext, register
from generator.render.formats.html import notice_body_html
from generator.render.formats.pdf import PDF_NEEDS, notice_chapter, publisher, shortened, typeset_notices
from generator.render.formats.retention import schedule_chapter
from generator.render.letterhead import letterhead
from generator.render.pdf_text import pdf_text
from generator.render.text import organisation_in_sentence
from generator.render.typesetting import Contents, Cover, PrintDocument


def booklet_document(notices: list[ResolvedNotice], context: RenderContext) -> PrintDocument:
    """The booklet as one print document: a chapter per notice, its anchors prefixed by the notice id
    so that two notices' "Your rights" sections do not share one."""
    first = notices[0]
    reviewed = [notice.notice.last_reviewed for notice in notices if notice.notice.last_reviewed]
    latest = max(reviewed) if reviewed else None
    return PrintDocument(
        letterhead=letterhead(first),
        cover=Cover(
            school=first.variant.name,
            title="Privacy notices",
            address=first.variant.address,
            run_by=None if first.variant.standalone or not first.organisation.name else
            f"Run by {organisation_in_sentence(first.organisation.name)}",
            reviewed=f"Last reviewed {longdate(latest)}" if latest else None,
        ),
        title=f"Privacy notices | {first.variant.name}",
        author=publisher(first),
        description=f"Every privacy notice of {first.variant.name} in one document",
        date=latest,
        footer=shortened(f"{publisher(first)}, privacy notices of {first.variant.name}"),
        # The school's retention schedule closes the booklet, listed in its contents like a notice.
        chapters=[*(notice_chapter(notice, notice_body_html(notice, context, ".pdf"), id_prefix=f"{notice.id}--")
                    for notice in notices), schedule_chapter(notices, context, id_prefix="retention-schedule--")],
        contents=Contents(
            title=f"Privacy notices of {first.variant.name}",
            versions={f"{notice.id}--notice-title": notice.notice.version for notice in notices
                      if notice.notice.version},
        ),
    )


def render_booklet(notices: list[ResolvedNotice], context: RenderContext) -> bytes:
    return typeset_notices(booklet_document(notices, context), notices, context)


register(OutputFormat(
    name="booklet",
    suffix="booklet.pdf",
    render=render_booklet,
    description="every notice of a school in one PDF with a contents page, for printing as a pack",
    label="Booklet of every notice (PDF)",
    needs=PDF_NEEDS,
    scope="school",
    slow=True,
    fresh_workers=True,
    read_text=pdf_text,
))
