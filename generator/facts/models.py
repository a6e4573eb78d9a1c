"""The facts model: what an organisation, a school and a notice may say, validated by pydantic.

Field descriptions are written once here: they feed the JSON Schema (editor tooltips) and the
generated field reference in docs/.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    HttpUrl,
    PrivateAttr,
    StrictBool,
    StringConstraints,
    model_validator,
)

from generator.facts.errors import Location
from generator.facts.links import safe_markdown
from generator.law.catalogue import catalogue, normalise_article

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_MAX_LENGTH = 64  # with the longest format's suffix, a file name stays far below the usual 255-byte limit

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=ID_MAX_LENGTH),
    Field(description="An id: lower-case letters, digits and single hyphens, e.g. `local-authority`."),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
MarkdownText = Annotated[Text, AfterValidator(safe_markdown)]
Phone = Annotated[
    str,
    StringConstraints(pattern=r"^\+?[0-9][0-9 ()-]{4,30}$"),
    Field(description="A telephone number as people dial it, e.g. `01420 472132`. Quote it if it starts with 0."),
]


def _known_article(text: str) -> str:
    article = normalise_article(text)
    if article is None or article not in catalogue().bases:
        known = ", ".join(catalogue().bases)
        raise ValueError(f"'{text}' is not an Article 6(1) basis, Article 9(2) condition or Article 10 (known: {known})")
    return article


ArticleRef = Annotated[
    str,
    AfterValidator(_known_article),
    Field(description="An Article 6(1) basis or Article 9(2) condition, written like `6(1)(e)` or `9(2)(g)`, or "
                      "`\"10\"` for criminal offence data."),
]


class FactModel(BaseModel):
    """Base of every fact: unknown keys are errors, and each object remembers where it was written."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, str_strip_whitespace=True)

    _location: Location | None = PrivateAttr(default=None)
    _field_locations: dict[str, Location] = PrivateAttr(default_factory=dict)

    @property
    def location(self) -> Location | None:
        """Where this object was written (file:line:col), when it came from a file."""
        return self._location

    def field_location(self, name: str) -> Location | None:
        """Where one field of this object was written, falling back to the object itself."""
        return self._field_locations.get(name, self._location)


class Contact(FactModel):
    role: str | None = Field(None, description="Who to ask for, by role, e.g. `Operations Manager`.")
    name: str | None = Field(None, description="A person's name, if the notice names one.")
    via: str | None = Field(None, description="How to reach them, e.g. `the school office`.")
    phone: Phone | None = None
    email: EmailStr | None = Field(None, description="An email address.")
    address: str | None = Field(None, description="A postal address.")
    url: HttpUrl | None = Field(None, description="A web page for contact, http(s) only.")

    @model_validator(mode="after")
    def _reachable(self) -> Contact:
        if not (self.phone or self.email or self.address or self.url):
            raise ValueError("a contact needs at least one of phone, email, address or url")
        return self


class Complaints(FactModel):
    """How to complain to us (Data Protection Act 2018 s.164A): at least one way in."""

    url: HttpUrl | None = Field(None, description="An online complaint form, http(s) only.")
    email: EmailStr | None = Field(None, description="An email address for complaints.")
    address: str | None = Field(None, description="A postal address for complaints.")

    @model_validator(mode="after")
    def _reachable(self) -> Complaints:
        if not (self.url or self.email or self.address):
            raise ValueError("complaints needs at least one of url (an online form), email or address")
        return self


class DataProtectionOfficer(FactModel):
    name: str | None = Field(None, description="The DPO's name, or the name of the DPO service.")
    email: EmailStr = Field(description="The DPO's email address.")
    phone: Phone | None = None
    address: str | None = Field(None, description="A postal address for the DPO.")


class SupervisoryAuthority(FactModel):
    name: str = Field("Information Commissioner's Office", description="The supervisory authority.")
    website: HttpUrl = Field(HttpUrl("https://ico.org.uk/"), description="Its home page.")
    complaint_url: HttpUrl = Field(
        HttpUrl("https://ico.org.uk/make-a-complaint/"), description="Where people can raise a complaint."
    )
    phone: Phone = Field("0303 123 1113", description="Its helpline.")
    # No default: the ICO announced its head office leaves Wycliffe House, Wilmslow, in autumn 2026
    # (https://www.parallelparliament.co.uk/mp/jim-shannon/debate/2025-07-16/commons/westminster-hall/information-commissioners-office-relocation),
    # and the new postal address could not be confirmed; its complaint form and helpline stay.
    address: str | None = Field(None, description="Its postal address, if the notice gives one.")


