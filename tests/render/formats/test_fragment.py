"""The HTML fragment for a school's CMS: no document wrapper, no JavaScript, CSS that only touches the notice."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
import tinycss2

WRAPPER = ".privacy-notice-embed"


@pytest.fixture(scope="module")
def fragment(example_build: Path) -> str:
    return (example_build / "oakmoor" / "children-in-need.fragment.html").read_text("utf-8")


def test_the_fragment_is_one_wrapper_without_html_head_or_body(fragment: str) -> None:
    for tag in ("<html", "<head", "<body", "<!doctype"):
        assert tag not in fragment.lower()
    (wrapper,) = lxml.html.fragments_fromstring(fragment)
    assert wrapper.tag == "div" and wrapper.get("class") == WRAPPER[1:] and wrapper.get("lang") == "en-GB"


def test_the_fragment_has_no_javascript(fragment: str) -> None:
    root = lxml.html.fragment_fromstring(fragment)
    assert root.xpath("//script") == []
    for element in root.iter():
        assert not any(name.lower().startswith("on") for name in element.attrib), element.tag
        assert not (element.get("href") or "").lower().startswith("javascript:")


def test_every_css_rule_is_scoped_to_the_wrapper(fragment: str) -> None:
    (style,) = lxml.html.fragment_fromstring(fragment).xpath("//style")
    rules = [rule for rule in tinycss2.parse_stylesheet(style.text, skip_comments=True, skip_whitespace=True)]
    assert rules
    for rule in rules:
        assert rule.type == "qualified-rule", "at-rules could escape the wrapper"
        for selector in tinycss2.serialize(rule.prelude).split(","):
            assert selector.strip().startswith(WRAPPER), selector
