"""How hard a children's version is to read: the Flesch-Kincaid grade agrees with published figures, any text
at all can be measured, the whole rendered page is measured (the facts it lists too), `notices check` shows
each version's grade, and a text above the limit is a warning naming its hardest sentences where they are written."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings, strategies as st
from pydantic import ValidationError

from generator.check.readability import GRADE_LIMIT, flesch_kincaid_grade, markdown_sentences, reading, word_syllables
from generator.facts.children import ChildrensVersion
from generator.project import load_project
from tests.check.test_rules import HARD_CHILDRENS_VERSION
from tests.conftest import EXAMPLE, notices

# Texts whose Flesch-Kincaid grade has been published, with where.
PUBLISHED = [
    pytest.param(
        "Once upon a time there was an old mother pig who had three little pigs and not enough food to feed them. "
        "So when they were old enough, she sent them out into the world to seek their fortunes. The first little "
        "pig was very lazy. He didn't want to work at all and he built his house out of straw. The second little "
        "pig worked a little bit harder but he was somewhat lazy too and he built his house out of sticks. Then, "
        "they sang and danced and played together the rest of the day.",
        4.95,  # the flesch-kincaid-calc library's README, https://www.npmjs.com/package/flesch-kincaid-calc
        id="three little pigs"),
    pytest.param(
        "Nothing is so fatiguing as the eternal hanging on of an uncompleted task.",
        9.45,  # the flekin library's README (13 words, 22 syllables), https://www.npmjs.com/package/flekin
        id="an uncompleted task"),
    pytest.param(
        "The Australian platypus is seemingly a hybrid of a mammal and reptilian creature.",
        11.3,  # https://en.wikipedia.org/wiki/Flesch%E2%80%93Kincaid_readability_tests (13 words, 24 syllables)
        id="the platypus"),
]
# What a school's children's version may well name: no pronouncing dictionary holds these words.
ORDINARY_WORDS = "We are Oakmoor School. You are in Year 7. The DfE and Ofsted check on us. Call 01420 472132."
WRITTEN = "Oakmoor School is part of a group of schools called a trust."  # the example's words they replace


@pytest.mark.parametrize(("text", "published"), PUBLISHED)
def test_the_grade_agrees_with_published_figures(text: str, published: float) -> None:
    assert abs(flesch_kincaid_grade(text) - published) <= 0.5


@pytest.mark.parametrize(("word", "syllables"), [
    ("DfE", 3), ("ICO", 3), ("7", 2), ("2026", 5), ("Year7", 3), ("didn't", 2), ("don't", 1), ("named", 1),
    ("little", 2), ("Oakmoor", 2), ("https://ico.org.uk/concerns/", 0), ("dpo@example.org", 0),
    ("\N{GRINNING FACE}", 0),
])
def test_words_no_dictionary_holds_are_read_as_a_person_reads_them(word: str, syllables: int) -> None:
    assert word_syllables(word) == syllables


_UNUSUAL = st.sampled_from(["Oakmoor", "DfE", "Ofsted", "Year 7", "2026", "\N{GRINNING FACE}", "\u6f22\u5b57", "\u00bd",
                            "\u00b2", "n't", "'", "-", "...", "?!", "www.", "e.g.", "\u0663", "\x00", "\u200b", "|",
                            "\n\n"])
ANY_TEXT = st.one_of(st.text(), st.lists(st.one_of(_UNUSUAL, st.text(max_size=8))).map(" ".join))


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_any_text_at_all_has_a_grade(text: str) -> None:
    grade = flesch_kincaid_grade(text)
    assert math.isfinite(grade)
    assert all(math.isfinite(flesch_kincaid_grade(sentence)) for sentence in markdown_sentences(text))


@pytest.fixture(scope="module")
def example_pupils():
    (pupils,) = [notice for notice in load_project(EXAMPLE).notices if notice.childrens_versions]
    return pupils


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=ANY_TEXT)
def test_any_wording_a_childrens_file_can_hold_is_measured(example_pupils, words: str) -> None:
    written = {"title": words or "Title", "ages": "8 to 12", "summary": words or "Summary.",
               "sections": [{"about": "who-we-are", "title": words or "Who", "text": f"{words} We are Oakmoor."}]}
    try:
        version = ChildrensVersion.model_validate(written)
    except ValidationError:
        assume(False)  # the loader refuses it with a message: nothing is measured
    assert math.isfinite(reading(example_pupils.model_copy(update={"children": version})).grade)


def test_a_text_with_no_words_reads_at_grade_0() -> None:
    assert flesch_kincaid_grade("") == flesch_kincaid_grade("\N{GRINNING FACE} -- https://ico.org.uk/") == 0.0


def test_each_list_item_and_table_cell_is_a_sentence_of_its_own() -> None:
    page = ("# Title\n\nOne. Two\n\n- first item\n- second item\n\n"
            "| Records | Kept for |\n|---|---|\n| Pupil file | 25 years |\n")
    assert markdown_sentences(page) == ["Title", "One.", "Two", "first item", "second item", "Records", "Kept for",
                                        "Pupil file", "25 years"]


def _pupils(facts: Path):
    (pupils,) = [notice for notice in load_project(facts).notices if notice.childrens_versions]
    return pupils.for_children(*pupils.childrens_versions)


def test_the_examples_childrens_page_reads_below_the_limit(example_copy: Path) -> None:
    assert reading(_pupils(example_copy)).grade <= GRADE_LIMIT


def test_the_facts_the_page_lists_are_measured_too(example_copy: Path) -> None:
    before = reading(_pupils(example_copy)).grade
    notice = example_copy / "pupils.yaml"
    text = notice.read_text("utf-8")
    assert "period: at least six years after the date of each entry" in text
    notice.write_text(text.replace("period: at least six years after the date of each entry",
                                   "period: six years, notwithstanding administrative documentation, retrospectively determined"), "utf-8")
    after = reading(_pupils(example_copy))
    assert after.grade > before
    assert any("notwithstanding administrative documentation" in sentence.text and sentence.location is None
               for sentence in after.sentences)  # a fact, not a sentence of the children's file to rewrite


def test_check_shows_the_grade_of_each_childrens_version(example_copy: Path) -> None:
    result = notices("check", "--facts", str(example_copy), "--today", "2026-12-01")
    assert result.exit_code == 0, result.output
    grade = reading(_pupils(example_copy)).grade
    assert f"Children's versions, Flesch-Kincaid grade of the hardest part (an error above 4): pupils {grade:.1f}." \
        in result.output
    assert " 0 errors, " in result.output and "L.reading-grade" not in result.output


def test_a_hard_childrens_version_is_an_error_naming_its_hardest_sentences(example_copy: Path) -> None:
    facts = example_copy
    (facts / "children" / "pupils.yaml").write_text(yaml.safe_dump(HARD_CHILDRENS_VERSION, sort_keys=False), "utf-8")
    result = notices("check", "--facts", str(facts), "--today", "2026-12-01")
    assert result.exit_code == 1
    (line,) = [line for line in result.output.splitlines() if "L.reading-grade" in line]
    assert line.strip().startswith("children/pupils.yaml:")
    assert "warning L.reading-grade: The children's version reads at Flesch-Kincaid grade" in line
    assert '"Notwithstanding the foregoing, data subjects may exercise the rights conferred' in line
    assert result.output.count("L.reading-grade") == 1  # one children's version serves every school: said once


def test_a_page_hard_only_for_the_facts_it_lists_names_them(example_copy: Path) -> None:
    version = example_copy / "children" / "pupils.yaml"
    written = yaml.safe_load(version.read_text("utf-8"))
    written |= {"title": "Facts", "summary": "We keep facts."}
    for section in written["sections"]:
        section |= {"title": "Facts", "text": "We do."}
        section.pop("names", None)  # the notice's own names for its facts
    version.write_text(yaml.safe_dump(written, sort_keys=False), "utf-8")
    result = notices("check", "--facts", str(example_copy), "--today", "2026-12-01")
    (line,) = [line for line in result.output.splitlines() if "L.reading-grade" in line]
    assert line.strip().startswith("children/pupils.yaml:1:1: warning L.reading-grade:")
    assert "its own sentences are easy; the hard words are the facts it lists, such as \"Characteristics\"" in line


def test_a_childrens_version_naming_the_school_a_year_and_the_dfe_is_measured(example_copy: Path) -> None:
    version = example_copy / "children" / "pupils.yaml"
    text = version.read_text("utf-8")
    assert WRITTEN in text, "the example's children's version no longer says it"
    version.write_text(text.replace(WRITTEN, ORDINARY_WORDS), "utf-8")
    result = notices("check", "--facts", str(example_copy), "--today", "2026-12-01")
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.output
    assert "Children's versions, Flesch-Kincaid grade of the hardest part (an error above 4): pupils " in result.output


def test_the_json_report_gives_the_grades(example_copy: Path) -> None:
    result = notices("check", "--facts", str(example_copy), "--today", "2026-12-01",
                     "--format", "json")
    assert set(json.loads(result.output)["reading_grades"]) == {"pupils"}


# The children's file that the issue measured (issue 29, item 15): easy words in every standard section, and
# the notice's own names for the facts it lists. Its lists read at about grade 10, the page as a whole at 3.
EASY_WORDS_HARD_LISTS = {
    "title": "How your school uses information about you", "ages": "11 to 16",
    "summary": "Your school keeps some facts about you. It uses them to teach you and to keep you safe.",
    "sections": [{"about": anchor, "title": title, "text": "We use them to keep you safe and well. " * 3} for anchor, title in (
        ("who-we-are", "Who we are"), ("what-we-hold", "What we keep about you"), ("why-we-use-it", "Why we keep it"),
        ("who-we-share-with", "Who we tell"), ("how-long-we-keep-it", "How long we keep it"),
        ("your-rights", "What you can ask us"), ("how-to-complain", "If you are not happy"), ("contacts", "Who to ask"))],
}


def test_easy_words_elsewhere_on_the_page_do_not_hide_a_hard_list(example_copy: Path) -> None:
    version = example_copy / "children" / "pupils.yaml"
    version.write_text(yaml.safe_dump(EASY_WORDS_HARD_LISTS, sort_keys=False), "utf-8")
    measured = reading(_pupils(example_copy))  # the page as `notices build` renders it
    assert measured.grade > GRADE_LIMIT
    assert measured.hardest_section == "What we keep about you"  # its list: "Characteristics", "Safeguarding ..."
    result = notices("check", "--facts", str(example_copy), "--today", "2026-12-01")
    assert result.exit_code == 1
    (line,) = [line for line in result.output.splitlines() if "L.reading-grade" in line]
    assert (f"warning L.reading-grade: The children's version reads at Flesch-Kincaid grade {measured.grade:.1f} in the "
            "part 'What we keep about you', above 4") in line


def test_the_examples_lists_in_a_childs_words_read_below_the_limit(example_copy: Path) -> None:
    measured = reading(_pupils(example_copy))
    listed = [sentence for sentence in measured.sentences if sentence.section == "What we keep about you"]
    assert "Your health, such as allergies or medicine" in [sentence.text for sentence in listed]
    assert measured.grade <= GRADE_LIMIT