class Recipient(FactModel):
    name: Text = Field(description="The recipient's name as the public knows it.")
    kind: str | None = Field(None, description="What sort of body it is, e.g. `local authority`, `NHS service`.")
    url: HttpUrl | None = Field(None, description="Its website, http(s) only.")
    description: str | None = Field(None, description="One sentence on who they are, if the name is not enough.")


OrganisationKind = Literal[
    "academy-trust", "academy", "maintained-school", "independent-school", "local-authority", "charity", "company", "other"
]
PUBLIC_AUTHORITY_KINDS = {"academy-trust", "academy", "maintained-school", "local-authority"}


class Category(FactModel):
    id: Slug = Field(description="The category's id, e.g. `medical`: lawful bases and schools' `add`/`remove` name it.")
    name: Text = Field(description="The category in plain words, e.g. `Personal information`.")
    examples: list[Text] = Field(default_factory=list, description="Examples of what the category includes.")
    special: StrictBool = Field(
        False, description="True for special-category data (health, ethnicity, religion, biometrics, sex life...)."
    )
    criminal_offence: StrictBool = Field(
        False, description="True for data about criminal convictions and offences (DBS checks, cautions, offending)."
    )


class Purpose(FactModel):
    id: Slug = Field(description="The purpose's id, e.g. `pastoral-care`: lawful bases and schools' `add`/`remove` name it.")
    description: Text = Field(description="What we use the data for, completing 'We use it to ...'.")


class LawfulBasis(FactModel):
    article: ArticleRef
    relied_on: list[Text] = Field(
        default_factory=list, description="The law that gives the task or duty, e.g. `Children Act 1989`."
    )
    purposes: list[Slug] | None = Field(
        None, description="Ids of the purposes this basis covers; leave out when it covers all of them."
    )
    categories: list[Slug] | None = Field(
        None, description="For an Article 9 condition (or Article 10): ids of the special (or criminal offence) "
                          "categories it covers; default all."
    )
    schedule_1: str | None = Field(
        None,
        description="For Article 9(2)(b), (g), (h), (i), (j) and Article 10: the Data Protection Act 2018 Schedule 1 "
                    "condition.",
    )
    legitimate_interests: str | None = Field(
        None, description="For Article 6(1)(f): the legitimate interests pursued, in plain words."
    )


Requirement = Literal["statutory", "contractual", "contract-entry", "voluntary", "mixed"]


class Provision(FactModel):
    requirement: Requirement = Field(
        description="Must people give us this data? `statutory` (the law says so), `contractual`, "
        "`contract-entry` (needed to enter a contract), `voluntary`, or `mixed`."
    )
    explanation: Text = Field(description="In plain words: what is required, and by what.")
    voluntary: list[Text] = Field(default_factory=list, description="What people may choose not to give.")
    consequences: str | None = Field(None, description="What happens if someone does not give the data.")


class Source(FactModel):
    name: Text = Field(description="Where data comes from, e.g. `the local authority`.")
    description: str | None = Field(None, description="What comes from there.")
    publicly_accessible: StrictBool = Field(False, description="True if this is a publicly accessible source.")


class NoticeRecipient(FactModel):
    id: Slug = Field(description="A recipient id from the school's or the organisation's `recipients`.")
    reason: str | None = Field(None, description="Why we share with them.")
    gateway: list[Text] = Field(default_factory=list, description="The law that allows or requires the sharing.")


class Transfer(FactModel):
    destination: Text = Field(description="The country or territory the data goes to.")
    what: Text = Field(description="What data goes there, and to whom.")
    safeguard: Text = Field(description="The safeguard: adequacy regulations, the IDTA, the Addendum, ...")
    get_a_copy: str | None = Field(None, description="How people can get a copy of the safeguard.")


class AutomatedDecision(FactModel):
    description: Text = Field(description="The decision made without a person.")
    logic: Text = Field(description="How it is made, in plain words.")
    consequences: Text = Field(description="What it means for the person.")


