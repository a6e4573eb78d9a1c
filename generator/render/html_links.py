"""Every link target in an HTML page or fragment (``href``, ``src``, ``action`` ...), as a browser reads it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:  # the stubs' protocol of a parser's target; lxml calls only the methods a target has
    _Target = etree.ParserTarget[list[str]]
else:
    _Target = object

# Attributes whose value a browser follows, loads or submits to (the HTML parser lowercases names).
LINK_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "xlink:href")
# Text in which none of these occurs, in any case, holds no link attribute: a name is never escaped.
_NAME_PARTS = (b"href", b"src", b"action", b"poster")


class _LinkCollector(_Target):
    """The parser's target: it keeps each link attribute's value and builds no tree, which halves the time
    a page takes (a website's pages are read on every build)."""

    def __init__(self) -> None:
        self.links: list[str] = []

    def start(self, _tag: str, attributes: dict[str, str]) -> None:
        if attributes:
            self.links += [attributes[name] for name in LINK_ATTRIBUTES if name in attributes]

    def close(self) -> list[str]:
        links, self.links = self.links, []
        return links


# One parser for every page: making one costs more than reading a search result's text.
_COLLECTOR = _LinkCollector()
_PARSER = etree.HTMLParser(target=_COLLECTOR, collect_ids=False, remove_comments=True, remove_pis=True)


def html_links(content: bytes | str) -> list[str]:
    """The value of every link attribute in ``content``, character references decoded, element by element."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    lowered = data.lower()
    if not any(part in lowered for part in _NAME_PARTS):
        return []
    _COLLECTOR.links = []  # nothing left over from a page whose reading failed
    return etree.fromstring(data, _PARSER)
