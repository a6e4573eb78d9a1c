"""A school's retention schedule as a PDF and as CSV: every record its notices keep, how long, why and what then
(generator/render/retention_schedule.py). The booklet ends with the same table."""

from __future__ import annotations

import markdown

from generator.check.audit import plain_words, states
from generator.check.findings import Finding
from generator.check.table_audit import audit_table
from generator.facts.cascade import ResolvedNotice
from generator.facts.errors import Location
from generator.facts.links import MARKDOWN_EXTENSIONS
from generator.render import retention_schedule as schedule
from generator.render.document_tree import document_nodes
from generator.render.formats import OutputFormat, RenderContext, Subject, register
from generator.render.formats.pdf import PDF_NEEDS, publisher, shortened, typeset_notices
from generator.render.letterhead import letterhead
from generator.render.pdf_text import pdf_text
from generator.render.spreadsheet import csv_bytes, csv_rows
from generator.render.templating import markdown_environment
from generator.render.typesetting import Chapter, PrintDocument


def schedule_html(notices: list[ResolvedNotice], context: RenderContext) -> str:
    """The schedule of one school's notices as HTML, from templates/retention-schedule.md.j2."""
    template = markdown_environment(context.templates).get_template("retention-schedule.md.j2")
    text = template.render(title=schedule.TITLE, school=notices[0].variant.name, headings=schedule.HEADINGS,
                           rows=schedule.schedule_rows(notices))
    return markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS)


def _footer(notices: list[ResolvedNotice]) -> str:
    return shortened(f"{publisher(notices[0])}, {schedule.TITLE.lower()} of {notices[0].variant.name}")


def schedule_chapter(notices: list[ResolvedNotice], context: RenderContext, id_prefix: str = "") -> Chapter:
    """The schedule as a chapter of a print document: alone in its PDF, or at the end of the booklet."""
    return Chapter(footer=_footer(notices), body=document_nodes(schedule_html(notices, context), id_prefix=id_prefix))


def render_schedule_pdf(notices: list[ResolvedNotice], context: RenderContext) -> bytes:
    reviewed = [notice.notice.last_reviewed for notice in notices if notice.notice.last_reviewed]
    return typeset_notices(PrintDocument(
        title=f"{schedule.TITLE} | {notices[0].variant.name}", author=publisher(notices[0]),
        letterhead=letterhead(notices[0]),
        description=f"How long {notices[0].variant.name} keeps each kind of record, and why",
        date=max(reviewed) if reviewed else None, footer=_footer(notices),
        chapters=[schedule_chapter(notices, context)]), notices, context)


def render_schedule_csv(notices: list[ResolvedNotice], _context: RenderContext) -> bytes:
    return csv_bytes([list(schedule.HEADINGS), *(row.cells() for row in schedule.schedule_rows(notices))])


def _notices(subject: Subject) -> list[ResolvedNotice]:
    assert isinstance(subject, list)  # a school's (or the organisation's) file is made from its notices
    return subject


def audit_schedule_text(text: str, notices: list[ResolvedNotice], where: Location) -> list[Finding]:
    """A printed schedule states each rule's records, period, reason and end (the CSV's audit also finds no other)."""
    body = plain_words(text)
    school = notices[0].variant.id
    return [Finding("A13.2.a", "error", f"The retention schedule does not state {what} '{value}' of "
                    f"'{row.rule.records}': the template (retention-schedule.md.j2) must show it.", where, school, None)
            for row in schedule.schedule_rows(notices)
            for what, value in (("the records", row.rule.records), ("the period", row.rule.period),
                                ("the reason", row.why), ("what happens at the end", row.at_the_end))
            if value and not states(body, value)]


def audit_schedule_pdf(content: bytes, subject: Subject, where: Location) -> list[Finding]:
    return audit_schedule_text(pdf_text(content), _notices(subject), where)


def audit_schedule_csv(content: bytes, subject: Subject, where: Location) -> list[Finding]:
    notices = _notices(subject)
    return audit_table(csv_rows(content), [row.cells() for row in schedule.schedule_rows(notices)],
                       schedule.HEADINGS, schedule.KEY_COLUMNS, "retention schedule", "A13.2.a", where,
                       notices[0].variant.id)


register(OutputFormat(
    name="retention",
    suffix="retention-schedule.pdf",
    render=render_schedule_pdf,
    description="a school's retention schedule as a PDF: every record its notices keep, how long, why and what then",
    label="Retention schedule (PDF)",
    scope="school",
    needs=PDF_NEEDS,
    slow=True,
    read_text=pdf_text,
    audit=audit_schedule_pdf,
    childrens=False,
))

register(OutputFormat(
    name="retention-csv",
    suffix="retention-schedule.csv",
    render=render_schedule_csv,
    description="a school's retention schedule as CSV, with the catalogue id of the law each period rests on",
    label="Retention schedule (CSV)",
    scope="school",
    audit=audit_schedule_csv,
    laid_out=False,
    childrens=False,
))
