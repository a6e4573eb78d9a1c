"""`notices new`: start a school or notice file that is valid from its first line.

Every required fact is present as a "TO BE COMPLETED" placeholder (see generator/facts/placeholders.py),
so the file loads, the editor's schema accepts it, `notices check` lists what is left to fill in,
and `notices build` refuses to publish it until nothing is.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.distribution import manual
from generator.facts.errors import FactErrors
from generator.facts.load import SCHOOLS_FOLDER, load_facts
from generator.facts.models import ID_MAX_LENGTH, SLUG_PATTERN
from generator.facts.placeholders import placeholder
from generator.notices_error import NoticesError
from generator.project import taken_notice_ids

_SLUG = re.compile(SLUG_PATTERN)


def _quoted(what: str) -> str:
    return '"' + placeholder(what).replace('"', '\\"') + '"'


_SCHOOL_NAME_LINE = "name: " + _quoted("the school's name, e.g. Oakmoor School") + "\n"
_LOCAL_AUTHORITY_LINE = "local_authority: " + _quoted("the local authority the school is in") + "\n"
_PROFILE_EXAMPLE = "# ages: 11-16\n# phases: [secondary]\n"
SCHOOL_TEMPLATE = f"""\
# yaml-language-server: $schema=../schema/school.schema.json
# A school of the trust. Replace every "TO BE COMPLETED" value with the real fact:
# `notices check` lists the ones left, and `notices build` publishes nothing until none remain.
# Every key is explained in {{manual}}fields.md#school.

# Required: the school's name as parents know it.
{_SCHOOL_NAME_LINE}
# The school's postal address and the local authority it is in.
address: {_quoted("the school's postal address")}
{_LOCAL_AUTHORITY_LINE}
# The ages of the pupils, youngest to oldest, and the school's phases: the checker judges by them
# which law reaches your pupils (youth support services from 13, the early years up to 5).
# Remove the '# ' and give your own.
{{profile}}
# Optional: remove the '# ' in front of a line to use it.
# urn: "123456"
# website: https://www.example.sch.uk/

# Who to contact at the school about its notices (without it, the trust's contact is used).
# contact:
#   role: Office Manager
#   email: office@example.sch.uk
#   phone: "01234 567890"

# How to complain to the school about its use of personal information, if not the trust's way
# (Data Protection Act 2018 s.164A): an online form, an email address or a postal address.
# complaints:
#   url: https://www.example.sch.uk/complaints

# The school's own recipients, by id. A notice names them under 'recipients:'; an id here wins
# over the same id in organisation.yaml.
{{recipients}}
# How this school's version of a notice differs from the trust's ({{manual}}trusts.md).
# notices:
#   children-in-need:
#     add:
#       recipients:
#         - id: local-authority
#           reason: to share information the law requires
"""

NOTICE_TEMPLATE = f"""\
# yaml-language-server: $schema=schema/notice.schema.json
# A privacy notice, shared by every school of the trust. Replace every "TO BE COMPLETED" value
# with the real fact: `notices check` lists the ones left, and `notices build` publishes nothing
# until none remain. Every key is explained in {{manual}}fields.md#notice.

title: {_quoted("the notice's title, e.g. How we use pupil information")}
summary: {_quoted("two or three plain sentences on what this notice covers")}

# Whose information this notice is about, one per line.
data_subjects:
  - {_quoted("e.g. pupils")}

# The kinds of personal data held. Ids are lower-case words joined by hyphens.
categories:
  - id: personal-information
    name: {_quoted("the category in plain words, e.g. Personal information")}
    examples:
      - {_quoted("an example, e.g. name")}

# What the data is used for, each completing the sentence 'We use it to ...'.
purposes:
  - id: main-purpose
    description: {_quoted("what the data is used for, e.g. support pupils' learning")}

# The lawful basis for each purpose. 6(1)(e) is 'public task', the usual basis for a school;
# change it if another applies ({{manual}}fields.md#lawfulbasis lists the choices).
lawful_bases:
  - article: 6(1)(e)
    relied_on:
      - {_quoted("the law that gives the task, e.g. Education Act 1996")}

# Also needed before publishing ({{manual}}fields.md#notice): version, last_reviewed, provision,
# sources, recipients, transfers, automated_decisions and retention. For example:
# version: "1.0"
# last_reviewed: 2026-09-01
# transfers: none
# automated_decisions: none
"""


@dataclass(frozen=True)
class SchoolFacts:
    """What `notices init` knows of a school beyond its name: its phases, its pupils' ages, its local authority."""

    phases: list[str] = field(default_factory=list)
    ages: str | None = None
    local_authority: str | None = None

    def lines(self) -> str:
        """The phases and ages as a school's file states them, or the commented example for the school to follow."""
        if not (self.phases or self.ages):
            return _PROFILE_EXAMPLE
        return (f"ages: {self.ages}\n" if self.ages else "") + (
            f"phases: [{', '.join(self.phases)}]\n" if self.phases else "")


