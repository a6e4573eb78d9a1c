"""A synthetic academy trust: a realistic fact tree of N schools x M notices, the same for the same seed.

Sizes follow real school notices: 8-15 categories of data (2-5 examples each), 3-6 purposes,
5-10 recipients, 2-4 free-text sections of a few paragraphs, 2-4 retention rules, 1-3 dated changes.
Every school has its own contact and its own local-authority and school-nursing recipients; about
one school in five overrides a notice (adds a category, drops a recipient, replaces the review date
or does not publish one notice), as real trusts do.

    python -m bench.synthetic OUT --schools 50 --notices 12 --seed 1
"""

from __future__ import annotations

import argparse
import datetime
import random
from pathlib import Path

import yaml

NOTICE_SUBJECTS = [
    ("pupils", "pupils", ["pupils", "former pupils"]),
    ("parents-and-carers", "parents and carers", ["parents", "carers"]),
    ("workforce", "the school workforce", ["employees", "agency staff", "contractors"]),
    ("governors", "governors and trustees", ["governors", "trustees", "members"]),
    ("job-applicants", "job applicants", ["applicants for jobs"]),
    ("visitors", "visitors", ["visitors", "volunteers"]),
    ("children-in-need", "children in need and children looked after", ["children in need", "care leavers"]),
    ("cctv", "CCTV images", ["anyone on our sites"]),
    ("biometrics", "biometric information for cashless catering", ["pupils", "staff"]),
    ("exams", "exam entries and results", ["candidates"]),
    ("school-trips", "school trips and visits", ["pupils on trips", "accompanying adults"]),
    ("send", "special educational needs", ["pupils with special educational needs"]),
    ("safeguarding", "safeguarding and child protection", ["pupils", "their families"]),
    ("alumni", "former pupils who keep in touch", ["alumni"]),
    ("website-users", "visitors to our website", ["website users"]),
]

# Not special category: a category named like health or religion must be marked special (L.special-unmarked).
NOUNS = ["attendance", "assessment", "admissions", "behaviour", "wellbeing", "dietary", "contact", "identity",
         "photograph", "timetable", "transport", "payment", "trip", "club", "exam", "safeguarding", "pastoral",
         "learning support", "employment", "training", "absence", "vetting", "references", "qualifications",
         "bank", "pension", "disciplinary", "grievance", "visitor log", "device", "library", "catering"]
SPECIAL = ["ethnicity", "health", "religion", "biometric", "sexual orientation", "trade union membership"]
EXAMPLE_WORDS = ["dates", "codes", "notes", "records", "scores", "forms", "letters", "reports", "logs",
                 "references", "plans", "reviews", "numbers", "preferences", "history", "outcomes"]
VERBS = ["keep", "check", "plan", "support", "report on", "monitor", "improve", "arrange", "record", "review"]
OBJECTS = ["learning", "attendance", "wellbeing", "safety on site", "staffing", "funding returns",
           "exam entries", "school meals", "trips and visits", "communication with families", "our services"]
LAWS = ["Education Act 1996", "Education Act 2002", "Children Act 1989", "Children Act 2004",
        "Education and Skills Act 2008", "Equality Act 2010", "Children and Families Act 2014",
        "Academies Act 2010", "Employment Rights Act 1996", "Safeguarding Vulnerable Groups Act 2006"]
TRUST_RECIPIENTS = {
    "dfe": ("Department for Education (DfE)", "government department", "https://www.gov.uk/contact-dfe"),
    "esfa": ("Education and Skills Funding Agency", "government agency", "https://www.gov.uk/esfa"),
    "ofsted": ("Ofsted", "inspectorate", "https://www.gov.uk/ofsted"),
    "exam-boards": ("Awarding bodies for exams", "exam boards", None),
    "mis-supplier": ("Our management information system supplier", "processor", None),
    "payments-supplier": ("Our online payments supplier", "processor", None),
    "catering": ("Our catering contractor", "processor", None),
    "auditors": ("The trust's auditors", "auditor", None),
    "payroll": ("Our payroll provider", "processor", None),
    "hmrc": ("HM Revenue and Customs", "government department", "https://www.gov.uk/hmrc"),
    "police": ("The police, when the law requires it", "police", None),
    "courts": ("Courts and tribunals", "court", None),
    "insurers": ("The trust's insurers", "insurer", None),
    "careers": ("Careers advisers", "service", None),
}
SCHOOL_RECIPIENTS = ["local-authority", "school-nursing"]
COUNTIES = ["Hampshire", "West Sussex", "Surrey", "Kent", "Dorset", "Wiltshire", "Berkshire", "Somerset"]
TOWNS = ["Oak", "Ash", "Elm", "Beech", "Hazel", "Willow", "Holly", "Rowan", "Alder", "Birch", "Cedar", "Maple"]
ENDINGS = ["moor", "field", "brook", "wood", "ford", "ley", "ham", "hurst", "combe", "stead"]
KINDS = ["Primary School", "Academy", "School", "Infant School", "Junior School", "College"]


