"""The notice as a Word document, for staff and governors who read and edit in Word.

The document follows the HTML notice block by block, with Word's own styles: one Heading 1 for the
title, Heading 2 for each section (Word's navigation pane lists them), bullet lists, and tables for
the recipients and for retention. The page (A4) and the styles' look come from a reference document,
``notice.docx``, found like every template: the project's own ``templates/`` first, then the
packaged one. Dates come from the facts and the zip entries carry a fixed timestamp, so that
rebuilding gives the same bytes.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import lxml.html
from lxml import etree

from generator.facts.cascade import ResolvedNotice
from generator.facts.errors import display_path
from generator.facts.link_targets import ALLOWED_LINK
from generator.notices_error import NoticesError
from generator.render.build_libraries import BuildLibrary
from generator.render.formats import Needs, OutputFormat, RenderContext, register
from generator.render.formats.html import notice_body_html
from generator.render.layers import written_out_links
from generator.render.letterhead import Letterhead, letterhead
from generator.render.templating import template_folders

# python-docx is imported where a Word file is written or read: checking the facts loads this module (to learn
# the files each format makes) and writes none (tests/test_cli_start.py).
PYTHON_DOCX = BuildLibrary("python-docx", module="docx")
if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

LINK_COLOUR = "1D4F91"


def qn(tag: str) -> str:
    """The tag (``w:p``) with its namespace, as lxml names it."""
    from docx.oxml.ns import qn as qualified

    return qualified(tag)


def OxmlElement(tag: str):  # python-docx's name, so that the calls below read as python-docx's own
    """A new element of the tag, of python-docx's class for it."""
    from docx.oxml import OxmlElement as element

    return element(tag)


_WHITESPACE = re.compile(r"\s+")
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_EARLIEST_ZIP_DATE = datetime.date(1980, 1, 1)
_PROPERTY_LENGTH = 255  # the most characters python-docx (and Word) keep in a document property
# The logo's kinds of picture Word files can hold (python-docx places no SVG or WebP): other logos are left out.
WORD_PICTURES = {"png", "jpg"}
HEADER_LOGO_HEIGHT_MM = 6
REFERENCE_DOCUMENT = "notice.docx"


@dataclass
class _Run:
    """A stretch of text with its formatting, before it becomes a Word run or hyperlink."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None
    line_break: bool = False


def _inline_runs(element, bold: bool = False, italic: bool = False, href: str | None = None,
                 skip: tuple[str, ...] = ()) -> list[_Run]:
    """The text of an HTML element as runs, whitespace as a browser shows it."""
    runs = [_Run(element.text or "", bold, italic, href)]
    for child in element:
        if child.tag in skip or not isinstance(child.tag, str):
            pass
        elif child.tag == "br":
            runs.append(_Run("", line_break=True))
        else:
            runs.extend(_inline_runs(
                child, bold or child.tag in ("strong", "b"), italic or child.tag in ("em", "i"),
                child.get("href") if child.tag == "a" else href, skip,
            ))
        runs.append(_Run(child.tail or "", bold, italic, href))
    return runs


def _normalised(runs: list[_Run]) -> list[_Run]:
    """Collapse whitespace across runs and trim the paragraph's ends, as HTML rendering does."""
    result: list[_Run] = []
    after_space = True
    for run in runs:
        if run.line_break:
            result.append(run)
            after_space = True
            continue
        text = _WHITESPACE.sub(" ", run.text)
        if after_space:
            text = text.lstrip(" ")
        if text:
            result.append(_Run(text, run.bold, run.italic, run.href))
            after_space = text.endswith(" ")
    if result and not result[-1].line_break:
        result[-1].text = result[-1].text.rstrip(" ")
    return [run for run in result if run.text or run.line_break]


def _add_runs(paragraph: Paragraph, runs: list[_Run]) -> None:
    for run in _normalised(runs):
        if run.line_break:
            paragraph.add_run().add_break()
        elif run.href and (run.href.startswith("#") or ALLOWED_LINK.match(run.href)):
            _add_hyperlink(paragraph, run, run.href)
        else:
            _format(_text_run(paragraph, run.text), run)


def _text_run(paragraph: Paragraph, text: str):
    """A run holding ``text``, which has no tab or line break (whitespace is collapsed first): one
    ``w:t``, without python-docx's ``Run.text``, which reads the text a character at a time."""
    word_run = paragraph.add_run()
    word_run._r.add_t(text)
    return word_run


