"""'notices serve' previews the site and rebuilds it when a fact changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

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
        except (urllib.error.URLError, ConnectionError, TimeoutError):  # a busy machine: the rebuild is slow
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} did not show {text!r} within {seconds}s")


def test_editing_a_fact_or_a_template_while_serving_shows_after_reload(project_copy, tmp_path):
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([str(NOTICES), "serve", "--port", str(port)], cwd=project_copy,
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/schools/oakmoor/"
        _wait_for(url, "01420 472132", 120)
        school = project_copy / "notices/schools/oakmoor.yaml"
        school.write_text(school.read_text().replace('"01420 472132"', '"01420 555123"'))
        page = _wait_for(url, "01420 555123", 120)
        assert "01420 472132" not in page
        home = project_copy / "templates/site/home.md.j2"
        home.write_text(home.read_text().replace("## Our schools", "## The schools of our trust"))
        _wait_for(f"http://127.0.0.1:{port}/", "The schools of our trust", 120)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
