"""Markup, scripts, dangerous links and template syntax in any fact reach no page as anything but text."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import lxml.html
import openpyxl
import pikepdf
import pytest

from generator.project import load_project
from generator.render.formats import all_formats
from tests.conftest import straight_quotes
from tests.hostile.conftest import (
    ALLOWED_LINK,
    FIRST_LAYER_FIELDS,
    SECTION_BODY_VISIBLE,
    SHOWN_FIELDS,
    assert_inert_html,
    facts_data,
    flat,
    hostile_facts,
    hostile_value,
    markdown_page,
    notices,
    output_file,
    set_value,
    visible_text,
    write_facts,
)

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory) -> Path:
    """Every text field holds a payload; built in every registered format."""
    folder = tmp_path_factory.mktemp("hostile")
    write_facts(folder / "notices", hostile_facts())
    result = notices("build", "--facts", str(folder / "notices"), "--out", str(folder / "dist"))
    assert result.exit_code == 0, result.output
    return folder / "dist"


def _assert_inert_pdf(content: bytes, where: str) -> None:
    with pikepdf.open(io.BytesIO(content)) as pdf:
        assert "/JavaScript" not in pdf.Root.get("/Names", {}) and "/OpenAction" not in pdf.Root, where
        for page in pdf.pages:
            for annotation in page.get("/Annots", []):
                action = annotation.get("/A")
                if action is None:
                    continue
                assert action.get("/S") in ("/URI", "/GoTo"), f"{where}: a {action.get('/S')} action"
                if action.get("/S") == "/URI":
                    assert ALLOWED_LINK.match(str(action.URI)), f"{where}: link to '{action.URI}'"


def _assert_inert_docx(content: bytes, where: str) -> None:
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        names = package.namelist()
        assert not [name for name in names if name.endswith(".bin")], f"{where}: macros"
        relations = package.read("word/_rels/document.xml.rels").decode("utf-8")
    for target in re.findall(r'Target="([^"]*)"[^>]*TargetMode="External"', relations):
        assert ALLOWED_LINK.match(target), f"{where}: a hyperlink to '{target}'"


def _assert_inert_json(content: bytes, where: str) -> None:
    strings = set(_strings(json.loads(content)))
    for index in range(len(SHOWN_FIELDS)):
        assert hostile_value(index) in strings, f"{where}: field {index} not stored exactly as written"


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _assert_inert_markdown(content: bytes, where: str) -> None:
    assert_inert_html(markdown_page(content), where)


def _assert_inert_csv(content: bytes, where: str) -> None:
    """No cell a spreadsheet would run as a formula: one beginning =, +, - or @ is written with a ' before it."""
    for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))):
        assert not [cell for cell in row if cell[:1] in ("=", "+", "-", "@")], f"{where}: a formula came from the facts"


def _assert_inert_xlsx(content: bytes, where: str) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    formulas = [cell.coordinate for sheet in workbook for row in sheet.iter_rows() for cell in row
                if cell.data_type == "f"]
    assert formulas == [], f"{where}: cells {formulas} hold formulas"


# How each kind of file is searched for active content, by the file's suffix.
INERT_CHECKS = {".html": lambda content, where: assert_inert_html(content.decode("utf-8"), where),
                ".md": _assert_inert_markdown, ".pdf": _assert_inert_pdf, ".docx": _assert_inert_docx,
                ".json": _assert_inert_json, ".csv": _assert_inert_csv, ".xlsx": _assert_inert_xlsx}
# The notice's own formats show every field; the documents made from it (consent forms, letters, the record, the
# schedule) show the fields they need, each tested in tests/render/formats/.
NOTICE_FORMATS = sorted(name for name, f in all_formats().items() if f.document is None and f.audit is None)