class RetentionRule(FactModel):
    id: Slug = Field(description="The rule's id, e.g. `pupil-records`: a school's `add` or `remove` names it.")
    records: Text = Field(description="Which records, e.g. `Children in need records`.")
    period: Text = Field(description="How long, e.g. `until the child is 25 years old`.")
    basis: str | None = Field(None, description="The law or policy that sets the period.")


class Change(FactModel):
    date: datetime.date = Field(description="When the change took effect, as YYYY-MM-DD.")
    version: str = Field(description="The notice version this change made.")
    summary: Text = Field(description="What changed, in one or two plain sentences.")
    new_purpose: StrictBool = Field(False, description="True when this change added a new purpose (Article 13(3)).")


SectionAnchor = Literal[
    "who-we-are", "what-we-hold", "why-we-use-it", "lawful-bases", "must-you-give-it", "where-it-comes-from",
    "who-we-share-with", "transfers", "automated-decisions", "how-long-we-keep-it", "your-rights",
    "how-to-complain", "contacts", "changes",
]


class Section(FactModel):
    id: Slug = Field(description="The section's id, e.g. `cctv`: its anchor in the notice, and what a school's `remove` names.")
    title: Text = Field(description="The section heading.")
    body: MarkdownText = Field(description="The section text, in Markdown (links: http, https, mailto and tel only).")
    after: SectionAnchor = Field("who-we-share-with", description="The standard section this one follows.")


NoneStated = Literal["none"]


class Notice(FactModel):
    """One privacy notice (for example 'How we use pupil information'), shared by every school."""

    title: Text = Field(description="The notice's title, e.g. `How we use pupil information`.")
    summary: str | None = Field(None, description="A short plain-language summary shown first.")
    data_subjects: list[Text] = Field(min_length=1, description="Whose data this notice is about.")
    version: str | None = Field(None, description="The notice's version, e.g. `2.0`.")
    last_reviewed: datetime.date | None = Field(None, description="When it was last reviewed, as YYYY-MM-DD.")
    next_review: datetime.date | None = Field(None, description="When it is next due for review.")
    categories: list[Category] = Field(min_length=1, description="The kinds of personal data held.")
    purposes: list[Purpose] = Field(min_length=1, description="What the data is used for.")
    lawful_bases: list[LawfulBasis] = Field(min_length=1, description="The Article 6 bases and Article 9 conditions.")
    provision: Provision | None = Field(None, description="Whether people must give the data, and what if not.")
    sources: list[Source] | NoneStated | None = Field(
        None, description="Where data comes from other than the person themselves; `none` if only from them."
    )
    recipients: list[NoticeRecipient] | NoneStated | None = Field(
        None, description="Who the data is shared with and why; `none` if nobody."
    )
    transfers: list[Transfer] | NoneStated | None = Field(
        None, description="Transfers outside the UK; write `none` when there are none."
    )
    automated_decisions: list[AutomatedDecision] | NoneStated | None = Field(
        None, description="Decisions made without a person, including profiling; write `none` when there are none."
    )
    retention: list[RetentionRule] = Field(default_factory=list, description="How long records are kept.")
    direct_marketing: StrictBool = Field(False, description="True if the data is used for direct marketing.")
    changes: list[Change] = Field(default_factory=list, description="Dated changes to this notice, newest first.")
    sections: list[Section] = Field(default_factory=list, description="Free Markdown sections outside the schema.")


class NoticeReplace(FactModel):
    """Fields a school replaces whole. Every field of a notice may be given."""

    title: Text | None = None
    summary: str | None = None
    data_subjects: list[Text] | None = Field(None, min_length=1)
    version: str | None = None
    last_reviewed: datetime.date | None = None
    next_review: datetime.date | None = None
    provision: Provision | None = None
    sources: list[Source] | NoneStated | None = None
    transfers: list[Transfer] | NoneStated | None = None
    automated_decisions: list[AutomatedDecision] | NoneStated | None = None
    retention: list[RetentionRule] | None = None
    direct_marketing: StrictBool | None = None


class NoticeAdd(FactModel):
    """Items a school adds to the inherited lists; an item with an inherited id replaces that item."""

    categories: list[Category] = Field(default_factory=list)
    purposes: list[Purpose] = Field(default_factory=list)
    lawful_bases: list[LawfulBasis] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    recipients: list[NoticeRecipient] = Field(default_factory=list)
    retention: list[RetentionRule] = Field(default_factory=list)
    changes: list[Change] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)


