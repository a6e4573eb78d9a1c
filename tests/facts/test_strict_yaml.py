"""Strict YAML through `notices check`: each unsafe or ambiguous input is refused at file:line:col,
and values YAML 1.1 would turn into booleans or numbers stay the text the editor typed."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.facts.conftest import edit, line_of, notices, refused, resolved


def test_the_example_passes_the_check(example_copy: Path) -> None:
    result = notices("check", "--facts", str(example_copy))
    assert result.exit_code == 0, result.output
    assert ".yaml:" not in result.output  # no file:line:col problem reported


def test_a_key_given_twice_is_refused_where_it_repeats(example_copy: Path) -> None:
    organisation = example_copy / "organisation.yaml"
    edit(organisation, "kind: academy-trust\n", "kind: academy-trust\nname: Oakmoor Trust\n")
    where, line = refused(example_copy)
    assert where["file"] == "organisation.yaml"
    assert int(where["line"]) == line_of(organisation, "name: Oakmoor Trust")
    assert f"name: is given twice (first on line {line_of(organisation, 'name: University')})" in line


def test_yes_no_on_off_y_n_stay_text_where_the_field_is_text(example_copy: Path) -> None:
    notice = example_copy / "children-in-need.yaml"
    edit(notice, "examples: [name, date of birth, address]", "examples: [yes, no, on, off, y, n, Yes, NO]")
    # The Norway problem: a country code that YAML 1.1 reads as false.
    edit(notice, "transfers: none", "transfers:\n  - destination: NO\n    what: backups\n    safeguard: adequacy")
    facts = resolved(example_copy)["notice"]
    assert facts["categories"][0]["examples"] == ["yes", "no", "on", "off", "y", "n", "Yes", "NO"]
    assert facts["transfers"][0]["destination"] == "NO"


def test_a_school_called_no_keeps_its_name(example_copy: Path) -> None:
    edit(example_copy / "schools" / "oakmoor.yaml", "name: Oakmoor School", "name: No")
    assert resolved(example_copy)["variant"]["name"] == "No"


def test_a_true_false_field_refuses_yes_and_says_why(example_copy: Path) -> None:
    notice = example_copy / "children-in-need.yaml"
    edit(notice, "    special: true", "    special: yes")
    where, line = refused(example_copy)
    assert (where["file"], int(where["line"]), int(where["column"])) == (
        "children-in-need.yaml", line_of(notice, "special: yes"), 5)
    assert "categories[3].special: should be true or false, not 'yes'." in line
    assert "read yes, no, on and off as words" in line


def test_no_where_the_word_none_is_meant_is_refused(example_copy: Path) -> None:
    notice = example_copy / "children-in-need.yaml"
    edit(notice, "transfers: none", "transfers: no")
    where, line = refused(example_copy)
    assert int(where["line"]) == line_of(notice, "transfers: no")
    assert "the word none, not 'no'" in line


def test_leading_zeros_and_decimals_stay_as_typed(example_copy: Path) -> None:
    edit(example_copy / "schools" / "oakmoor.yaml", 'phone: "01420 472132"', "phone: 01420472132")
    edit(example_copy / "schools" / "oakmoor.yaml", "name: Oakmoor School", "name: Oakmoor School\nurn: 012345")
    edit(example_copy / "organisation.yaml", "kind: academy-trust", "kind: academy-trust\ncompany_number: 08123456")
    edit(example_copy / "children-in-need.yaml", 'version: "2.0"', "version: 2.10")
    notice = resolved(example_copy)
    assert notice["contact"]["phone"] == "01420472132"
    assert notice["variant"]["urn"] == "012345"
    assert notice["organisation"]["company_number"] == "08123456"
    assert notice["notice"]["version"] == "2.10"


BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_an_alias_bomb_is_refused_at_its_first_alias_without_expanding(example_copy: Path) -> None:
    (example_copy / "laughs.yaml").write_text(BILLION_LAUGHS, "utf-8")
    started = time.monotonic()
    where, line = refused(example_copy)
    assert time.monotonic() - started < 5
    assert (where["file"], where["line"], where["column"]) == ("laughs.yaml", "2", "8")
    assert "uses an alias (*name)" in line


def test_a_file_over_1_mib_is_refused(example_copy: Path) -> None:
    organisation = example_copy / "organisation.yaml"
    padding = "# " + "x" * 100 + "\n"
    organisation.write_text(organisation.read_text("utf-8") + padding * 10_500, "utf-8")
    where, line = refused(example_copy)
    assert (where["file"], where["line"], where["column"]) == ("organisation.yaml", "1", "1")
    assert "over the 1 MiB limit" in line


def test_a_file_that_is_not_utf8_is_refused_with_the_byte_offset(example_copy: Path) -> None:
    notice = example_copy / "children-in-need.yaml"
    edit(notice, "name: Personal information", "name: Personal information (café)")
    raw = notice.read_text("utf-8").encode("cp1252")  # saved by an old Windows editor
    notice.write_bytes(raw)
    offset = raw.index(b"\xe9")
    line = raw[:offset].count(b"\n") + 1
    column = offset - raw.rfind(b"\n", 0, offset)
    where, text = refused(example_copy)
    assert (where["file"], int(where["line"]), int(where["column"])) == ("children-in-need.yaml", line, column)
    assert f"is not UTF-8 text (byte {offset} is 0xe9)" in text


def test_an_unknown_key_gets_a_did_you_mean(example_copy: Path) -> None:
    school = example_copy / "schools" / "oakmoor.yaml"
    edit(school, "  email: enquiries", "  emial: enquiries")
    where, line = refused(example_copy)
    assert (where["file"], int(where["line"]), int(where["column"])) == (
        "schools/oakmoor.yaml", line_of(school, "emial:"), 3)
    assert "contact.emial: 'emial' is not a key this file understands. Did you mean 'email'?" in line


def test_an_id_that_is_not_a_slug_is_refused(example_copy: Path) -> None:
    notice = example_copy / "children-in-need.yaml"
    edit(notice, "id: pastoral-care", "id: Pastoral_Care")
    where, line = refused(example_copy)
    assert int(where["line"]) == line_of(notice, "id: Pastoral_Care")
    assert "purposes[3].id: 'Pastoral_Care' is not a valid id. Use lower-case letters, digits and hyphens" in line


def test_an_unknown_recipient_id_names_the_nearest_known_ids(example_copy: Path) -> None:
    notice = example_copy / "children-in-need.yaml"
    edit(notice, "  - id: local-authority", "  - id: local-authorty")
    where, line = refused(example_copy)
    assert (where["file"], int(where["line"]), int(where["column"])) == (
        "children-in-need.yaml", line_of(notice, "id: local-authorty"), 5)
    assert "names the recipient 'local-authorty'" in line
    assert "Did you mean 'local-authority' or " in line  # the nearest first


@pytest.mark.slow
def test_the_installed_command_reports_a_broken_file_without_a_traceback(example_copy: Path) -> None:
    edit(example_copy / "children-in-need.yaml", "transfers: none", "transfers: none\ntransfers: none")
    command = Path(sys.executable).parent / "notices"
    result = subprocess.run([str(command), "check", "--facts", str(example_copy)],
                            capture_output=True, text=True, timeout=60, cwd=example_copy)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("children-in-need.yaml:")
    assert "transfers: is given twice" in result.stderr.splitlines()[0]


def test_nesting_too_deep_for_python_is_refused_where_it_goes_too_far(example_copy: Path) -> None:
    (example_copy / "deep.yaml").write_text("title: " + "[" * 5000 + "]" * 5000 + "\n", "utf-8")
    where, line = refused(example_copy)
    assert (where["file"], where["line"]) == ("deep.yaml", "1")
    assert "nests lists or sets of keys more than 50 levels deep" in line


def test_an_invisible_control_character_is_refused_where_it_sits(example_copy: Path) -> None:
    notice = example_copy / "children-in-need.yaml"
    edit(notice, "name: Looked after children", "name: Looked\x00after children")
    where, line = refused(example_copy)
    assert (where["file"], int(where["line"]), int(where["column"])) == (
        "children-in-need.yaml", line_of(notice, "name: Looked\x00after children"), 17)
    assert "has an invisible control character (U+0000)" in line


@pytest.mark.parametrize(("escape", "what"), [
    ("\\x01", "an invisible control character (U+0001)"),
    ("\\e", "an invisible control character (U+001B)"),
    ("\\uFFFE", "a code that is not a character (U+FFFE)"),
    ("\\uD800", "half of a character pair (U+D800) without its other half"),
])
def test_a_character_no_document_can_hold_is_refused_at_its_escape(example_copy: Path, escape: str, what: str) -> None:
    notice = example_copy / "children-in-need.yaml"
    edit(notice, "name: Looked after children", f'name: "Looked {escape}after children"')
    where, line = refused(example_copy)
    assert (where["file"], int(where["line"]), int(where["column"])) == (
        "children-in-need.yaml", line_of(notice, f'name: "Looked {escape}after children"'), 19)
    assert f"has {what}, written as {escape}, which no document can hold." in line


def test_tabs_and_new_lines_written_as_escapes_stay_in_the_text(example_copy: Path) -> None:
    edit(example_copy / "children-in-need.yaml", "name: Looked after children", 'name: "Looked\\tafter\\nchildren"')
    names = [category["name"] for category in resolved(example_copy)["notice"]["categories"]]
    assert "Looked\tafter\nchildren" in names


def test_a_key_typed_with_a_bracket_is_named_as_typed(example_copy: Path) -> None:
    school = example_copy / "schools" / "oakmoor.yaml"
    edit(school, "contact:", "conta[ct:")
    where, line = refused(example_copy)
    assert (where["file"], int(where["line"])) == ("schools/oakmoor.yaml", line_of(school, "conta[ct:"))
    assert "conta[ct: 'conta[ct' is not a key this file understands. Did you mean 'contact'?" in line


def test_a_number_too_long_for_python_is_refused_at_its_place_with_the_quoted_form(example_copy: Path) -> None:
    school = example_copy / "schools" / "oakmoor.yaml"
    school.write_text(school.read_text("utf-8") + f"urn: {'7' * 5000}\n", "utf-8")
    where, line = refused(example_copy)
    assert (where["file"], int(where["line"]), int(where["column"])) == (
        "schools/oakmoor.yaml", line_of(school, "7777"), len("urn: ") + 1)
    assert line.endswith('urn: this number is too long (5,000 digits). Write it in quotes if it is text, '
                         'e.g. "777777777777...".')
