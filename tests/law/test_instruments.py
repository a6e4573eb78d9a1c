"""The catalogue of the law the notices cite: an instrument is found by its id, its citation or an alias; every
instrument cited anywhere in the library and the example is in it with a quote; a bad entry is refused by name."""

from __future__ import annotations

import glob

import pytest
import yaml

from generator.law.instruments import (
    CatalogueError,
    instruments,
    parse,
    resolve,
    resolve_all,
)
from generator.library import LIBRARY
from generator.manual_law import citations_in
from tests.conftest import EXAMPLE

GOOD = {
    "id": "education-act-2002-s175", "citation": "Section 175 of the Education Act 2002",
    "url": "https://www.legislation.gov.uk/ukpga/2002/32/section/175", "supports": "duty",
    "binds": ["maintained-school"], "quote": "The governing body of a maintained school shall make arrangements",
    "checked": "2026-12-07",
}


def catalogue_of(*entries: dict) -> str:
    return yaml.safe_dump({"instruments": list(entries)}).replace("'2026-12-07'", "2026-12-07")


def refused(**changes: object) -> str:
    entry = {**GOOD, **changes}
    with pytest.raises(CatalogueError) as raised:
        parse(catalogue_of({key: value for key, value in entry.items() if value is not None}))
    return str(raised.value)


def test_an_instrument_is_found_by_its_id_or_its_citation_in_any_case() -> None:
    by_id = resolve("education-act-1996-s537a")
    assert by_id is not None and by_id.citation == "Section 537A of the Education Act 1996"
    assert resolve("section 537A of the Education Act 1996.") is by_id


def test_a_citation_the_catalogue_does_not_hold_is_not_guessed() -> None:
    assert resolve("Section 537 of the Education Act 1996") is None


def test_two_instruments_joined_by_and_are_both_found_and_nothing_half_known_is() -> None:
    both = resolve_all("Schedule 1, Part 2, paragraph 6 (statutory and government purposes) and paragraph 8 "
                       "(equality of opportunity or treatment)")
    assert [instrument.id for instrument in both or []] == ["dpa-2018-sch1-para6", "dpa-2018-sch1-para8"]
    assert resolve_all("dpa-2018-sch1-para6 and dpa-2018-sch1-para8") == both
    assert resolve_all("Section 537A of the Education Act 1996 and the Schools Act 2031") is None


def test_every_instrument_says_whom_it_binds_and_where_it_is_published() -> None:
    for instrument in instruments().values():
        assert instrument.binds, instrument.id
        assert instrument.url.startswith(("https://www.legislation.gov.uk/", "https://www.gov.uk/")), instrument.id


def _cited_anywhere() -> set[str]:
    files = glob.glob(str(LIBRARY / "**" / "*.yaml"), recursive=True) + glob.glob(str(EXAMPLE / "**" / "*.yaml"),
                                                                                    recursive=True)
    return {" ".join(text.split()) for path in files
            for text in citations_in(yaml.safe_load(open(path, encoding="utf-8")))}


def test_every_law_the_library_and_example_cite_is_a_catalogue_instrument_with_a_quote() -> None:
    cited = _cited_anywhere()
    assert len(cited) > 30  # the library and the example cite some 35 laws: the walk found them
    for text in sorted(cited):
        found = resolve_all(text)
        assert found, f"{text!r} is cited in the library or the example but is not in generator/law/instruments.yaml"
        for instrument in found:
            assert instrument.quote.strip(), instrument.id
            assert instrument.checked or instrument.source_note, (
                f"{instrument.id} was never checked and does not say why")


def test_the_law_that_reaches_only_some_ages_says_which() -> None:
    participation = instruments()["education-and-skills-act-2008-s14"]
    assert participation.ages is not None
    assert (participation.ages.lowest, participation.ages.highest) == (16, 17)
    youth_services = instruments()["education-act-1996-s507b"]
    assert youth_services.ages is not None and youth_services.ages.lowest == 13


def test_whom_the_safeguarding_duties_bind_follows_the_act() -> None:
    section_175 = instruments()["education-act-2002-s175"]
    assert section_175.binds_kind("maintained-school") and section_175.binds_kind("local-authority")
    assert not section_175.binds_kind("academy") and not section_175.binds_kind("academy-trust")
    standards = instruments()["independent-school-standards-regulations-2014"]
    assert standards.binds_kind("academy-trust") and not standards.binds_kind("maintained-school")
    assert instruments()["children-act-1989-s83"].binds == frozenset({"local-authority"})
    assert instruments()["dpa-2018-sch2-para2"].supports == "exemption"


def test_a_good_entry_loads() -> None:
    assert parse(catalogue_of(GOOD))["education-act-2002-s175"].checked is not None


def test_an_unknown_kind_of_organisation_is_refused_with_the_nearest() -> None:
    message = refused(binds=["maintained-schol"])
    assert "instrument 'education-act-2002-s175'" in message
    assert "'maintained-schol'" in message and "did you mean `maintained-school`?" in message


def test_a_missing_or_empty_quote_is_refused() -> None:
    assert "it has no `quote`" in refused(quote=None)
    assert "its `quote` is empty" in refused(quote=" ")


def test_an_address_off_legislation_gov_uk_is_refused() -> None:
    message = refused(url="https://www.example.com/education-act")
    assert "is not on legislation.gov.uk or gov.uk" in message


def test_an_unknown_key_an_unknown_support_and_a_silent_unchecked_entry_are_refused() -> None:
    assert "`qoute` is not a key of an instrument: did you mean `quote`?" in refused(qoute="x")
    assert "`supports: obligation` is none of duty" in refused(supports="obligation")
    assert "it has no `checked`" in refused(checked=None)
    unchecked = {**GOOD, "checked": None}
    with pytest.raises(CatalogueError, match="never checked"):
        parse(yaml.safe_dump({"instruments": [unchecked]}))


def test_one_citation_naming_two_instruments_is_refused() -> None:
    other = {**GOOD, "id": "education-act-2002-s175-copy"}
    with pytest.raises(CatalogueError, match="a citation must name one law"):
        parse(catalogue_of(GOOD, other))
