"""`notices diff` says in plain words what a change to the facts does to the record of processing and to each
school's retention schedule, including facts no notice prints (the systems, what happens at the end)."""

from __future__ import annotations

import json

from generator.diff.documents import document_changes
from generator.project import load_project
from tests.conftest import write_facts
from tests.diff.test_acceptance import diff
from tests.minimal_facts import minimal_facts


def test_a_new_system_and_a_new_end_are_named_in_the_review(repo) -> None:
    repo.edit("children-in-need.yaml", "  - name: Our safeguarding records system\n",
              "  - name: Our safeguarding records system\n  - name: The virtual school's portal\n")
    repo.edit("children-in-need.yaml", "at_the_end: securely destroyed", "at_the_end: offered to the county archives")
    repo.commit("a new system; records archived")
    result = diff(repo, "main~1", "--format", "json")
    assert result.exit_code == 0, result.output
    documents = json.loads(result.output)["documents"]
    # One sentence per school, counting the activities it reaches.
    assert any(line.startswith("Record of processing: Systems at Oakmoor School: now 'The virtual school's portal'")
               for line in documents), documents
    assert ("Retention schedule of Oakmoor School: 'Children in need and children looked after records': What "
            "happens at the end changed from 'securely destroyed' to 'offered to the county archives'.") in documents
    # No notice prints either fact: no notice changed, and the summary counts the documents' changes.
    report = json.loads(result.output)
    assert report["notices"] == [] and "to the record of processing and retention schedules" in report["summary"]
    text = diff(repo, "main~1").output
    assert "Record of processing: Systems at Oakmoor School" in text


def test_processing_for_another_controller_added_is_named(tmp_path) -> None:
    files = minimal_facts()
    before = load_project(write_facts(tmp_path / "before", files)).notices
    files["organisation.yaml"]["processing_for_others"] = [{
        "controller": "Countyshire Council", "contact": {"email": "dpo@countyshire.example.org"},
        "processing": ["payroll for the council's nursery staff"]}]
    files["organisation.yaml"]["security_measures"].append("Back-ups are encrypted")
    after = load_project(write_facts(tmp_path / "after", files)).notices
    assert document_changes(before, after) == [
        "Record of processing: Security measures at Hill School: now 'Back-ups are encrypted' (1 activity).",
        "Record of processing: processing for Countyshire Council added."]
