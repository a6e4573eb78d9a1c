"""W3C Data Privacy Vocabulary (DPV) tags for a notice's categories and purposes, from dpv.yaml, and the
pinned list of DPV terms they may use (dpv_terms.yaml), with the JSON-LD context that makes them linked data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Protocol

import yaml


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


@dataclass(frozen=True)
class DpvMapping:
    categories: tuple[Term, ...]
    purposes: tuple[Term, ...]


def _terms(entries: list[dict]) -> tuple[Term, ...]:
    return tuple(
        Term(entry["iri"], re.compile(r"\b(?:" + "|".join(entry["words"]) + r")\b", re.IGNORECASE))
        for entry in entries
    )


@cache
def dpv_mapping() -> DpvMapping:
    raw = yaml.safe_load(resources.files("generator.law").joinpath("dpv.yaml").read_text("utf-8"))
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
    raw = yaml.safe_load(resources.files("generator.law").joinpath("dpv_terms.yaml").read_text("utf-8"))
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


def category_terms(category: Category) -> list[str]:
    """The DPV personal-data IRIs a category's id, name or examples name; [] when none fits."""
    return _matching(dpv_mapping().categories, [category.id.replace("-", " "), category.name, *category.examples])


def purpose_terms(purpose: Purpose) -> list[str]:
    """The DPV purpose IRIs a purpose's id or description names; [] when none fits."""
    return _matching(dpv_mapping().purposes, [purpose.id.replace("-", " "), purpose.description])
