"""Facts cite the law by a catalogue id: the notice prints the instrument's citation in every format, words
still load as written, and an id the catalogue does not have is an error at its line with the nearest ids."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import TEMPLATES, example_with_one_notice, notices
from tests.facts.conftest import edit, line_of, refused, resolved

NOTICE = "pupils.yaml"
KEY = "oakmoor/pupils"


def test_an_id_prints_as_the_instruments_citation_in_the_resolved_notice(example_copy: Path) -> None:
    """The example cites by id (its pupils notice: `education-act-1996-s537a`, `dpa-2018-sch1-para6 and ...`)."""
    assert "      - education-act-1996-s537a\n" in (example_copy / NOTICE).read_text("utf-8")
    shown = resolved(example_copy, KEY)
    basis = next(basis for basis in shown["bases"] if basis["article"] == "6(1)(c)")
    assert "Section 537A of the Education Act 1996" in basis["relied_on"]
    assert "education-act-1996-s537a" not in json.dumps([shown["bases"], shown["recipients"]])
    condition = next(basis for basis in shown["bases"] if basis["article"] == "9(2)(g)")
    assert condition["schedule_1"] == ("Schedule 1, Part 2, paragraph 6 (statutory and government purposes) and "
                                       "Schedule 1, Part 2, paragraph 18 (safeguarding of children and of individuals "
                                       "at risk)")
    dfe = next(recipient for recipient in shown["recipients"] if recipient["id"] == "dfe")
    assert dfe["gateway"][0] == "Section 537A of the Education Act 1996"


def test_every_format_prints_the_citation_and_never_the_id(tmp_path: Path) -> None:
    facts = example_with_one_notice(tmp_path / "notices", "pupils")
    out = tmp_path / "dist" / "oakmoor"
    result = notices("build", "--facts", str(facts), "--templates", str(TEMPLATES), "--out", str(out.parent),
                     "--format", "md,html,json")
    assert result.exit_code == 0, result.output
    for name in ("pupils.md", "pupils.html"):
        text = " ".join((out / name).read_text("utf-8").split())
        assert "Section 537A of the Education Act 1996" in text, name
        assert "Schedule 1, Part 2, paragraph 18" in text, name
        assert "education-act-1996-s537a" not in text and "dpa-2018-sch1-para18" not in text, name
    # The JSON keeps the facts as written under "notice" (an id is data there); what it states is resolved.
    document = json.loads((out / "pupils.json").read_text("utf-8"))
    stated = json.dumps([document["bases"], document["recipients"]])
    assert "Section 537A of the Education Act 1996" in stated
    assert "education-act-1996-s537a" not in stated and "dpa-2018-sch1-para18" not in stated


def test_words_still_load_and_print_as_written(example_copy: Path) -> None:
    edit(example_copy / NOTICE, "      - education-act-1996-s537a\n", "      - The Education Act 1996, as a school reads it\n")
    basis = next(basis for basis in resolved(example_copy, KEY)["bases"] if basis["article"] == "6(1)(c)")
    assert "The Education Act 1996, as a school reads it" in basis["relied_on"]


def test_an_id_the_catalogue_does_not_have_is_an_error_at_its_line_naming_the_nearest(example_copy: Path) -> None:
    notice = example_copy / NOTICE
    edit(notice, "      - education-act-1996-s537a\n      - pupil-information-regulations-2013",
         "      - education-act-1996-s537\n      - pupil-information-regulations-2013")
    where, first = refused(example_copy)
    assert where["file"].endswith(NOTICE)
    assert int(where["line"]) == line_of(notice, "education-act-1996-s537")
    assert "'education-act-1996-s537a'" in first
    assert "catalogue of the law we cite" in first
