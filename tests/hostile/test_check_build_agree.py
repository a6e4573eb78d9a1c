"""`check` and `build` agree on facts the build once refused after `check` passed them: each case is either
refused by `check` at file:line:col, or builds in every format and passes the build's audit."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings, strategies as st

from generator.check import audit_rendered, check_project
from generator.check.gate import publishable_notices
from generator.facts.errors import FactErrors
from generator.project import Project, load_project
from generator.render.formats import RenderContext, all_formats
from tests.conftest import TEMPLATES
from tests.facts.conftest import ERROR_LINE
from tests.hostile.conftest import (
    NOTICE_ID,
    SCHOOL_ID,
    every_field_facts,
    facts_data,
    free_text_fields,
    notices,
    set_value,
    write_facts,
)

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

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
    "a title of 250 plain words in a booklet of two notices": lambda files: (
        files.__setitem__("second.yaml", dict(files[NOTICE], title="How we use photographs")),
        set_value(files, (NOTICE, ("title",)), ("we keep the pupils records of the school safely and " * 6)[:250])),
    "a publisher and a title that wrap the footer onto four lines": lambda files: (
        set_value(files, ("organisation.yaml", ("name",)), ("Example Church of England Academy Trust " * 4)[:150]),
        set_value(files, (NOTICE, ("title",)), ("How we use pupil information and " * 9)[:290])),
    "recipients: []": _value(NOTICE, ("recipients",), []),
    "recipients: none": _value(NOTICE, ("recipients",), "none"),
    "a heading with no words in a free section": _value(NOTICE, ("sections", 0, "body"), "#"),
    "a Hebrew basis of 43 words beside a retention period": lambda files: files[NOTICE]["retention"][0].update(
        basis=" ".join(["\u05e9\u05dc\u05d5\u05dd"] * 43)),
    "a source's description ending in a hyphen, before the next section's title":
        _value(NOTICE, ("sources", 0, "description"), "records from a full-"),
    "a purpose ending in a slash": _value(NOTICE, ("purposes", 0, "description"), "teach pupils at the school/"),
    "a category named by 54 dashes, one of which hangs in the margin": _value(
        NOTICE, ("categories", 0, "name"), " ".join(["\u2014"] * 54)),
    "sources: []": _value(NOTICE, ("sources",), []),
    "transfers: []": _value(NOTICE, ("transfers",), []),
    "automated_decisions: []": _value(NOTICE, ("automated_decisions",), []),
}
REFUSED = {
    "a control character written \\x01": _value(NOTICE, ("categories", 0, "name"), "Personal\x01 information"),
    "an escape character written \\e": _value(NOTICE, ("purposes", 0, "description"), "teach \x1b pupils"),
    "U+FFFE written \\uFFFE": _value(NOTICE, ("summary",), "A short\ufffe summary."),
    "a notice id of 242 characters": _rename(NOTICE, f"{LONG_ID}.yaml"),
    "a school id of 242 characters": _rename(SCHOOL, f"schools/{LONG_ID}.yaml"),
    "a notice called booklet": _rename(NOTICE, "booklet.yaml"),
    "an emoji in the school's name": _value(SCHOOL, ("name",), "Oakmoor School \U0001F600"),
    "a Chinese word in the summary": _value(NOTICE, ("summary",), "Our school \u5b66\u6821."),
    "U+10FFFF in the school's name": _value(SCHOOL, ("name",), "Oakmoor School \U0010FFFF"),
    "a digit under a Cyrillic mark in the trust's name": _value("organisation.yaml", ("name",), "0\u0484"),
    "a summary longer than one page holds": _value(NOTICE, ("summary",), "We keep records safely. " * 120),
    "a title of 943 characters, too long for the one-page summary": _value(NOTICE, ("title",), " ".join(["x" * 40] * 23)),
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
    # A fact that does not load is named on the first line; a finding under the heading of its notice.
    assert any(ERROR_LINE.match(line.strip()) for line in checked.output.splitlines()), checked.output
    assert "Traceback" not in checked.output and "internal error" not in checked.output


# ---- The property: whatever facts `check` passes, every format builds and passes the build's audit. ----

WORDS = st.sampled_from(["pupils", "Zorvexa", "Oakmoor", "Ofsted", "DfE", "Year", "7", "2026", "O'Brien-Smythe",
                         "Siobhán", "Ærøskøbing", "Ωmega", "Привет", "😀", "学校", "\U0010ffff",
                         "full-", "and", "x" * 40, "W" * 12, "a/b/c", "—", "&", "<b>", "*", "_", "#", "|"])
TEXT_VALUE = st.one_of(
    st.lists(WORDS, min_size=1, max_size=40).map(" ".join),
    st.builds(lambda word, times: " ".join([word] * times), WORDS, st.integers(20, 60)),  # long text
    # Any letter, digit, mark of punctuation or symbol of Latin, Greek and Cyrillic (and of Armenian, which the PDFs
    # do not print). Not yet Hebrew or Arabic: a printed line mixing them with English reads back from the PDF in
    # another order, which the audit does not yet allow for in every case (a purpose of 20 Hebrew words moves
    # the legitimate interests after it; "0\u05c60" reads back "00\u05c6"). BUILT above covers what already works.
    # Nor combining marks: PDFium reads a letter with a mark that has no precomposed form back twice
    # ("0\u0235\u03390" as "0\u0235\u0339\u0235\u03390"), which the audit does not yet allow for.
    st.text(st.characters(categories=("L", "N", "P", "S", "Zs"), max_codepoint=0x58F), min_size=1, max_size=80),
)
# Lists a notice may state as empty: nobody shared with, no retention rules yet, no changes, no examples.
EMPTY_LISTS = [(NOTICE, ("recipients",)), (NOTICE, ("retention",)), (NOTICE, ("changes",)), (NOTICE, ("sources",)),
               (NOTICE, ("transfers",)), (NOTICE, ("automated_decisions",)), (NOTICE, ("categories", 0, "examples")),
               (NOTICE, ("recipients", 0, "gateway")), (NOTICE, ("provision", "voluntary"))]
FIELDS = free_text_fields(every_field_facts())
CONTEXT = RenderContext(templates=TEMPLATES)
# 500 drawn fact sets, each built in every format in this process (0.2 to 0.5 s each): a few minutes in CI.
# The same 500 in every run (derandomize), so that CI judges the change, not the luck of the draw; to
# explore new draws, run it once with derandomize=False.
AGREEMENT = settings(max_examples=500, deadline=None, database=None, derandomize=True,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _checked(facts: Path) -> Project | None:
    """The project, when `check` passes its facts (as `notices check` does, with the project's templates)."""
    try:
        project = load_project(facts)
    except FactErrors:
        event("refused as it loads")
        return None
    errors = [finding for finding in check_project(project, templates=TEMPLATES) if finding.severity == "error"]
    if errors:
        event(f"refused by check: {errors[0].rule}")
        return None
    event("passed check")
    return project


@AGREEMENT
@given(changes=st.lists(st.tuples(st.sampled_from(FIELDS), TEXT_VALUE), min_size=1, max_size=6),
       empty=st.lists(st.sampled_from(EMPTY_LISTS), max_size=2))
def test_facts_check_passes_build_in_every_format_and_pass_the_audit(changes, empty) -> None:
    files = every_field_facts()
    for field, value in changes:
        set_value(files, field, value)
    for field in sorted(empty, key=lambda field: len(field[1]), reverse=True):  # a list emptied whole stays empty
        set_value(files, field, [])
    with tempfile.TemporaryDirectory(prefix="agree-") as folder:
        project = _checked(write_facts(Path(folder) / "notices", files))
        if project is None:
            return
        notices_built = publishable_notices(project, templates=TEMPLATES)
        out = Path(folder) / "dist"
        for output_format in all_formats().values():
            for relative, subject in output_format.files(notices_built):
                (out / relative).parent.mkdir(parents=True, exist_ok=True)
                (out / relative).write_bytes(output_format.render(subject, CONTEXT))
        failures = [finding for finding in audit_rendered(out, notices_built) if finding.severity == "error"]
    assert not failures, "\n".join(f"{finding.rule} {finding.location}: {finding.message}" for finding in failures)
