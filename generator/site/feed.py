"""The Atom feed of changes, so that people can subscribe to changes in any notice.

Every date in it comes from the facts, never from the clock, so the same facts give the same bytes.
Ids are ``urn:uuid:`` names derived from the notice's place and the change, stable across rebuilds.
"""

from __future__ import annotations

import uuid
from xml.etree import ElementTree

from generator.facts.cascade import ResolvedNotice
from generator.facts.models import Change

ATOM = "http://www.w3.org/2005/Atom"
_NAMESPACE = uuid.UUID("6f1d3c52-5b7e-4d0e-9a43-2f0a9a1c8e11")


def dated_changes(notices: list[ResolvedNotice]) -> list[tuple[ResolvedNotice, Change]]:
    """Every change of every notice, newest first; ties keep school and notice order."""
    changes = [(notice, change) for notice in notices for change in notice.notice.changes]
    return sorted(changes, key=lambda pair: pair[1].date, reverse=True)


def _stable_id(*parts: str) -> str:
    return uuid.uuid5(_NAMESPACE, "/".join(parts)).urn


def atom_feed(notices: list[ResolvedNotice], title: str, page_url) -> bytes:
    """The feed as bytes; ``page_url(notice)`` is the notice page's address relative to the feed."""
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    changes = dated_changes(notices)

    def child(parent, tag: str, text: str | None = None, **attributes) -> ElementTree.Element:
        element = ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        element.text = text
        return element

    child(feed, "title", f"Changes to the privacy notices of {title}")
    child(feed, "id", _stable_id("feed", title))
    child(feed, "updated", f"{changes[0][1].date.isoformat()}T00:00:00Z" if changes else "1970-01-01T00:00:00Z")
    child(child(feed, "author"), "name", title)
    for notice, change in changes:
        entry = child(feed, "entry")
        child(entry, "title", f"{notice.notice.title} ({notice.variant.name}), version {change.version}")
        child(entry, "id", _stable_id(notice.key, change.date.isoformat(), change.version))
        child(entry, "updated", f"{change.date.isoformat()}T00:00:00Z")
        child(entry, "link", href=page_url(notice), rel="alternate", type="text/html")
        child(entry, "summary", change.summary)
    ElementTree.indent(feed)
    return ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
