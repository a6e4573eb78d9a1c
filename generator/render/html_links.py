"""Every link target in an HTML page or fragment (``href``, ``src``, ``action`` ...), as a browser reads it."""

from __future__ import annotations

from lxml import etree

# Attributes whose value a browser follows, loads or submits to (the HTML parser lowercases names).
LINK_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "xlink:href")
# Comments and processing instructions hold no links; ids need no index (a third of the time goes on it).
_PARSER = etree.HTMLParser(collect_ids=False, remove_comments=True, remove_pis=True)
_VALUES = etree.XPath("|".join(f"//@*[name()='{name}']" for name in LINK_ATTRIBUTES))


def html_links(content: bytes | str) -> list[str]:
    """The value of every link attribute in ``content``, character references decoded, in document order."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if not data.strip():
        return []
    root = etree.fromstring(data, _PARSER)
    return [] if root is None else [str(value) for value in _VALUES(root)]
