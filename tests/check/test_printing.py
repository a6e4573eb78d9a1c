"""`check` refuses what the PDFs cannot make, at the fact, before a build would stop: a character no font
of the PDFs has (the project's own fonts count), and a first layer longer than its one-page summary holds."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from generator.check.audit import audit_first_layer
from generator.check.printing import _SURELY_PRINTED
from generator.facts.errors import Location
from generator.project import load_project
from generator.render.pdf_text import pdf_text
from generator.render.typesetting import unprintable
from tests.conftest import TEMPLATES
from tests.hostile.conftest import facts_data, notices, set_value, write_facts

DEJAVU_SANS = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Debian's fonts-dejavu-core (.ci/system-packages)
SWUNG_DASH = "\u2053"  # in DejaVu Sans, not in the fonts the tool carries


def _facts(folder: Path, field: tuple[str, tuple], value: str) -> Path:
    files = facts_data()
    set_value(files, field, value)
    return write_facts(folder / "notices", files)


def _line_of(facts: Path, file: str, text: str) -> int:
    return next(number for number, line in enumerate((facts / file).read_text("utf-8").splitlines(), 1) if text in line)


def test_the_characters_check_passes_without_asking_typst_are_printed() -> None:
    surely = {chr(code) for code in range(0x20, 0x3100) if _SURELY_PRINTED.fullmatch(chr(code))}
    assert len(surely) > 550
    assert unprintable(surely, TEMPLATES) == set()


@pytest.mark.parametrize("text, code", [("\U0001F3EB", "U+1F3EB"), ("\u6a61", "U+6A61"), ("\U0010FFFF", "U+10FFFF")])
def test_check_and_build_refuse_a_character_no_font_has_at_its_fact(tmp_path: Path, text: str, code: str) -> None:
    facts = _facts(tmp_path, ("schools/hill.yaml", ("name",)), f"Hill School {text}")
    line = _line_of(facts, "schools/hill.yaml", "Hill School")
    checked = notices("check", "--facts", str(facts))
    built = notices("build", "--facts", str(facts), "--out", str(tmp_path / "dist"), "--format", "md,pdf")
    for result in (checked, built):
        assert result.exit_code == 1, result.output
        found = [row for row in result.output.splitlines() if re.search(rf"schools/hill\.yaml:{line}:\d+: ", row)]
        assert found and "L.printable" in found[0] and code in found[0] and "templates/fonts/" in found[0], result.output
        assert "internal error" not in result.output
    assert "--publish-incomplete" not in built.output  # no PDF could be made of it either way
    assert not (tmp_path / "dist").exists()


def test_a_font_in_the_projects_templates_fonts_lets_check_and_build_print_its_letters(tmp_path: Path) -> None:
    if not DEJAVU_SANS.is_file():  # .ci/system-packages installs it: in CI a missing font is a broken install
        assert not os.environ.get("CI"), f"{DEJAVU_SANS} is missing: bash .ci/system-packages installs it"
        pytest.skip("needs Debian's fonts-dejavu-core: bash .ci/system-packages")
    facts = _facts(tmp_path, ("pupils.yaml", ("summary",)), f"We keep records {SWUNG_DASH} safely.")
    assert notices("check", "--facts", str(facts)).exit_code == 1  # the tool's fonts lack it
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    (templates / "fonts").mkdir()
    shutil.copy(DEJAVU_SANS, templates / "fonts")
    checked = notices("check", "--facts", str(facts), "--templates", str(templates))
    assert checked.exit_code == 0, checked.output
    built = notices("build", "--facts", str(facts), "--templates", str(templates), "--out", str(tmp_path / "dist"),
                    "--format", "pdf")
    assert built.exit_code == 0, built.output
    assert SWUNG_DASH in pdf_text((tmp_path / "dist/hill/pupils.pdf").read_bytes())


def test_check_refuses_a_first_layer_longer_than_one_page_naming_the_summary(tmp_path: Path) -> None:
    facts = _facts(tmp_path, ("pupils.yaml", ("summary",)), "We keep the records of pupils safely. " * 60)
    checked = notices("check", "--facts", str(facts))
    assert checked.exit_code == 1
    (row,) = [row for row in checked.output.splitlines() if "L.one-page" in row]
    assert f"pupils.yaml:{_line_of(facts, 'pupils.yaml', 'summary:')}:" in row and "shorten the summary" in row


def test_a_summary_of_two_pages_is_blamed_on_the_facts_it_shows(tmp_path: Path) -> None:
    (notice,) = load_project(_facts(tmp_path, ("pupils.yaml", ("summary",)), "A short summary.")).notices
    text = f"{notice.notice.title}\nAt a glance\n\f{notice.dpo.email}"
    findings = [finding for finding in audit_first_layer(text, notice, Location("glance.pdf"))
                if finding.rule == "L.one-page"]
    assert [finding.message.split(":")[0] for finding in findings] == ["The one-page summary takes 2 pages"]
    assert "shorten the facts it shows" in findings[0].message