def _json(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _school_recipients(facts: Path) -> str:
    """Recipients the notices name that the organisation leaves to each school, as placeholders."""
    try:
        tree = load_facts(facts)
    except FactErrors:  # broken facts: the commented example is all we can offer
        tree = None
    wanted = sorted({recipient.id for notice in tree.notices.values() if isinstance(notice.recipients, list)
                     for recipient in notice.recipients} - set(tree.organisation.recipients)) if tree else []
    if not wanted:
        return "# recipients:\n#   local-authority:\n#     name: Countyshire County Council\n#     kind: local authority\n"
    lines = ["# The trust's notices name these, and each school says who they are for it:", "recipients:"]
    for recipient_id in wanted:
        lines += [f"  {recipient_id}:", f"    name: {_quoted(f'who {recipient_id!r} is for this school')}"]
    return "\n".join(lines) + "\n"


# Words a school's name carries that its id does without, and long phrases an id shortens.
_WORDS_LEFT_OUT = {"the", "school", "academy"}
_SHORTER = {"church of england": "ce", "roman catholic": "rc", "catholic": "rc", "&": "and", "saint": "st"}


def school_id_from_name(name: str) -> str:
    """A short id for the school's web addresses (schools/<id>/), from its name as parents know it:
    'St Mary's Church of England Primary School' -> 'st-marys-ce-primary'."""
    words = " " + name.lower().replace("'", "").replace("\u2019", "") + " "
    for long, short in _SHORTER.items():
        words = words.replace(f" {long} ", f" {short} ")
    kept = [word for word in re.split(r"[^a-z0-9]+", words) if word]
    shortened = [word for word in kept if word not in _WORDS_LEFT_OUT] or kept
    school_id = "-".join(shortened)[:ID_MAX_LENGTH].strip("-")
    if not _SLUG.match(school_id):
        raise NoticesError(f"'{name}' gives no id for web addresses; give one of lower-case letters, digits and single "
                           "hyphens instead, e.g. --school hill")
    return school_id


def schools_named(values: list[str]) -> dict[str, str | None]:
    """`notices init --school` values -> each school's id and, when given, its name. A value is an id
    ('hill'), a name whose id is made from it ('Hill Primary School'), or both ('hill=Hill Primary School')."""
    schools: dict[str, str | None] = {}
    for value in values:
        given_id, equals, given_name = value.partition("=")
        name: str | None
        if equals:
            school_id, name = given_id.strip(), given_name.strip() or None
        elif _SLUG.match(value):
            school_id, name = value, None
        else:
            school_id, name = school_id_from_name(value), value.strip()
        if school_id in schools:
            raise NoticesError(f"two schools would have the id '{school_id}'; give one its own with ID=NAME, "
                               f"e.g. --school '{school_id}-juniors={name or 'Its Name'}'")
        schools[school_id] = name
    return schools


def new_file_target(facts: Path, kind: str, item_id: str) -> Path:
    """Where a new ``school`` or ``notice`` file goes; refuses a bad or taken id and an existing file."""
    if not _SLUG.match(item_id) or len(item_id) > ID_MAX_LENGTH:
        raise NoticesError(f"'{item_id}' cannot be a {kind} id; use lower-case letters, digits and single hyphens, "
                         f"e.g. 'hill-school'")
    taken = taken_notice_ids().get(item_id) if kind == "notice" else None
    if taken:
        raise NoticesError(f"'{item_id}' cannot be a notice id: it is {taken}; name the notice after what it is "
                           "about, e.g. 'pupils'")
    if not (facts / "organisation.yaml").exists():
        raise NoticesError(f"{facts} has no organisation.yaml; run this from the project folder or pass --facts")
    folder = facts / SCHOOLS_FOLDER if kind == "school" else facts
    existing = [path for path in (folder / f"{item_id}.yaml", folder / f"{item_id}.yml") if path.exists()]
    if existing:
        raise NoticesError(f"{existing[0]} already exists; edit it, or choose another id")
    return folder / f"{item_id}.yaml"


def new_fact_file(facts: Path, kind: str, item_id: str, school_name: str | None = None,
                  known: SchoolFacts | None = None) -> Path:
    """Write a new ``school`` or ``notice`` file full of placeholders (a school's name and the facts ``known`` of it
    given, if known); refuses an existing file or a bad id."""
    target = new_file_target(facts, kind, item_id)
    text = NOTICE_TEMPLATE
    if kind == "school":
        known = known or SchoolFacts()
        text = SCHOOL_TEMPLATE.replace("{recipients}", _school_recipients(facts)).replace("{profile}", known.lines())
        if known.local_authority:
            text = text.replace(_LOCAL_AUTHORITY_LINE, f"local_authority: {_json(known.local_authority)}\n", 1)
    if school_name:
        text = text.replace(_SCHOOL_NAME_LINE, f"name: {_json(school_name)}\n", 1)
    text = text.replace("{manual}", manual(""))  # the manual's public address: a school's repository has no docs/
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as file:  # "x": never overwrite, even in a race
        file.write(text)
    return target
