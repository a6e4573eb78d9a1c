"""Broken fact files: for each, `notices check` exits 1 and its first line says where and what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.conftest import notices

ORGANISATION = """\
name: Example Academy Trust
kind: academy-trust
dpo:
  name: Sam Jones
  email: dpo@example.org
recipients:
  dfe:
    name: Department for Education
    url: https://www.gov.uk/contact-dfe
complaints:
  email: complaints@example.org
"""
SCHOOL = """\
name: Hill School
contact:
  role: Office Manager
  email: office@example.org
  phone: "01234 567890"
recipients:
  local-authority:
    name: Countyshire Council
"""
NOTICE = """\
title: How we use pupil information
summary: A short summary.
data_subjects:
  - pupils
version: "1.0"
last_reviewed: 2026-09-01
categories:
  - id: personal
    name: Personal information
    examples: [name, address]
purposes:
  - id: teaching
    description: teach pupils
lawful_bases:
  - article: 6(1)(e)
provision:
  requirement: statutory
  explanation: The law requires most of it.
  consequences: We ask the local authority for it instead.
sources: none
recipients:
  - id: dfe
  - id: local-authority
transfers: none
automated_decisions: none
retention:
  - id: file
    records: Pupil file
    period: until the pupil is 25
"""
BIG = "title: " + "x" * (1024 * 1024) + "\n"
VALID = {"organisation.yaml": ORGANISATION, "schools/hill.yaml": SCHOOL, "pupils.yaml": NOTICE}


def _edit(text: str, old: str, new: str) -> str:
    assert old in text, f"{old!r} not in the base file"
    return text.replace(old, new, 1)


# (what is broken, the files changed (None deletes one), the first line `notices check` prints)
CASES = [
    ("unclosed list", {"pupils.yaml": _edit(NOTICE, "examples: [name, address]", "examples: [name, address")},
     "pupils.yaml:10:15: opens a list with [ that is not closed. Add the closing ], or write the list as "
     "lines starting with '- '."),
    ("unclosed quote", {"pupils.yaml": _edit(NOTICE, "summary: A short summary.", 'summary: "A short summary.')},
     "pupils.yaml:5:11: is where YAML expected a new 'key: value' line but found more text. Check the "
     'quote marks here and on the lines above (text with an apostrophe goes in double quotes, e.g. "It\'s '
     'short"), and that this line is indented like its neighbours.'),
    ("colon inside text",
     {"pupils.yaml": _edit(NOTICE, "title: How we use pupil information", "title: Pupils: how we use information")},
     "pupils.yaml:1:14: has a ': ' that YAML reads as the start of a new key. If the text contains ': ', "
     "put the whole text in quotes; otherwise line this key up with the keys around it."),
    ("apostrophe inside single quotes",
     {"pupils.yaml": _edit(NOTICE, "summary: A short summary.", "summary: 'It's short.'")},
     "pupils.yaml:2:14: is where YAML expected a new 'key: value' line but found more text. Check the "
     'quote marks here and on the lines above (text with an apostrophe goes in double quotes, e.g. "It\'s '
     'short"), and that this line is indented like its neighbours.'),
    ("tab indent", {"pupils.yaml": _edit(NOTICE, "  - pupils", "\t- pupils")},
     "pupils.yaml:4:1: has a tab character, which YAML does not allow for indenting. Indent with spaces, "
     "not tabs."),
    ("key indented too far", {"pupils.yaml": _edit(NOTICE, 'version: "1.0"', '  version: "1.0"')},
     "pupils.yaml:5:3: is where YAML expected a new 'key: value' line but found more text. Check the "
     'quote marks here and on the lines above (text with an apostrophe goes in double quotes, e.g. "It\'s '
     'short"), and that this line is indented like its neighbours.'),
    ("text where a list goes", {"pupils.yaml": _edit(NOTICE, "data_subjects:\n  - pupils", "data_subjects: pupils")},
     "pupils.yaml:3:1: data_subjects: should be a list (lines starting with '- '), not 'pupils'. Check "
     "the indentation and the value."),
    ("list where text goes",
     {"pupils.yaml": _edit(NOTICE, "title: How we use pupil information", "title:\n  - How we use\n  - pupil information")},
     "pupils.yaml:1:1: title: should be text, not a list. Check the indentation and the value."),
    ("empty value", {"pupils.yaml": _edit(NOTICE, "title: How we use pupil information", "title:")},
     "pupils.yaml:1:1: title: should be text, not nothing. Check the indentation and the value."),
    ("bare true as text", {"pupils.yaml": _edit(NOTICE, "title: How we use pupil information", "title: true")},
     "pupils.yaml:1:1: title: should be text, not true. Put quotes round text that is only true or false, "
     "e.g. 'true'."),
    ("words where true/false goes", {"pupils.yaml": NOTICE + "direct_marketing: sometimes\n"},
     "pupils.yaml:30:1: direct_marketing: should be true or false, not 'sometimes'. Write true or false."),
    ("no where false is meant", {"pupils.yaml": NOTICE + "direct_marketing: no\n"},
     "pupils.yaml:30:1: direct_marketing: should be true or false, not 'no'. Write true or false: fact files "
     "read yes, no, on and off as words, not as true or false."),
    ("no where none is meant", {"pupils.yaml": _edit(NOTICE, "transfers: none", "transfers: no")},
     "pupils.yaml:24:1: transfers: should be a list (lines starting with '- ') or the word none, not "
     "'no'. Write 'none' if there are none."),
    ("missing required key", {"pupils.yaml": _edit(NOTICE, "title: How we use pupil information\n", "")},
     "pupils.yaml:1:1: title: 'title' is missing. Add a line 'title: ...' here; it is required."),
    ("missing nested key", {"organisation.yaml": _edit(ORGANISATION, "  email: dpo@example.org\n", "")},
     "organisation.yaml:3:1: dpo.email: 'email' is missing. Add a line 'email: ...' here; it is required."),
    ("near-miss key", {"pupils.yaml": _edit(NOTICE, "summary:", "sumary:")},
     "pupils.yaml:2:1: sumary: 'sumary' is not a key this file understands. Did you mean 'summary'?"),
    ("near-miss nested key", {"pupils.yaml": _edit(NOTICE, "    examples:", "    example:")},
     "pupils.yaml:10:5: categories[1].example: 'example' is not a key this file understands. Did you mean "
     "'examples'?"),
    ("unknown key", {"pupils.yaml": NOTICE + "colour: blue\n"},
     "pupils.yaml:30:1: colour: 'colour' is not a key this file understands. Known keys here: "
     "automated_decisions, categories, changes, data_subjects, direct_marketing, last_reviewed, "
     "lawful_bases, next_review, provision, purposes, recipients, retention, sections, sources, summary, "
     "title, transfers, version."),
    ("date in words", {"pupils.yaml": _edit(NOTICE, "last_reviewed: 2026-09-01", "last_reviewed: 1st September 2026")},
     "pupils.yaml:6:1: last_reviewed: '1st September 2026' is not a date. Write dates as YYYY-MM-DD, e.g. "
     "2026-09-01."),
    ("UK date order", {"pupils.yaml": _edit(NOTICE, "last_reviewed: 2026-09-01", "last_reviewed: 01/09/2026")},
     "pupils.yaml:6:1: last_reviewed: '01/09/2026' is not a date. Write dates as YYYY-MM-DD, e.g. "
     "2026-09-01."),
    ("month 13", {"pupils.yaml": _edit(NOTICE, "last_reviewed: 2026-09-01", "last_reviewed: 2026-13-01")},
     "pupils.yaml:6:1: last_reviewed: '2026-13-01' is not a date. Write dates as YYYY-MM-DD, e.g. "
     "2026-09-01."),
    ("email without @", {"organisation.yaml": _edit(ORGANISATION, "dpo@example.org", "dpo at example.org")},
     "organisation.yaml:5:3: dpo.email: 'dpo at example.org' is not an email address (An email address "
     "must have an @-sign). Write it like name@example.org."),
    ("web address without https",
     {"organisation.yaml": _edit(ORGANISATION, "https://www.gov.uk/contact-dfe", "www.gov.uk/contact-dfe")},
     "organisation.yaml:9:5: recipients.dfe.url: 'www.gov.uk/contact-dfe' is not a full web address. "
     "Write it with https:// at the start, e.g. https://www.example.org/."),
    ("javascript web address",
     {"organisation.yaml": _edit(ORGANISATION, "https://www.gov.uk/contact-dfe", "javascript:alert(1)")},
     "organisation.yaml:9:5: recipients.dfe.url: 'javascript:alert(1)' is not a full web address. Write "
     "it with https:// at the start, e.g. https://www.example.org/."),
    ("phone in words", {"schools/hill.yaml": _edit(SCHOOL, '"01234 567890"', "ring the office")},
     "schools/hill.yaml:5:3: contact.phone: 'ring the office' is not a telephone number. Write the number "
     "as people dial it, e.g. 01420 472132 or +44 1420 472132."),
    ("unknown recipient", {"pupils.yaml": _edit(NOTICE, "  - id: dfe\n", "  - id: dfe-typo\n")},
     "pupils.yaml:22:5: recipients[1].id: names the recipient 'dfe-typo', which neither the school nor "
     "the organisation defines. Did you mean 'dfe'?"),
    ("unknown article", {"pupils.yaml": _edit(NOTICE, "6(1)(e)", "6(1)(z)")},
     "pupils.yaml:15:5: lawful_bases[1].article: '6(1)(z)' is not an Article 6(1) basis, Article 9(2) "
     "condition or Article 10 (known: 6(1)(a), 6(1)(b), 6(1)(c), 6(1)(d), 6(1)(e), 6(1)(ea), 6(1)(f), 9(2)(a), "
     "9(2)(b), 9(2)(c), 9(2)(d), 9(2)(e), 9(2)(f), 9(2)(g), 9(2)(h), 9(2)(i), 9(2)(j), 10). Correct the value."),
    ("id with capitals and spaces", {"pupils.yaml": _edit(NOTICE, "id: personal", "id: Personal Info")},
     "pupils.yaml:8:5: categories[1].id: 'Personal Info' is not a valid id. Use lower-case letters, "
     "digits and hyphens only, e.g. 'local-authority'."),
    ("not one of the choices", {"pupils.yaml": _edit(NOTICE, "requirement: statutory", "requirement: required")},
     "pupils.yaml:17:3: provision.requirement: 'required' is not one of the choices: 'statutory', "
     "'contractual', 'contract-entry', 'voluntary' or 'mixed'. Use one of them, spelt exactly as shown."),
    ("no categories",
     {"pupils.yaml": _edit(NOTICE, "categories:\n  - id: personal\n    name: Personal information\n    examples: [name, address]\n", "categories: []\n")},
     "pupils.yaml:7:1: categories: needs at least one item. Add at least one, each on its own line "
     "starting with '- '."),
    ("duplicate notice id across files", {"pupils.yml": NOTICE},
     "pupils.yml:1:1: repeats the notice id 'pupils'. Keep one file per notice: .yaml and .yml of the "
     "same name clash."),
    ("file name with capitals", {"pupils.yaml": None, "Pupils.yaml": NOTICE},
     "Pupils.yaml:1:1: has a file name ('Pupils.yaml') that cannot be an id. Rename it with lower-case "
     "letters, digits and hyphens only, e.g. 'children-in-need.yaml'."),
    ("empty file", {"pupils.yaml": ""},
     "pupils.yaml:1:1: is empty. Fill it in, or delete the file."),
    ("only comments", {"pupils.yaml": "# to be written\n"},
     "pupils.yaml:1:1: is empty. Fill it in, or delete the file."),
    ("a list, not keys", {"pupils.yaml": "- title: How we use pupil information\n"},
     "pupils.yaml:1:1: should be a set of 'key: value' lines. Start each fact on its own line as 'key: "
     "value'."),
    ("duplicate key", {"pupils.yaml": NOTICE + "title: Again\n"},
     "pupils.yaml:30:1: title: is given twice (first on line 1). Keep one of the two and delete the "
     "other; YAML would silently drop the first."),
    ("alias bomb", {"pupils.yaml": "a: &a [lol, lol, lol]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n"},
     "pupils.yaml:2:8: uses an alias (*name), which fact files do not allow. Write the value out in full "
     "instead of referring to an anchor (&name)."),
    ("over 1 MiB", {"pupils.yaml": BIG},
     "pupils.yaml:1:1: is 1,048,584 bytes, over the 1 MiB limit for a fact file. Split it into smaller "
     "files, or move long text out of the facts."),
    ("not UTF-8", {"pupils.yaml": _edit(NOTICE, "A short summary.", "Caf\xe9 menu.").encode("latin-1")},
     "pupils.yaml:2:13: is not UTF-8 text (byte 48 is 0xe9). Save the file as UTF-8: in most editors, "
     "'Save with encoding' then 'UTF-8'."),
    ("python tag",
     {"pupils.yaml": _edit(NOTICE, "summary: A short summary.", "summary: !!python/object/apply:os.system [ls]")},
     "pupils.yaml:2:10: summary: uses the tag !!python/object/apply:os.system, which fact files do not "
     "support. Remove the tag."),
    ("contact with no way to reach",
     {"schools/hill.yaml": _edit(SCHOOL, '  email: office@example.org\n  phone: "01234 567890"\n', "")},
     "schools/hill.yaml:2:1: contact: a contact needs at least one of phone, email, address or url. "
     "Correct the value."),
    ("school changes a notice that does not exist",
     {"schools/hill.yaml": SCHOOL + "notices:\n  staff:\n    publish: false\n"},
     "schools/hill.yaml:10:3: notices.staff: has changes for the notice 'staff', but there is no "
     "staff.yaml. Known ids: pupils."),
    ("school removes an item the notice lacks",
     {"schools/hill.yaml": SCHOOL + "notices:\n  pupils:\n    remove:\n      categories: [photos]\n"},
     "schools/hill.yaml:12:7: remove.categories[1]: removes 'photos' from categories, but the notice has "
     "no such item. Known ids: personal."),
    ("no organisation file", {"organisation.yaml": None},
     "organisation.yaml: is missing. Every facts folder needs an organisation.yaml describing the "
     "controller."),
    ("free section linking to javascript",
     {"pupils.yaml": NOTICE + "sections:\n  - id: cctv\n    title: Cameras\n    body: See [this](javascript:alert(1)).\n"},
     "pupils.yaml:33:5: sections[1].body: line 1 of the text links to 'javascript:alert(1)': links may "
     "only go to a web page (https://...), an email address (mailto:...) or a phone number (tel:...). "
     "Correct the value."),
]


def _write(folder: Path, files: dict[str, str | bytes | None]) -> Path:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif content is not None:
            path.write_text(content, "utf-8")
    return folder


@pytest.mark.parametrize("files, first_line", [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_a_broken_fact_file_is_named_with_what_to_do(tmp_path: Path, files: dict, first_line: str) -> None:
    facts = _write(tmp_path / "notices", {**VALID, **files})
    result = notices("check", "--facts", str(facts))
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[0] == first_line
    assert "Traceback" not in result.output
    assert result.output.splitlines()[-1].endswith("in the facts; nothing was built or changed.")


def test_the_files_the_table_breaks_are_valid_as_they_stand(tmp_path: Path) -> None:
    result = notices("check", "--facts", str(_write(tmp_path / "notices", VALID)))
    assert result.exit_code == 0, result.output


def test_the_table_has_at_least_25_broken_inputs() -> None:
    assert len(CASES) >= 25
