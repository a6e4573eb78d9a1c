"""Reading rendered HTML back as the text a reader sees: the audit and the tests read every HTML format this way."""

from __future__ import annotations

import lxml.html

_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "div", "table", "ul", "ol"}


def html_text(content: bytes) -> str:
    """The visible text of an HTML document or fragment in reading order, one block per line.

    Style and script contents are not text a reader sees, so they are left out.
    """
    root = lxml.html.fragment_fromstring(content.decode("utf-8"), create_parent="div")
    for hidden in root.xpath("//style|//script|//template"):
        hidden.drop_tree()
    for block in root.iter(*_BLOCKS):
        block.tail = "\n" + (block.tail or "")
    for cell in root.iter("td", "th"):
        cell.tail = " " + (cell.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)
