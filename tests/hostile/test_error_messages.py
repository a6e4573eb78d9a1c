"""Broken fact files: for each, `notices check` exits 1 and its first line says where and what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.hostile.conftest import notices
from tests.minimal_facts import minimal_facts


class _FactFileDumper(yaml.SafeDumper):
    """YAML as a school writes it: lists indented under their key, and double quotes where quotes are needed."""

    def choose_scalar_style(self) -> str:
        style = super().choose_scalar_style()
        return '"' if style == "'" else style

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


FACTS = minimal_facts(dfe_website=True, school_phone=True)
VALID = {name: yaml.dump(data, Dumper=_FactFileDumper, sort_keys=False, allow_unicode=True, width=1000)
         for name, data in FACTS.items()}
ORGANISATION, SCHOOL, NOTICE = VALID["organisation.yaml"], VALID["schools/hill.yaml"], VALID["pupils.yaml"]
CATEGORY = FACTS["pupils.yaml"]["categories"][0]["id"]
BIG = "title: " + "x" * (1024 * 1024) + "\n"
QUOTE_ERROR = ("is where YAML expected a new 'key: value' line but found more text. Check the quote marks here and "
               'on the lines above (text with an apostrophe goes in double quotes, e.g. "It\'s short"), and that this '
               "line is indented like its neighbours.")


def _edit(text: str, old: str, new: str) -> str:
    assert old in text, f"{old!r} not in the base file"
    return text.replace(old, new, 1)


def _line(text: str, needle: str) -> int:
    """The line (from 1) where ``needle`` first starts in ``text``."""
    assert needle in text, f"{needle!r} not in the file"
    return text.count("\n", 0, text.index(needle)) + 1


def _position(text: str, index: int) -> str:
    """'line:column' (both from 1) of the character at ``index`` in ``text``."""
    return f"{text.count(chr(10), 0, index) + 1}:{index - text.rfind(chr(10), 0, index)}"


def _at(text: str, needle: str, offset: int = 0) -> str:
    """'line:column' of the character ``offset`` characters into the first ``needle`` in ``text``."""
    assert needle in text, f"{needle!r} not in the file"
    return _position(text, text.index(needle) + offset)


def _case(name: str, file: str, text: str | bytes | None, message: str) -> tuple[str, dict, str]:
    """A broken ``file`` holding ``text``, and the first line `notices check` prints for it."""
    return name, {file: text}, f"{file}:{message}"


_UNCLOSED_LIST = _edit(NOTICE, "    examples:\n      - address\n", "    examples: [address\n")
_UNCLOSED_QUOTE = _edit(NOTICE, "summary: ", 'summary: "')
# The next double quote closes the one opened before the summary; the text after it is what YAML trips on.
_NEXT_QUOTE = _UNCLOSED_QUOTE.index('"', _UNCLOSED_QUOTE.index('summary: "') + len('summary: "'))
_COLON = _edit(NOTICE, "title: How we use pupil information", "title: Pupils: how we use information")
_APOSTROPHE = _edit(NOTICE, f"summary: {FACTS['pupils.yaml']['summary']}", "summary: 'It's short.'")
_TAB = _edit(NOTICE, "  - pupils", "\t- pupils")
_INDENTED = _edit(NOTICE, 'version: "1.0"', '  version: "1.0"')
_TEXT_FOR_LIST = _edit(NOTICE, "data_subjects:\n  - pupils", "data_subjects: pupils")
_LIST_FOR_TEXT = _edit(NOTICE, "title: How we use pupil information", "title:\n  - How we use\n  - pupil information")
_EMPTY = _edit(NOTICE, "title: How we use pupil information", "title:")
_TRUE = _edit(NOTICE, "title: How we use pupil information", "title: true")
_NO_NONE = _edit(NOTICE, "transfers: none", "transfers: no")
_NO_TITLE = _edit(NOTICE, "title: How we use pupil information\n", "")
_NO_DPO_EMAIL = _edit(ORGANISATION, "  email: dpo@hill.example.org\n", "")
_SUMARY = _edit(NOTICE, "summary:", "sumary:")
_EXAMPLE = _edit(NOTICE, "    examples:", "    example:")
_BAD_ID = _edit(NOTICE, f"id: {CATEGORY}", "id: Personal Info")
_NO_CATEGORIES = NOTICE[:NOTICE.index("categories:\n")] + "categories: []\n" + NOTICE[NOTICE.index("purposes:\n"):]
_NOT_UTF8 = _edit(NOTICE, f"summary: {FACTS['pupils.yaml']['summary']}", "summary: Caf\xe9 menu.")
_NO_WAY_TO_REACH = _edit(SCHOOL, "  email: office@hill.example.org\n  phone: 01234 567890\n", "")
_STAFF = SCHOOL + "notices:\n  staff:\n    publish: false\n"
_REMOVE = SCHOOL + "notices:\n  pupils:\n    remove:\n      categories: [photos]\n"
_SECTION = NOTICE + "sections:\n  - id: cctv\n    title: Cameras\n    body: See [this](javascript:alert(1)).\n"


def _date(name: str, written: str) -> tuple[str, dict, str]:
    text = _edit(NOTICE, 'last_reviewed: "2026-09-01"', f"last_reviewed: {written}")
    return _case(name, "pupils.yaml", text, f"{_at(text, 'last_reviewed')}: last_reviewed: '{written}' is not a "
                 "date. Write dates as YYYY-MM-DD, e.g. 2026-09-01.")


def _appended(name: str, line: str, message: str) -> tuple[str, dict, str]:
    """``line`` added at the end of the notice; ``message`` follows its position."""
    return _case(name, "pupils.yaml", NOTICE + line, f"{_at(NOTICE + line, line)}: {message}")


def _changed(name: str, file: str, old: str, new: str, message: str, at: str | None = None) -> tuple[str, dict, str]:
    """``old`` written as ``new`` in ``file``; the position is that of ``at`` (the new text unless named)."""
    text = _edit(VALID[file], old, new)
    return _case(name, file, text, f"{_at(text, at or new)}: {message}")


# (what is broken, the files changed (None deletes one), the first line `notices check` prints)
CASES = [
    _case("unclosed list", "pupils.yaml", _UNCLOSED_LIST,
          f"{_at(_UNCLOSED_LIST, '[address')}: opens a list with [ that is not closed. Add the closing ], or write "
          "the list as lines starting with '- '."),
    _case("unclosed quote", "pupils.yaml", _UNCLOSED_QUOTE,
          f"{_position(_UNCLOSED_QUOTE, _NEXT_QUOTE + 1)}: {QUOTE_ERROR}"),
    _case("colon inside text", "pupils.yaml", _COLON,
          f"{_at(_COLON, 'Pupils: ', len('Pupils'))}: has a ': ' that YAML reads as the start of a new key. If the "
          "text contains ': ', put the whole text in quotes; otherwise line this key up with the keys around it."),
    _case("apostrophe inside single quotes", "pupils.yaml", _APOSTROPHE,
          f"{_at(_APOSTROPHE, 's short.')}: {QUOTE_ERROR}"),
    _case("tab indent", "pupils.yaml", _TAB,
          f"{_at(_TAB, chr(9))}: has a tab character, which YAML does not allow for indenting. Indent with spaces, "
          "not tabs."),
    _case("key indented too far", "pupils.yaml", _INDENTED, f"{_at(_INDENTED, '  version', 2)}: {QUOTE_ERROR}"),
    _case("text where a list goes", "pupils.yaml", _TEXT_FOR_LIST,
          f"{_at(_TEXT_FOR_LIST, 'data_subjects:')}: data_subjects: should be a list (lines starting with '- '), "
          "not 'pupils'. Check the indentation and the value."),
    _case("list where text goes", "pupils.yaml", _LIST_FOR_TEXT,
          f"{_at(_LIST_FOR_TEXT, 'title:')}: title: should be text, not a list. Check the indentation and the value."),
    _case("empty value", "pupils.yaml", _EMPTY,
          f"{_at(_EMPTY, 'title:')}: title: should be text, not nothing. Check the indentation and the value."),
    _case("bare true as text", "pupils.yaml", _TRUE,
          f"{_at(_TRUE, 'title:')}: title: should be text, not true. Put quotes round text that is only true or "
          "false, e.g. 'true'."),
    _appended("words where true/false goes", "direct_marketing: sometimes\n",
              "direct_marketing: should be true or false, not 'sometimes'. Write true or false."),
    _appended("no where false is meant", "direct_marketing: no\n",
              "direct_marketing: should be true or false, not 'no'. Write true or false: fact files read yes, no, "
              "on and off as words, not as true or false."),
    _case("no where none is meant", "pupils.yaml", _NO_NONE,
          f"{_at(_NO_NONE, 'transfers:')}: transfers: should be a list (lines starting with '- ') or the word none, "
          "not 'no'. Write 'none' if there are none."),
    _case("missing required key", "pupils.yaml", _NO_TITLE,
          f"{_at(_NO_TITLE, 'summary:')}: title: 'title' is missing. Add a line 'title: ...' here; it is required."),
    _case("missing nested key", "organisation.yaml", _NO_DPO_EMAIL,
          f"{_at(_NO_DPO_EMAIL, 'dpo:')}: dpo.email: 'email' is missing. Add a line 'email: ...' here; it is "
          "required."),
    _case("near-miss key", "pupils.yaml", _SUMARY,
          f"{_at(_SUMARY, 'sumary:')}: sumary: 'sumary' is not a key this file understands. Did you mean "
          "'summary'?"),
    _case("near-miss nested key", "pupils.yaml", _EXAMPLE,
          f"{_at(_EXAMPLE, 'example:')}: categories[1].example: 'example' is not a key this file understands. Did "
          "you mean 'examples'?"),
    _appended("unknown key", "colour: blue\n",
              "colour: 'colour' is not a key this file understands. Known keys here: applies_to, automated_decisions, "
              "categories, changes, contact, data_subjects, data_subjects_are, direct_marketing, joint_controllers, "
              "last_reviewed, lawful_bases, next_review, provision, purposes, recipients, retention, sections, "
              "sources, summary, systems, title, topic, transfers, version."),
    _date("date in words", "1st September 2026"),
    _date("UK date order", "01/09/2026"),
    _date("month 13", "2026-13-01"),
    _changed("email without @", "organisation.yaml", "dpo@hill.example.org", "dpo at hill.example.org",
             "dpo.email: 'dpo at hill.example.org' is not an email address (An email address must have an @-sign). "
             "Write it like name@example.org.", at="email: dpo at"),
    _changed("web address without https", "organisation.yaml", "https://www.gov.uk/contact-dfe",
             "www.gov.uk/contact-dfe", "recipients.dfe.url: 'www.gov.uk/contact-dfe' is not a full web address. "
             "Write it with https:// at the start, e.g. https://www.example.org/.", at="url: www.gov.uk"),
    _changed("javascript web address", "organisation.yaml", "https://www.gov.uk/contact-dfe", "javascript:alert(1)",
             "recipients.dfe.url: 'javascript:alert(1)' is not a full web address. Write it with https:// at the "
             "start, e.g. https://www.example.org/.", at="url: javascript"),
    _changed("phone in words", "schools/hill.yaml", "phone: 01234 567890", "phone: ring the office",
             "contact.phone: 'ring the office' is not a telephone number. Write the number as people dial it, e.g. "
             "01420 472132 or +44 1420 472132."),
    _changed("unknown recipient", "pupils.yaml", "  - id: dfe\n", "  - id: dfe-typo\n",
             "recipients[1].id: names the recipient 'dfe-typo', which neither the school nor the organisation "
             "defines. Did you mean 'dfe'?", at="id: dfe-typo"),
    _changed("unknown article", "pupils.yaml", "6(1)(e)", "6(1)(z)",
             "lawful_bases[1].article: '6(1)(z)' is not an Article 6(1) basis, Article 9(2) condition or Article 10 "
             "(known: 6(1)(a), 6(1)(b), 6(1)(c), 6(1)(d), 6(1)(e), 6(1)(ea), 6(1)(f), 9(2)(a), 9(2)(b), 9(2)(c), "
             "9(2)(d), 9(2)(e), 9(2)(f), 9(2)(g), 9(2)(h), 9(2)(i), 9(2)(j), 10). Correct the value.",
             at="article: 6(1)(z)"),
    _case("id with capitals and spaces", "pupils.yaml", _BAD_ID,
          f"{_at(_BAD_ID, 'id: Personal Info')}: categories[1].id: 'Personal Info' is not a valid id. Use lower-case "
          "letters, digits and hyphens only, e.g. 'local-authority'."),
    _changed("not one of the choices", "pupils.yaml", "requirement: statutory", "requirement: required",
             "provision.requirement: 'required' is not one of the choices: 'statutory', 'contractual', "
             "'contract-entry', 'voluntary' or 'mixed'. Use one of them, spelt exactly as shown."),
    _case("no categories", "pupils.yaml", _NO_CATEGORIES,
          f"{_at(_NO_CATEGORIES, 'categories:')}: categories: needs at least one item. Add at least one, each on its "
          "own line starting with '- '."),
    _case("duplicate notice id across files", "pupils.yml", NOTICE,
          "1:1: repeats the notice id 'pupils'. Keep one file per notice: .yaml and .yml of the same name clash."),
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
    _appended("duplicate key", "title: Again\n",
              f"title: is given twice (first on line {_line(NOTICE, 'title:')}). Keep one of the two and delete the "
              "other; YAML would silently drop the first."),
    ("alias bomb", {"pupils.yaml": "a: &a [lol, lol, lol]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n"},
     "pupils.yaml:2:8: uses an alias (*name), which fact files do not allow. Write the value out in full "
     "instead of referring to an anchor (&name)."),
    ("over 1 MiB", {"pupils.yaml": BIG},
     "pupils.yaml:1:1: is 1,048,584 bytes, over the 1 MiB limit for a fact file. Split it into smaller "
     "files, or move long text out of the facts."),
    _case("not UTF-8", "pupils.yaml", _NOT_UTF8.encode("latin-1"),
          f"{_at(_NOT_UTF8, chr(0xe9))}: is not UTF-8 text (byte {_NOT_UTF8.index(chr(0xe9))} is 0xe9). Save the "
          "file as UTF-8: in most editors, 'Save with encoding' then 'UTF-8'."),
    _changed("python tag", "pupils.yaml", f"summary: {FACTS['pupils.yaml']['summary']}",
             "summary: !!python/object/apply:os.system [ls]",
             "summary: uses the tag !!python/object/apply:os.system, which fact files do not support. Remove the "
             "tag.", at="!!python"),
    _case("contact with no way to reach", "schools/hill.yaml", _NO_WAY_TO_REACH,
          f"{_at(_NO_WAY_TO_REACH, 'contact:')}: contact: a contact needs at least one of phone, email, address or "
          "url. Correct the value."),
    _case("school changes a notice that does not exist", "schools/hill.yaml", _STAFF,
          f"{_at(_STAFF, '  staff:', 2)}: notices.staff: has changes for the notice 'staff', but there is no "
          "staff.yaml. Known ids: pupils."),
    _case("school removes an item the notice lacks", "schools/hill.yaml", _REMOVE,
          f"{_at(_REMOVE, 'categories: [photos]')}: remove.categories[1]: removes 'photos' from categories, but the "
          f"notice has no such item. Known ids: {CATEGORY}."),
    ("no organisation file", {"organisation.yaml": None},
     "organisation.yaml: is missing. Every facts folder needs an organisation.yaml describing the "
     "controller."),
    _case("free section linking to javascript", "pupils.yaml", _SECTION,
          f"{_at(_SECTION, 'body: See')}: sections[1].body: line 1 of the text links to 'javascript:alert(1)': links "
          "may only go to a web page (https://...), an email address (mailto:...) or a phone number (tel:...). "
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
