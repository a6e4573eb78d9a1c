"""The legal catalogue shipped with the package: Article 6 bases, Article 9 conditions, rights."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

_ARTICLE = re.compile(r"^\s*(?:(?:Article|Art\.?)\s*)?(\d+)\s*\(\s*(\d+)\s*\)\s*\(\s*([a-z])\s*\)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Basis:
    article: str
    name: str
    plain: str = ""
    rights: tuple[str, ...] = ()
    schedule_1: str = "none"
    dpv: str = ""

    @property
    def is_special_category(self) -> bool:
        return self.article.startswith("9(")


@dataclass(frozen=True)
class Right:
    id: str
    name: str
    article: str
    plain: str
    always: bool = False
    stands_apart: bool = False  # Article 21(4): shown in its own paragraph, before the other rights


@dataclass(frozen=True)
class Catalogue:
    bases: dict[str, Basis]
    rights: dict[str, Right]


def normalise_article(text: str) -> str | None:
    """'Article 6(1)(e)', 'art 6 (1)(e)' and '6(1)(e)' all become '6(1)(e)'; anything else None."""
    match = _ARTICLE.match(text)
    if not match:
        return None
    return f"{match[1]}({match[2]})({match[3].lower()})"


@cache
def catalogue() -> Catalogue:
    raw = yaml.safe_load(resources.files("generator.law").joinpath("lawful_bases.yaml").read_text("utf-8"))
    bases = {}
    for entry in raw["article_6"] + raw["article_9"]:
        entry = dict(entry)
        entry["rights"] = tuple(entry.get("rights", ()))
        bases[entry["article"]] = Basis(**entry)
    rights = {entry["id"]: Right(**entry) for entry in raw["rights"]}
    return Catalogue(bases, rights)
