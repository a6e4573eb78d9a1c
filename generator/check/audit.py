"""The audit of rendered notices: each file read back through its format's reader, and every applicable
rule's section found, in the standard order, carrying the values the facts require."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from pathlib import Path

from generator.check.findings import Finding, sorted_findings
from generator.check.judge import applicable_rules
from generator.facts.cascade import ResolvedNotice
from generator.facts.children import section_order, shown_facts
from generator.facts.errors import Location
from generator.facts.sections import SECTIONS, SUBTITLES, TITLES
from generator.notices_error import NoticesError
from generator.render.formats import NoticesFor, all_formats

# Dashes are read as spaces: Typst hangs a dash that ends a line in the margin, where PDFium may not read it.
_TYPOGRAPHY = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ",
                             "\u2013": " ", "\u2014": " "})
_INVISIBLE = {"Cf", "Cc"}  # bidi marks, zero-width characters, soft hyphens; control characters
_RIGHT_TO_LEFT = {"R", "AL", "RLE", "RLO", "RLI"}  # Hebrew and Arabic letters; right-to-left controls
_RIGHT_TO_LEFT_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")  # Hebrew, Arabic, Syriac, Thaana...


def _plain(text: str) -> str:
    """Text as a reader sees it: compatibility forms folded (Arabic presentation forms to letters),
    typographic quotes straight, no invisible characters, one space between words, no case."""
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY)
    if not text.isascii():
        text = "".join(c for c in text if c.isspace() or unicodedata.category(c) not in _INVISIBLE)
    return " ".join(text.split()).casefold()


def _unbroken(text: str) -> str:
    """Plain text without whitespace, as the audit looks for a value: a printed line may break after a
    hyphen ("full-" / "and part-time") or, in a word too long for the line, anywhere."""
    return "".join(_plain(text).split())


def _states(body: str, value: str) -> bool:
    """Whether a section's unbroken text states the value.

    A value with right-to-left text is stated when each of its words is, either way round: a PDF
    keeps mixed-direction text in the order it is shown (a right-to-left override, U+202E, shows
    "pupils" as "slipup"), and readers rebuild the order of its words each in their own way.
    """
    if not any(unicodedata.bidirectional(c) in _RIGHT_TO_LEFT for c in value):
        words = _plain(value).split()
        # A printed line holding right-to-left words (a Hebrew cell beside this value's) reads back in
        # right-to-left order as a whole: this value's words come last to first.
        return "".join(words) in body or bool(_RIGHT_TO_LEFT_LETTER.search(body)) and "".join(words[::-1]) in body
    return all(word in body or word[::-1] in body for word in _plain(value).split())


def plain_words(text: str) -> str:
    """A document's text as the audit looks for values in it (see ``states``)."""
    return _unbroken(text)


def states(body: str, value: str) -> bool:
    """Whether ``body`` (from ``plain_words``) states ``value``, however the lines broke."""
    return _states(body, value)


class AuditFailed(NoticesError):
    """Raised by a build whose rendered output leaves out what the rules require."""

    def __init__(self, findings: list[Finding]):
        self.findings = list(findings)
        lines = [f"{finding.rule}: {finding.location}: {finding.message} (see {finding.see})"
                 for finding in self.findings]
        lines.append("The rendered notices leave out what the law requires; the previous output was kept.")
        super().__init__("\n".join(lines))

    def __str__(self) -> str:
        return self.message


