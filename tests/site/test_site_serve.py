"""'notices serve' previews the site, rebuilds it when a fact changes, and answers only at its own address."""

from __future__ import annotations

import contextlib
import http.client
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

NOTICES = Path(sys.executable).parent / "notices"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str, text: str, seconds: float) -> str:
    """The page at ``url`` once it contains ``text``; fails the test after ``seconds``."""
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8")
            if text in body:
                return body
        except (urllib.error.URLError, ConnectionError, TimeoutError):  # a rebuild under load can outlast a read
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} did not show {text!r} within {seconds}s")


def _get(port: int, path: str, host: str) -> tuple[int, str]:
    """GET ``path`` from the preview with the Host header a browser would send for ``host``."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": host})
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8")
    finally:
        connection.close()


def test_a_request_for_another_host_name_is_refused_and_one_for_the_preview_is_answered(project_copy, tmp_path):
    # DNS rebinding: a page on evil.example points that name at 127.0.0.1 and reads the preview.
    port = _free_port()
    with _serving(project_copy, port, tmp_path):
        _wait_for(f"http://127.0.0.1:{port}/schools/oakmoor/", "01420 472132", 120)
        for forged in (f"evil.example:{port}", "evil.example", f"127.0.0.1.evil.example:{port}", ""):
            status, body = _get(port, "/schools/oakmoor/", forged)
            assert status == 403, forged
            assert "01420 472132" not in body
            assert f"This preview answers only at http://127.0.0.1:{port}/" in body
        status, _ = _get(port, "/livereload/0/0", f"evil.example:{port}")
        assert status == 403
        for own in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}"):
            status, body = _get(port, "/schools/oakmoor/", own)
            assert status == 200 and "01420 472132" in body, own


ODD_PATHS = ["/%00", "/index.html%00.png", "/%2e%2e/", "/%2e%2e/%2e%2e/etc/passwd", "/schools/%2e/oakmoor/",
             "/a%0d%0aSet-Cookie:%20x=1", "/" + "x" * 5000, "/schools/" + "y" * 300 + "/", "/%ff%fe"]


def test_an_address_no_page_can_have_is_a_bad_request_or_not_found_and_the_preview_keeps_serving(project_copy,
                                                                                                 tmp_path):
    port = _free_port()
    host = f"127.0.0.1:{port}"
    with _serving(project_copy, port, tmp_path):
        _wait_for(f"http://{host}/schools/oakmoor/", "01420 472132", 120)
        for path in ODD_PATHS:
            status, body = _get(port, path, host)
            assert status in (400, 404), f"{path[:40]}: {status}"
            assert "01420 472132" not in body and "root:" not in body
            status, body = _get(port, "/schools/oakmoor/", host)
            assert status == 200 and "01420 472132" in body, f"after {path[:40]}"
        status, body = _get(port, "/%00", host)
        assert (status, body) == (400, "No page of this preview has an address like that: open the preview's "
                                        "home page and follow its links.\n")
    assert "Internal Server Error" not in (tmp_path / "serve.log").read_text("utf-8")


@contextlib.contextmanager
def _serving(project: Path, port: int, tmp_path: Path) -> Iterator[None]:
    """'notices serve' running in ``project`` on ``port``, stopped at the end."""
    with (tmp_path / "serve.log").open("w") as log:
        server = subprocess.Popen([str(NOTICES), "serve", "--port", str(port)], cwd=project,
                                  stdout=log, stderr=subprocess.STDOUT)
        try:
            yield
        finally:
            server.terminate()
            server.wait(timeout=30)


def test_editing_a_fact_or_a_template_while_serving_shows_after_reload(project_copy, tmp_path):
    port = _free_port()
    with _serving(project_copy, port, tmp_path):
        url = f"http://127.0.0.1:{port}/schools/oakmoor/"
        _wait_for(url, "01420 472132", 120)
        school = project_copy / "notices/schools/oakmoor.yaml"
        school.write_text(school.read_text().replace('"01420 472132"', '"01420 555123"'))
        page = _wait_for(url, "01420 555123", 120)
        assert "01420 472132" not in page
        home = project_copy / "templates/site/home.md.j2"
        home.write_text(home.read_text().replace("## Our schools", "## The schools of our trust"))
        _wait_for(f"http://127.0.0.1:{port}/", "The schools of our trust", 120)
