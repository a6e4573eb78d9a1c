"""The words parents search with: the page that answers each group of words gets them as hidden keywords."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

SEARCH_WORDS = Path(__file__).with_name("search_words.yaml")
# The search index's fields for them: searched, never shown in the results. A match of a word ranks below one in
# a title (boost 1000) and above one in the text (boost 1); the words of a phrase ("delete my data") count as
# much as a title's, so that a question typed in full finds its page before one whose title shares a word.
KEYWORDS_FIELD = {"keywords": {"boost": 100}}
PHRASES_FIELD = {"phrases": {"boost": 1000}}


@cache
def synonym_groups() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(page, words) for each group in search_words.yaml; a group for a notice names it by its id: ``notice:ID``."""
    groups = yaml.safe_load(SEARCH_WORDS.read_text(encoding="utf-8"))
    return tuple((group["page"] if "page" in group else f"notice:{group['notice']}", tuple(group["words"]))
                 for group in groups)


def _page_of(location: str) -> str:
    """'how-long-we-keep-it/#x' or 'how-long-we-keep-it.html' -> 'how-long-we-keep-it'."""
    return location.split("#")[0].rstrip("/").removesuffix(".html")


def _answers(page: str, location: str) -> bool:
    """Whether the group's page is the entry's: a hub by its address, a notice at any school by its id."""
    here = _page_of(location)
    if page.startswith("notice:"):
        return here.startswith("schools/") and here.rsplit("/", 1)[-1] == page.removeprefix("notice:")
    return here == page


def _uses(text: str, phrase: str) -> bool:
    return re.search(rf"\b{re.escape(phrase)}\b", text, re.IGNORECASE) is not None


def add_keywords(index: dict) -> None:
    """Give each section of Material's search index the words of every group it answers and uses one word of."""
    index["config"]["fields"].update({**KEYWORDS_FIELD, **PHRASES_FIELD})
    (field,), (phrases_field,) = KEYWORDS_FIELD, PHRASES_FIELD
    for entry in index["docs"]:
        text = re.sub(r"<[^>]+>", " ", f"{entry['title']} {entry['text']}")
        words = [word for page, group in synonym_groups()
                 if _answers(page, entry["location"]) and any(_uses(text, phrase) for phrase in group)
                 for word in group]
        if words:
            entry[field] = " ".join(words)
        phrases = [word for word in words if " " in word]
        if phrases:
            entry[phrases_field] = " ".join(phrases)
