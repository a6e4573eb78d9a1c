"""The page "See the information we hold about you or your child": how to ask, what to include, when we reply and
when that can take longer, what the Data (Use and Access) Act 2025 changed, with the contacts the facts give and
the law from its catalogue; a school with no contact gives none."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.check import check_project
from generator.law.instruments import instruments
from generator.project import load_project
from generator.render.formats import RenderContext
from generator.site.pages import site_nav, site_pages
from tests.conftest import EXAMPLE, TEMPLATES

SLUG = "see-your-information.md"


def _pages(facts: Path):
    return site_pages(load_project(facts).notices, RenderContext(TEMPLATES))


def _page(facts: Path) -> str:
    return next(page for page in _pages(facts) if page.src_uri == SLUG).markdown


def test_the_page_says_how_to_ask_and_whom_with_the_contacts_of_the_facts() -> None:
    page = _page(EXAMPLE)
    assert page.startswith("# See the information we hold about you or your child\n")
    for heading in ("How to ask", "What to include", "When we reply", "What the Data (Use and Access) Act 2025 changed",
                    "What you receive", "If you are not happy"):
        assert f"\n## {heading}\n" in page
    assert "01420 472132" in page and "mailto:enquiries@oakmoor.hants.sch.uk" in page  # Oakmoor's contact
    assert "mailto:unicat@chi.ac.uk" in page  # the DPO, and the trust's complaints email
    assert "https://ico.org.uk/concerns/" in page


def test_it_gives_the_time_limit_when_it_starts_stops_and_can_be_extended() -> None:
    page = " ".join(_page(EXAMPLE).split())
    assert "at the latest within one month" in page
    assert "If we need proof of who you are, it runs from the day we receive it" in page
    assert "the days from our question to your answer do not count" in page
    assert "up to two more months" in page and "within the first month" in page
    assert "Since 5 February 2026" in page  # the day Article 12A took effect, from the dated law
    assert "reasonable and proportionate search" in page


def test_it_cites_the_law_by_the_catalogue() -> None:
    page = _page(EXAMPLE)
    for instrument_id in ("uk-gdpr-article-12", "uk-gdpr-article-15", "duaa-2025-s76", "duaa-2025-s78"):
        assert instruments()[instrument_id].citation in page
    # Oakmoor is an academy: the maintained schools' educational record regulation does not bind it.
    assert "fifteen school days" not in page


def test_a_maintained_school_tells_parents_of_the_educational_record(example_copy: Path) -> None:
    path = example_copy / "organisation.yaml"
    facts = yaml.safe_load(path.read_text("utf-8"))
    facts["kind"] = "maintained-school"
    path.write_text(yaml.safe_dump(facts, sort_keys=False), "utf-8")
    assert "within fifteen school days" in _page(example_copy)


def test_it_is_in_the_menu() -> None:
    assert {"See the information we hold about you or your child": SLUG} in site_nav(_pages(EXAMPLE))


def test_a_school_with_no_contact_is_a_finding_and_the_page_invents_none(example_copy: Path) -> None:
    path = example_copy / "schools" / "oakmoor.yaml"
    facts = yaml.safe_load(path.read_text("utf-8"))
    del facts["contact"]
    path.write_text(yaml.safe_dump(facts, sort_keys=False), "utf-8")
    page = _page(example_copy)
    assert "01420 472132" not in page and "Telephone:" not in page.split("## What to include")[0]
    assert "mailto:unicat@chi.ac.uk" in page  # the DPO the facts give is still there
    assert any(finding.rule == "A13.1.a" for finding in check_project(load_project(example_copy)))
