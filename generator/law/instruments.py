"""The law the notices cite: each Act section, regulation, Schedule 1 condition and data collection, whom it binds
and what it supports (instruments.yaml). Facts cite an instrument by its id; free text is matched to one by its
citation or an alias."""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal, get_args

import yaml

from generator.law.data import LOADER
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

# The addresses a catalogue entry may point to: the law itself, or the government's page for a collection.
SOURCE_HOSTS = ("https://www.legislation.gov.uk/", "https://www.gov.uk/")

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_REQUIRED = ("id", "citation", "url", "supports", "binds", "quote", "checked")
_OPTIONAL = ("source_note", "ages", "aliases", "article_9_10", "from", "until")


class CatalogueError(ValueError):
    """instruments.yaml says something the catalogue cannot hold; the message names the entry and the key."""


@dataclass(frozen=True)
class Ages:
    """The ages of the children an instrument reaches, inclusive (None: no bound)."""

    lowest: int | None = None
    highest: int | None = None

    def words(self) -> str:
        """'16 to 17', 'from 13', 'up to 17'."""
        if self.lowest is not None and self.highest is not None:
            return f"{self.lowest} to {self.highest}"
        return f"from {self.lowest}" if self.lowest is not None else f"up to {self.highest}"


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


def _problems(entry: dict[str, Any]) -> list[str]:
    """What is wrong with one entry, each in words that say what to write instead."""
    problems = [f"it has no `{key}`" for key in _REQUIRED if key not in entry]
    for key in sorted(set(entry) - set(_REQUIRED) - set(_OPTIONAL)):
        close = difflib.get_close_matches(key, _REQUIRED + _OPTIONAL, n=1)
        problems.append(f"`{key}` is not a key of an instrument" + (f": did you mean `{close[0]}`?" if close else ""))
    if "id" in entry and not ID.match(str(entry["id"])):
        problems.append(f"its id {entry['id']!r} is not a lowercase slug such as `education-act-1996-s537a`")
    if "supports" in entry and entry["supports"] not in SUPPORTS:
        problems.append(f"`supports: {entry['supports']}` is none of {', '.join(SUPPORTS)}")
    for kind in entry.get("binds") or []:
        if kind not in BINDS:
            close = difflib.get_close_matches(str(kind), BINDS, n=1)
            problems.append(f"`binds` names the kind {kind!r}, which is none of {', '.join(BINDS)}"
                            + (f": did you mean `{close[0]}`?" if close else ""))
    if "binds" in entry and not entry["binds"]:
        problems.append("`binds` is empty: name the kinds of organisation it binds, or `any`")
    if "quote" in entry and not str(entry["quote"] or "").strip():
        problems.append("its `quote` is empty: quote the operative words from its `url`")
    if "url" in entry and not str(entry["url"]).startswith(SOURCE_HOSTS):
        problems.append(f"its url {entry['url']!r} is not on legislation.gov.uk or gov.uk: link the law itself")
    if "checked" in entry and not (entry["checked"] is None or isinstance(entry["checked"], datetime.date)):
        problems.append(f"`checked: {entry['checked']}` is not a date: write it as 2026-12-07, or null")
    if entry.get("checked") is None and "checked" in entry and not entry.get("source_note"):
        problems.append("it was never checked (`checked: null`) and has no `source_note` saying why")
    if entry.get("article_9_10") and entry.get("supports") != "condition":
        problems.append("`article_9_10` belongs to a Schedule 1 condition only (`supports: condition`)")
    return problems


def _instrument(entry: dict[str, Any]) -> Instrument:
    ages = entry.get("ages")
    return Instrument(
        id=entry["id"], citation=entry["citation"], url=entry["url"], supports=entry["supports"],
        binds=frozenset(entry["binds"]), quote=" ".join(str(entry["quote"]).split()), checked=entry["checked"],
        source_note=" ".join(str(entry.get("source_note") or "").split()),
        ages=Ages(ages.get("from"), ages.get("to")) if ages else None, aliases=tuple(entry.get("aliases", ())),
        span=span_of(entry), article_9_10=tuple(entry.get("article_9_10", ())),
    )


def parse(text: str, source: str = "instruments.yaml") -> dict[str, Instrument]:
    """The catalogue in ``text``, checked whole: every problem of every entry is in one CatalogueError."""
    raw = yaml.load(text, Loader=LOADER) or {}
    entries = raw.get("instruments") if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        raise CatalogueError(f"{source}: it has no `instruments:` list")
    problems: list[str] = []
    found: dict[str, Instrument] = {}
    said: dict[str, str] = {}  # every citation and alias, by its key -> the id that says it
    for index, entry in enumerate(entries, 1):
        name = f"instrument {entry.get('id', f'#{index}')!r}" if isinstance(entry, dict) else f"entry #{index}"
        wrong = _problems(entry) if isinstance(entry, dict) else ["it is not a mapping of keys"]
        if isinstance(entry, dict) and entry.get("id") in found:
            wrong.append("its id is used by an earlier instrument")
        problems += [f"{source}, {name}: {problem}." for problem in wrong]
        if wrong:
            continue
        instrument = _instrument(entry)
        for words in (instrument.citation, *instrument.aliases):
            other = said.setdefault(_key(words), instrument.id)
            if other != instrument.id:
                problems.append(f"{source}, {name}: {words!r} also names {other!r}; a citation must name one law.")
        found[instrument.id] = instrument
    if problems:
        raise CatalogueError("\n".join(problems))
    return found


@cache
def instruments() -> dict[str, Instrument]:
    """Every instrument of generator/law/instruments.yaml, by id."""
    return parse(resources.files("generator.law").joinpath("instruments.yaml").read_text("utf-8"))


@cache
def _by_words() -> dict[str, Instrument]:
    return {_key(said): instrument for instrument in instruments().values()
            for said in (instrument.citation, *instrument.aliases)}


def resolve(cited: str) -> Instrument | None:
    """The instrument a fact cites: by its id, its citation or one of its aliases (case and punctuation aside)."""
    return instruments().get(cited.strip()) or _by_words().get(_key(cited))


_AND = re.compile(r"\s+and\s+")


def resolve_all(cited: str) -> list[Instrument] | None:
    """The instruments a citation names: one, or several joined by "and" (`dpa-2018-sch1-para6 and
    dpa-2018-sch1-para8`, or the same in words); None when any part names no instrument."""
    whole = resolve(cited)
    if whole is not None:
        return [whole]
    for joint in _AND.finditer(cited):
        first, rest = resolve(cited[:joint.start()]), resolve_all(cited[joint.end():])
        if first is not None and rest is not None:
            return [first, *rest]
    return None


def parts_of(cited: str) -> list[str]:
    """A citation's parts: the ids (or words) it joins with "and"."""
    return _AND.split(cited.strip())


def looks_like_ids(cited: str) -> bool:
    """True when the text is written as ids (slugs, perhaps joined by "and"), not as words."""
    return all(ID.match(part) for part in parts_of(cited))


def nearest_ids(wanted: str, n: int = 3) -> list[str]:
    """The catalogue ids closest to a mistyped one."""
    return difflib.get_close_matches(wanted, sorted(instruments()), n=n, cutoff=0.5)
