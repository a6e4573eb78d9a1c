"""A brand colour people with low vision could not read is refused at its line, naming a colour of the same hue that passes; a logo must be a picture inside the facts folder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.facts.contrast import MINIMUM, contrast
from tests.conftest import PROJECT, notices
from tests.facts.conftest import edit, line_of, refused

TRUST_COLOUR = 'header: "#1f4e79"'


@pytest.mark.parametrize("colours, field, failing, against", [
    ('header: "#ffcc00"', "header", "#ffcc00", "#ffffff"),  # white text on yellow
    ('header: "#1f4e79"\n    header_text: "#8fb3d9"', "header", "#1f4e79", "#8fb3d9"),  # light blue text on blue
    ('header: "#1f4e79"\n    links: "#9e9e9e"', "links", "#9e9e9e", "#ffffff"),  # grey links on the white page
])
def test_a_colour_with_too_little_contrast_is_refused_at_its_line_with_one_that_passes(
        example_copy: Path, colours: str, field: str, failing: str, against: str) -> None:
    organisation = example_copy / "organisation.yaml"
    edit(organisation, TRUST_COLOUR, colours)
    where, first = refused(example_copy)
    assert (where["file"], int(where["line"])) == ("organisation.yaml", line_of(organisation, f"    {field}: "))
    assert f"brand.colours.{field}: " in first and "less than the 4.5:1" in first
    suggested = re.search(r"(#[0-9a-f]{6}) is the nearest colour of the same hue", first)[1]
    assert contrast(suggested, against) >= MINIMUM, first
    edit(organisation, f'{field}: "{failing}"', f'{field}: "{suggested}"')
    assert notices("check", "--facts", str(example_copy)).exit_code == 0


def test_a_light_header_colour_is_refused_for_the_links_it_colours_too(example_copy: Path) -> None:
    edit(example_copy / "organisation.yaml", TRUST_COLOUR, 'header: "#ffcc00"\n    header_text: "#000000"')
    _, first = refused(example_copy)
    assert "the header colour colours the links too" in first and "or set links to a colour of their own" in first


def test_a_light_header_with_dark_text_and_dark_links_is_accepted(example_copy: Path) -> None:
    edit(example_copy / "organisation.yaml", TRUST_COLOUR,
         'header: "#ffcc00"\n    header_text: "#000000"\n    links: "#1f4e79"')
    assert notices("check", "--facts", str(example_copy)).exit_code == 0


def test_a_colour_that_is_not_one_says_how_to_write_it(example_copy: Path) -> None:
    edit(example_copy / "schools/oakmoor.yaml", 'header: "#2e5e2b"', "header: dark green")
    where, first = refused(example_copy)
    assert where["file"] == "schools/oakmoor.yaml"
    assert "'dark green' is not a colour" in first and '"#1f4e79"' in first


@pytest.mark.parametrize("logo", ["brand/logo.gif", "../brand/trust-logo.png", "/etc/logo.png"])
def test_a_logo_of_another_kind_or_outside_the_facts_is_refused(example_copy: Path, logo: str) -> None:
    organisation = example_copy / "organisation.yaml"
    edit(organisation, "logo: brand/trust-logo.png", f"logo: {logo}")
    where, first = refused(example_copy)
    assert int(where["line"]) == line_of(organisation, "  logo: ")
    assert "is not a PNG, JPEG, WebP or SVG file inside the facts folder" in first


TRUST_LOGO = (PROJECT / "notices/brand/trust-logo.png").read_bytes()
SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">\n{}\n</svg>'
PLAIN_DRAWING = '<defs><linearGradient id="g"/></defs><rect width="10" height="10" style="fill: url(#g)"/>'


def _logo_saved_as(facts: Path, name: str, content: bytes) -> Path:
    """The trust's logo replaced by ``content`` saved as brand/``name``; returns organisation.yaml."""
    (facts / "brand" / name).write_bytes(content)
    organisation = facts / "organisation.yaml"
    edit(organisation, "logo: brand/trust-logo.png", f"logo: brand/{name}")
    return organisation