def required_values(notice: ResolvedNotice) -> dict[str, list[tuple[str, str, str]]]:
    """For each rule: (section anchor, what the value is, the value) that its section must carry."""
    org, n = notice.organisation, notice.notice
    values: dict[str, list[tuple[str, str, str]]] = {
        "A13.1.a": [("who-we-are", "the controller's name", org.name)] if org.name else [],
        "A13.1.b": [("contacts", "the DPO's email", str(notice.dpo.email))] if notice.dpo else [],
        "A13.1.c": [("why-we-use-it", "the purpose", p.description) for p in n.purposes]
        + [("lawful-bases", "the lawful basis", b.article) for b in notice.bases if not b.special_category],
        "A13.1.c9": [("lawful-bases", "the Article 9 condition", b.article) for b in notice.bases if b.special_category]
        + [("lawful-bases", "the Schedule 1 condition", b.schedule_1) for b in notice.bases if b.schedule_1],
        "A10": [("lawful-bases", "the Schedule 1 condition for criminal offence data", b.schedule_1)
                for b in notice.bases if b.criminal_offence and b.schedule_1],
        "A13.1.d": [("lawful-bases", "the legitimate interests", b.legitimate_interests)
                    for b in notice.bases if b.legitimate_interests],
        "A13.1.e": [("who-we-share-with", "the recipient", r.name) for r in notice.recipients or []],
        "A13.1.f": [("transfers", what, value) for t in (n.transfers if isinstance(n.transfers, list) else [])
                    for what, value in (("the destination", t.destination), ("the safeguard", t.safeguard)) if value],
        "A13.2.a": [("how-long-we-keep-it", "the retention period", r.period) for r in n.retention],
        "A13.2.b": [("your-rights", "the right", r.name) for r in notice.rights if r.id != "withdraw-consent"],
        "A13.2.c": [("your-rights", "the right", r.name) for r in notice.rights if r.id == "withdraw-consent"],
        "A21.4": [("your-rights", "the right", r.name) for r in notice.rights if r.stands_apart],
        "A13.2.d": [("how-to-complain", "the complaint link", str(notice.supervisory_authority.complaint_url))],
        "S164A": [("how-to-complain", "how to complain to us", str(way)) for way in (
            notice.complaints.url, notice.complaints.email, notice.complaints.address) if way][:1]
        if notice.complaints else [],
        "A13.2.e": [("must-you-give-it", what, value) for what, value in (
            ("the explanation", n.provision.explanation), ("the consequences", n.provision.consequences)) if value]
        if n.provision else [],
        "A13.2.f": [("automated-decisions", "the decision", d.description)
                    for d in (n.automated_decisions if isinstance(n.automated_decisions, list) else [])],
        "A14.1.d": [("what-we-hold", "the category", c.name) for c in n.categories],
        "A14.2.f": [("where-it-comes-from", "the source", s.name) for s in (n.sources if isinstance(n.sources, list) else [])],
        "A13.3": [("changes", "the change", c.summary) for c in n.changes],
    }
    return values


_TITLE_LINES = {_plain(section.title): section.anchor for section in SECTIONS}


def first_layer_values(notice: ResolvedNotice) -> list[tuple[str, str, str]]:
    """(rule, what the value is, the value) for each fact the first layer states (templates/notice-layers.md.j2)."""
    n = notice.notice
    return ([("A14.1.d", "the category", c.name) for c in n.categories]
            + [("A13.1.e", "the recipient", r.name) for r in notice.recipients or []]
            + [("A13.2.a", "the retention period", r.period) for r in n.retention]
            + [("A13.2.b", "the right", r.name) for r in notice.rights]
            + ([("A13.1.b", "the DPO's email", str(notice.dpo.email))] if notice.dpo else []))


def audit_first_layer(text: str, notice: ResolvedNotice, where: Location) -> list[Finding]:
    """A file holding only the notice's first layer: every fact of its lines is there."""
    body = _unbroken(text)
    findings = [Finding(rule_id, "error", f"The first layer does not state {what} '{value}': the template must show it.",
                        where, notice.variant.id, notice.id)
                for rule_id, what, value in first_layer_values(notice) if not _states(body, value)]
    pages = text.count("\f") + 1  # the PDF reader puts a form feed between pages
    if pages > 1:
        findings.append(Finding(
            "L.one-page", "error", f"The one-page summary takes {pages} pages: shorten the facts it shows (the "
            "summary, and the names of categories, purposes, recipients and retention rules), or the template's "
            "first layer if it was made longer.", where, notice.variant.id, notice.id))
    return findings


def childrens_page_values(notice: ResolvedNotice) -> list[tuple[str, str, str]]:
    """(rule, what the value is, the value) for each thing a children's page states: the controller, and for
    each section it explains, its heading and the facts it lists, the complaint link and the DPO's email."""
    assert notice.children is not None
    org, has = notice.organisation, set(section_order(notice))
    values = [("A13.1.a", "the controller's name", org.name)] if org.name else []
    for section in notice.children.sections:
        if section.about not in has:
            continue  # L.children-sections names it; the page leaves it out
        values.append(("L.children-sections", "the section", section.title))
        for fact in shown_facts(notice, section):
            values += [("L.children-facts", "the fact", words) for words in (fact.shown, fact.after.lstrip(": ")) if words]
        if section.about == "how-to-complain":
            values.append(("A13.2.d", "the complaint link", str(notice.supervisory_authority.complaint_url)))
        if section.about == "contacts" and notice.dpo:
            values.append(("A13.1.b", "the DPO's email", str(notice.dpo.email)))
    return values


