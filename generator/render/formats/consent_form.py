"""A consent form for each notice that bases a purpose on consent: one printable form (PDF and Word), each
purpose a separate choice with empty boxes, and how to withdraw; for a child's biometric information, the
rules of the Protection of Freedoms Act 2012 too. The form is made from the notice's facts: a new consent
purpose is a new choice, and the audit checks the choices are exactly the notice's consent purposes."""

from __future__ import annotations

from pathlib import Path

import markdown

from generator.facts.cascade import ResolvedNotice
from generator.facts.links import MARKDOWN_EXTENSIONS
from generator.render.consent import asks_consent, childrens_biometrics, consent_purposes, explicit_consent_categories
from generator.render.document_tree import document_nodes
from generator.render.formats import OutputFormat, RenderContext, Subject, register
from generator.render.formats.docx import DOCX_NEEDS, WordProperties, docx_text, word_file
from generator.render.formats.pdf import PDF_NEEDS, publisher, shortened, typeset_notices
from generator.render.layers import written_out_links
from generator.render.letterhead import letterhead
from generator.render.pdf_text import pdf_text
from generator.render.templating import markdown_environment
from generator.render.typesetting import Chapter, PrintDocument

DOCUMENT = "consent-form"
TEMPLATE = "consent-form.md.j2"
SUFFIX = ".consent-form"


def consent_form_html(notice: ResolvedNotice, context: RenderContext, suffix: str) -> str:
    """The form as HTML, from its Markdown template; it names the notice's own file (ending in ``suffix``)."""
    template = markdown_environment(context.templates).get_template(TEMPLATE)
    text = template.render(n=notice, choices=consent_purposes(notice), explicit=explicit_consent_categories(notice),
                           biometrics=childrens_biometrics(notice), file=f"{notice.id}{suffix}")
    return markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS)


def _title(notice: ResolvedNotice) -> str:
    return f"Consent form: {notice.notice.title}"


def _footer(notice: ResolvedNotice) -> str:
    return shortened(f"{publisher(notice)}, {_title(notice)}")


def render_pdf_form(notice: ResolvedNotice, context: RenderContext) -> bytes:
    body = written_out_links(consent_form_html(notice, context, ".pdf"))
    document = PrintDocument(
        title=f"{_title(notice)} | {notice.variant.name}", author=publisher(notice), letterhead=letterhead(notice),
        description=f"Consent form of {notice.variant.name} for its privacy notice {notice.notice.title}",
        date=notice.notice.last_reviewed, footer=_footer(notice),
        chapters=[Chapter(footer=_footer(notice), body=document_nodes(body))])
    return typeset_notices(document, [notice], context)


def render_word_form(notice: ResolvedNotice, context: RenderContext) -> bytes:
    about = WordProperties(title=f"{_title(notice)} | {notice.variant.name}", author=publisher(notice),
                           subject=f"Consent form of {notice.variant.name}", version=notice.notice.version,
                           date=notice.notice.last_reviewed, footer=_footer(notice))
    return word_file(consent_form_html(notice, context, ".docx"), notice, about, context, boxes=True)


def _forms(suffix: str):
    def files(notices: list[ResolvedNotice]) -> list[tuple[Path, Subject]]:
        """A form for each notice that asks consent, beside the notice's own files."""
        return [(Path(notice.variant.id) / f"{notice.id}{SUFFIX}{suffix}", notice)
                for notice in notices if asks_consent(notice)]
    return files


register(OutputFormat(
    name="consent", suffix=f"{SUFFIX}.pdf", render=render_pdf_form,
    description="a printable consent form (PDF) for each notice that asks consent, one choice per use",
    label="Consent form (PDF)", needs=PDF_NEEDS, slow=True, read_text=pdf_text, childrens=False,
    document=DOCUMENT, document_files=_forms(".pdf"),
))
register(OutputFormat(
    name="consent-docx", suffix=f"{SUFFIX}.docx", render=render_word_form,
    description="the consent form as a Word document, for a school to print or send",
    label="Consent form (Word)", needs=DOCX_NEEDS, slow=True, read_text=docx_text, childrens=False,
    document=DOCUMENT, document_files=_forms(".docx"),
))
