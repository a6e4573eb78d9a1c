"""A brand colour people with low vision could not read is refused at its line, naming a colour of the same hue that passes; a logo must be a picture inside the facts folder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.facts.contrast import MINIMUM, contrast
from tests.conftest import notices
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
    where, first = refused(example_copy)
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


@pytest.mark.parametrize("logo", ["brand/logo.svg", "../brand/trust-logo.png", "/etc/logo.png"])
def test_a_logo_that_could_run_script_or_lies_outside_the_facts_is_refused(example_copy: Path, logo: str) -> None:
    organisation = example_copy / "organisation.yaml"
    edit(organisation, "logo: brand/trust-logo.png", f"logo: {logo}")
    where, first = refused(example_copy)
    assert int(where["line"]) == line_of(organisation, "  logo: ")
    assert "is not a PNG, JPEG or WebP file inside the facts folder" in first


def test_a_school_cannot_set_the_website_address(example_copy: Path) -> None:
    edit(example_copy / "schools/oakmoor.yaml", "brand:\n", "brand:\n  site_address: https://oakmoor.example.org/\n")
    where, first = refused(example_copy)
    assert where["file"] == "schools/oakmoor.yaml" and "'site_address' is not a key" in first