def _format(word_run, run: _Run) -> None:
    # Only what is set: a run with no properties needs no (empty) properties element.
    if run.bold:
        word_run.bold = True
    if run.italic:
        word_run.italic = True


def _add_hyperlink(paragraph: Paragraph, run: _Run, href: str) -> None:
    """A real Word hyperlink (python-docx has no API for adding one): a w:hyperlink around a run."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.shared import RGBColor

    hyperlink = OxmlElement("w:hyperlink")
    if href.startswith("#"):
        hyperlink.set(qn("w:anchor"), href[1:])
    else:
        hyperlink.set(qn("r:id"), paragraph.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
    word_run = _text_run(paragraph, run.text)
    _format(word_run, run)
    word_run.font.color.rgb = RGBColor.from_string(LINK_COLOUR)
    word_run.font.underline = True
    hyperlink.append(word_run._r)
    _paragraph_element(paragraph).append(hyperlink)


class _NoticeWriter:
    """Walks the notice's HTML and writes each block into the Word document."""

    def __init__(self, document: Document, notice: ResolvedNotice, reference: Path, boxes: bool = False):
        self.document = document
        self.boxes = boxes  # a form's empty boxes (☐) become Word's own check boxes
        self.notice = notice
        self.reference = reference
        self.style_ids: dict[str, str] = {}
        self.section = ""
        self.recipients_written = False
        self.titled = False
        self.section_title = ""

    def block(self, element) -> None:
        if not isinstance(element.tag, str):
            return
        if element.tag in _HEADINGS:
            # The title is the one Heading 1; a heading written inside a free section stays below it.
            level = 1 if element.tag == "h1" and not self.titled else max(_HEADINGS[element.tag], 2)
            self.titled = True
            if level == 2:
                self.section = element.get("id", "")
                self.section_title = " ".join(element.text_content().split())
            if self.section == "who-we-share-with" and level >= 3:
                self._recipients_table()
                return
            _add_runs(self._paragraph(f"Heading {level}"), _inline_runs(element))
        elif self.section == "who-we-share-with" and self.recipients_written:
            return  # the recipients' subsections are in the table already
        elif element.tag in ("ul", "ol"):
            self._list(element, 1)
        elif element.tag == "table":
            self._table(element)
        elif element.tag in ("div", "section", "blockquote"):
            for child in element:
                self.block(child)
        elif element.tag == "hr":
            return
        else:
            paragraph = self.document.add_paragraph()
            if self.boxes and EMPTY_BOX in element.text_content():
                _add_check_boxes(paragraph, element.text_content())
            else:
                _add_runs(paragraph, _inline_runs(element))

    def _style_id(self, name: str) -> str:
        """The id of a style of the reference document, looked up once per document: python-docx
        searches every style on each lookup by name, which was most of the time a Word file took."""
        if name not in self.style_ids:
            try:
                self.style_ids[name] = self.document.styles[name].style_id
            except KeyError:
                raise NoticesError(
                    f"{display_path(self.reference)} has no style named '{name}', which the Word files use: "
                    "add it in Word (Styles pane), or copy the reference document back from the tool's templates."
                ) from None
        return self.style_ids[name]

    def _paragraph(self, style: str):
        paragraph = self.document.add_paragraph()
        paragraph._p.get_or_add_pPr().style = self._style_id(style)
        return paragraph

    def _list(self, element, depth: int) -> None:
        style = "List Number" if element.tag == "ol" else "List Bullet"
        if depth > 1:
            style += f" {min(depth, 3)}"
        for item in element.findall("li"):
            _add_runs(self._paragraph(style), _inline_runs(item, skip=("ul", "ol")))
            for nested in item:
                if nested.tag in ("ul", "ol"):
                    self._list(nested, depth + 1)

    def _table(self, element) -> None:
        rows = element.findall(".//tr")
        columns = max(len(row.findall("th") + row.findall("td")) for row in rows)
        self._write_table([[_inline_runs(cell) for cell in row if cell.tag in ("th", "td")] for row in rows],
                          columns, header=bool(rows[0].findall("th")))

    def _recipients_table(self) -> None:
        if self.recipients_written:
            return
        self.recipients_written = True
        rows = [[[_Run("Recipient")], [_Run("Why we share it")], [_Run("The law that allows or requires it")]]]
        for recipient in self.notice.recipients or []:
            rows.append([[_Run(recipient.name)], [_Run(recipient.reason or "")],
                         [_Run("; ".join(recipient.gateway))]])
        self._write_table(rows, 3, header=True)

    def _write_table(self, rows: list[list[list[_Run]]], columns: int, header: bool) -> None:
        table = self.document.add_table(rows=len(rows), cols=columns)
        table._tbl.tblPr.style = self._style_id("Table Grid")
        for row, cells in zip(table.rows, rows):
            for cell, runs in zip(row.cells, cells):
                _add_runs(cell.paragraphs[0], runs)
        _set_caption(table, self.section_title)
        if header:
            _repeat_as_header(table.rows[0])
            for cell in table.rows[0].cells:
                for run in cell.paragraphs[0].runs:
                    run.bold = True


