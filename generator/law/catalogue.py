"""The legal catalogue shipped with the package: Article 6 bases, Article 9 conditions, rights."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace
from functools import cache

from generator.law.data import law_data
from generator.law.dated import Span, span_of

_WHOLE_ARTICLE = re.compile(r"^\s*(?:(?:Article|Art\.?)\s*)?(\d+)\s*$", re.IGNORECASE)
_ARTICLE = re.compile(r"^\s*(?:(?:Article|Art\.?)\s*)?(\d+)\s*\(\s*(\d+)\s*\)\s*\(\s*([a-z]{1,2})\s*\)\s*$",
                      re.IGNORECASE)


@dataclass(frozen=True)
class Basis:
    article: str
    name: str
    plain: str = ""
    rights: tuple[str, ...] = ()
    schedule_1: str = "none"
    dpv: str = ""
    source: str = ""  # for a basis the law added later
    span: Span = Span()

    @property
    def is_special_category(self) -> bool:
        return self.article.startswith("9(")

    @property
    def is_criminal_offence(self) -> bool:
        return self.article == "10"


@dataclass(frozen=True)
class Limit:
    """Where the law keeps a right from what other bases cover: the provision, and why in plain words."""

    article: str
    plain: str
    source: str
    removed_by: tuple[str, ...] = ()  # bases whose purposes the right never reaches, whatever else covers them


@dataclass(frozen=True)
class Right:
    id: str
    name: str
    article: str
    plain: str
    always: bool = False
    stands_apart: bool = False  # Article 21(4): shown in its own paragraph, before the other rights
    limit: Limit | None = None  # for a right some bases bring: why it does not reach the others
    replaced: tuple[Span, dict] | None = None  # from a change of the law: the fields that changed

    def as_at(self, day: datetime.date | None) -> Right:
        """The right as the law in force on ``day`` words it (the newest law when None)."""
        if self.replaced and self.replaced[0].in_force(day):
            return replace(self, **self.replaced[1], replaced=None)
        return self


@dataclass(frozen=True)
class Catalogue:
    bases: dict[str, Basis]
    rights: dict[str, Right]


def normalise_article(text: str) -> str | None:
    """'Article 6(1)(e)', 'art 6 (1)(e)' and '6(1)(e)' all become '6(1)(e)' ('6(1)(ea)' too), 'Article 10'
    becomes '10'; anything else None."""
    match = _ARTICLE.match(text)
    if not match:
        whole = _WHOLE_ARTICLE.match(text)
        return whole[1] if whole else None
    return f"{match[1]}({match[2]})({match[3].lower()})"


@cache
def catalogue() -> Catalogue:
    raw = law_data("lawful_bases.yaml")
    bases = {}
    for entry in raw["article_6"] + raw["article_9"] + raw["article_10"]:
        fields = {key: value for key, value in entry.items() if key not in ("from", "until")}
        bases[entry["article"]] = Basis(**{**fields, "rights": tuple(entry.get("rights", ())), "span": span_of(entry)})
    rights = {}
    for entry in raw["rights"]:
        replaced = entry.get("replaced")
        if replaced:
            changed = {key: value for key, value in replaced.items() if key not in ("from", "until", "source")}
            replaced = (span_of(replaced), changed)
        limit = Limit(**{**entry["limit"], "removed_by": tuple(entry["limit"].get("removed_by", ()))}) \
            if "limit" in entry else None
        rights[entry["id"]] = Right(**{**entry, "replaced": replaced, "limit": limit})
    return Catalogue(bases, rights)
