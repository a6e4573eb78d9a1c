"""Which links a free Markdown section would make, and which of them fact files may not hold.

Also refused: nesting so deep that rendering the text would exhaust the stack.

Links are found by rendering the text the way every format renders it (python-markdown after
``facts.free_text.block``), so that no spelling of a link the renderer accepts can slip past the check.
"""

from __future__ import annotations

import re
from functools import lru_cache

import lxml.html
import markdown

from generator.facts.free_text import block
from generator.facts.link_targets import ALLOWED_LINK, link_target

MAX_DEPTH = 24
TOO_DEEP = "the text nests lists or quotes too deeply to be shown: start each list item on a new line"
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:", re.MULTILINE)
# How the website and every HTML format read Markdown (the notice, and free text in the facts).
MARKDOWN_EXTENSIONS = ["attr_list", "tables", "sane_lists"]
_EMAIL_ADDRESS = re.compile(r"[^\s@<>()\[\]]+@[^\s@<>()\[\]]+")


# A line of plain words, perhaps one list item, perhaps with autolinks to allowed places: none of the
# characters that can make another link, a picture, a quote, code, a table or emphasis, and no
# indentation or second marker that would nest.
_URL_CHARACTER = r"[^\s<>\[\]*_`\\{}|]"
_AUTOLINK = rf"<(?:https?://(?!/)|mailto:|tel:){_URL_CHARACTER}+>"
_PLAIN_LINE = re.compile(
    r"(?:(?:[-+]|[0-9]{1,9}[.)]) +)?(?![-+]|[0-9]{1,9}[.)](?:\s|$))"
    rf"(?:[^\s\[\]<>*_`#|{{}}\\]|{_AUTOLINK})(?:[^\[\]<>*_`#|{{}}\\]|{_AUTOLINK})*"
)


def link_problems(text: str) -> list[str]:
    """Plain-words reasons why ``text`` may not be published as it is; empty when its links are fine."""
    if is_plain(text):
        return []  # rendering the text to look would be most of the time it takes to load the facts
    return rendered_link_problems(text)


def is_plain(text: str) -> bool:
    """Paragraphs and flat lists of plain words only: text that can hold no link and cannot nest."""
    return all(not line or _PLAIN_LINE.fullmatch(line) for line in text.splitlines())


def rendered_link_problems(text: str) -> list[str]:
    """``link_problems`` found by rendering the text as every format renders it."""
    problems = []
    for match in _REFERENCE_DEFINITION.finditer(text):
        problems.append(
            f"line {_line_of(text, match.start())} of the text defines a link elsewhere ('{match[0].strip()} ...'): "
            "write each link where it is used, as [words](https://...)"
        )
    try:
        body = markdown.markdown(block(text), extensions=MARKDOWN_EXTENSIONS)
    except RecursionError:  # e.g. "- - - - ... text": lists inside lists, thousands deep
        return [*problems, TOO_DEEP]
    if not body.strip():
        return problems
    root = lxml.html.fragment_fromstring(body, create_parent="div")
    if max(sum(1 for _ in element.iterancestors()) for element in root.iter()) > MAX_DEPTH:
        # Rendering runs deeper in the stack than this check: leave it a wide margin.
        problems.append(TOO_DEEP)
    for image in root.iter("img"):
        problems.append(f"line {_line_of(text, text.find('!['))} of the text shows a picture "
                        f"('{image.get('src', '')}'): pictures are not allowed, as they load from another website")
    for anchor in root.iter("a"):
        target = anchor.get("href", "")
        if not ALLOWED_LINK.match(target):
            problems.append(
                f"line {_line_of(text, text.find(target.strip()))} of the text links to '{target}': "
                "links may only go to a web page (https://...), an email address (mailto:...) "
                "or a phone number (tel:...)"
            )
    return problems


@lru_cache(maxsize=65536)
def text_links(text: str) -> frozenset[str]:
    """Every link target a fact's text can give a format: the text itself as a web or email address, and
    each link its Markdown makes, rendered as every format renders it."""
    address = link_target(text) or (link_target(f"mailto:{text}") if _EMAIL_ADDRESS.fullmatch(text) else None)
    targets = {address} if address else set()
    if "<" in text or "](" in text:
        try:
            body = markdown.markdown(block(text), extensions=MARKDOWN_EXTENSIONS)
        except RecursionError:  # text no format can render, so it makes no link
            return frozenset(targets)
        if body.strip():
            root = lxml.html.fragment_fromstring(body, create_parent="div")
            targets.update(anchor.get("href", "") for anchor in root.iter("a"))
    return frozenset(targets)


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, max(offset, 0)) + 1


def safe_markdown(text: str) -> str:
    """Pydantic validator: ``text`` unchanged, or a ValueError naming its first disallowed link."""
    problems = link_problems(text)
    if problems:
        raise ValueError(problems[0])
    return text