EMPTY_BOX = "\u2610"


def _add_check_boxes(paragraph: Paragraph, text: str) -> None:
    """A line of choices ("☐ Yes, I agree. ☐ No, I do not agree.") with each box a Word check box (a content
    control, unticked), named by the words after it, so that a screen reader announces what it is for."""
    before, *choices = " ".join(text.split()).split(EMPTY_BOX)
    if before.strip():
        _text_run(paragraph, before)
    for choice in choices:
        box = OxmlElement("w:sdt")
        properties = OxmlElement("w:sdtPr")
        alias = OxmlElement("w:alias")
        alias.set(qn("w:val"), choice.strip())
        check_box = OxmlElement("w14:checkbox")
        for name, value in (("w14:checked", "0"), ("w14:checkedState", "2612"), ("w14:uncheckedState", "2610")):
            state = OxmlElement(name)
            state.set(qn("w14:val"), value)
            if name != "w14:checked":
                state.set(qn("w14:font"), "MS Gothic")
            check_box.append(state)
        properties.append(alias)
        properties.append(check_box)
        content = OxmlElement("w:sdtContent")
        run = OxmlElement("w:r")
        run.append(_t(EMPTY_BOX))
        content.append(run)
        box.append(properties)
        box.append(content)
        _paragraph_element(paragraph).append(box)
        _text_run(paragraph, choice)


def _t(text: str):
    element = OxmlElement("w:t")
    element.text = text
    element.set(qn("xml:space"), "preserve")
    return element


def _set_caption(table, caption: str) -> None:
    """The table's title, which screen readers announce and Word shows as its alt text."""
    element = OxmlElement("w:tblCaption")
    element.set(qn("w:val"), caption)
    table._tbl.tblPr.append(element)


def _repeat_as_header(row) -> None:
    """Mark the row as the table's header: repeated on each page, and announced by screen readers."""
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _add_header(document: Document, head: Letterhead) -> None:
    """The printed header, as on the PDF: the school's logo (where Word can hold it) and name at the head of every page."""
    from docx.shared import Mm

    paragraph = document.sections[0].header.paragraphs[0]
    if head.logo is not None and head.logo_format in WORD_PICTURES:
        picture = paragraph.add_run().add_picture(str(head.logo), height=Mm(HEADER_LOGO_HEIGHT_MM))
        picture._inline.docPr.set("descr", head.logo_alt)  # the text alternative screen readers announce
        paragraph.add_run(" ")
    paragraph.add_run(head.name).bold = True


def _add_footer(document: Document, line: str) -> None:
    """The printed footer, as on the PDF: who, which notice and version, and "Page N of M"."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.add_run(f"{line}. Page ")
    _add_field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    _add_field(paragraph, "NUMPAGES")


def _add_field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (page number, page count) that Word and LibreOffice fill in as they lay out pages."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    placeholder = paragraph.add_run("1")
    field.append(placeholder._r)
    _paragraph_element(paragraph).append(field)


def _paragraph_element(paragraph: Paragraph) -> etree._Element:
    """The paragraph's w:p as lxml sees it: an element any other may be appended to (a link, a field)."""
    return paragraph._p


