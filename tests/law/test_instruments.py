"""The catalogue of the law the notices cite: an instrument is found by its id, its citation or an alias."""

from generator.law.instruments import instruments, resolve


def test_an_instrument_is_found_by_its_id_or_its_citation_in_any_case() -> None:
    by_id = resolve("education-act-1996-s537a")
    assert by_id is not None and by_id.citation == "Section 537A of the Education Act 1996"
    assert resolve("section 537A of the Education Act 1996.") is by_id


def test_a_citation_the_catalogue_does_not_hold_is_not_guessed() -> None:
    assert resolve("Section 537 of the Education Act 1996") is None


def test_every_instrument_says_whom_it_binds_and_where_it_is_published() -> None:
    for instrument in instruments().values():
        assert instrument.binds, instrument.id
        assert instrument.url.startswith(("https://www.legislation.gov.uk/", "https://www.gov.uk/")), instrument.id
