"""The rules table agrees with the requirements reference, and every entry is usable by the checker and the manual."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.check import rules_table
from generator.check.audit import required_values
from generator.check.documents import DOCUMENT_RULES
from generator.check.fit import FITS
from generator.check.judge import APPLIES, DERIVED_RIGHTS_RULES, JUDGEMENTS
from generator.check.lints import LINTS
from generator.check.printing import PRINTABLE_RULE
from generator.facts.sections import TITLES
from generator.project import load_project
from tests.conftest import EXAMPLE

# The project's copy of the requirements reference: tests read nothing outside the repository.
REFERENCE = Path(__file__).parent / "reference" / "transparency-requirements.md"


def _reference_ids() -> set[str]:
    """The rule ids of the reference's requirements table: the first cell of each row that holds one."""
    rows = re.findall(r"^\| (A1[34][.0-9a-z]*) \|", REFERENCE.read_text("utf-8"), flags=re.MULTILINE)
    assert len(rows) == len(set(rows)) >= 14, "the reference's rule table was not read"
    return set(rows)


def test_every_reference_rule_is_in_the_table_and_the_reverse() -> None:
    # Rules on other articles and Acts (S164A, ...) have ids of their own; Articles 13/14 follow the reference.
    table = {entry.id for entry in rules_table(every=True) if entry.kind == "rule" and entry.id.startswith(("A13", "A14"))}
    reference = _reference_ids()
    assert not reference - table, f"in the reference, not in rules.yaml: {sorted(reference - table)}"
    assert not table - reference, f"in rules.yaml, not in the reference: {sorted(table - reference)}"


def test_rule_ids_are_unique_and_lints_are_marked() -> None:
    ids = [entry.id for entry in rules_table()]
    assert len(ids) == len(set(ids))
    assert all(entry.id.startswith("L.") for entry in rules_table() if entry.kind == "lint")


@pytest.mark.parametrize("entry", rules_table(), ids=lambda entry: entry.id)
def test_each_entry_is_complete(entry) -> None:
    assert entry.title and entry.description and entry.judged and entry.fix
    assert entry.severity in {"error", "warning"}
    if entry.kind == "rule":
        assert entry.article and entry.applies in APPLIES
        assert entry.sections and all(anchor in TITLES for anchor in entry.sections)
        assert (entry.id in JUDGEMENTS) != (entry.id in DERIVED_RIGHTS_RULES), entry.id
    elif entry.kind == "fit":  # judged on each notice, by the organisation that publishes it
        assert entry.id.startswith("F.") and entry.id in FITS and entry.applies in APPLIES
    else:  # a lint judges one notice, but for the printable characters, judged over all the facts at once, and
        # the consent forms' and subject access letters' rules, judged on those files as they are read back
        assert entry.id in LINTS or entry.id == PRINTABLE_RULE or entry.id in DOCUMENT_RULES


def test_each_entry_has_a_manual_anchor() -> None:
    anchors = {entry.id: entry.anchor for entry in rules_table()}
    assert anchors["A13.1.f"] == "a13-1-f" and anchors["L.naming"] == "l-naming"
    assert len(set(anchors.values())) == len(anchors)


def test_each_rule_has_its_judgement_and_its_audit_values_and_names_no_rule_that_is_not_in_the_table() -> None:
    """A rule added to rules.yaml without its judgement (generator/check/judge.py) or the values the audit
    looks for (generator/check/audit.py) fails here, not in a school's build."""
    rules = {entry.id for entry in rules_table(every=True) if entry.kind == "rule"}
    assert set(JUDGEMENTS) | DERIVED_RIGHTS_RULES == rules
    assert not set(JUDGEMENTS) & DERIVED_RIGHTS_RULES
    notice = next(notice for notice in load_project(EXAMPLE).notices if notice.key == "oakmoor/children-in-need")
    assert set(required_values(notice)) == rules
