"""The minimal trust, school and notice that break no rule: the one set of facts the tests start from."""

from __future__ import annotations


def minimal_facts(*, dfe_website: bool = False, school_phone: bool = False, sources: bool = False,
                  free_section: bool = False, law_by_id: bool = True) -> dict[str, dict]:
    """Fresh, changeable fact files keyed by their path in the facts folder. The options add what a test
    needs to change or attack: the DfE's web address, the school's phone, where the data comes from, and a
    free section (``cctv``) after who we share with; ``law_by_id=False`` names the law in words, with no
    gateway for the DfE, as a school that writes free text where an id goes."""
    dfe: dict = {"name": "Department for Education"}
    if dfe_website:
        dfe["url"] = "https://www.gov.uk/contact-dfe"
    contact = {"role": "Office Manager", "email": "office@hill.example.org"}
    if school_phone:
        contact["phone"] = "01234 567890"
    notice: dict = {
        "title": "How we use pupil information",
        "summary": "We use pupils' information to teach them and keep them safe.",
        "data_subjects": ["pupils"],
        "version": "1.0",
        "last_reviewed": "2026-09-01",
        "next_review": "2027-09-01",
        "categories": [{"id": "contact", "name": "Contact details", "examples": ["address"]}],
        "purposes": [{"id": "teaching", "description": "teach pupils"}],
        "lawful_bases": [{"article": "6(1)(e)", "relied_on": ["education-act-1996" if law_by_id else "Education Act 1996"]}],
        "provision": {
            "requirement": "statutory",
            "explanation": "The law requires us to collect this information.",
            "consequences": "Without it we cannot enrol a pupil.",
        },
        "sources": [{"name": "the local authority", "description": "records from a previous school"}]
        if sources else "none",
        "recipients": [{"id": "dfe", "gateway": ["education-act-1996-s537a"]} if law_by_id
                       else {"id": "dfe", "reason": "The law requires it."},
                       {"id": "local-authority", "reason": "It has duties to support pupils."}],
        "transfers": "none",
        "automated_decisions": "none",
        "systems": [{"name": "The school's records system"}],
        "retention": [{"id": "records", "records": "Pupil records", "period": "until the pupil is 25",
                       "at_the_end": "securely destroyed"}],
        "changes": [{"date": "2026-09-01", "version": "1.0", "summary": "First version."}],
    }
    if free_section:
        notice["sections"] = [{"id": "cctv", "title": "Cameras", "body": "We use **cameras** at the gate.",
                               "after": "who-we-share-with"}]
    return {
        "organisation.yaml": {
            "name": "Hill Academy Trust",
            "kind": "academy-trust",
            "dpo": {"name": "Sam Jones", "email": "dpo@hill.example.org"},
            "complaints": {"url": "https://hill.example.org/complaints"},
            "security_measures": ["Staff sign in with their own accounts"],
            "recipients": {"dfe": dfe},
        },
        "schools/hill.yaml": {
            "name": "Hill School",
            "contact": contact,
            "recipients": {"local-authority": {"name": "Countyshire Council Children's Services"}},
        },
        "pupils.yaml": notice,
    }
