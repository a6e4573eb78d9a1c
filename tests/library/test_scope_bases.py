"""Adopting a library notice leaves out the purposes and categories that do not fit the school, and the lawful
bases follow: none still names what the notice no longer has, and a basis for nothing else goes with them."""

from __future__ import annotations

import yaml

from generator.library.profile import Profile
from generator.library.scope import fitted_text

NOTICE = """\
categories:
  - id: contact-details
    name: Contact details
  - id: childcare-codes
    applies_to:
      phases: [nursery]
    name: Funded childcare codes
purposes:
  - id: keep-in-touch
    description: keep in touch with you
  - id: funded-childcare
    applies_to:
      phases: [nursery]
    description: check your code for funded childcare
lawful_bases:
  - article: 6(1)(e)
    purposes: [keep-in-touch, funded-childcare]
  # For the funded places only.
  - article: 6(1)(c)
    purposes: [funded-childcare]
  - article: 9(2)(g)
    categories:
      - contact-details
      - childcare-codes
"""


def _adopted(phases: list[str]) -> dict:
    return yaml.safe_load(fitted_text(NOTICE, "parents.yaml", Profile("maintained-school", phases)))


def test_a_school_without_a_nursery_gets_bases_that_name_only_what_it_has() -> None:
    adopted = _adopted(["primary"])
    assert [purpose["id"] for purpose in adopted["purposes"]] == ["keep-in-touch"]
    assert adopted["lawful_bases"] == [{"article": "6(1)(e)", "purposes": ["keep-in-touch"]},
                                       {"article": "9(2)(g)", "categories": ["contact-details"]}]
    assert "For the funded places only" not in fitted_text(NOTICE, "parents.yaml", Profile("maintained-school", ["primary"]))


def test_a_school_with_a_nursery_keeps_every_basis_as_written() -> None:
    assert fitted_text(NOTICE, "parents.yaml", Profile("maintained-school", ["nursery", "primary"])) == NOTICE