def audit_childrens_page(text: str, notice: ResolvedNotice, where: Location) -> list[Finding]:
    """A children's version read back: it names the controller, and shows each section it explains with the
    facts that section lists (in the child's words its file gives them)."""
    body = _unbroken(text)
    return [Finding(rule_id, "error", f"The children's version does not state {what} '{value}': the template "
                    "(notice.children.md.j2) must show it.", where, notice.variant.id, notice.id)
            for rule_id, what, value in childrens_page_values(notice) if not _states(body, value)]


def audit_text(text: str, notices: list[ResolvedNotice], where: Location, laid_out: bool) -> list[Finding]:
    """Audit one file's text, which holds ``notices`` one after another (one, except in a school's booklet);
    ``laid_out`` is False for data formats, where the duties of presentation (Article 21(4)) do not apply."""
    lines = [_plain(line) for line in text.splitlines()]
    if len(notices) == 1:
        return _audit_notice(lines, notices[0], where, laid_out)
    return [finding for notice, region in zip(notices, _regions(lines, notices))
            for finding in _audit_notice(region, notice, where, laid_out)]


def _regions(lines: list[str], notices: list[ResolvedNotice]) -> list[list[str]]:
    """Each notice's lines in a booklet, from the line of its title (which may wrap) to the next notice's.
    The contents page does not count, since its entries end with the version and page. A notice whose
    title cannot be found gets no lines, so its sections are reported missing instead of being looked
    for in the notices after it."""
    starts: list[int | None] = []
    cursor = 0
    for notice in notices:
        title = _unbroken(notice.notice.title)
        at = next((i for i in range(cursor, len(lines)) if _begins_with_title(lines, i, title)), None)
        starts.append(at)
        cursor = cursor if at is None else at + 1
    found = sorted(start for start in starts if start is not None) + [len(lines)]
    return [[] if start is None else lines[start:found[found.index(start) + 1]] for start in starts]


def _begins_with_title(lines: list[str], at: int, title: str) -> bool:
    """Whether the title starts at line ``at``, wrapped onto as many lines as its length takes."""
    joined = ""
    for line in lines[at:]:
        joined += "".join(line.split())
        if joined == title:
            return True
        if not title.startswith(joined):
            return False
    return False


def _audit_notice(lines: list[str], notice: ResolvedNotice, where: Location, laid_out: bool) -> list[Finding]:
    rules = applicable_rules(notice, notice.notice.last_reviewed)  # the law the notice is written in
    needed = [section.anchor for section in SECTIONS if any(section.anchor in entry.sections for entry in rules)]
    positions: dict[str, int] = {}
    problems: dict[str, str] = {}
    cursor = 0
    for anchor in needed:
        title = _plain(TITLES[anchor])
        at = next((i for i in range(cursor, len(lines)) if lines[i] == title), None)
        if at is None:
            earlier = title in lines[:cursor]
            problems[anchor] = (f"The section '{TITLES[anchor]}' is out of the standard order: put it back in its "
                                "place in the template." if earlier else
                                f"The section '{TITLES[anchor]}' is missing: put it back in the template.")
            continue
        positions[anchor] = cursor = at
    # Blank lines (and the form feed of a page break) drop out, so a paragraph split across pages reads whole.
    bodies = {anchor: _unbroken(" ".join(_section_lines(lines, at))) for anchor, at in positions.items()}
    for anchor, body in bodies.items():
        if not body:
            problems[anchor] = f"The section '{TITLES[anchor]}' is empty: the template must say what the facts state."
    findings = []
    values = required_values(notice)
    for entry in rules:
        missing = [problems[anchor] for anchor in entry.sections if anchor in problems]
        if missing:
            findings.append(Finding(entry.id, "error", missing[0], where, notice.variant.id, notice.id))
            continue
        for anchor, what, value in values[entry.id]:  # every section is present and not empty here
            if not _states(bodies[anchor], value):
                findings.append(Finding(
                    entry.id, "error",
                    f"The section '{TITLES[anchor]}' does not state {what} '{value}': "
                    "the template must show it.", where, notice.variant.id, notice.id))
    if laid_out and "your-rights" in bodies and any(entry.id == "A21.4" for entry in rules):
        problem = _objection_apart(_section_lines(lines, positions["your-rights"]), notice)
        if problem:
            findings.append(Finding("A21.4", "error", problem, where, notice.variant.id, notice.id))
    return findings


