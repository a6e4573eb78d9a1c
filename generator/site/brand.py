"""The website's identity from the facts: the name, logo and colours each page shows, and the site's address.

The organisation's ``brand`` is every page's; a school's own ``brand`` replaces any part of it on
that school's pages. Nothing here is invented: without a brand, the name shown is the legal name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from markupsafe import Markup

from generator.facts.contrast import DARK_PAGE_BACKGROUND, nearest_passing
from generator.facts.link_targets import link_target
from generator.facts.load import FactTree
from generator.facts.models import Brand, BrandColours
from generator.site.pages import theme_title

LOGO_FOLDER = "assets/brand"


@dataclass(frozen=True)
class PageBrand:
    """What one page shows of an organisation or school: its name, its logo's file and place in the site, its colours."""

    name: str
    logo: Path | None = None  # the picture in the facts folder
    logo_uri: str | None = None  # where the site serves it
    colours: BrandColours | None = None

    @property
    def title(self) -> Markup:
        return theme_title(self.name)

    def style(self) -> str:
        """The theme's colour variables for these colours: hexadecimal digits only, checked as the facts load."""
        if self.colours is None:
            return ""
        header, text, links = self.colours.header, self.colours.header_text, self.colours.link_colour
        dark_links = nearest_passing(links, DARK_PAGE_BACKGROUND)  # the links' hue, light enough for the dark scheme
        return (f":root > * {{ --md-primary-fg-color: {header}; --md-primary-fg-color--light: {header}; "
                f"--md-primary-fg-color--dark: {header}; --md-primary-bg-color: {text}; "
                f"--md-primary-bg-color--light: {text}; --md-typeset-a-color: {links}; "
                f"--md-accent-fg-color: {links}; }}\n"
                f":root > [data-md-color-scheme=\"slate\"] {{ --md-typeset-a-color: {dark_links}; "
                f"--md-accent-fg-color: {dark_links}; }}\n")


def _logo(tree: FactTree, brand: Brand, owner: str) -> tuple[Path | None, str | None]:
    """The logo's file (checked as the facts loaded: generator/facts/logo.py) and its place in the site."""
    if brand.logo is None:
        return None, None
    return tree.root / brand.logo, f"{LOGO_FOLDER}/{owner}{PurePosixPath(brand.logo).suffix.lower()}"


def organisation_brand(tree: FactTree, fallback: str) -> PageBrand:
    """The organisation's: every page's unless a school has its own. ``fallback``: mkdocs.yml's site_name."""
    brand = tree.organisation.brand or Brand()
    logo, logo_uri = _logo(tree, brand, "organisation")
    return PageBrand(brand.name or tree.organisation.name or fallback, logo, logo_uri, brand.colours)


def school_brand(tree: FactTree, school_id: str, school_name: str, site: PageBrand) -> PageBrand:
    """A school's pages: the school's name, and its own logo and colours where it has them."""
    school = tree.schools.get(school_id)
    brand = school.brand if school is not None and school.brand else None
    if brand is None:
        return PageBrand(school_name if school is not None else site.name, site.logo, site.logo_uri, site.colours)
    logo, logo_uri = _logo(tree, brand, school_id)
    return PageBrand(brand.name or school_name, logo or site.logo, logo_uri or site.logo_uri,
                     brand.colours or site.colours)


def site_address(tree: FactTree) -> str | None:
    """The address the site is published at, ending in / as MkDocs joins page addresses to it; encoded as
    every link from the facts is (``link_target``), since the pages and the feed link under it."""
    brand = tree.organisation.brand
    text = link_target(str(brand.site_address)) if brand is not None and brand.site_address is not None else None
    if text is None:
        return None
    return text if text.endswith("/") else text + "/"
