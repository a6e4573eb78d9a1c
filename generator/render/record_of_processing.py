"""The record of processing activities (UK GDPR Article 30(1)) as rows: one per purpose and group of people
of each notice of each school, in columns declared once here, which the workbook, the CSV, the record's check
and its audit all read; and the entries of what we do as another controller's processor (Article 30(2)).

Sources, checked 2026-12-07:
- UK GDPR Article 30(1)(a)-(g) and 30(2)(a)-(d), https://www.legislation.gov.uk/eur/2016/679/article/30 (its words as
  http://gdpr-dpa.co.uk/cgi-bin/gdpr.py?article=30 quotes them: legislation.gov.uk was not in the stored
  pages): name and contact details of the controller, joint controller, representative and DPO; purposes;
  categories of data subjects and of personal data; categories of recipients; transfers and safeguards;
  "where possible" the time limits for erasure and "a general description of the technical and
  organisational security measures".
- The ICO's "What do we need to document under Article 30 of the UK GDPR?",
  https://ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/accountability-and-governance/documentation/what-do-we-need-to-document-under-article-30-of-the-gdpr
  (the same list, item by item), and its accountability framework, "Documenting your lawful basis",
  https://ico.org.uk/for-organisations/accountability-framework/records-of-processing-and-lawful-basis/documenting-your-lawful-basis/
  (the lawful basis for each activity, and the Article 9 or 10 condition and DPA 2018 Schedule 1 condition),
  which is why the record also carries the lawful basis, the condition, the source and the systems.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from generator.facts.cascade import ResolvedNotice
from generator.facts.models import Contact, Organisation, ProcessingForController, Purpose

# What a cell says when the facts do not give what Article 30 asks for: a flag, never words made up;
# `notices check` names the fact to add (the L.record-* lints).
NOT_IN_FACTS = "Not in the facts yet: see notices check"
# `none` stated in the facts (no recipients, no transfers, no other source).
NONE = "None"
# Characters no spreadsheet cell can hold (openpyxl refuses them): a fact's text keeps everything else.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Activity:
    """One processing activity: a purpose of a notice, for one group of the people it is about."""

    notice: ResolvedNotice
    purpose: Purpose
    data_subject: str


@dataclass(frozen=True)
class Column:
    """One column of the record: its heading, the Article 30 point it answers ("" for what the ICO adds),
    and the items its cell lists, one per line, from the facts."""

    heading: str
    article: str
    items: Callable[[Activity], list[str]]
    # Article 30 asks for it (or the ICO's accountability framework does): with no items the cell is
    # flagged NOT_IN_FACTS. Otherwise an empty cell is a fact (no joint controller, no special category).
    required: bool = False
    # Its facts are ones no notice prints (Role in_notice=False): `notices diff` names their changes as the record's.
    record_only: bool = False


def activities(notices: list[ResolvedNotice]) -> list[Activity]:
    """Every activity of these notices, in notice order, each purpose for each group of people in turn."""
    return [Activity(notice, purpose, subject) for notice in notices for purpose in notice.notice.purposes
            for subject in notice.notice.data_subjects]


def _contact(*ways: object) -> list[str]:
    return [str(way) for way in ways if way]


def _controller(activity: Activity) -> list[str]:
    notice = activity.notice
    contact = notice.contact
    return _contact(notice.organisation.name or notice.variant.name, notice.organisation.address,
                    *((contact.email, contact.phone, contact.address) if contact else ()))


def _dpo(activity: Activity) -> list[str]:
    dpo = activity.notice.dpo
    return _contact(dpo.name, dpo.email, dpo.phone, dpo.address) if dpo else []


def _joint_controllers(activity: Activity) -> list[str]:
    return [", ".join(_contact(joint.name, *_ways(joint.contact))) for joint in activity.notice.notice.joint_controllers]


def _ways(contact: Contact | None) -> list[str]:
    """A contact's ways in, or the flag when the facts give none (the L.record check names it)."""
    return _contact(contact.email, contact.phone, contact.address, contact.url) if contact else [NOT_IN_FACTS]


def _representative(activity: Activity) -> list[str]:
    representative = activity.notice.organisation.representative
    return [", ".join(_contact(representative.name, representative.email, representative.phone,
                               representative.address, representative.url))] if representative else []


def _lawful_bases(activity: Activity) -> list[str]:
    return [f"Article {basis.article} ({basis.name})" for basis in activity.notice.bases
            if not (basis.special_category or basis.criminal_offence) and activity.purpose.id in basis.purposes]


def _conditions(activity: Activity) -> list[str]:
    names = {category.id: category.name for category in activity.notice.notice.categories}
    return [f"Article {basis.article} ({basis.name}) for {', '.join(names[c] for c in basis.categories)}"
            + (f"; {basis.schedule_1}" if basis.schedule_1 else "")
            for basis in activity.notice.bases if basis.special_category or basis.criminal_offence]


def _stated(items: list[str] | None) -> list[str]:
    """A list the facts may state as `none`: its items, None for `none`, nothing when not stated."""
    return [NONE] if items == [] else items or []


def _recipients(activity: Activity) -> list[str]:
    recipients = activity.notice.recipients
    return _stated(None if recipients is None else [recipient.full_name for recipient in recipients])


def _transfers(activity: Activity) -> list[str]:
    transfers = activity.notice.notice.transfers
    if transfers is None:
        return []
    return _stated([] if transfers == "none" else [
        f"{transfer.destination}: {transfer.what}" + (f" (safeguard: {transfer.safeguard})" if transfer.safeguard else "")
        for transfer in transfers])


def _retention(activity: Activity) -> list[str]:
    return [f"{rule.records}: {rule.period}" for rule in activity.notice.notice.retention]