class NoticeRemove(FactModel):
    """Inherited items a school drops, by id (lawful bases by article)."""

    categories: list[Slug] = Field(default_factory=list)
    purposes: list[Slug] = Field(default_factory=list)
    lawful_bases: list[ArticleRef] = Field(default_factory=list)
    recipients: list[Slug] = Field(default_factory=list)
    retention: list[Slug] = Field(default_factory=list)
    sections: list[Slug] = Field(default_factory=list)


class NoticeOverride(FactModel):
    """How one school's version of a notice differs from the trust's."""

    publish: StrictBool = Field(True, description="False if this school does not publish the notice at all.")
    replace: NoticeReplace = Field(default_factory=NoticeReplace, description="Fields replaced whole.")
    add: NoticeAdd = Field(default_factory=NoticeAdd, description="Items added to inherited lists.")
    remove: NoticeRemove = Field(default_factory=NoticeRemove, description="Inherited items dropped, by id.")


class Organisation(FactModel):
    """The controller: the trust, or a standalone school or organisation."""

    name: str | None = Field(None, description="The controller's legal name, e.g. `Example Academy Trust`.")
    kind: OrganisationKind = Field(description="What sort of organisation this is.")
    public_authority: StrictBool | None = Field(
        None, description="Whether it is a public authority; schools, academies and trusts are. Defaults from kind."
    )
    address: str | None = Field(None, description="The registered address.")
    company_number: str | None = Field(None, description="Companies House number, for a trust or company.")
    ico_registration: str | None = Field(None, description="Registration number with the ICO, e.g. `ZA123456`.")
    website: HttpUrl | None = Field(None, description="The organisation's website.")
    contact: Contact | None = Field(None, description="The default contact for questions about the notices.")
    complaints: Complaints | None = Field(
        None, description="How to complain to us about our use of personal information; a school may set its own."
    )
    dpo: DataProtectionOfficer | None = Field(None, description="The data protection officer.")
    representative: Contact | None = Field(None, description="A UK representative, only for bodies outside the UK.")
    supervisory_authority: SupervisoryAuthority = Field(
        default_factory=SupervisoryAuthority, description="Where people can complain; defaults to the ICO."
    )
    recipients: dict[Slug, Recipient] = Field(default_factory=dict, description="Recipients, by id, for every school.")

    @property
    def is_public_authority(self) -> bool:
        if self.public_authority is not None:
            return self.public_authority
        return self.kind in PUBLIC_AUTHORITY_KINDS


class School(FactModel):
    """A school of the trust: its own details and how its notices differ."""

    name: Text = Field(description="The school's name, e.g. `Oakmoor School`.")
    urn: Annotated[str, StringConstraints(pattern=r"^[0-9]{6,7}$")] | None = Field(
        None, description="The school's unique reference number (URN), six digits."
    )
    address: str | None = Field(None, description="The school's postal address.")
    website: HttpUrl | None = Field(None, description="The school's website.")
    local_authority: str | None = Field(None, description="The local authority the school is in.")
    contact: Contact | None = Field(None, description="Who to contact at the school about its notices.")
    complaints: Complaints | None = Field(
        None, description="How to complain to the school, when it is not the organisation's way."
    )
    recipients: dict[Slug, Recipient] = Field(
        default_factory=dict, description="The school's own recipients by id; they win over the trust's."
    )
    notices: dict[Slug, NoticeOverride] = Field(
        default_factory=dict, description="Per-notice differences, keyed by notice id."
    )


def attach_locations(model: Any, locate, path: tuple = ()) -> None:
    """Give every model in a validated tree its file:line:col, and each field's, from ``locate(path)``."""
    if isinstance(model, FactModel):
        model._location = locate(path)
        for name in model.model_fields_set:
            model._field_locations[name] = locate(path + (name,))
            value = getattr(model, name)
            if isinstance(value, list):  # items of a list of text have no model to remember their line
                for index in range(len(value)):
                    model._field_locations[f"{name}[{index + 1}]"] = locate(path + (name, index))
            attach_locations(value, locate, path + (name,))
    elif isinstance(model, list):
        for index, item in enumerate(model):
            attach_locations(item, locate, path + (index,))
    elif isinstance(model, dict):
        for key, item in model.items():
            attach_locations(item, locate, path + (key,))