def _sentence(rng: random.Random) -> str:
    return (f"We {rng.choice(VERBS)} {rng.choice(OBJECTS)} using this information, and we "
            f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} with the people who need to know.")


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))


def _section_body(rng: random.Random) -> str:
    parts = [_paragraph(rng) for _ in range(rng.randint(2, 4))]
    bullets = "\n".join(f"- {rng.choice(OBJECTS)}" for _ in range(rng.randint(2, 5)))
    parts.insert(1, bullets)
    return "\n\n".join(parts) + "\n\nRead more at <https://www.gov.uk/government/organisations/department-for-education>.\n"


def _categories(rng: random.Random) -> list[dict]:
    count = rng.randint(8, 15)
    nouns = rng.sample(NOUNS, count - 2) + rng.sample(SPECIAL, 2)
    categories = []
    for index, noun in enumerate(nouns):
        category = {"id": f"{noun.replace(' ', '-')}-information", "name": f"{noun.capitalize()} information",
                    "examples": [f"{noun} {word}" for word in rng.sample(EXAMPLE_WORDS, rng.randint(2, 5))]}
        if index >= count - 2:
            category["special"] = True
        categories.append(category)
    return categories


def notice_facts(rng: random.Random, notice_id: str, subject: str, data_subjects: list[str]) -> dict:
    """One notice's facts: realistic in size and shape, random in wording."""
    categories = _categories(rng)
    special = [category["id"] for category in categories if category.get("special")]
    purposes = [{"id": f"purpose-{index + 1}", "description": f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}"}
                for index in range(rng.randint(3, 6))]
    recipients = rng.sample(sorted(TRUST_RECIPIENTS), rng.randint(3, 8)) + SCHOOL_RECIPIENTS
    reviewed = datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randint(0, 300))
    major = rng.randint(3, 6)
    return {
        "title": f"How we use information about {subject}",
        "summary": _paragraph(rng),
        "data_subjects": data_subjects,
        "version": f"{major}.0",
        "last_reviewed": reviewed,
        "next_review": reviewed + datetime.timedelta(days=365),
        "categories": categories,
        "purposes": purposes,
        "lawful_bases": [
            {"article": "6(1)(e)", "relied_on": rng.sample(LAWS, rng.randint(1, 3))},
            {"article": "6(1)(c)", "relied_on": rng.sample(LAWS, 1), "purposes": [purposes[0]["id"]]},
            {"article": "9(2)(g)", "categories": special,
             "schedule_1": "Schedule 1, Part 2, paragraph 6 (statutory and government purposes)"},
        ],
        "provision": {"requirement": "mixed", "explanation": _sentence(rng), "consequences": _sentence(rng),
                      "voluntary": [categories[-1]["name"]]},
        "sources": [{"name": f"{source}", "description": _sentence(rng)}
                    for source in rng.sample(["Parents and carers", "Previous schools", "The local authority",
                                              "The Department for Education", "Health professionals"],
                                             rng.randint(2, 4))],
        "recipients": [{"id": recipient, "reason": _sentence(rng), "gateway": rng.sample(LAWS, rng.randint(0, 2))}
                       for recipient in recipients],
        "transfers": "none",
        "automated_decisions": "none",
        "retention": [{"id": f"records-{index + 1}", "records": f"{rng.choice(NOUNS).capitalize()} records",
                       "period": f"{rng.randint(1, 25)} years after the {rng.choice(['pupil leaves', 'record closes'])}",
                       "basis": "The trust's records management policy"}
                      for index in range(rng.randint(2, 4))],
        "changes": [{"date": reviewed - datetime.timedelta(days=365 * index), "version": f"{major - index}.0",
                     "summary": _sentence(rng)} for index in range(rng.randint(1, 3))],
        "sections": [{"id": f"more-{index + 1}", "title": f"More about {rng.choice(OBJECTS)}",
                      "after": rng.choice(["who-we-share-with", "why-we-use-it", "how-long-we-keep-it"]),
                      "body": _section_body(rng)}
                     for index in range(rng.randint(2, 4))],
    }