def _set_language(document: Document, language: str) -> None:
    """The document's language, for spelling and for screen readers' pronunciation."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_properties.append(lang)
    lang.set(qn("w:val"), language)


def _property(text: str) -> str:
    """The text as a document property holds it: Word keeps at most 255 characters, so a longer text
    ends at a word with an ellipsis (the document itself shows the whole of it)."""
    if len(text) <= _PROPERTY_LENGTH:
        return text
    cut = text[:_PROPERTY_LENGTH - 1]
    word_end = cut.rfind(" ")
    return (cut[:word_end] if word_end > _PROPERTY_LENGTH // 2 else cut).rstrip() + "\u2026"


@dataclass(frozen=True)
class WordProperties:
    """What a Word file says of itself (File > Info) and prints at the foot of each page."""

    title: str
    author: str
    subject: str
    version: str | None
    date: datetime.date | None  # from the facts, never the clock
    footer: str


def notice_properties(notice: ResolvedNotice) -> WordProperties:
    version = f", version {notice.notice.version}" if notice.notice.version else ""
    author = notice.organisation.name or notice.variant.name
    return WordProperties(title=f"{notice.notice.title} | {notice.variant.name}", author=author,
                          subject=f"Privacy notice of {notice.variant.name}", version=notice.notice.version,
                          date=notice.notice.last_reviewed, footer=f"{author}, {notice.notice.title}{version}")


def _set_properties(document: Document, about: WordProperties) -> None:
    properties = document.core_properties
    date = about.date
    properties.title = _property(about.title)
    properties.author = properties.last_modified_by = _property(about.author)
    properties.subject = _property(about.subject)
    properties.language = "en-GB"
    properties.version = _property(about.version or "")
    properties.revision = 1
    properties.comments = ""
    if date is not None:
        properties.created = properties.modified = datetime.datetime.combine(date, datetime.time(),
                                                                             datetime.UTC)
    else:  # no date in the facts: state none rather than the blank template's
        for name in ("dcterms:created", "dcterms:modified"):
            element = properties._element.find(qn(name))
            if element is not None:
                properties._element.remove(element)


def _fixed_zip(content: bytes, date: datetime.date | None) -> bytes:
    """The same package with every entry dated from the facts instead of the clock."""
    when = max(date or _EARLIEST_ZIP_DATE, _EARLIEST_ZIP_DATE)
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=(when.year, when.month, when.day, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(entry.filename))
    return out.getvalue()


def reference_document(templates: Path) -> Path:
    """The Word files' reference document: the project's own ``notice.docx``, else the packaged one."""
    return next(folder / REFERENCE_DOCUMENT for folder in template_folders(templates)
                if (folder / REFERENCE_DOCUMENT).is_file())


def _blank(reference: Path) -> Document:
    """A new document with the reference's page, styles, header and footer, and none of its text."""
    import docx

    document = docx.Document(str(reference))
    body = document.element.body
    for block in list(body.iterchildren()):
        if block.tag != qn("w:sectPr"):
            body.remove(block)
    return document


def word_file(body_html: str, notice: ResolvedNotice, about: WordProperties, context: RenderContext,
              boxes: bool = False) -> bytes:
    """A document's HTML (a notice's, or a form's or letter's made from ``notice``) as a Word file; with ``boxes``,
    each empty box of a paragraph (☐) is a check box a reader can tick in Word."""
    reference = reference_document(context.templates)
    document = _blank(reference)
    _set_language(document, "en-GB")
    body = lxml.html.fragment_fromstring(written_out_links(body_html), create_parent="div")
    writer = _NoticeWriter(document, notice, reference, boxes)
    for element in body:
        writer.block(element)
    _add_header(document, letterhead(notice))
    _add_footer(document, about.footer)
    _set_properties(document, about)
    saved = io.BytesIO()
    document.save(saved)
    return _fixed_zip(saved.getvalue(), about.date)


DOCX_NEEDS = Needs(libraries=("jinja2", "lxml", "markdown"), build=(PYTHON_DOCX,))


def render_docx(notice: ResolvedNotice, context: RenderContext) -> bytes:
    return word_file(notice_body_html(notice, context, ".docx"), notice, notice_properties(notice), context)


def docx_text(content: bytes) -> str:
    """The document's text in reading order: each paragraph, and each table row, on one line."""
    import docx

    document = docx.Document(io.BytesIO(content))
    lines = []
    for block in document.element.body.iterchildren():
        if block.tag == qn("w:p"):
            lines.append(_paragraph_text(block))
        elif block.tag == qn("w:tbl"):
            for row in block.iter(qn("w:tr")):
                lines.append(" ".join(_paragraph_text(p) for p in row.iter(qn("w:p"))))
    return "\n".join(line for line in lines if line.strip())


def _paragraph_text(paragraph) -> str:
    parts = []
    for node in paragraph.iter(qn("w:t"), qn("w:br"), qn("w:tab")):
        parts.append(node.text or "" if node.tag == qn("w:t") else (" " if node.tag == qn("w:tab") else "\n"))
    return "".join(parts)


register(OutputFormat(
    name="docx",
    suffix=".docx",
    render=render_docx,
    description="a Word document per notice, with real headings and tables, for staff to edit",
    label="Word document",
    needs=DOCX_NEEDS,
    slow=True,
    read_text=docx_text,
))