@pytest.mark.parametrize("name", NOTICE_FORMATS)
def test_every_payload_is_shown_as_the_text_that_was_written(hostile_build: Path, name: str) -> None:
    output_format = all_formats()[name]
    # Typographic quotes are how the facts' straight ones are printed.
    text = straight_quotes(flat(visible_text(output_format, output_file(hostile_build, output_format).read_bytes())))
    # Spaces are ignored: a PDF reader cannot tell a line wrapped at "](" from a space written there.
    unspaced = text.replace(" ", "")
    shown = FIRST_LAYER_FIELDS if output_format.first_layer_only else range(len(SHOWN_FIELDS))
    missing = [index for index in shown if hostile_value(index).replace(" ", "") not in unspaced]
    assert not missing, f"{name}: fields {missing} not shown as written, e.g. {hostile_value(missing[0])!r}"
    if name != "json" and not output_format.first_layer_only:  # the first layer has no free sections
        for visible in SECTION_BODY_VISIBLE:
            assert visible.replace(" ", "") in unspaced, f"{name}: free section text {visible!r} not shown"
    assert " 49 " not in f" {text} " and "looploop" not in text.replace(" ", ""), f"{name}: a template ran"


@pytest.mark.parametrize("name", sorted(all_formats()))
def test_no_payload_becomes_a_script_a_frame_an_event_or_a_dangerous_link(hostile_build: Path, name: str) -> None:
    output_format = all_formats()[name]
    for relative, _ in output_format.files(load_project(hostile_build.parent / "notices").notices):
        path = hostile_build / relative
        suffix = "".join(path.suffixes[-1:])
        assert suffix in INERT_CHECKS, f"format '{name}' writes {suffix} files: add a check for active content"
        if path.is_file():  # a document made only for some notices (a consent form) may not be made here
            INERT_CHECKS[suffix](path.read_bytes(), f"{name}: {relative}")


@pytest.mark.parametrize("body, target", [
    ("Read [this](javascript:alert(1)).", "javascript:alert(1)"),
    ("Read [this](JaVaScRiPt:alert(1)).", "JaVaScRiPt:alert(1)"),
    ("Read [this]( javascript:alert(1) 'title').", "javascript:alert(1)"),
    ("Read [this](data:text/html;base64,PHNjcmlwdD4=).", "data:text/html;base64,PHNjcmlwdD4="),
    ("Read [this](vbscript:msgbox).", "vbscript:msgbox"),
    ("Read [this](//evil.example/page).", "//evil.example/page"),
    ("Read [this](../../etc/passwd).", "../../etc/passwd"),
    ("Read [this](#contacts).", "#contacts"),
    ("Read [this](<javascript:alert(1)>).", "<javascript:alert(1)>"),
    ("Read [this](ftp://files.example/a).", "ftp://files.example/a"),
])
def test_a_free_section_linking_anywhere_but_the_web_email_or_phone_is_refused(
        tmp_path: Path, body: str, target: str) -> None:
    files = facts_data()
    files["pupils.yaml"]["sections"][0]["body"] = f"First line.\n\n{body}"
    facts = write_facts(tmp_path / "notices", files)
    result = notices("check", "--facts", str(facts))
    assert result.exit_code == 1
    where = _place_of_key(facts / "pupils.yaml", "body")
    assert result.output.splitlines()[0] == (
        f"pupils.yaml:{where}: sections[1].body: line 3 of the text links to '{target}': "
        "links may only go to a web page (https://...), an email address (mailto:...) or a phone number "
        "(tel:...). Correct the value."
    )


def test_a_bad_link_in_a_literal_block_is_named_at_its_own_line_of_the_file(example_copy: Path) -> None:
    notice = example_copy / "children-in-need.yaml"
    good = "      - children in need: <https://www.gov.uk/guidance/children-in-need-census>"
    bad = "      - children in need: [the census](javascript:alert(1))"
    text = notice.read_text("utf-8")
    assert good in text
    notice.write_text(text.replace(good, bad), "utf-8")
    line = notice.read_text("utf-8").splitlines().index(bad) + 1
    result = notices("check", "--facts", str(example_copy))
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith(
        f"children-in-need.yaml:{line}:7: sections[1].body: line 6 of the text links to 'javascript:alert(1)'")


