"""The standard sections of every notice, in their fixed order, with stable anchor ids.

Fact models (a section's `after`, each field's section), templates, the completeness audit and every
format use these ids and titles; change them here only.
"""

from __future__ import annotations

from typing import NamedTuple


class StandardSection(NamedTuple):
    anchor: str
    title: str


SECTIONS: tuple[StandardSection, ...] = (
    StandardSection("who-we-are", "Who we are"),
    StandardSection("what-we-hold", "What information we hold"),
    StandardSection("why-we-use-it", "Why we use it"),
    StandardSection("lawful-bases", "Our lawful bases"),
    StandardSection("must-you-give-it", "Whether you must give it to us"),
    StandardSection("where-it-comes-from", "Where it comes from"),
    StandardSection("who-we-share-with", "Who we share it with, and why"),
    StandardSection("transfers", "Transfers outside the UK"),
    StandardSection("automated-decisions", "Automated decisions"),
    StandardSection("how-long-we-keep-it", "How long we keep it"),
    StandardSection("your-rights", "Your rights"),
    StandardSection("how-to-complain", "How to complain"),
    StandardSection("contacts", "Contacts and our data protection officer"),
    StandardSection("changes", "Changes to this notice"),
)

TITLES: dict[str, str] = {section.anchor: section.title for section in SECTIONS}

# Headings inside "Your rights": Article 21(4) wants the right to object apart from the other rights.
SUBTITLES: dict[str, str] = {"right-to-object": "Your right to object", "other-rights": "Your other rights"}
