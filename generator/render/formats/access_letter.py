"""The subject access pack's letter: for each group of people a school's notices are about (pupils, parents,
staff...), the information Article 15(1)(a)-(h) and 15(2) of the UK GDPR entitle a requester to, drawn from
every notice about that group, as a PDF and a Word file to attach to a reply."""

from __future__ import annotations

from pathlib import Path

import markdown

from generator.facts.cascade import ResolvedNotice
from generator.facts.links import MARKDOWN_EXTENSIONS
from generator.law.rights import DerivedRight
from generator.render.document_tree import document_nodes
from generator.render.formats import NoticesFor, OutputFormat, RenderContext, Subject, register
from generator.render.formats.docx import DOCX_NEEDS, WordProperties, docx_text, word_file
from generator.render.formats.pdf import PDF_NEEDS, publisher, shortened, typeset_notices
from generator.render.layers import written_out_links
from generator.render.letterhead import letterhead
from generator.render.pdf_text import pdf_text
from generator.render.subject_groups import letters
from generator.render.templating import markdown_environment
from generator.render.typesetting import Chapter, PrintDocument

DOCUMENT = "access-letter"
TEMPLATE = "subject-access-letter.md.j2"
# Article 15(1)(e): "the existence of the right to request ... rectification or erasure ... or restriction of
# processing ... or to object to such processing": the rights of each notice the letter names.
ARTICLE_15_1_E = ("rectification", "erasure", "erasure-limited", "restriction", "object", "object-direct-marketing")


# The letter's sections, one per item of Article 15, with their headings in order: the template
# (`items[...]`) and the audit (generator/check/documents.py) both read them here.
ARTICLE_15_ITEMS = {
    "15(1)(a)": "Why we use it",
    "15(1)(b)": "What information we hold",
    "15(1)(c)": "Who we share it with",
    "15(1)(d)": "How long we keep it",
    "15(1)(e)": "Your rights to correction, erasure, restriction and objection",
    "15(1)(f)": "Complaining",
    "15(1)(g)": "Where it comes from",
    "15(1)(h)": "Decisions made without a person",
    "15(2)": "Transfers outside the UK",
}
HEADINGS = {item: f"{title} (Article {item})" for item, title in ARTICLE_15_ITEMS.items()}


def correction_rights(notice: ResolvedNotice) -> list[DerivedRight]:
    """The rights of Article 15(1)(e) that the notice gives, as its bases bring them."""
    return [right for right in notice.rights if right.id in ARTICLE_15_1_E]


def letter_html(letter: NoticesFor, context: RenderContext) -> str:
    first = letter.notices[0]
    profile = first.variant.profile
    contact = (profile.contact if profile is not None else None) or first.organisation.contact
    template = markdown_environment(context.templates).get_template(TEMPLATE)
    text = template.render(letter=letter, first=first, contact=contact, items=HEADINGS,
                           rights={notice.id: correction_rights(notice) for notice in letter.notices})
    return markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS)


def _title(letter: NoticesFor) -> str:
    return f"Subject access: what the law entitles {letter.title} to know"


def _dated(letter: NoticesFor):
    reviewed = [notice.notice.last_reviewed for notice in letter.notices if notice.notice.last_reviewed]
    return max(reviewed) if reviewed else None


def render_pdf_letter(letter: NoticesFor, context: RenderContext) -> bytes:
    first = letter.notices[0]
    footer = shortened(f"{publisher(first)}, {_title(letter)}")
    document = PrintDocument(
        title=f"{_title(letter)} | {first.variant.name}", author=publisher(first), letterhead=letterhead(first),
        description=f"The information of UK GDPR Article 15 for {letter.title}, from the privacy notices of "
                    f"{first.variant.name}", date=_dated(letter), footer=footer,
        chapters=[Chapter(footer=footer, body=document_nodes(written_out_links(letter_html(letter, context))))])
    return typeset_notices(document, list(letter.notices), context)


def render_word_letter(letter: NoticesFor, context: RenderContext) -> bytes:
    first = letter.notices[0]
    about = WordProperties(title=f"{_title(letter)} | {first.variant.name}", author=publisher(first),
                           subject=f"Subject access letter of {first.variant.name}", version=None,
                           date=_dated(letter), footer=shortened(f"{publisher(first)}, {_title(letter)}"))
    return word_file(letter_html(letter, context), first, about, context)


def _letters(suffix: str):
    def files(notices: list[ResolvedNotice]) -> list[tuple[Path, Subject]]:
        return list(letters(notices, suffix))
    return files


register(OutputFormat(
    name="access-letter", suffix=".pdf", render=render_pdf_letter,
    description="for each group of people (pupils, parents, staff...), the information of Article 15 to attach to "
                "a reply to a subject access request (PDF)",
    label="Subject access letter (PDF)", needs=PDF_NEEDS, slow=True, read_text=pdf_text, for_staff=True,
    document=DOCUMENT, document_files=_letters(".pdf"),
))
register(OutputFormat(
    name="access-letter-docx", suffix=".docx", render=render_word_letter,
    description="the subject access letter as a Word document, to fill in and send",
    label="Subject access letter (Word)", needs=DOCX_NEEDS, slow=True, read_text=docx_text, for_staff=True,
    document=DOCUMENT, document_files=_letters(".docx"),
))