def _objection_apart(body: list[str], notice: ResolvedNotice) -> str | None:
    """Article 21(4): the right to object under a heading of its own, before any other right."""
    lines = [line for line in body if line]
    heading, title = _plain(SUBTITLES["right-to-object"]), SUBTITLES["right-to-object"]
    if heading not in lines:
        return (f"The section '{TITLES['your-rights']}' has no heading '{title}': the right to object must be shown "
                "apart from the other rights; keep that paragraph in the template.")
    at = lines.index(heading)
    others = [_plain(right.name) for right in notice.rights if not right.stands_apart]
    if any(name in line for line in lines[:at] for name in others):
        return (f"The section '{TITLES['your-rights']}' names other rights before '{title}': the right to object "
                "must come first and apart; keep that paragraph at the start of the section in the template.")
    rest = lines[at + 1:]
    end = next((i for i, line in enumerate(rest)
                if line == _plain(SUBTITLES["other-rights"]) or any(name in line for name in others)), len(rest))
    paragraph = " ".join(rest[:end])
    missing = [right.name for right in notice.rights if right.stands_apart and _plain(right.name) not in paragraph]
    if missing:
        return (f"The paragraph under '{title}' does not state the {missing[0].lower()}: the template must show it "
                "there, apart from the other rights.")
    return None


def _section_lines(lines: list[str], at: int) -> list[str]:
    """The lines after a section's title, up to the next standard section's title."""
    body = []
    for line in lines[at + 1:]:
        if line in _TITLE_LINES:
            break
        body.append(line)
    return body


def audit_rendered(folder: Path, notices: list[ResolvedNotice], shown_as: Path | None = None,
                   skip: Collection[Path] = frozenset()) -> list[Finding]:
    """Read back every rendered file in ``folder`` whose format has a reader, and audit it.

    Files in ``skip`` (paths relative to ``folder``) are known to pass already: the build's cache
    served them, byte for byte as they were when they passed.

    Files are named as under ``shown_as`` when given (a build audits its staging folder but names the
    files where they will be published). Raises ValueError if the folder holds no rendered notice.
    """
    findings: list[Finding] = []
    read = 0
    for output_format in all_formats().values():
        if output_format.read_text is None and output_format.audit is None:
            continue
        for relative, subject in output_format.files(notices):
            path = folder / relative
            if relative in skip:
                read += 1
                continue
            if not path.is_file():
                continue
            read += 1
            where = Location(((shown_as or folder) / relative).as_posix())
            if output_format.audit is not None:
                findings += output_format.audit(path.read_bytes(), subject, where)
                continue
            assert output_format.read_text is not None  # a format has a reader or an audit of its own
            text = output_format.read_text(path.read_bytes())
            if output_format.document is not None:  # a consent form, a letter: checked by its own document's rules
                from generator.check.documents import audit_document  # it reads text as this module does

                findings += audit_document(output_format.document, text, subject, where)
                continue
            if isinstance(subject, ResolvedNotice) and subject.audience == "children":
                findings += audit_childrens_page(text, subject, where)
                continue
            if output_format.first_layer_only and isinstance(subject, ResolvedNotice):  # one file per notice
                findings += audit_first_layer(text, subject, where)
                continue
            assert not isinstance(subject, NoticesFor)  # only a document is made from one, and was audited above
            group = subject if isinstance(subject, list) else [subject]
            findings += audit_text(text, group, where, output_format.laid_out)
    if not read:
        raise NoticesError(f"{folder} holds no rendered notice for these facts: build them first with 'notices build'.")
    return sorted_findings(findings)
