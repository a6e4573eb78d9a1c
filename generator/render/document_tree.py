"""The notice document as data: its HTML read into plain nodes that the print template lays out.

The PDF engine never receives markup. Each block of the notice (heading, paragraph, list, table,
quotation, code) becomes a dictionary with a ``kind``, and all text stays a string, so that fact
text reaches the page as text whatever characters it holds. Whitespace is collapsed here, as a
browser would show it, so the print template need not know HTML's rules.
"""

from __future__ import annotations

import re

import lxml.html

from generator.facts.link_targets import ALLOWED_LINK

_WHITESPACE = re.compile(r"\s+")
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_CONTAINERS = ("div", "section", "main", "article")
Node = dict | str


def document_nodes(body_html: str, id_prefix: str = "") -> list[dict]:
    """The blocks of a notice's HTML body, headings in order from the title's level 1.

    Ids get ``id_prefix`` (a booklet holds several notices) and so do the links to them; a link
    to an anchor the notice does not have, or with a scheme other than http(s), mailto or tel,
    is kept as its text.
    """
    root = lxml.html.fragment_fromstring(body_html, create_parent="div")
    anchors = {anchor for element in root.iter() if (anchor := element.get("id"))}
    reader = _Reader(id_prefix, anchors)
    return reader.blocks(root)


class _Reader:
    def __init__(self, id_prefix: str, anchors: set[str]):
        self.id_prefix = id_prefix
        self.anchors = anchors
        self.level = 0  # the level of the last heading, so that no heading skips a level

    def blocks(self, parent) -> list[dict]:
        nodes: list[dict] = []
        loose: list = []  # text and inline elements directly inside a container, as one paragraph
        for element in _with_text(parent):
            if isinstance(element, str) or element.tag not in _BLOCK_TAGS:
                loose.append(element)
                continue
            nodes += self._paragraph(loose)
            loose = []
            nodes += self.block(element)
        return nodes + self._paragraph(loose)

    def block(self, element) -> list[dict]:
        tag = element.tag
        if tag in _HEADINGS:
            if not element.text_content().strip():
                return []  # "#" alone in a free section: a heading with no words is none (PDF/UA refuses it)
            # The first heading is the title; a heading inside a free section may go down one level at a time.
            self.level = 1 if self.level == 0 else max(2, min(_HEADINGS[tag], self.level + 1))
            identifier = element.get("id")
            return [{"kind": "heading", "level": self.level, "body": self.inlines(element),
                     "id": self.id_prefix + identifier if identifier else None}]
        if tag in ("ul", "ol"):
            items = [self.blocks(item) for item in element if item.tag == "li"]
            return [{"kind": "list", "ordered": tag == "ol", "items": items}]
        if tag == "table":
            rows = [[self.inlines(cell) for cell in row if cell.tag in ("th", "td")] for row in element.iter("tr")]
            rows = [row for row in rows if row]
            if not rows:
                return []
            width = max(map(len, rows))  # a short row is filled with empty cells, so no cell moves column
            rows = [row + [[]] * (width - len(row)) for row in rows]
            return [{"kind": "table", "header": rows[0], "rows": rows[1:]}]
        if tag == "blockquote":
            return [{"kind": "quote", "body": self.blocks(element)}]
        if tag == "pre":
            return [{"kind": "code-block", "text": element.text_content().rstrip("\n")}]
        if tag in _CONTAINERS:
            return self.blocks(element)
        if tag == "hr":
            return []
        return self._paragraph([element], whole=True)

    def _paragraph(self, parts: list, whole: bool = False) -> list[dict]:
        """A paragraph of ``parts`` (strings and inline elements); ``whole`` takes one element's content."""
        body = _collapsed(self.inlines(parts[0]) if whole else [self._inline(part) for part in parts])
        return [{"kind": "paragraph", "body": body}] if body else []

    def inlines(self, element) -> list[Node]:
        return _collapsed([self._inline(part) for part in _with_text(element)])

    def _inline(self, part) -> Node:
        if isinstance(part, str):
            return part
        tag = part.tag
        if tag == "br":
            return {"kind": "line-break"}
        if tag == "code":
            return {"kind": "code", "text": part.text_content()}
        if tag == "img":
            return part.get("alt") or ""
        body = [self._inline(child) for child in _with_text(part)]
        if tag in ("strong", "b"):
            return {"kind": "strong", "body": body}
        if tag in ("em", "i"):
            return {"kind": "emphasis", "body": body}
        if tag == "a":
            href = self._target(part.get("href") or "")
            if href:
                return {"kind": "link", "href": href, "body": body}
        return {"kind": "span", "body": body}

    def _target(self, href: str) -> str | None:
        if href.startswith("#"):
            return f"#{self.id_prefix}{href[1:]}" if href[1:] in self.anchors else None
        return href if ALLOWED_LINK.match(href) else None


_BLOCK_TAGS = {*_HEADINGS, "p", "ul", "ol", "table", "blockquote", "pre", "hr", *_CONTAINERS, "li", "dl"}


def _with_text(element) -> list:
    """An element's children with the text between them, in order; comments left out."""
    parts = [element.text] if element.text else []
    for child in element:
        if isinstance(child.tag, str):
            parts.append(child)
        if child.tail:
            parts.append(child.tail)
    return parts


def _collapsed(nodes: list[Node]) -> list[Node]:
    """Whitespace as a browser shows it: runs as one space, none at the ends, spans unwrapped."""
    flat = _unwrapped(nodes)
    after_space = [True]

    def collapse(node: Node) -> Node | None:
        if isinstance(node, str):
            text = _WHITESPACE.sub(" ", node)
            if after_space[0]:
                text = text.lstrip(" ")
            if text:
                after_space[0] = text.endswith(" ")
            return text or None
        if node["kind"] == "line-break":
            after_space[0] = True
            return node
        if "body" in node:
            body = [kept for kept in map(collapse, node["body"]) if kept is not None]
            return {**node, "body": body} if body or node["kind"] == "link" else None
        after_space[0] = False
        return node

    result = [kept for kept in map(collapse, flat) if kept is not None]
    _strip_end(result)
    return result


def _unwrapped(nodes: list[Node]) -> list[Node]:
    """Spans (elements with no meaning in print) replaced by their content, at every depth."""
    result: list[Node] = []
    for node in nodes:
        if isinstance(node, dict) and node.get("kind") == "span":
            result += _unwrapped(node["body"])
        elif isinstance(node, dict) and "body" in node:
            result.append({**node, "body": _unwrapped(node["body"])})
        else:
            result.append(node)
    return result


def _strip_end(nodes: list[Node]) -> None:
    """Drop trailing spaces from the last text of a paragraph, however deep it sits."""
    while nodes:
        last = nodes[-1]
        if isinstance(last, str):
            nodes[-1] = last.rstrip(" ")
            if nodes[-1]:
                return
            nodes.pop()
        elif "body" in last:
            _strip_end(last["body"])
            return
        else:
            return
