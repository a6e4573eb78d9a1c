"""The audit of links in rendered output: each leads to an address the facts give, or is one the tool makes.

The tool makes links within the output (``#contacts``, ``../pupils/``, ``assets/...``), and absolute
ones under the site's own address. Any other link (a ``javascript:`` link that reached a page, an
address changed on its way through Markdown) stops the build, naming the file and the link, and the
previous output is kept. It runs on every build, so it reads each file once and compares strings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import markdown
from pydantic import AnyUrl, BaseModel

from generator.facts.cascade import ResolvedNotice
from generator.facts.link_targets import ALLOWED_LINK
from generator.facts.links import MARKDOWN_EXTENSIONS, text_links
from generator.notices_error import NoticesError
from generator.render.formats import all_formats
from generator.render.html_links import html_links

# Browsers drop tabs and line breaks anywhere in an address, and spaces and control characters at its ends.
_DROPPED = re.compile(r"[\t\n\r]")
_ENDS = "".join(map(chr, range(0x21)))
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
SEARCH_INDEX = "search/search_index.json"


class UnknownLinks(NoticesError):
    """Rendered output links somewhere that is neither an address in the facts nor one the tool makes."""

    see = "refuses.md#links-in-what-is-built"
    closing = "Nothing was published; the previous output was kept."

    def __init__(self, found: list[tuple[str, str]]):
        self.found = found
        lines = [f"{where}: links to '{href}', which is no address in the facts and no page the tool makes"
                 for where, href in found[:20]]
        if len(found) > 20:
            lines.append(f"... and {len(found) - 20} more such links")
        lines.append("A link that does not come from the facts was added by a template or a theme file: "
                     "remove it there, or write the address in the facts, where the checker and a reviewer see it.")
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class KnownLinks:
    """The links output may hold: ``targets`` exactly, links within the output, and those under ``bases``
    (the site's own address, which ends with "/")."""

    targets: frozenset[str]
    bases: tuple[str, ...] = ()

    def allows(self, href: str) -> bool:
        if href in self.targets:
            return True
        base = next((base for base in self.bases if href.startswith(base)), None)
        return _within_output(href[len(base):] if base else href)

    def unknown(self, where: str, hrefs: Iterable[str]) -> list[tuple[str, str]]:
        """(where, link) for each link in ``hrefs`` not allowed, each once, in order."""
        return [(where, href) for href in dict.fromkeys(hrefs) if not self.allows(href)]


def _within_output(href: str) -> bool:
    """A link to another file or place of the output: no scheme, no host (``//host`` or ``\\host``)."""
    seen = _DROPPED.sub("", href).strip(_ENDS)
    return not _SCHEME.match(seen) and not seen.startswith("//") and "\\" not in seen


def known_links(notices: list[ResolvedNotice], bases: Iterable[str | None] = (),
                written_pages: Iterable[str] = ()) -> KnownLinks:
    """Every link target the facts of ``notices`` give, those that hand-written pages of the website (their
    Markdown, ``written_pages``) link to with an allowed scheme, and ``bases``: addresses under which the tool
    makes links."""
    targets: set[str] = set()
    for text in _fact_values(notices):
        targets |= text_links(text)
    for page in written_pages:
        targets.update(href for href in html_links(markdown.markdown(page, extensions=MARKDOWN_EXTENSIONS))
                       if ALLOWED_LINK.match(href))
    return KnownLinks(frozenset(targets), tuple(base if base.endswith("/") else base + "/" for base in bases if base))


def _fact_values(notices: list[ResolvedNotice]) -> Iterator[str]:
    """Every text and address in the facts of ``notices``; a model shared by many notices is read once."""
    seen: set[int] = set()
    stack: list[object] = list(notices)
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            yield value
        elif isinstance(value, AnyUrl):
            yield str(value)
        elif isinstance(value, BaseModel):
            if id(value) not in seen:
                seen.add(id(value))
                stack.extend(getattr(value, name) for name in type(value).model_fields)
        elif isinstance(value, (list, tuple)):
            stack.extend(value)
        elif isinstance(value, dict):
            stack.extend(value.values())


def audit_links(folder: Path, notices: list[ResolvedNotice], shown_as: Path | None = None,
                skip: Collection[Path] = frozenset()) -> None:
    """Read back every built file in ``folder`` whose format can list its links; raise UnknownLinks if any
    leads elsewhere than the facts or the output. Files in ``skip`` passed this audit when they were made."""
    known = known_links(notices)
    found: list[tuple[str, str]] = []
    for output_format in all_formats().values():
        if output_format.read_links is None:
            continue
        for relative, _ in output_format.files(notices):
            path = folder / relative
            if relative not in skip and path.is_file():
                found += known.unknown(((shown_as or folder) / relative).as_posix(),
                                       output_format.read_links(path.read_bytes()))
    if found:
        raise UnknownLinks(found)


def audit_site_links(site: Path, known: KnownLinks, feed: str, audited: str) -> None:
    """Every page of a built website, its search index and its feed ``feed``; UnknownLinks if a link leads
    elsewhere than the facts or the site. Files under the folder ``audited`` (the downloads) were audited
    as they were built."""
    found: list[tuple[str, str]] = []
    for page in sorted(site.rglob("*.html")):
        where = page.relative_to(site).as_posix()
        if not where.startswith(f"{audited}/"):
            found += known.unknown(where, html_links(page.read_bytes()))
    index = site / SEARCH_INDEX
    if index.is_file():
        for entry in json.loads(index.read_bytes())["docs"]:
            # The theme shows each entry's text as HTML in the search results.
            hrefs = [entry["location"], *(html_links(entry["text"]) if "<" in entry["text"] else [])]
            found += known.unknown(f"{SEARCH_INDEX} ({entry['location']})", hrefs)
    if (site / feed).is_file():
        root = ElementTree.fromstring((site / feed).read_bytes())
        found += known.unknown(feed, [href for element in root.iter() if (href := element.get("href")) is not None])
    if found:
        raise UnknownLinks(found)

