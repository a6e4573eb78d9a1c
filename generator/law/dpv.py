"""W3C Data Privacy Vocabulary (DPV) tags for a notice's categories and purposes, from dpv.yaml, and the
pinned list of DPV terms they may use (dpv_terms.yaml), with the JSON-LD context that makes them linked data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Protocol

from generator.law.data import law_data


# The law knows nothing of the fact models above it: what a category or a purpose must say is enough.
class Category(Protocol):
    id: str
    name: str
    examples: list[str]


class Purpose(Protocol):
    id: str
    description: str


@dataclass(frozen=True)
class Term:
    iri: str
    pattern: re.Pattern[str]
    special: bool = False  # a term for special category data (Article 9(1))
    criminal_offence: bool = False  # a term for criminal offence data (Article 10)


@dataclass(frozen=True)
class DpvMapping:
    categories: tuple[Term, ...]
    purposes: tuple[Term, ...]


def _terms(entries: list[dict]) -> tuple[Term, ...]:
    return tuple(
        Term(entry["iri"], re.compile(r"\b(?:" + "|".join(entry["words"]) + r")\b", re.IGNORECASE),
             special=entry.get("special", False), criminal_offence=entry.get("criminal_offence", False))
        for entry in entries
    )


@cache
def dpv_mapping() -> DpvMapping:
    raw = law_data("dpv.yaml")
    return DpvMapping(categories=_terms(raw["categories"]), purposes=_terms(raw["purposes"]))


@dataclass(frozen=True)
class PinnedTerms:
    version: str
    source: str
    iris: frozenset[str]
    context: dict  # the JSON-LD @context of a JSON notice


@cache
def pinned_terms() -> PinnedTerms:
    """The DPV terms checked against one DPV release; the JSON notices use no other."""
    raw = law_data("dpv_terms.yaml")
    prefixes = raw["prefixes"]

    def iri(term: str) -> str:
        prefix, name = term.split(":", 1)
        return prefixes[prefix] + name

    # The tags sit under the notice's `dpv` key, nested in the notice: a context scoped to that key
    # maps them to DPV properties and leaves every other key as plain JSON.
    tags = {key: {"@id": iri(prop), "@type": "@id", "@container": "@index"} for key, prop in raw["properties"].items()}
    context = {"@version": 1.1, "dpv": {"@id": "@nest", "@context": tags}}
    return PinnedTerms(raw["version"], raw["source"], frozenset(map(iri, raw["terms"])), context)


def _matching(terms: tuple[Term, ...], texts: list[str]) -> list[str]:
    return [term.iri for term in terms if any(term.pattern.search(text) for text in texts)]


def _category_texts(category: Category) -> list[str]:
    return [category.id.replace("-", " "), category.name, *category.examples]


def category_terms(category: Category) -> list[str]:
    """The DPV personal-data IRIs a category's id, name or examples name; [] when none fits."""
    return _matching(dpv_mapping().categories, _category_texts(category))


def sensitive_words(category: Category) -> list[tuple[Term, str]]:
    """The terms for special category or criminal offence data that a category's name or examples name, each
    with the first words that name it, e.g. (pd:Criminal, 'offending')."""
    found: dict[Term, str] = {}
    for text in [category.name, *category.examples]:
        for term, words in _sensitive_in(text).items():
            found.setdefault(term, words)
    return [(term, found[term]) for term in _sensitive_terms() if term in found]


@cache
def _sensitive_terms() -> tuple[Term, ...]:
    return tuple(term for term in dpv_mapping().categories if term.special or term.criminal_offence)


@lru_cache(maxsize=16384)  # a trust's schools repeat the same categories in every copy of a notice
def _sensitive_in(text: str) -> dict[Term, str]:
    """The sensitive terms one text names, each with the words that name it."""
    return {term: match[0] for term in _sensitive_terms() if (match := term.pattern.search(text))}


def purpose_terms(purpose: Purpose) -> list[str]:
    """The DPV purpose IRIs a purpose's id or description names; [] when none fits."""
    return _matching(dpv_mapping().purposes, [purpose.id.replace("-", " "), purpose.description])
