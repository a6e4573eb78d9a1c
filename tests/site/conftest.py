"""The website, built once per session from a copy of the project, served on 127.0.0.1 (Chromium: tests/conftest.py)."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.site.build_site import build_site
from tests.conftest import PROJECT

SITE_INPUTS = ("mkdocs.yml", "notices", "templates", "site_overrides")
# One page of each kind the site has.
PAGE_TYPES = {
    "home": "",
    "school": "schools/oakmoor/",
    "notice": "schools/oakmoor/children-in-need/",
    "what we hold": "what-we-hold/",
    "who we share with": "who-we-share-with/",
    "how long we keep it": "how-long-we-keep-it/",
    "your rights": "your-rights/",
    "contact us": "contact-us/",
    "changes": "changes/",
    "not found": "404.html",
    "see your information": "see-your-information/",
}
PHONE, DESKTOP = 375, 1280


def copy_project(target: Path) -> Path:
    """What the website is built from (settings, facts, templates, theme overrides), copied under ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SITE_INPUTS:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    return target


class SiteServer:
    """A built site served by http.server in a thread, on 127.0.0.1 and a free port.

    With ``not_found`` (a file under ``folder``), a missing address gets that page with status 404 at
    any depth, as GitHub Pages and most web servers answer.
    """

    def __init__(self, folder: Path, not_found: str | None = None):
        handler = functools.partial(_QuietHandler, directory=str(folder),
                                    not_found=(folder / not_found).read_bytes() if not_found else None)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, not_found: bytes | None = None, **kwargs):
        self.not_found = not_found
        super().__init__(*args, **kwargs)

    def send_error(self, code, message=None, explain=None) -> None:
        if code != 404 or self.not_found is None:
            super().send_error(code, message, explain)
            return
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.not_found)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(self.not_found)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def example_project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("project"))


@pytest.fixture(scope="session")
def built_site(example_project: Path) -> Path:
    """The example's website, built in strict mode (any MkDocs warning fails the build)."""
    return build_site(example_project / "mkdocs.yml", example_project / "site")


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    server = SiteServer(built_site)
    yield server.url
    server.close()


class LoggedPage:
    """A browser page that remembers the host of every request it made."""

    def __init__(self, browser, width: int):
        self.context = browser.new_context(viewport={"width": width, "height": 800})
        self.page = self.context.new_page()
        self.hosts: set[str] = set()
        self.page.on("request", lambda request: self.hosts.add(urlsplit(request.url).netloc))

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def open_page(chromium):
    """``open_page(width)``: a fresh page at that viewport width, closed after the test."""
    pages: list[LoggedPage] = []

    def opener(width: int = 1280) -> LoggedPage:
        pages.append(LoggedPage(chromium, width))
        return pages[-1]

    yield opener
    for logged in pages:
        logged.close()


def set_plugin_option(config: Path, option: str, value: str) -> Path:
    """Give the ``notices`` plugin one more option in the settings file ``config``."""
    text = config.read_text("utf-8")
    assert text.count("  - notices:\n") == 1, f"{config} lists the notices plugin once, with its options"
    config.write_text(text.replace("  - notices:\n", f"  - notices:\n      {option}: {value}\n"), "utf-8")
    return config


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the website's inputs that a test may change."""
    return copy_project(tmp_path / "project")
