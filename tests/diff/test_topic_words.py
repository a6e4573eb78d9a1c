"""The change-list entry that the review suggests names what changed in words for parents: words declared
with each field's topic (Role.words), listed in the order the notice shows its sections."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from generator.diff.compare import ALL_FACTS, BOOKKEEPING, ListFacts, ObjectFacts, _facts_read_off
from generator.diff.review import TOPIC_WORDS, change_list_summary
from generator.facts.models import Category, Contact, FactModel
from generator.facts.roles import Role
from generator.facts.sections import SECTIONS


def without_words(facts: list[ObjectFacts | ListFacts]) -> set[str]:
    """The topics a change can be filed under that the suggested change-list entry could not name."""
    named = {part.topic for part in facts if part.words}
    return {part.topic for part in facts} - BOOKKEEPING - named


def test_every_topic_a_change_can_be_filed_under_has_words_for_the_change_list():
    assert without_words(ALL_FACTS) == set()
    assert set(TOPIC_WORDS) == {facts.topic for facts in ALL_FACTS} - BOOKKEEPING


def test_a_new_field_of_its_own_topic_without_words_is_found():
    """What a developer adding a list or a model to a notice without `words` meets: the test above fails."""
    class WithNewFields(FactModel):
        title: Annotated[str, Role("title")] = "A notice"
        extras: Annotated[list[Category], Role("extras", key=("id",))] = Field(default_factory=list)
        helper: Annotated[Contact | None, Role("the helper", words="who helps you")] = None

    facts = list(_facts_read_off(WithNewFields, "notice", "The notice", "what the notice covers", ("notice",)))

    assert without_words(facts) == {"extras"}  # the title is the notice's; the helper has its words


def test_a_topic_has_one_set_of_words():
    """Two fields sharing a topic (the organisation's and the notice's contact) do not name it two ways."""
    for facts in ALL_FACTS:
        assert facts.words in (None, TOPIC_WORDS.get(facts.topic)), facts.topic


def test_the_words_follow_the_order_the_notice_shows_its_sections():
    order = [section.anchor for section in SECTIONS]
    places = {facts.topic: facts.place for facts in ALL_FACTS if facts.topic in TOPIC_WORDS}
    assert [places[topic] for topic in TOPIC_WORDS] == sorted(places[topic] for topic in TOPIC_WORDS)
    assert places["retention"] == order.index("how-long-we-keep-it")
    assert places["contacts"] == order.index("contacts")


def test_the_suggested_sentence_names_each_change_once_in_the_notices_order():
    assert change_list_summary({"retention"}) == "We updated how long we keep the information."
    assert change_list_summary({"contacts", "retention"}) == (
        "We updated how long we keep the information and who to contact.")
    assert change_list_summary({"DPO", "categories", "controller"}) == (
        "We updated who is responsible for the information, what information we hold and the data protection "
        "officer's details.")
    # The version for children and its sections are one thing to a parent.
    assert change_list_summary({"children's version", "children's sections"}) == "We updated the version for children."
