"""How hard a children's version is to read: `notices check` shows each one's Flesch-Kincaid grade, the
library's children's pupils text is below the limit, and a text above it is a warning naming its hardest
sentences where they are written."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from generator.check.readability import GRADE_LIMIT, reading
from generator.facts.children import ChildrensVersion
from tests.check.test_rules import HARD_CHILDRENS_VERSION
from tests.conftest import LIBRARY_CHILDRENS_PUPILS, notices


def test_the_librarys_childrens_pupils_text_reads_below_the_limit() -> None:
    version = ChildrensVersion.model_validate(yaml.safe_load(LIBRARY_CHILDRENS_PUPILS.read_text("utf-8")))
    assert reading(version).grade <= GRADE_LIMIT


def test_check_shows_the_grade_of_each_childrens_version(example_copy: Path) -> None:
    result = notices("check", "--facts", str(example_copy), "--today", "2026-12-01")
    assert result.exit_code == 0, result.output
    grade = reading(ChildrensVersion.model_validate(yaml.safe_load(LIBRARY_CHILDRENS_PUPILS.read_text("utf-8")))).grade
    assert f"Children's versions, Flesch-Kincaid grade (a warning above 4): pupils {grade:.1f}." in result.output
    assert "0 warnings" in result.output


def test_a_hard_childrens_version_is_a_warning_naming_its_hardest_sentences(example_copy: Path) -> None:
    facts = example_copy
    (facts / "children" / "pupils.yaml").write_text(yaml.safe_dump(HARD_CHILDRENS_VERSION, sort_keys=False), "utf-8")
    result = notices("check", "--facts", str(facts), "--today", "2026-12-01", "--strict")
    assert result.exit_code == 1
    (line,) = [line for line in result.output.splitlines() if "L.reading-grade" in line]
    assert line.strip().startswith("children/pupils.yaml:")
    assert "warning L.reading-grade: The children's version reads at Flesch-Kincaid grade" in line
    assert '"Notwithstanding the foregoing, data subjects may exercise the rights conferred' in line
    assert result.output.count("L.reading-grade") == 1  # one children's version serves every school: said once


def test_the_json_report_gives_the_grades(example_copy: Path) -> None:
    result = notices("check", "--facts", str(example_copy), "--today", "2026-12-01",
                     "--format", "json")
    assert set(json.loads(result.output)["reading_grades"]) == {"pupils"}
