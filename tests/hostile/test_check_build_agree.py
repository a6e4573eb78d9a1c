"""`check` and `build` agree on facts the build once refused after `check` passed them: each case is either
refused by `check` at file:line:col, or builds in every format and passes the build's audit."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.facts.conftest import ERROR_LINE
from tests.hostile.conftest import NOTICE_ID, SCHOOL_ID, facts_data, notices, set_value, write_facts

LONG_ID = "-".join(["children-in-need"] * 14 + ["more"])  # 242 characters
NOTICE = f"{NOTICE_ID}.yaml"
SCHOOL = f"schools/{SCHOOL_ID}.yaml"


def _value(file: str, path: tuple, value: str):
    return lambda files: set_value(files, (file, path), value)


def _rename(old: str, new: str):
    return lambda files: files.__setitem__(new, files.pop(old))


BUILT = {
    "a hyphenated phrase wrapped at a line end": _value(NOTICE, ("purposes", 0, "description"), " ".join(
        ["teach"] * 13 + ["full- and part-time pupils of secondary-age"])),
    "Arabic in the school's name": _value(SCHOOL, ("name",), "\u0645\u062f\u0631\u0633\u0629 Hill School"),
    "Hebrew in a category": _value(NOTICE, ("categories", 0, "name"), "\u05de\u05d9\u05d3\u05e2 \u05d0\u05d9\u05e9\u05d9"),
    "a right-to-left override in the title": _value(NOTICE, ("title",), "How we use \u202epupil\u202c information"),
    "zero-width characters in a recipient": _value("organisation.yaml", ("recipients", "dfe", "name"),
                                                   "Department\u200b for\u200d Education"),
    "a word of 90 characters": _value(NOTICE, ("purposes", 0, "description"), "teach " + "x" * 90),
    "a tab in the summary": _value(NOTICE, ("summary",), "A short\tsummary."),
    "a title of 300 characters": _value(NOTICE, ("title",), ("How we use pupil information and " * 10)[:300]),
    "a school name of 300 characters": _value(SCHOOL, ("name",), ("Hill Church of England School " * 11)[:300]),
}
REFUSED = {
    "a control character written \\x01": _value(NOTICE, ("categories", 0, "name"), "Personal\x01 information"),
    "an escape character written \\e": _value(NOTICE, ("purposes", 0, "description"), "teach \x1b pupils"),
    "U+FFFE written \\uFFFE": _value(NOTICE, ("summary",), "A short\ufffe summary."),
    "a notice id of 242 characters": _rename(NOTICE, f"{LONG_ID}.yaml"),
    "a school id of 242 characters": _rename(SCHOOL, f"schools/{LONG_ID}.yaml"),
    "a notice called booklet": _rename(NOTICE, "booklet.yaml"),
}


def _facts(tmp_path: Path, change) -> Path:
    files = facts_data()
    change(files)
    return write_facts(tmp_path / "notices", files)


@pytest.mark.parametrize("change", BUILT.values(), ids=BUILT.keys())
def test_facts_check_passes_build_in_every_format(tmp_path: Path, change) -> None:
    facts = _facts(tmp_path, change)
    checked = notices("check", "--facts", str(facts))
    assert checked.exit_code == 0, checked.output
    built = notices("build", "--facts", str(facts), "--out", str(tmp_path / "dist"))
    assert built.exit_code == 0, built.output


@pytest.mark.parametrize("change", REFUSED.values(), ids=REFUSED.keys())
def test_facts_the_build_cannot_make_are_refused_by_check_at_their_place(tmp_path: Path, change) -> None:
    checked = notices("check", "--facts", str(_facts(tmp_path, change)))
    assert checked.exit_code == 1
    assert ERROR_LINE.match(checked.output.splitlines()[0]), checked.output
    assert "Traceback" not in checked.output and "internal error" not in checked.output
