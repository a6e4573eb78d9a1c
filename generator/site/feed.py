"""The Atom feed of changes, so that people can subscribe to changes in any notice.

Every date in it comes from the facts, never from the clock, so the same facts give the same bytes.
Ids are ``urn:uuid:`` names derived from the notice's place and the change, stable across rebuilds.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from urllib.parse import urljoin
from xml.etree import ElementTree

from generator.facts.cascade import ResolvedNotice
from generator.facts.models import Change

ATOM = "http://www.w3.org/2005/Atom"
FEED = "changes.xml"  # the feed's place in the site
_NAMESPACE = uuid.UUID("6f1d3c52-5b7e-4d0e-9a43-2f0a9a1c8e11")


@dataclass
class DatedChange:
    """One change to a notice, and every school's copy of the notice it was made to."""

    change: Change
    title: str
    notices: list[ResolvedNotice] = field(default_factory=list)


def dated_changes(notices: list[ResolvedNotice]) -> list[DatedChange]:
    """Every change of every notice, newest first; a change that several schools' copies share is listed once.

    Ties keep school and notice order.
    """
    found: dict[tuple, DatedChange] = {}
    for notice in notices:
        for change in notice.notice.changes:
            key = (change.date, change.version, change.summary, notice.notice.title)
            found.setdefault(key, DatedChange(change, notice.notice.title)).notices.append(notice)
    return sorted(found.values(), key=lambda entry: entry.change.date, reverse=True)


def _stable_id(*parts: str) -> str:
    return uuid.uuid5(_NAMESPACE, "/".join(parts)).urn


def atom_feed(notices: list[ResolvedNotice], title: str, page_url, changes_url: str, site_url: str | None) -> bytes:
    """The feed as bytes; ``page_url(notice)`` and ``changes_url`` are addresses relative to the feed.

    A change made to one school's notice links to that notice; one shared by several schools links
    to the changes page, which links to each. With the site's address, every link is complete and
    the feed names its own address (rel="self"), as feed readers expect (RFC 4287, 4.2.7.2).
    """

    def address(relative: str) -> str:
        return urljoin(site_url, relative) if site_url else relative

    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    changes = dated_changes(notices)

    def child(parent, tag: str, text: str | None = None, **attributes) -> ElementTree.Element:
        element = ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        element.text = text
        return element

    child(feed, "title", f"Changes to the privacy notices of {title}")
    child(feed, "id", _stable_id("feed", title))
    child(feed, "updated", f"{changes[0].change.date.isoformat()}T00:00:00Z" if changes else "1970-01-01T00:00:00Z")
    child(child(feed, "author"), "name", title)
    if site_url:
        child(feed, "link", href=address(FEED), rel="self", type="application/atom+xml")
        child(feed, "link", href=address(changes_url), rel="alternate", type="text/html")
    for entry in changes:
        change, single = entry.change, entry.notices[0] if len(entry.notices) == 1 else None
        where = single.variant.name if single else f"{len(entry.notices)} schools"
        item = child(feed, "entry")
        child(item, "title", f"{entry.title} ({where}), version {change.version}")
        child(item, "id", _stable_id(*(notice.key for notice in entry.notices), change.date.isoformat(), change.version))
        child(item, "updated", f"{change.date.isoformat()}T00:00:00Z")
        child(item, "link", href=address(page_url(single) if single else changes_url), rel="alternate", type="text/html")
        child(item, "summary", change.summary)
    ElementTree.indent(feed)
    return ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