def _sources(activity: Activity) -> list[str]:
    sources = activity.notice.notice.sources
    if sources is None:
        return []
    return ["Only the people themselves"] if sources == "none" else [source.name for source in sources]


def _systems(activity: Activity) -> list[str]:
    profile = activity.notice.variant.profile
    catalogue = {**activity.notice.organisation.recipients, **(profile.recipients if profile else {})}
    systems = []
    for system in activity.notice.notice.systems:
        known = catalogue.get(system.processor or "")
        runner = known.name if known else system.processor  # an unknown id is an L.record finding
        systems.append(f"{system.name} (run for us by {runner})" if runner else system.name)
    return systems


# The first KEY_COLUMNS name the activity: the audit matches rows by them.
KEY_COLUMNS = 4
COLUMNS: tuple[Column, ...] = (
    Column("School", "", lambda activity: [activity.notice.variant.name]),
    Column("Notice", "", lambda activity: [activity.notice.notice.title]),
    Column("Purpose", "30(1)(b)", lambda activity: [activity.purpose.description], required=True),
    Column("Data subjects", "30(1)(c)", lambda activity: [activity.data_subject], required=True),
    Column("Categories of personal data", "30(1)(c)",
           lambda activity: [category.name for category in activity.notice.notice.categories], required=True),
    Column("Controller", "30(1)(a)", _controller, required=True),
    Column("Data protection officer", "30(1)(a)", _dpo, required=True),
    Column("Joint controllers", "30(1)(a)", _joint_controllers, record_only=True),
    Column("Representative", "30(1)(a)", _representative),
    Column("Lawful basis (Article 6)", "", _lawful_bases, required=True),
    Column("Special category or criminal offence condition (Article 9 or 10)", "", _conditions),
    Column("Recipients", "30(1)(d)", _recipients, required=True),
    Column("Transfers outside the UK and safeguards", "30(1)(e)", _transfers, required=True),
    Column("Retention", "30(1)(f)", _retention, required=True),
    Column("Security measures", "30(1)(g)",
           lambda activity: list(activity.notice.organisation.security_measures), required=True, record_only=True),
    Column("Source of the data", "", _sources, required=True),
    Column("Systems", "", _systems, required=True, record_only=True),
)


def heading(column: Column) -> str:
    """The column's heading as the workbook and the CSV print it: with its Article 30 point."""
    return f"{column.heading} (Art 30{column.article[2:]})" if column.article else column.heading


def cell_items(column: Column, activity: Activity) -> list[str]:
    """What one cell lists, each item on its own line, whitespace folded; the flag when a required fact is missing."""
    items = [_CONTROL.sub("", " ".join(item.split())) for item in column.items(activity)]
    return items or ([NOT_IN_FACTS] if column.required else [])


def row(activity: Activity) -> list[str]:
    return ["\n".join(cell_items(column, activity)) for column in COLUMNS]


def controller_details(notices: list[ResolvedNotice]) -> list[tuple[str, str]]:
    """The trust's own sheet: the controller once (Article 30(1)(a)), then each school and its activities."""
    organisation = notices[0].organisation
    dpo = notices[0].dpo
    details = [("Controller", organisation.name or notices[0].variant.name),
               ("Address", organisation.address or ""),
               ("Company number", organisation.company_number or ""),
               ("ICO registration", organisation.ico_registration or ""),
               ("Data protection officer", ", ".join(_contact(dpo.name, dpo.email, dpo.phone, dpo.address))
                if dpo else NOT_IN_FACTS),
               ("Security measures (Art 30(1)(g))", "\n".join(organisation.security_measures) or NOT_IN_FACTS)]
    schools: dict[str, int] = {}
    for activity in activities(notices):
        schools[activity.notice.variant.name] = schools.get(activity.notice.variant.name, 0) + 1
    details += [(f"School: {name}", f"{count} processing activities") for name, count in schools.items()]
    return [(_CONTROL.sub("", name), _CONTROL.sub("", value)) for name, value in details]


@dataclass(frozen=True)
class ProcessorColumn:
    """One column of the entries under Article 30(2): what we do as another controller's processor."""

    heading: str
    items: Callable[[ProcessingForController, Organisation], list[str]]


def _processor_transfers(entry: ProcessingForController, _organisation: Organisation) -> list[str]:
    return list(entry.transfers) or [NONE]


def _us(_entry: ProcessingForController, organisation: Organisation) -> list[str]:
    dpo = organisation.dpo
    return _contact(organisation.name, organisation.address,
                    *((f"Data protection officer: {', '.join(_contact(dpo.name, dpo.email, dpo.phone))}",) if dpo else ()))


PROCESSOR_COLUMNS: tuple[ProcessorColumn, ...] = (
    ProcessorColumn("Controller we act for (Art 30(2)(a))",
                    lambda entry, _organisation: [entry.controller, *_ways(entry.contact)]),
    ProcessorColumn("Processor and data protection officer (Art 30(2)(a))", _us),
    ProcessorColumn("Categories of processing (Art 30(2)(b))", lambda entry, _organisation: list(entry.processing)),
    ProcessorColumn("Transfers outside the UK and safeguards (Art 30(2)(c))", _processor_transfers),
    ProcessorColumn("Security measures (Art 30(2)(d))",
                    lambda _entry, organisation: list(organisation.security_measures) or [NOT_IN_FACTS]),
)


def processor_rows(organisation: Organisation) -> list[list[str]]:
    """One row per controller we process data for, each cell's items one per line."""
    return [["\n".join(_CONTROL.sub("", " ".join(item.split())) for item in column.items(entry, organisation))
             for column in PROCESSOR_COLUMNS] for entry in organisation.processing_for_others]