def school_facts(rng: random.Random, index: int, notices: dict[str, dict]) -> tuple[str, dict]:
    """One school: its own details and recipients, and for about one in five an override of a notice."""
    name = f"{rng.choice(TOWNS)}{rng.choice(ENDINGS)} {rng.choice(KINDS)}"
    school_id = f"school-{index + 1:04d}"
    county = rng.choice(COUNTIES)
    facts: dict = {
        "name": name,
        "urn": f"{100000 + index * 7 + rng.randint(0, 6)}",
        "address": f"{rng.randint(1, 200)} School Lane, {name.split()[0]}, {county}",
        "local_authority": f"{county} County Council",
        "contact": {"role": "School Business Manager", "via": "the school office",
                    "phone": f"01{rng.randint(200, 999)} {rng.randint(100000, 999999)}",
                    "email": f"office@{school_id}.example.sch.uk"},
        "recipients": {
            "local-authority": {"name": f"{county} County Council Children's Services", "kind": "local authority"},
            "school-nursing": {"name": f"{county} School Nursing Service", "kind": "NHS service"},
        },
    }
    if index % 5 == 2:
        notice_id = rng.choice(sorted(notices))
        inherited = [r["id"] for r in notices[notice_id]["recipients"] if r["id"] not in SCHOOL_RECIPIENTS]
        facts["notices"] = {notice_id: {
            "replace": {"next_review": datetime.date(2027, 3, 1)},
            "add": {"categories": [{"id": "nursery-information", "name": "Nursery information",
                                    "examples": ["funded hours", "collection passwords"]}]},
            "remove": {"recipients": inherited[:1]},
        }}
        if len(notices) > 1 and index % 10 == 7:
            hidden = next(other for other in sorted(notices) if other != notice_id)
            facts["notices"][hidden] = {"publish": False}
    return school_id, facts


def notice_ids(count: int) -> list[tuple[str, str, list[str]]]:
    """``count`` notice subjects: the real ones first, then numbered variants of them."""
    subjects = []
    for index in range(count):
        notice_id, subject, people = NOTICE_SUBJECTS[index % len(NOTICE_SUBJECTS)]
        round_ = index // len(NOTICE_SUBJECTS)
        subjects.append((f"{notice_id}-{round_ + 1}" if round_ else notice_id, subject, people))
    return subjects


def write_trust(folder: Path, schools: int, notices: int, seed: int = 1) -> Path:
    """Write the fact tree into ``folder`` (created; existing fact files are overwritten)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "schools").mkdir(exist_ok=True)
    organisation = {
        "name": "Synthetic Learning Trust",
        "kind": "academy-trust",
        "address": "1 Trust Way, Winchester, SO23 1AA",
        "ico_registration": "ZA123456",
        "website": "https://www.example-trust.org.uk/",
        "contact": {"role": "Trust Data Lead", "email": "data@example-trust.org.uk"},
        "dpo": {"name": "Schools DPO Service", "email": "dpo@example-dpo.org.uk", "phone": "01962 000000"},
        "complaints": {"email": "complaints@example-trust.org.uk"},
        "recipients": {rid: {k: v for k, v in zip(("name", "kind", "url"), values) if v}
                       for rid, values in TRUST_RECIPIENTS.items()},
    }
    _dump(folder / "organisation.yaml", organisation)
    notice_facts_by_id = {notice_id: notice_facts(rng, notice_id, subject, people)
                          for notice_id, subject, people in notice_ids(notices)}
    for notice_id, facts in notice_facts_by_id.items():
        _dump(folder / f"{notice_id}.yaml", facts)
    for index in range(schools):
        school_id, facts = school_facts(rng, index, notice_facts_by_id)
        _dump(folder / "schools" / f"{school_id}.yaml", facts)
    return folder


def _dump(path: Path, facts: dict) -> None:
    path.write_text(yaml.safe_dump(facts, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--schools", type=int, default=50)
    parser.add_argument("--notices", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    write_trust(arguments.out, arguments.schools, arguments.notices, arguments.seed)


if __name__ == "__main__":
    main()