@pytest.mark.parametrize("body, first_line", [
    ("See [the policy][policy].\n\n[policy]: https://example.org/policy",
     "line 3 of the text defines a link elsewhere ('[policy]: ...'): write each link where it is used, "
     "as [words](https://...)"),
    ("![our logo](https://tracker.example/pixel.png)",
     "line 1 of the text shows a picture ('https://tracker.example/pixel.png'): pictures are not allowed, "
     "as they load from another website"),
])
def test_reference_links_and_pictures_in_a_free_section_are_refused(tmp_path: Path, body: str,
                                                                    first_line: str) -> None:
    files = facts_data()
    files["pupils.yaml"]["sections"][0]["body"] = body
    facts = write_facts(tmp_path / "notices", files)
    result = notices("check", "--facts", str(facts))
    assert result.exit_code == 1
    assert f"sections[1].body: {first_line}. Correct the value." in result.output.splitlines()[0]


def test_web_email_and_phone_links_in_a_free_section_are_kept(tmp_path: Path) -> None:
    files = facts_data()
    files["pupils.yaml"]["sections"][0]["body"] = (
        "Read [the policy](https://example.org/policy), write to [us](mailto:office@example.org), "
        "ring [the office](tel:+441234567890) or see <https://example.org/cctv>.")
    facts = write_facts(tmp_path / "notices", files)
    result = notices("build", "--facts", str(facts), "--out", str(tmp_path / "dist"), "--format", "html")
    assert result.exit_code == 0, result.output
    page = lxml.html.parse(str(tmp_path / "dist" / "hill" / "pupils.html")).getroot()
    assert {"https://example.org/policy", "mailto:office@example.org", "tel:+441234567890",
            "https://example.org/cctv"} <= set(page.xpath("//main//a/@href"))


@pytest.mark.parametrize("file, path, value", [
    ("organisation.yaml", ("recipients", "dfe", "url"), "javascript:alert(1)"),
    ("organisation.yaml", ("recipients", "dfe", "url"), "data:text/html,<script>alert(1)</script>"),
    ("organisation.yaml", ("recipients", "dfe", "url"), "//evil.example/"),
    ("organisation.yaml", ("dpo", "email"), "<script>@example.org"),
    ("organisation.yaml", ("dpo", "email"), "dpo@example.org?subject=<script>"),
    ("schools/hill.yaml", ("contact", "email"), 'a"onmouseover="alert(1)"@example.org'),
])
def test_web_addresses_and_emails_that_are_not_one_are_refused(tmp_path: Path, file: str, path: tuple,
                                                               value: str) -> None:
    files = facts_data()
    set_value(files, (file, path), value)
    facts = write_facts(tmp_path / "notices", files)
    result = notices("check", "--facts", str(facts))
    assert result.exit_code == 1
    assert result.output.startswith(f"{file}:"), result.output
    assert "Traceback" not in result.output


def _place_of_key(path: Path, key: str) -> str:
    """'line:column' of the first ``key:`` in the file, counted as editors count them."""
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if line.strip().startswith(f"{key}:"):
            return f"{number}:{line.index(key) + 1}"
    raise AssertionError(f"no {key} in {path}")


def test_lists_twelve_deep_are_kept_and_thirteen_refused_in_a_free_section(tmp_path: Path) -> None:
    def nested(levels: int) -> str:
        return "\n".join("    " * level + f"- level {level + 1}" for level in range(levels))

    for levels, exit_code in ((12, 0), (13, 1)):
        files = facts_data()
        files["pupils.yaml"]["sections"][0]["body"] = nested(levels)
        result = notices("check", "--facts", str(write_facts(tmp_path / str(levels), files)))
        assert result.exit_code == exit_code, result.output
    assert "sections[1].body: the text nests lists or quotes too deeply to be shown" in result.output