@pytest.mark.parametrize("name, content, problem", [
    ("logo.png", SVG.format("<script>alert(document.domain)</script>").encode(),
     "'brand/logo.png' is named as a PNG picture, but its content is an SVG file."),
    ("logo.jpg", (PROJECT / "notices/brand/trust-logo.png").read_bytes(),
     "'brand/logo.jpg' is named as a JPEG picture, but its content is a PNG file."),
    ("logo.webp", b"<html><script>alert(1)</script></html>",
     "'brand/logo.webp' is named as a WebP picture, but its content is not a picture we can read."),
    ("logo.png", TRUST_LOGO[:len(TRUST_LOGO) // 2],
     "'brand/logo.png' is a damaged PNG file: it is cut short, so the PDFs could not show it."),
    ("logo.png", TRUST_LOGO[:60] + bytes([TRUST_LOGO[60] ^ 0xFF]) + TRUST_LOGO[61:],
     "'brand/logo.png' is a damaged PNG file: its IDAT part does not match its checksum"),
    ("logo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"cut short",
     "'brand/logo.jpg' is a damaged JPEG file: it does not end as a JPEG picture ends (it may be cut short)"),
    ("logo.webp", b"RIFF\xe8\x03\x00\x00WEBPVP8 " + b"cut short",
     "'brand/logo.webp' is a damaged WebP file: it is shorter than its own header says"),
    ("logo.svg", SVG.format("<script>alert(1)</script>").encode(),
     "'brand/logo.svg' holds a <script> element (line 2 of the drawing), which would run or load on the website."),
    ("logo.svg", SVG.format('<rect width="10" height="10" onload="alert(1)"/>').encode(),
     "'brand/logo.svg' holds an event handler (onload=) (line 2 of the drawing)"),
    ("logo.svg", SVG.format('<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">hi</p></foreignObject>').encode(),
     "'brand/logo.svg' holds a <foreignObject> element (line 2 of the drawing)"),
    ("logo.svg", SVG.format('<image xlink:href="https://tracker.example/pixel.png"/>').encode(),
     "'brand/logo.svg' refers to another file or address (href=\"https://tracker.example/pixel.png\")"),
    ("logo.svg", SVG.format('<a href="javascript:alert(1)"><rect width="1" height="1"/></a>').encode(),
     "'brand/logo.svg' refers to another file or address (href=\"javascript:alert(1)\")"),
    ("logo.svg", SVG.format('<set attributeName="href" to="javascript:alert(1)"/>').encode(),
     "'brand/logo.svg' changes a link as it animates"),
    ("logo.svg", SVG.format('<style>@import url(https://tracker.example/a.css);</style>').encode(),
     "'brand/logo.svg' loads something from its <style> (line 2 of the drawing)"),
    ("logo.svg", b'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n'
                 + SVG.format("<text>&b;</text>").encode(),
     "'brand/logo.svg' declares entities of its own (a <!DOCTYPE> with [ ])"),
    ("logo.svg", b'<?xml version="1.0"?>\n<?xml-stylesheet href="https://tracker.example/a.css"?>\n'
                 + SVG.format("").encode(),
     "'brand/logo.svg' holds a processing instruction <?xml-stylesheet?> (line 2 of the drawing)"),
])
def test_a_logo_that_is_not_the_picture_its_name_says_or_runs_something_is_refused_by_check_at_its_line(
        example_copy: Path, name: str, content: bytes, problem: str) -> None:
    organisation = _logo_saved_as(example_copy, name, content)
    where, first = refused(example_copy)
    assert (where["file"], int(where["line"])) == ("organisation.yaml", line_of(organisation, "  logo: "))
    assert f"brand.logo: {problem}" in first


def test_a_logo_larger_than_the_limit_is_refused_with_its_size(example_copy: Path) -> None:
    png = (PROJECT / "notices/brand/trust-logo.png").read_bytes()
    _logo_saved_as(example_copy, "huge.png", png + bytes(3 * 1024 * 1024))
    _, first = refused(example_copy)
    assert "brand.logo: 'brand/huge.png' is 3.0 MB; a logo may be at most 1 MB. Save a smaller copy" in first


def test_a_plain_svg_drawing_with_a_public_doctype_is_accepted(example_copy: Path) -> None:
    drawing = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
               '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n' + SVG.format(PLAIN_DRAWING)).encode()
    _logo_saved_as(example_copy, "logo.svg", drawing)
    result = notices("check", "--facts", str(example_copy))
    assert result.exit_code == 0, result.output


def test_a_school_cannot_set_the_website_address(example_copy: Path) -> None:
    edit(example_copy / "schools/oakmoor.yaml", "brand:\n", "brand:\n  site_address: https://oakmoor.example.org/\n")
    where, first = refused(example_copy)
    assert where["file"] == "schools/oakmoor.yaml" and "'site_address' is not a key" in first
