"""The law the notices cite: each Act section, regulation, Schedule 1 condition and data collection, whom it binds
and what it supports (instruments.yaml). Facts cite an instrument by its id; free text is matched to one by its
citation or an alias."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal, get_args

import yaml

from generator.law.dated import Span, span_of

# What an instrument gives the organisation it binds, and so the lawful basis it can support:
# a duty -> Article 6(1)(c); a function (a task in the public interest) -> 6(1)(e); a power the
# organisation may use -> 6(1)(e) too; a Schedule 1 condition -> an Article 9/10 condition; an exemption
# -> none (it limits rights, it is not a basis); context -> none (guidance, a contract, a framework).
Supports = Literal["duty", "function", "power", "condition", "exemption", "context"]
SUPPORTS: tuple[str, ...] = get_args(Supports)

# Who an instrument can bind. An academy trust is the proprietor of its academies: an instrument binding
# `academy` binds the trust that runs it.
Binds = Literal[
    "maintained-school", "academy", "academy-trust", "independent-school", "early-years-provider",
    "local-authority", "college", "employer", "any",
]
BINDS: tuple[str, ...] = get_args(Binds)

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Ages:
    """The ages of the children an instrument reaches, inclusive (None: no bound)."""

    lowest: int | None = None
    highest: int | None = None


@dataclass(frozen=True)
class Instrument:
    id: str
    citation: str  # as a notice prints it, e.g. "Section 537A of the Education Act 1996"
    url: str  # legislation.gov.uk (or gov.uk) address
    supports: Supports
    binds: frozenset[str]
    quote: str  # the operative words, quoted from the source
    checked: datetime.date | None  # when the quote was checked against the source
    source_note: str = ""  # where the source could not be retrieved: what was done instead
    ages: Ages | None = None
    aliases: tuple[str, ...] = ()
    span: Span = Span()
    article_9_10: tuple[str, ...] = ()  # for a Schedule 1 condition: the Art 9(2)/10 bases it completes

    def binds_kind(self, kind: str) -> bool:
        # Every kind of organisation employs people: an employer's duty binds them all. An academy is run by
        # its academy trust (the controller, a company): what binds the one binds the other.
        academies = {"academy", "academy-trust"}
        return bool({"any", "employer", kind} & self.binds) or (kind in academies and bool(academies & self.binds))


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _instrument(entry: dict) -> Instrument:
    ages = entry.get("ages")
    fields = {key: value for key, value in entry.items() if key not in ("from", "until", "ages", "aliases", "binds",
                                                                       "article_9_10")}
    return Instrument(**fields, binds=frozenset(entry["binds"]), aliases=tuple(entry.get("aliases", ())),
                      article_9_10=tuple(entry.get("article_9_10", ())),
                      ages=Ages(ages.get("from"), ages.get("to")) if ages else None, span=span_of(entry))


@cache
def instruments() -> dict[str, Instrument]:
    raw = yaml.safe_load(resources.files("generator.law").joinpath("instruments.yaml").read_text("utf-8"))
    found = {entry["id"]: _instrument(entry) for entry in raw["instruments"]}
    for instrument in found.values():
        if not _ID.match(instrument.id):
            raise ValueError(f"instruments.yaml: id {instrument.id!r} is not a lowercase slug")
        if instrument.supports not in SUPPORTS or not instrument.binds <= set(BINDS):
            raise ValueError(f"instruments.yaml: {instrument.id} has an unknown `supports` or `binds` value")
    return found


@cache
def _by_words() -> dict[str, Instrument]:
    words: dict[str, Instrument] = {}
    for instrument in instruments().values():
        for said in (instrument.citation, *instrument.aliases):
            words[_key(said)] = instrument
    return words


def resolve(cited: str) -> Instrument | None:
    """The instrument a fact cites: by its id, its citation or one of its aliases (case and punctuation aside)."""
    return instruments().get(cited.strip()) or _by_words().get(_key(cited))
