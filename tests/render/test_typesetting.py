"""Arabic and Hebrew facts print in the PDF and the booklet with no font installed on the machine, a
character no font has is refused naming where it is written, and the print template is found in the
school's templates/ first, then in the package."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pikepdf
import pytest

from generator.render.formats import all_formats
from generator.render.pdf_text import pdf_text
from tests.conftest import TEMPLATES
from tests.hostile.conftest import (
    SECTION_BODY_FIELD,
    facts_data,
    flat,
    notices,
    output_file,
    set_value,
    tree_digest,
    write_facts,
)

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

SCHOOL_NAME = ("schools/hill.yaml", ("name",))
CATEGORY = ("pupils.yaml", ("categories", 0, "name"))
RIGHT_TO_LEFT = {
    SCHOOL_NAME: "مدرسة التل",  # Arabic: "Hill School"
    CATEGORY: "מידע אישי",  # Hebrew: "personal information"
    SECTION_BODY_FIELD: "نحن نحمي بياناتك ونحفظها.",  # Arabic, with the letters of Persian and Urdu next
}
PERSIAN_AND_URDU = "پ چ ژ گ ٹ ڈ"


def _facts(folder: Path, values: dict) -> Path:
    files = facts_data()
    for field, value in values.items():
        set_value(files, field, value)
    return write_facts(folder / "notices", files)


def test_arabic_and_hebrew_in_a_name_a_category_and_a_free_section_print(tmp_path: Path) -> None:
    values = {**RIGHT_TO_LEFT, SECTION_BODY_FIELD: f"{RIGHT_TO_LEFT[SECTION_BODY_FIELD]} {PERSIAN_AND_URDU}"}
    out = tmp_path / "dist"
    result = notices("build", "--facts", str(_facts(tmp_path, values)), "--out", str(out), "--format", "pdf,booklet")
    assert result.exit_code == 0, result.output
    for name in ("pdf", "booklet"):
        pdf = output_file(out, all_formats()[name])
        # Right-to-left words inside a left-to-right line read back in the order they are printed: each
        # word is there whole, and a paragraph written right to left reads back as written.
        text = flat(pdf_text(pdf.read_bytes()))
        for value in values.values():
            assert all(word in text for word in value.split()), f"{name}: {value!r} is not in the text"
        assert values[SECTION_BODY_FIELD] in text
        fonts = {str(font.BaseFont).split("+", 1)[-1] for page in pikepdf.open(pdf).pages
                 for font in page.Resources.Font.values()}
        assert "NotoNaskhArabic" in {font.split("-")[0] for font in fonts}, fonts  # Hebrew letters: Libertinus


@pytest.mark.parametrize("text, written", [("橡树学校", "Chinese"), ("🏫", "an emoji")])
def test_a_character_no_font_has_is_refused_naming_where_it_is_written(tmp_path: Path, text: str,
                                                                       written: str) -> None:
    out = tmp_path / "dist"
    assert notices("build", "--facts", str(_facts(tmp_path, {})), "--out", str(out), "--format", "md,pdf").exit_code == 0
    before = tree_digest(out)
    facts = _facts(tmp_path, {SCHOOL_NAME: f"Hill School {text}"})
    result = notices("build", "--facts", str(facts), "--out", str(out), "--format", "md,pdf")
    assert result.exit_code == 1, f"{written}: {result.output}"
    line = next(number for number, line in enumerate((facts / "schools/hill.yaml").read_text("utf-8").splitlines(), 1)
                if text in line)
    # The checker's rule refuses it before anything is typeset (tests/check/test_printing.py).
    (named,) = [row for row in result.output.splitlines() if f"schools/hill.yaml:{line}:" in row]
    assert f"L.printable in hill: The PDFs cannot print '{text[0]}'" in named
    assert "templates/fonts/" in named and "internal error" not in result.output
    assert tree_digest(out) == before


def test_a_project_without_templates_prints_with_the_packaged_template(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    facts = _facts(tmp_path, {})
    result = notices("build", "--facts", str(facts), "--out", "dist", "--format", "pdf",
                     "--templates", str(tmp_path / "templates"))  # a folder the project does not have
    assert result.exit_code == 0, result.output
    assert "How we use pupil information" in pdf_text((tmp_path / "dist/hill/pupils.pdf").read_bytes())


def test_a_school_print_template_wins_over_the_packaged_one(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    house_style = (TEMPLATES / "notice.typ").read_text("utf-8")
    (templates / "notice.typ").write_text(house_style.replace('#let body-font = "Libertinus Serif"',
                                                              '#let body-font = "DejaVu Sans Mono"'), "utf-8")
    out = tmp_path / "dist"
    result = notices("build", "--facts", str(_facts(tmp_path, {})), "--out", str(out), "--format", "pdf",
                     "--templates", str(templates))
    assert result.exit_code == 0, result.output
    fonts = {str(font.BaseFont).split("+", 1)[-1] for page in pikepdf.open(out / "hill/pupils.pdf").pages
             for font in page.Resources.Font.values()}
    assert any(font.startswith("DejaVuSansMono") for font in fonts)
    assert not any(font.startswith("LibertinusSerif") for font in fonts)


def _chunk(name: bytes, data: bytes) -> bytes:
    """One part of a PNG file, with its length and checksum."""
    return struct.pack(">I", len(data)) + name + data + struct.pack(">I", zlib.crc32(name + data))


def test_a_logo_whose_picture_cannot_be_read_stops_the_build_naming_the_file(tmp_path: Path) -> None:
    facts = _facts(tmp_path, {})
    organisation = facts / "organisation.yaml"
    assert "brand:" not in organisation.read_text("utf-8")
    organisation.write_text(organisation.read_text("utf-8") + "brand:\n  logo: brand/logo.png\n", "utf-8")
    (facts / "brand").mkdir()
    # A PNG whole in its structure (what `check` reads), whose picture holds one byte for 100 x 100 pixels: only
    # decoding it finds that out, and the build names the file.
    (facts / "brand" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", 100, 100, 8, 2, 0, 0, 0))
                                               + _chunk(b"IDAT", zlib.compress(b"\0")) + _chunk(b"IEND", b""))
    assert notices("check", "--facts", str(facts)).exit_code == 0
    result = notices("build", "--facts", str(facts), "--out", str(tmp_path / "dist"), "--format", "pdf",
                     "--templates", str(TEMPLATES))
    assert result.exit_code == 1
    assert "brand/logo.png: the PDFs cannot show this logo (failed to decode image" in flat(result.output)
    assert "Save it again from a picture editor as PNG" in result.output and "internal error" not in result.output
    assert not (tmp_path / "dist").exists()
