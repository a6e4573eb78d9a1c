"""A minimal trust, school and notice that break no rule; each test changes one fact and writes them."""

from __future__ import annotations

import copy
import datetime
from pathlib import Path

from generator.check import Finding, check_project
from generator.project import load_project
from tests.conftest import write_facts

TODAY = datetime.date(2026, 11, 29)

ORGANISATION = {
    "name": "Hill Academy Trust",
    "kind": "academy-trust",
    "dpo": {"name": "Sam Jones", "email": "dpo@hill.example.org"},
    "complaints": {"url": "https://hill.example.org/complaints"},
    "recipients": {"dfe": {"name": "Department for Education"}},
}
SCHOOL = {
    "name": "Hill School",
    "contact": {"role": "Office Manager", "email": "office@hill.example.org"},
    "recipients": {"local-authority": {"name": "Countyshire Council Children's Services"}},
}
NOTICE = {
    "title": "How we use pupil information",
    "summary": "We use pupils' information to teach them and keep them safe.",
    "data_subjects": ["pupils"],
    "version": "1.0",
    "last_reviewed": "2026-09-01",
    "next_review": "2027-09-01",
    "categories": [{"id": "contact", "name": "Contact details", "examples": ["address"]}],
    "purposes": [{"id": "teaching", "description": "teach pupils"}],
    "lawful_bases": [{"article": "6(1)(e)", "relied_on": ["education-act-1996-s537a"]}],
    "provision": {
        "requirement": "statutory",
        "explanation": "The law requires us to collect this information.",
        "consequences": "Without it we cannot enrol a pupil.",
    },
    "sources": "none",
    "recipients": [{"id": "dfe", "gateway": ["education-act-1996-s537a"]},
                   {"id": "local-authority", "reason": "It has duties to support pupils."}],
    "transfers": "none",
    "automated_decisions": "none",
    "retention": [{"id": "records", "records": "Pupil records", "period": "until the pupil is 25"}],
    "changes": [{"date": "2026-09-01", "version": "1.0", "summary": "First version."}],
}


def minimal_facts() -> dict[str, dict]:
    """Fresh copies of the three files, keyed by their path in the facts folder."""
    return copy.deepcopy({"organisation.yaml": ORGANISATION, "schools/hill.yaml": SCHOOL, "pupils.yaml": NOTICE})


def findings_for(folder: Path, files: dict[str, dict]) -> list[Finding]:
    """Every finding of `notices check` on ``files``."""
    return check_project(load_project(write_facts(folder, files)), TODAY)
