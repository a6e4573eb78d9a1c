"""``notices verify``: whether the live website (or a school's own page carrying a fragment) shows the notices
the facts publish now.

Each notice page and fragment carries a marker (generator/render/notice_marker.py). The live pages are
fetched with the standard library, read for their markers and compared with the markers the current
facts and templates make; what differs is said in plain words.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
from mkdocs.structure.files import File

from generator.check.gate import publishable_notices
from generator.facts.cascade import ResolvedNotice
from generator.notices_error import NoticesError
from generator.project import load_project
from generator.render.formats import RenderContext
from generator.render.notice_marker import ATTRIBUTE, NoticeMarker
from generator.site.pages import SitePage, site_pages
from generator.site.plugin import read_site_config

TIMEOUT_SECONDS = 20
LARGEST_PAGE = 5 * 1024 * 1024  # a notice page is some 100 KB; more is not a page of ours
SCHEMES = ("http", "https")
RETRY_SECONDS = 15


class PageNotRead(NoticesError):
    """A page that could not be read, with the reason in plain words."""


@dataclass(frozen=True)
class Expected:
    """A notice page the facts publish now: its marker, its name for people, and its path in the site."""

    marker: NoticeMarker
    name: str
    path: str  # the page's address relative to the site's, e.g. schools/oakmoor/children-in-need/


@dataclass(frozen=True)
class Finding:
    """What the live site shows of one notice; ``current`` is False for a stale or missing one."""

    name: str
    current: bool
    words: str

    def line(self) -> str:
        return f"{'current' if self.current else 'STALE'}: {self.name}: {self.words}"


def expected_pages(config_file: Path) -> list[Expected]:
    """The notice pages the site of ``config_file`` publishes now (no download is rendered)."""
    config, plugin = read_site_config(config_file)
    project = config_file.resolve().parent
    notices = publishable_notices(load_project(project / plugin.config.facts), plugin.config.publish_incomplete)
    directory_urls = config.use_directory_urls and not plugin.config.portable
    pages = site_pages(notices, RenderContext(templates=project / plugin.config.templates))
    return [_expected(page, page.notice, File(page.src_uri, None, "", directory_urls).url)
            for page in pages if page.notice]


def _expected(page: SitePage, notice: ResolvedNotice, path: str) -> Expected:
    version = ("" if notice.children is None else f" (children's version, ages {notice.children.ages})"
               if notice.children.banded else " (children's version)")
    return Expected(NoticeMarker.of(notice, page.markdown), f"{notice.id}{version} at {notice.variant.id}", path)


class _WebOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to another http(s) address (urllib would also follow one to ftp)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme not in SCHEMES:
            raise PageNotRead(f"{req.full_url} sends the reader to {newurl}, which is not a web page")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_WebOnlyRedirects)


def read_page(url: str) -> bytes:
    """The page at ``url``, fetched over http(s) within the time and size limits; PageNotRead otherwise."""
    if urlsplit(url).scheme not in SCHEMES or not urlsplit(url).hostname:
        raise PageNotRead(f"'{url}' is not a web address: write it in full, e.g. https://notices.example.org/")
    request = urllib.request.Request(url, headers={"User-Agent": "privacy-notices verify",
                                                   "Cache-Control": "no-cache"})
    try:
        with _OPENER.open(request, timeout=TIMEOUT_SECONDS) as response:
            content = response.read(LARGEST_PAGE + 1)
    except urllib.error.HTTPError as problem:
        raise PageNotRead(f"{url} answered {problem.code} {problem.reason}") from None
    except urllib.error.URLError as problem:
        raise PageNotRead(f"{url} could not be reached ({_reason(problem.reason)})") from None
    except TimeoutError:
        raise PageNotRead(f"{url} did not answer within {TIMEOUT_SECONDS} seconds") from None
    except OSError as problem:
        raise PageNotRead(f"{url} could not be read ({_reason(problem)})") from None
    if len(content) > LARGEST_PAGE:
        raise PageNotRead(f"{url} is larger than {LARGEST_PAGE // (1024 * 1024)} MB: it is not a notice page")
    return content


def _reason(problem: object) -> str:
    return getattr(problem, "strerror", None) or str(problem)


def served_markers(content: bytes) -> list[NoticeMarker]:
    """The notice markers a page carries: one on a notice page of the site, one per pasted fragment."""
    if not content.strip():
        return []
    document = lxml.html.document_fromstring(content)
    return [NoticeMarker.from_attributes(dict(element.attrib)) for element in document.iter()
            if isinstance(element.tag, str) and element.get(ATTRIBUTE)]


def compare(expected: Expected, served: NoticeMarker, where: str) -> Finding:
    """One notice as ``where`` ("the site", "the page") shows it, against what the facts publish now."""
    now = expected.marker
    if (served.version, served.reviewed) != (now.version, now.reviewed):
        return Finding(expected.name, False, f"{where} shows {served.edition()}; the facts say {now.edition()}.")
    if served.digest != now.digest:
        return Finding(expected.name, False, f"{where} shows {served.edition()}, as the facts do, but with other "
                       "wording: the facts or the templates changed since it was published.")
    return Finding(expected.name, True, f"{where} shows {now.edition()}.")


def verify(url: str, expected: list[Expected]) -> list[Finding]:
    """Each notice the facts publish, as ``url`` shows it.

    A page that carries notice markers (a school's own page with pasted fragments, or one notice page)
    is judged on the notices it carries. Otherwise ``url`` is the website's address, and each notice's
    page under it is fetched. Raises PageNotRead when ``url`` itself cannot be read.
    """
    markers = served_markers(read_page(url))
    by_key = {item.marker.key: item for item in expected}
    if markers:
        unknown = [Finding(marker.key, False, "the page shows a notice the facts no longer publish.")
                   for marker in markers if marker.key not in by_key]
        return [compare(by_key[marker.key], marker, "the page") for marker in markers if marker.key in by_key] + unknown
    base = url if url.endswith("/") else url + "/"
    findings = []
    for item in expected:
        page_url = urljoin(base, item.path)
        try:
            served = [marker for marker in served_markers(read_page(page_url)) if marker.key == item.marker.key]
        except PageNotRead as problem:
            findings.append(Finding(item.name, False, f"not on the site: {problem}; the facts publish "
                                    f"{item.marker.edition()}."))
            continue
        if not served:
            findings.append(Finding(item.name, False, f"the page {page_url} carries no notice marker (it was built "
                                    "by an older version of the tool, or without its site_overrides/); the facts "
                                    f"publish {item.marker.edition()}."))
            continue
        findings.append(compare(item, served[0], f"the site ({page_url})"))
    return findings


def verify_all(urls: list[str], expected: list[Expected], wait: float = 0,
               sleep: Callable[[float], None] = time.sleep) -> list[Finding]:
    """Each address's findings; while any is stale and ``wait`` seconds have not passed, ask again (a host
    may serve the previous pages for a while after a deploy)."""
    deadline = time.monotonic() + wait
    while True:
        findings = [finding for url in urls for finding in verify(url, expected)]
        if all(finding.current for finding in findings) or time.monotonic() + RETRY_SECONDS > deadline:
            return findings
        sleep(RETRY_SECONDS)
