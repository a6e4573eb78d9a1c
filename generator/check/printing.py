"""What the print formats cannot make of the facts, found before a build: a character no font of the PDFs
has, and a first layer too long for the one-page summary. Each is refused by `check` at its fact, so that
a build the checker passed does not stop at the PDFs."""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from generator.check.findings import Finding
from generator.check.judge import Problem
from generator.check.rules import rule
from generator.facts.cascade import ResolvedNotice
from generator.facts.load import FactTree

PRINTABLE_RULE = "L.printable"
# Characters every PDF font set prints (Libertinus Serif, which the typst package carries, has them all;
# tests/check/test_printing.py asks Typst): text made only of these needs no question to Typst.
_SURELY_PRINTED = re.compile(r"[\t\n\r\x20-\x7e\u00a0-\u024f\u2010-\u2027\u2030-\u203e]*")
# How many characters of facts the one-page summary (`<notice>.at-a-glance.pdf`) holds, at its 11-point
# print, in letters as wide as "W": a page of A4 takes about 1,800 of them, or 4,000 of ordinary words.
FIRST_LAYER_MOST_CHARACTERS = 2000
# The title prints at 20 points to the body's 11 (templates/notice.typ): each of its letters takes about
# three times the room of a letter of the body, and counts three times.
TITLE_ROOM = 3


def unprintable_findings(tree: FactTree, templates: Path) -> list[Finding]:
    """An error at each fact holding a character that no font of the PDFs has, the project's own fonts
    (templates/fonts/) included. Without the build libraries no PDF can be made, and none is judged."""
    from generator.render.typesetting import TYPST, unprintable

    if not TYPST.available:
        return []
    from generator.check.lints import fact_texts

    texts = [(text, location) for model in (tree.organisation, *tree.schools.values(), *tree.notices.values(),
                                            *(version for versions in tree.children.values() for version in versions))
             for text, location in fact_texts(model) if not _SURELY_PRINTED.fullmatch(text)]
    missing = unprintable({cluster for text, _ in texts for cluster in _unusual_clusters(text)}, templates)
    # "children:pupils.children-7-11" is a version of the notice pupils
    owners = {path: (key.split(":", 1)[0], key.split(":", 1)[1].split(".", 1)[0])
              for key, path in tree.files.items() if ":" in key}
    findings = []
    for text, location in texts:
        characters = [cluster for cluster in dict.fromkeys(_unusual_clusters(text)) if cluster in missing]
        if characters:
            kind, owner = owners.get(location.file if location else "", ("", None))
            findings.append(Finding(PRINTABLE_RULE, rule(PRINTABLE_RULE).severity, _unprintable_message(characters),
                                    location, owner if kind == "school" else None,
                                    owner if kind in ("notice", "children") else None))
    return findings


def _unusual_clusters(text: str) -> Iterator[str]:
    """Each letter of ``text`` with the marks written over or under it ("0" and U+0484 print as one), that
    is not surely printed: a font must hold the letter and its marks together, so Typst is asked of both."""
    clusters: list[str] = []
    for character in text:
        if clusters and unicodedata.category(character).startswith("M"):  # a mark: Mn, Mc or Me
            clusters[-1] += character
        else:
            clusters.append(character)
    yield from (cluster for cluster in clusters if not _SURELY_PRINTED.fullmatch(cluster))


def _unprintable_message(characters: list[str]) -> str:
    shown = ", ".join(f"'{character}' ({_describe(character)})" for character in characters)
    return (f"The PDFs cannot print {shown}: their fonts have the letters of Latin, Greek, Cyrillic, Arabic and "
            "Hebrew writing, and no emoji. Write it in words instead (for example the school's name in English "
            "letters), or add a font that has it to templates/fonts/ (docs/publishing.md#scripts).")


def _describe(cluster: str) -> str:
    return " with ".join(_code_point(character) for character in cluster)


def _code_point(character: str) -> str:
    name = unicodedata.name(character, "")
    return f"U+{ord(character):04X}{', ' + name.lower() if name else ''}"


def first_layer_length(n: ResolvedNotice) -> Iterator[tuple[str, int]]:
    """What the one-page summary states of the facts, each with its length: the facts a school can shorten."""
    notice = n.notice
    yield "the title", TITLE_ROOM * len(notice.title)
    yield "the school's name", len(n.variant.name)
    yield "the summary", len(notice.summary or "")
    yield "the categories' names", sum(len(category.name) for category in notice.categories)
    yield "the purposes", sum(len(purpose.description) for purpose in notice.purposes)
    yield "the recipients' names", sum(len(recipient.name) for recipient in n.recipients or [])
    yield "the retention rules", sum(len(rule.records) + len(rule.period) for rule in notice.retention)
    yield "the rights", sum(len(right.name) for right in n.rights)
    yield "the contact", sum(len(str(value)) for value in (n.contact.model_dump().values() if n.contact else [])
                             if value)


def first_layer_fits(n: ResolvedNotice, _today: datetime.date) -> Iterator[Problem]:
    parts = dict(first_layer_length(n))
    total = sum(parts.values())
    if n.audience == "children" or total <= FIRST_LAYER_MOST_CHARACTERS:
        return
    # The rights follow from the lawful bases: the school words everything else.
    longest = sorted((name for name, length in parts.items() if length and name != "the rights"),
                     key=lambda name: parts[name], reverse=True)[:3]
    yield (f"The notice's first layer states {total:,} characters of facts, and its one-page summary "
           f"(the at-a-glance PDF) holds {FIRST_LAYER_MOST_CHARACTERS:,}: shorten {', '.join(longest[:-1])} or "
           f"{longest[-1]}, the longest of what it shows.", n.notice.field_location("summary"))
