"""Screenshots of the home page, a notice and a hub page at phone and desktop width, whole pages, for a reviewer to look at (`--screenshots DIR` keeps them)."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from tests.site.conftest import DESKTOP, PAGE_TYPES, PHONE

SHOWN = ("home", "notice", "how long we keep it")


@pytest.fixture(scope="module")
def screenshot_folder(request, tmp_path_factory) -> Path:
    """``--screenshots DIR`` (git ignores /screenshots/), or a temporary folder when not asked for."""
    folder = request.config.getoption("--screenshots") or tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("kind", SHOWN)
def test_a_screenshot_of_the_whole_page_at_each_width(site_url, open_page, screenshot_folder, kind, width):
    page = open_page(width).page
    page.goto(site_url + PAGE_TYPES[kind], wait_until="networkidle")
    shot = screenshot_folder / f"{kind.replace(' ', '-')}-{width}.png"
    page.screenshot(path=shot, full_page=True)
    shot_width, shot_height = _png_size(shot)
    assert shot_width == width  # no sideways scrolling made the page wider than the screen
    assert shot_height >= page.evaluate("document.documentElement.scrollHeight")  # the whole page, not the screen
