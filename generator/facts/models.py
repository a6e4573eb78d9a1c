"""The facts model: what an organisation, a school and a notice may say, validated by pydantic.

Field descriptions are written once here: they feed the JSON Schema (editor tooltips) and the
generated field reference in docs/.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from types import GenericAlias
from typing import TYPE_CHECKING, Annotated, Any, Literal, cast, get_args, get_origin

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
    ValidationInfo,
    create_model,
    field_validator,
    model_validator,
)

from generator.facts.contrast import PAGE_BACKGROUND, too_little_contrast
from generator.facts.errors import Location
from generator.facts.links import safe_markdown
from generator.facts.roles import ForSchool, Override, Role, overridable, stated_by_schools
from generator.facts.sections import SECTIONS
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

    # Read straight from pydantic's store of private attributes (never None: this model declares two): the
    # checker asks for a place a million times, and ``self._location`` goes through BaseModel.__getattr__.
    @property
    def location(self) -> Location | None:
        """Where this object was written (file:line:col), when it came from a file."""
        return cast(dict, self.__pydantic_private__)["_location"]

    def field_location(self, name: str) -> Location | None:
        """Where one field of this object was written, falling back to the object itself."""
        private = cast(dict, self.__pydantic_private__)
        return private["_field_locations"].get(name, private["_location"])

    def written_at(self, name: str | None = None) -> Location:
        """Where this object (or its field ``name``) was written, for an error pointing at it: every fact
        read from a file has its place; only a model made in code has none, and no error is about one."""
        location = self.field_location(name) if name else self._location
        if location is None:
            raise TypeError(f"this {type(self).__name__} was made in code, not read from a file")
        return location


class Contact(FactModel):
    role: Annotated[str | None, Role("role")] = Field(
        None, description="Who to ask for, by role, e.g. `Operations Manager`.")
    name: Annotated[str | None, Role("name")] = Field(None, description="A person's name, if the notice names one.")
    via: Annotated[str | None, Role("route")] = Field(None, description="How to reach them, e.g. `the school office`.")
    phone: Annotated[Phone | None, Role("phone")] = None
    email: Annotated[EmailStr | None, Role("email")] = Field(None, description="An email address.")
    address: Annotated[str | None, Role("address")] = Field(None, description="A postal address.")
    url: Annotated[HttpUrl | None, Role("web page")] = Field(None, description="A web page for contact, http(s) only.")

    @model_validator(mode="after")
    def _reachable(self) -> Contact:
        if not (self.phone or self.email or self.address or self.url):
            raise ValueError("a contact needs at least one of phone, email, address or url")
        return self


class Complaints(FactModel):
    """How to complain to us (Data Protection Act 2018 s.164A): at least one way in."""

    url: Annotated[HttpUrl | None, Role("online form")] = Field(None, description="An online complaint form, http(s) only.")
    email: Annotated[EmailStr | None, Role("email")] = Field(None, description="An email address for complaints.")
    address: Annotated[str | None, Role("address")] = Field(None, description="A postal address for complaints.")

    @model_validator(mode="after")
    def _reachable(self) -> Complaints:
        if not (self.url or self.email or self.address):
            raise ValueError("complaints needs at least one of url (an online form), email or address")
        return self


class DataProtectionOfficer(FactModel):
    name: Annotated[str | None, Role("name")] = Field(
        None, description="The DPO's name, or the name of the DPO service.")
    email: Annotated[EmailStr, Role("email")] = Field(description="The DPO's email address.")
    phone: Annotated[Phone | None, Role("phone")] = None
    address: Annotated[str | None, Role("address")] = Field(None, description="A postal address for the DPO.")


class SupervisoryAuthority(FactModel):
    name: Annotated[str, Role("name")] = Field(
        "Information Commissioner's Office", description="The supervisory authority.")
    website: Annotated[HttpUrl, Role("website")] = Field(HttpUrl("https://ico.org.uk/"), description="Its home page.")
    complaint_url: Annotated[HttpUrl, Role("complaint page")] = Field(
        HttpUrl("https://ico.org.uk/make-a-complaint/"), description="Where people can raise a complaint."
    )
    phone: Annotated[Phone, Role("phone")] = Field("0303 123 1113", description="Its helpline.")
    # No default: the ICO announced its head office leaves Wycliffe House, Wilmslow, in autumn 2026
    # (https://www.parallelparliament.co.uk/mp/jim-shannon/debate/2025-07-16/commons/westminster-hall/information-commissioners-office-relocation),
    # and the new postal address could not be confirmed; its complaint form and helpline stay.
    address: Annotated[str | None, Role("address")] = Field(None, description="Its postal address, if the notice gives one.")


class Recipient(FactModel):
    name: Annotated[Text, Role("name")] = Field(description="The recipient's name as the public knows it.")
    kind: Annotated[str | None, Role("kind")] = Field(
        None, description="What sort of body it is, e.g. `local authority`, `NHS service`.")
    url: Annotated[HttpUrl | None, Role("website")] = Field(None, description="Its website, http(s) only.")
    description: Annotated[str | None, Role("description")] = Field(
        None, description="One sentence on who they are, if the name is not enough.")


OrganisationKind = Literal[
    "academy-trust", "academy", "maintained-school", "independent-school", "early-years-provider", "local-authority",
    "college", "charity", "company", "other"
]
# A private or voluntary nursery or a childminder is no public authority (Freedom of Information Act 2000
# Schedule 1 lists maintained schools' governing bodies and academy proprietors); a maintained nursery school
# is a `maintained-school`.
PUBLIC_AUTHORITY_KINDS = {"academy-trust", "academy", "maintained-school", "local-authority", "college"}

Phase = Literal["nursery", "primary", "secondary", "sixth-form"]
# The nations of the UK. The education law this tool cites is England's; Wales, Scotland and Northern
# Ireland have their own (the checker says so, rule F.nation).
Nation = Literal["england", "wales", "scotland", "northern-ireland"]
SUPPORTED_NATIONS = ("england",)
_AGE_RANGE = re.compile(r"^\s*(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})\s*$")
OLDEST_PUPIL = 25  # a young person with an education, health and care plan may stay in education to 25


def age_range(text: str) -> tuple[int, int]:
    """'11-16' (or '11 to 16') as (11, 16): the youngest and the oldest pupils' ages, inclusive."""
    match = _AGE_RANGE.match(text)
    if not match or not int(match[1]) <= int(match[2]) <= OLDEST_PUPIL:
        raise ValueError(f"'{text}' is not an age range: write the youngest and the oldest pupils' ages, youngest "
                         "first, e.g. `ages: 11-16` for a secondary school or `ages: 3-11` for a primary with a nursery")
    return int(match[1]), int(match[2])


def age_range_text(text: str) -> str:
    """An age range as the facts keep it: '11 to 16' becomes '11-16'."""
    youngest, oldest = age_range(text)
    return f"{youngest}-{oldest}"


AgeRange = Annotated[str, AfterValidator(age_range_text), Field(
    description="The ages of the school's pupils, youngest to oldest, e.g. `11-16` or `3-11`: the checker judges "
                "by them which law reaches the pupils (youth support services from 13, for example).")]
Phases = Annotated[list[Phase], Field(
    description="The phases the school teaches: any of `nursery`, `primary`, `secondary`, `sixth-form`.")]
InNation = Annotated[Nation, Field(
    description="The nation the school is in: `england` (the default), `wales`, `scotland` or `northern-ireland`. "
                "The law this tool cites is England's.")]

class AppliesTo(FactModel):
    """Whom a library notice, or one item of it, is for: the organisation kinds, the school phases and the pupils'
    ages it fits. Left out, it fits every one; adopting a notice leaves out the items that do not fit
    (docs/library.md), and the checker reports one that a school publishes all the same (rule F.applies-to)."""

    kinds: Annotated[list[OrganisationKind], Role("kinds", in_notice=False)] = Field(
        default_factory=list, description="The kinds of organisation it is for, e.g. `[maintained-school]`; "
                                          "left out: every kind.")
    phases: Annotated[Phases, Role("phases", in_notice=False)] = Field(
        default_factory=list, description="The phases it is for: any of `nursery`, `primary`, `secondary`, "
                                          "`sixth-form`; a school teaching any one of them fits. Left out: every phase.")
    ages: Annotated[AgeRange | None, Role("ages", in_notice=False)] = Field(
        None, description="The pupils' ages it is for, e.g. `13-19`: a school whose pupils' ages overlap them fits. "
                          "Left out: every age.")

    def misfits(self, kind: str, phases: Sequence[str], ages: tuple[int, int] | None) -> str | None:
        """Why an organisation of ``kind`` (a school with ``phases`` and pupils of ``ages``) is not what this is
        for, in words that finish "it is for ... and"; None when it fits. What the facts do not say fits."""
        if self.kinds and kind not in self.kinds:
            return f"{_kinds_words(self.kinds)}, and this is {_a_kind(kind)}"
        if self.phases and phases and not set(self.phases) & set(phases):
            return (f"{' and '.join(p.replace('-', ' ') for p in self.phases)} schools, and this school teaches "
                    f"{' and '.join(p.replace('-', ' ') for p in phases)}")
        if self.ages and ages:
            lowest, highest = age_range(self.ages)
            if ages[1] < lowest or ages[0] > highest:
                return f"pupils aged {lowest} to {highest}, and this school's are {ages[0]} to {ages[1]}"
        return None

    def fits(self, kind: str, phases: Sequence[str], ages: tuple[int, int] | None) -> bool:
        return self.misfits(kind, phases, ages) is None


def _a_kind(kind: str) -> str:
    words = kind.replace("-", " ")
    return f"{'an' if words[0] in 'aeiou' else 'a'} {words}"


def _kinds_words(kinds: Sequence[str]) -> str:
    """Kinds of organisation in words, as many: ['academy', 'maintained-school'] -> 'academies and maintained schools'."""
    plural = [re.sub(r"y$", "ie", kind.replace("-", " ")) + "s" for kind in kinds]
    return ", ".join(plural[:-1]) + " and " + plural[-1] if len(plural) > 1 else plural[0]


ScopedTo = Annotated[AppliesTo | None, Role("whom it is for", in_notice=False)]


class ScopedFact(FactModel):
    """An item of a notice's list, which may say whom it is for (`applies_to`)."""

    applies_to: ScopedTo = Field(None, exclude=True, description=(
        "Whom this item is for (kinds, phases, ages); adopting the notice from the library leaves it out where it "
        "does not fit. Left out: everyone."))



class Category(ScopedFact):
    id: Annotated[Slug, Role("id")] = Field(
        description="The category's id, e.g. `medical`: lawful bases and schools' `add`/`remove` name it.")
    name: Annotated[Text, Role("name")] = Field(description="The category in plain words, e.g. `Personal information`.")
    examples: Annotated[list[Text], Role("examples")] = Field(
        default_factory=list, description="Examples of what the category includes.")
    special: Annotated[StrictBool, Role("special category")] = Field(
        False, description="True for special-category data (health, ethnicity, religion, biometrics, sex life...)."
    )
    criminal_offence: Annotated[StrictBool, Role("criminal offence data")] = Field(
        False, description="True for data about criminal convictions and offences (DBS checks, cautions, offending)."
    )


class Purpose(ScopedFact):
    id: Annotated[Slug, Role("id")] = Field(
        description="The purpose's id, e.g. `pastoral-care`: lawful bases and schools' `add`/`remove` name it.")
    description: Annotated[Text, Role("description")] = Field(
        description="What we use the data for, completing 'We use it to ...'.")


class LawfulBasis(ScopedFact):
    article: Annotated[ArticleRef, Role("article")]
    relied_on: Annotated[list[Text], Role("law relied on")] = Field(
        default_factory=list, description=(
            "The law that gives the task or duty, by its id in [The law we cite](law.md), e.g. "
            "`education-act-1996-s537a`: the notice prints its citation. Words are printed as written, with a "
            "warning.")
    )
    purposes: Annotated[list[Slug] | None, Role("purposes")] = Field(
        None, description="Ids of the purposes this basis covers; leave out when it covers all of them."
    )
    categories: Annotated[list[Slug] | None, Role("categories")] = Field(
        None, description="For an Article 9 condition (or Article 10): ids of the special (or criminal offence) "
                          "categories it covers; default all."
    )
    schedule_1: Annotated[str | None, Role("Schedule 1 condition")] = Field(
        None,
        description="For Article 9(2)(b), (g), (h), (i), (j) and Article 10: the Data Protection Act 2018 Schedule 1 "
                    "condition, by its id in [The law we cite](law.md), e.g. `dpa-2018-sch1-para18`.",
    )
    legitimate_interests: Annotated[str | None, Role("legitimate interests")] = Field(
        None, description="For Article 6(1)(f): the legitimate interests pursued, in plain words."
    )


Requirement = Literal["statutory", "contractual", "contract-entry", "voluntary", "mixed"]


class Provision(FactModel):
    requirement: Annotated[Requirement, Role("requirement")] = Field(
        description="Must people give us this data? `statutory` (the law says so), `contractual`, "
        "`contract-entry` (needed to enter a contract), `voluntary`, or `mixed`."
    )
    explanation: Annotated[Text, Role("explanation")] = Field(
        description="In plain words: what is required, and by what.")
    voluntary: Annotated[list[Text], Role("voluntary items")] = Field(
        default_factory=list, description="What people may choose not to give.")
    consequences: Annotated[str | None, Role("consequences")] = Field(
        None, description="What happens if someone does not give the data.")


class Source(ScopedFact):
    name: Annotated[Text, Role("name")] = Field(description="Where data comes from, e.g. `the local authority`.")
    description: Annotated[str | None, Role("description")] = Field(None, description="What comes from there.")
    publicly_accessible: Annotated[StrictBool, Role("publicly accessible")] = Field(
        False, description="True if this is a publicly accessible source.")


class NoticeRecipient(ScopedFact):
    id: Annotated[Slug, Role("id")] = Field(
        description="A recipient id from the school's or the organisation's `recipients`.")
    service: Annotated[str | None, Role("service")] = Field(
        None, description="The part of the recipient this notice's data goes to, when not the whole body, e.g. "
                          "`HR and payroll service` for the workforce notice: every school's own `local-authority` "
                          "is then named with it.")
    description: Annotated[str | None, Role("description")] = Field(
        None, description="Who they are, for this notice, when the recipient's own `description` does not fit it.")
    reason: Annotated[str | None, Role("reason")] = Field(None, description="Why we share with them.")
    gateway: Annotated[list[Text], Role("legal gateway")] = Field(
        default_factory=list, description=(
            "The law that allows or requires the sharing, by its id in [The law we cite](law.md), e.g. "
            "`education-act-1996-s537a`."))


class Transfer(ScopedFact):
    destination: Annotated[Text, Role("destination")] = Field(description="The country or territory the data goes to.")
    what: Annotated[Text, Role("what goes")] = Field(description="What data goes there, and to whom.")
    safeguard: Annotated[Text | None, Role("safeguard")] = Field(None, description=(
        "The safeguard: approved by regulations (Article 45A), the IDTA, the Addendum, ... Without it the "
        "checker reports an error (A13.1.f)."))
    get_a_copy: Annotated[str | None, Role("copy")] = Field(
        None, description="How people can get a copy of the safeguard.")


class System(FactModel):
    """A system that holds a notice's data, for the record of processing (docs/record-of-processing.md)."""

    name: Annotated[Text, Role("name")] = Field(description="The system's name, e.g. `the management information "
                                                            "system` or the product's name.")
    processor: Annotated[Slug | None, Role("processor")] = Field(
        None, description="The recipient id (in `recipients`) of the supplier that runs it for us as our processor; "
                          "leave out for a system we run ourselves.")


class JointController(FactModel):
    """Another organisation that decides with us why and how a notice's data is used (UK GDPR Article 26)."""

    name: Annotated[Text, Role("name")] = Field(description="The joint controller's name.")
    contact: Annotated[Contact | None, Role("contact details")] = Field(
        None, description="How to reach it about the data: the record of processing needs it (its check asks).")


class AutomatedDecision(ScopedFact):
    description: Annotated[Text, Role("description")] = Field(description="The decision made without a person.")
    logic: Annotated[Text, Role("logic")] = Field(description="How it is made, in plain words.")
    consequences: Annotated[Text, Role("consequences")] = Field(description="What it means for the person.")


class RetentionRule(ScopedFact):
    id: Annotated[Slug, Role("id")] = Field(
        description="The rule's id, e.g. `pupil-records`: a school's `add` or `remove` names it.")
    records: Annotated[Text, Role("records")] = Field(description="Which records, e.g. `Children in need records`.")
    period: Annotated[Text, Role("period")] = Field(description="How long, e.g. `until the child is 25 years old`.")
    basis: Annotated[str | None, Role("basis")] = Field(None, description="The law or policy that sets the period.")
    # The retention schedule's last column (docs/retention-schedule.md); no notice prints it, so a change is no
    # change to the notice.
    at_the_end: Annotated[str | None, Role("what happens at the end", in_notice=False)] = Field(
        None, description="What happens to the records when the period ends, e.g. `securely destroyed` or `offered "
                          "to the county archives`: the retention schedule shows it.")


class Change(FactModel):
    date: Annotated[datetime.date, Role("date")] = Field(description="When the change took effect, as YYYY-MM-DD.")
    version: Annotated[str, Role("version")] = Field(description="The notice version this change made.")
    summary: Annotated[Text, Role("summary")] = Field(description="What changed, in one or two plain sentences.")
    new_purpose: Annotated[StrictBool, Role("new purpose")] = Field(
        False, description="True when this change added a new purpose (Article 13(3)).")


if TYPE_CHECKING:  # the checker sees a string; pydantic and the schema, the anchors of SECTIONS
    SectionAnchor = str
else:
    SectionAnchor = Literal[tuple(section.anchor for section in SECTIONS)]


class Section(ScopedFact):
    id: Annotated[Slug, Role("id")] = Field(
        description="The section's id, e.g. `cctv`: its anchor in the notice, and what a school's `remove` names.")
    title: Annotated[Text, Role("title")] = Field(description="The section heading.")
    body: Annotated[MarkdownText, Role("text")] = Field(
        description="The section text, in Markdown (links: http, https, mailto and tel only).")
    after: Annotated[SectionAnchor, Role("place")] = Field(
        "who-we-share-with", description="The standard section this one follows.")


# A notice's `sections:` item that stands for a shared section: `- include: <section-id>`. The loader
# puts the section from sections/<section-id>.yaml in its place (generator/facts/includes.py), so the
# models after loading only ever hold whole sections; the editor's schema accepts both.
INCLUDE_KEY = "include"


def _sections_or_includes(schema: dict[str, Any]) -> None:
    include = {"type": "object", "additionalProperties": False, "required": [INCLUDE_KEY],
               "properties": {INCLUDE_KEY: {"type": "string", "pattern": SLUG_PATTERN,
                                            "description": "The id of a shared section in sections/<id>.yaml."}}}
    schema["items"] = {"anyOf": [schema["items"], include]}


_SHARED_SECTION_FIELDS: dict[str, Any] = {
    name: (Annotated[info.annotation, *info.metadata], Field(info.default, description=info.description))
    for name, info in Section.model_fields.items() if name != "id"}
SharedSection = create_model(
    "SharedSection", __base__=FactModel, __module__=__name__,
    __doc__="A section written once in sections/<section-id>.yaml, for every notice that includes it by id.",
    **_SHARED_SECTION_FIELDS)

NoneStated = Literal["none"]
SubjectAges = Literal["children", "adults", "children-and-adults"]


class ProcessingForController(FactModel):
    """Processing we carry out for another controller, as its processor: an entry of our record under UK GDPR
    Article 30(2)."""

    controller: Annotated[Text, Role("controller")] = Field(
        description="The controller we process the data for, e.g. `Countyshire Council`.")
    contact: Annotated[Contact | None, Role("contact details")] = Field(
        None, description="How to reach that controller: the record of processing needs it (its check asks).")
    processing: Annotated[list[Text], Role("categories of processing")] = Field(
        min_length=1, description="What we do with the data for it, one kind per item, e.g. `payroll for the "
                                  "council's nursery staff`.")
    transfers: Annotated[list[Text], Role("transfers")] = Field(
        default_factory=list, description="Each transfer outside the UK we make for it, with its safeguard, e.g. "
                                          "`United States: backups, under the IDTA`; leave out when there are none.")


# The words most titles open with, which say nothing in a menu that lists them all.
_TITLE_OPENING = re.compile(r"^how (?:we|our school|the school|the trust) uses? (?:(?:the )?information about )?"
                            r"(?:our |the )?", re.IGNORECASE)


class Notice(FactModel):
    """One privacy notice (for example 'How we use pupil information'), shared by every school."""

    title: Annotated[Text, Role("title", school=("replace",))] = Field(
        description="The notice's title, e.g. `How we use pupil information`.")
    short_title: Annotated[Text | None, Role("short title", school=("replace",))] = Field(
        None, description="A few words for the website's menus and cards, e.g. `Pupils and parents`. Without it, "
                          "the title without its opening 'How we use (information about)', e.g. `Pupil information`.")
    summary: Annotated[str | None, Role("summary", school=("replace",))] = Field(
        None, description="A short plain-language summary shown first.")
    applies_to: ScopedTo = Field(None, exclude=True, description=(
        "Whom the notice is for (kinds, phases, ages): `notices init` offers it only to them, and the checker "
        "reports it published by anyone else. Left out: everyone."))
    topic: Annotated[Slug | None, Role("topic", in_notice=False)] = Field(
        None, exclude=True, description="What the notice is about, shared by a library notice's variants for "
                                        "different kinds of school, e.g. `governance`: a school adopts one of them.")
    data_subjects: Annotated[list[Text], Role("data subjects", section="who-we-are", school=("replace",))] = Field(
        min_length=1, description="Whose data this notice is about.")
    data_subjects_are: Annotated[SubjectAges | None, Role(
        "whether they are children or adults", section="your-rights", school=("replace",))] = Field(
        None, description="Whether the people this notice is about are `children`, `adults` or "
                          "`children-and-adults`: it decides how the notice says who can use the rights.")
    contact: Annotated[Contact | None, Role(
        "the contact", section="contacts", school=("replace",), topic="contacts")] = Field(
        None, description="Who to contact about this notice, when not the school's or organisation's contact, "
                          "e.g. the HR team for the workforce notice.")
    version: Annotated[str | None, Role("version", school=("replace",), topic="version")] = Field(
        None, description="The notice's version, e.g. `2.0`.")
    last_reviewed: Annotated[datetime.date | None, Role(
        "last review", school=("replace",), topic="review dates")] = Field(
        None, description="When it was last reviewed, as YYYY-MM-DD.")
    next_review: Annotated[datetime.date | None, Role(
        "next review", school=("replace",), topic="review dates")] = Field(
        None, description="When it is next due for review.")
    categories: Annotated[list[Category], Role(
        "categories", section="what-we-hold", school=("add", "remove"), key=("id",), item="Category", label="{name}",
        words="what information we hold",
    )] = Field(min_length=1, description="The kinds of personal data held.")
    purposes: Annotated[list[Purpose], Role(
        "purposes", section="why-we-use-it", school=("add", "remove"), key=("id",), item="Purpose", label="{id}",
        detail="description", words="why we use the information",
    )] = Field(min_length=1, description="What the data is used for.")
    lawful_bases: Annotated[list[LawfulBasis], Role(
        "lawful bases", section="lawful-bases", school=("add", "remove"), key=("article",), item="Lawful basis",
        label="Article {article} ({name})", resolved="bases", words="the law that allows us to use the information",
    )] = Field(min_length=1, description="The Article 6 bases and Article 9 conditions.")
    provision: Annotated[Provision | None, Role(
        "whether people must give the data", section="must-you-give-it", school=("replace",), topic="provision",
        words="whether you must give us the information",
    )] = Field(None, description="Whether people must give the data, and what if not.")
    sources: Annotated[list[Source] | NoneStated | None, Role(
        "sources", section="where-it-comes-from", school=("replace", "add"), key=("name",), item="Source",
        label="{name}", words="where the information comes from",
    )] = Field(None, description="Where data comes from other than the person themselves; `none` if only from them.")
    recipients: Annotated[list[NoticeRecipient] | NoneStated | None, Role(
        "recipients", section="who-we-share-with", school=("add", "remove"), key=("id",), item="Recipient",
        label="{name}", detail="reason", resolved="recipients", joins=(Recipient,),
        words="who we share the information with",
    )] = Field(None, description="Who the data is shared with and why; `none` if nobody.")
    transfers: Annotated[list[Transfer] | NoneStated | None, Role(
        "transfers", section="transfers", school=("replace",), key=("destination",), item="Transfer to",
        label="{destination}", words="transfers outside the UK",
    )] = Field(None, description="Transfers outside the UK; write `none` when there are none.")
    automated_decisions: Annotated[list[AutomatedDecision] | NoneStated | None, Role(
        "automated decisions", section="automated-decisions", school=("replace",), key=("description",),
        item="Automated decision", label="{description}", words="automated decisions",
    )] = Field(
        None, description="Decisions made without a person, including profiling; write `none` when there are none.")
    retention: Annotated[list[RetentionRule], Role(
        "retention", section="how-long-we-keep-it", school=("replace", "add", "remove"), key=("id",),
        item="Retention of", label="{records}", detail="period", words="how long we keep the information",
    )] = Field(default_factory=list, description="How long records are kept.")
    # For the record of processing alone (UK GDPR Article 30): no notice prints them.
    systems: Annotated[list[System], Role(
        "systems", in_notice=False, key=("name",), item="System", label="{name}")] = Field(
        default_factory=list, description="The systems that hold this notice's data, and who runs each: the record "
                                          "of processing lists them (its check asks for them).")
    joint_controllers: Annotated[list[JointController], Role(
        "joint controllers", in_notice=False, key=("name",), item="Joint controller", label="{name}")] = Field(
        default_factory=list, description="Organisations that decide with us why and how this data is used, if any "
                                          "(Article 26): the record of processing names them.")
    direct_marketing: Annotated[StrictBool, Role(
        "direct marketing", section="your-rights", school=("replace",))] = Field(
        False, description="True if the data is used for direct marketing.")
    changes: Annotated[list[Change], Role(
        "change list", section="changes", school=("add",), key=("date", "version"), item="Change-list entry",
        label="{date}, version {version}",
    )] = Field(default_factory=list, description="Dated changes to this notice, newest first.")
    sections: Annotated[list[Section], Role(
        "sections", school=("add", "remove"), key=("id",), item="Section", label="{title}",
        words="the further information in the notice",
    )] = Field(default_factory=list, json_schema_extra=_sections_or_includes,
               description="Free Markdown sections outside the schema; `- include: <section-id>` takes a shared "
                           "section from sections/<section-id>.yaml.")

    @property
    def menu_title(self) -> str:
        """The short title, or one made from the title: 'How we use information about our governors' -> 'Governors'."""
        if self.short_title:
            return self.short_title
        rest = _TITLE_OPENING.sub("", self.title, count=1)
        return rest[:1].upper() + rest[1:] if rest else self.title

    @model_validator(mode="before")
    @classmethod
    def _empty_list_states_none(cls, data: Any) -> Any:
        """An empty list where `none` may be written (`recipients: []`) says the same as `none`, in every format."""
        if isinstance(data, dict):
            return {name: "none" if value == [] and name in _NONE_STATABLE else value for name, value in data.items()}
        return data


_NONE_STATABLE = {name for name, info in Notice.model_fields.items() if NoneStated in get_args(info.annotation)}


def _list_item(annotation: Any) -> type[FactModel]:
    """The model of one item of a list field, e.g. Category for ``list[Category] | None``."""
    for arm in (annotation, *get_args(annotation)):
        if get_origin(arm) is list:
            return get_args(arm)[0]
    raise TypeError(f"{annotation} is not a list of facts")


def _override_fields(how: Override) -> dict[str, Any]:
    """The fields of NoticeReplace, NoticeAdd or NoticeRemove, read off each Notice field's role."""
    fields: dict[str, Any] = {}
    for name, declared in overridable(Notice, how).items():
        info = Notice.model_fields[name]
        if how == "replace":  # the notice's own type and limits, optional
            fields[name] = (Annotated[info.annotation, *info.metadata] | None, None)
        else:
            item = _list_item(info.annotation)
            if how == "add":
                fields[name] = (GenericAlias(list, item), Field(default_factory=list))  # list[item]: item is a value
            else:  # removed by the item's key, checked as the key is (a lawful basis by its article)
                key = item.model_fields[declared.key[0]]
                fields[name] = (GenericAlias(list, Annotated[key.annotation, *key.metadata]), Field(default_factory=list))
    return fields


NoticeReplace = create_model(
    "NoticeReplace", __base__=FactModel, __module__=__name__,
    __doc__="Fields a school replaces whole.", **_override_fields("replace"))
NoticeAdd = create_model(
    "NoticeAdd", __base__=FactModel, __module__=__name__,
    __doc__="Items a school adds to the inherited lists; an item with an inherited id replaces that item.",
    **_override_fields("add"))
NoticeRemove = create_model(
    "NoticeRemove", __base__=FactModel, __module__=__name__,
    __doc__="Inherited items a school drops, by id (lawful bases by article).", **_override_fields("remove"))


class NoticeOverride(FactModel):
    """How one school's version of a notice differs from the trust's."""

    publish: Annotated[StrictBool, Role("publication")] = Field(
        True, description="False if this school does not publish the notice at all.")
    replace: Annotated[NoticeReplace, Role("replaced facts")] = Field(
        default_factory=NoticeReplace, description="Fields replaced whole.")
    add: Annotated[NoticeAdd, Role("added items")] = Field(
        default_factory=NoticeAdd, description="Items added to inherited lists.")
    remove: Annotated[NoticeRemove, Role("removed items")] = Field(
        default_factory=NoticeRemove, description="Inherited items dropped, by id.")


HEX_COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"
HexColour = Annotated[
    str,
    StringConstraints(pattern=HEX_COLOUR_PATTERN, to_lower=True),
    Field(description="A colour as # and six hexadecimal digits, e.g. `#1f4e79`. Quote it: YAML reads # as a comment."),
]
# A logo's extension -> the kind of picture its content must be (generator/facts/logo.py checks it).
LOGO_KINDS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WebP", ".svg": "SVG"}
MAX_LOGO_BYTES = 1024 * 1024
_LOGO_PATH = re.compile(r"^(?:[A-Za-z0-9_][A-Za-z0-9_ .-]*/)*[A-Za-z0-9_][A-Za-z0-9_ .-]*(?:"
                        + "|".join(re.escape(suffix) for suffix in LOGO_KINDS) + ")$", re.IGNORECASE)


def logo_path(text: str) -> str:
    # Inside the facts folder (no /, no ..), and named as a kind of picture we check.
    if not _LOGO_PATH.match(text):
        raise ValueError(f"'{text}' is not a PNG, JPEG, WebP or SVG file inside the facts folder: write a path like "
                         f"brand/logo.png, relative to the folder organisation.yaml is in")
    return text


LogoFile = Annotated[str, AfterValidator(logo_path)]


class BrandColours(FactModel):
    """The website's colours. Each is checked for the 4.5:1 contrast that text needs (WCAG 2.2, 1.4.3)."""

    # Declared before the header colour, which is checked against them.
    header_text: Annotated[HexColour, Role("header text colour")] = Field(
        "#ffffff", description="The colour of the text on the header; white unless the header colour is light.")
    links: Annotated[HexColour | None, Role("link colour")] = Field(
        None, description="The colour of links on the white page; the header colour if not given.")
    header: Annotated[HexColour, Role("header colour")] = Field(
        description="The header's background, e.g. the school's main colour.")

    @field_validator("links")
    @classmethod
    def _links_readable(cls, links: str | None) -> str | None:
        problem = links and too_little_contrast(links, PAGE_BACKGROUND, "links of {colour} on the white page ({other})")
        if problem:
            raise ValueError(problem)
        return links

    @field_validator("header")
    @classmethod
    def _header_readable(cls, header: str, info: ValidationInfo) -> str:
        text = info.data.get("header_text")
        problem = text and too_little_contrast(header, text, "the header colour {colour} and its text colour {other}")
        if problem:
            raise ValueError(f"{problem}; or set header_text to a colour that contrasts with it")
        if "links" in info.data and not info.data["links"]:
            problem = too_little_contrast(header, PAGE_BACKGROUND, "links of {colour} on the white page ({other})")
            if problem:
                raise ValueError(f"the header colour colours the links too, and {problem}; "
                                 f"or set links to a colour of their own")
        return header

    @property
    def link_colour(self) -> str:
        return self.links or self.header


class Brand(FactModel):
    """How a school's pages look on the website; anything not given is the organisation's."""

    name: Annotated[str | None, Role("name shown")] = Field(
        None, description="The name the website's header shows, if not the legal name, e.g. `Oakmoor`.")
    logo: Annotated[LogoFile | None, Role("logo")] = Field(
        None, description="The logo shown beside the name in the website's header and at the head of every printed "
                          "page (PDF and Word): a PNG, JPEG, WebP or SVG picture of at most "
                          f"{MAX_LOGO_BYTES // 1024 // 1024} MB, its path relative to the facts folder. Its "
                          "content must be the kind its name says; an SVG drawing may hold no script, event "
                          "handlers, embedded content (`foreignObject`) or references to other files.")
    colours: Annotated[BrandColours | None, Role("colours")] = Field(
        None, description="The header's and the links' colours.")


class SiteBrand(Brand):
    """How the website looks and where it lives: the organisation's brand, which every page has unless a school sets its own."""

    site_address: Annotated[HttpUrl | None, Role("website address")] = Field(
        None, description="The address the privacy website is published at, e.g. `https://www.example.org/privacy/`: "
                          "it fills the sitemap and makes the change feed's links complete.")


class Organisation(FactModel):
    """The controller: the trust, or a standalone school or organisation."""

    name: Annotated[str | None, Role("name", section="who-we-are", for_school=ForSchool(
        "beside", "The school's name, e.g. `Oakmoor School`.", annotation=Text))] = Field(
        None, description="The controller's legal name, e.g. `Example Academy Trust`.")
    # A trust's schools have theirs in their file names (schools/<id>.yaml); a school on its own, here.
    id: Annotated[Slug | None, Role("short id", in_notice=False)] = Field(
        None, exclude=True, description="A school on its own: its short id in web addresses (`schools/<id>/`) and "
                                        "output folders, e.g. `st-annes`. Left out: one is made from its name.")
    kind: Annotated[OrganisationKind, Role("kind", section="who-we-are")] = Field(
        description="What sort of organisation this is.")
    public_authority: Annotated[StrictBool | None, Role("public authority", section="who-we-are")] = Field(
        None, description="Whether it is a public authority; schools, academies, trusts and colleges are, a private "
                    "nursery is not. Defaults from kind."
    )
    address: Annotated[str | None, Role("address", section="who-we-are", for_school=ForSchool(
        "beside", "The school's postal address."))] = Field(
        None, description="The registered address.")
    company_number: Annotated[str | None, Role("company number", section="who-we-are")] = Field(
        None, description="Companies House number, for a trust or company.")
    ico_registration: Annotated[str | None, Role("ICO registration", section="who-we-are")] = Field(
        None, description="Registration number with the ICO, e.g. `ZA123456`.")
    # Stated once for every notice: each retention rule's own `basis` states it in the notice.
    retention_policy: Annotated[str | None, Role("retention policy", in_notice=False)] = Field(
        None, exclude=True, description="The policy that sets how long records are kept, e.g. `our records retention "
                                        "policy, which follows the IRMS toolkit`: the basis of every notice's retention "
                                        "rule that names none of its own.")
    website: Annotated[HttpUrl | None, Role("website", section="who-we-are", for_school=ForSchool(
        "beside", "The school's website."))] = Field(
        None, description="The organisation's website.")
    # A standalone school (no schools/ folder) describes itself here; a trust's schools, in their own files.
    phases: Annotated[Phases, Role("phases", in_notice=False, for_school=ForSchool(
        "beside", "The school's phases."))] = Field(default_factory=list)
    ages: Annotated[AgeRange | None, Role("ages of the pupils", in_notice=False, for_school=ForSchool(
        "beside", "The ages of the school's pupils, youngest to oldest, e.g. `11-16`."))] = None
    nation: Annotated[InNation, Role("nation", in_notice=False, for_school=ForSchool(
        "beside", "The nation the school is in."))] = "england"
    contact: Annotated[Contact | None, Role(
        "the contact", section="contacts", topic="contacts", words="who to contact", for_school=ForSchool(
            "instead", "Who to contact at the school about its notices."))] = Field(
        None, description="The default contact for questions about the notices.")
    complaints: Annotated[Complaints | None, Role(
        "how to complain to us", section="how-to-complain", topic="complaints", words="how to complain to us",
        for_school=ForSchool(
            "instead", "How to complain to the school, when it is not the organisation's way."))] = Field(
        None, description="How to complain to us about our use of personal information; a school may set its own.")
    dpo: Annotated[DataProtectionOfficer | None, Role(
        "the DPO", section="contacts", topic="DPO", words="the data protection officer's details")] = Field(
        None, description="The data protection officer.")
    representative: Annotated[Contact | None, Role(
        "the UK representative", section="who-we-are", topic="controller")] = Field(
        None, description="A UK representative, only for bodies outside the UK.")
    supervisory_authority: Annotated[SupervisoryAuthority, Role(
        "the supervisory authority", section="how-to-complain", topic="supervisory authority",
        words="how to complain")] = Field(
        default_factory=SupervisoryAuthority, description="Where people can complain; defaults to the ICO."
    )
    security_measures: Annotated[list[Text], Role("security measures", in_notice=False)] = Field(
        default_factory=list, description="A general description of how the data is kept secure (UK GDPR Article "
                                          "32(1)), one measure per item: the record of processing states it "
                                          "(Article 30(1)(g)).")
    processing_for_others: Annotated[list[ProcessingForController], Role(
        "processing for other controllers", in_notice=False)] = Field(
        default_factory=list, description="Processing we carry out as another controller's processor (UK GDPR "
                                          "Article 30(2)): the record of processing gives each its own row.")
    recipients: Annotated[dict[Slug, Recipient], Role(
        "recipients", section="who-we-share-with", item="Recipient", resolved="recipients", for_school=ForSchool(
            "first", "The school's own recipients by id; they win over the trust's."))] = Field(
        default_factory=dict, description="Recipients, by id, for every school.")
    # The website's look, not something a notice states: left out of the JSON notice.
    brand: Annotated[SiteBrand | None, Role("the website's brand", in_notice=False, for_school=ForSchool(
        "instead", "How the school's own pages look, if not as the organisation's.", annotation=Brand | None))] = Field(
        None, exclude=True, description="The name, logo, colours and address of the privacy website.")

    @property
    def is_public_authority(self) -> bool:
        if self.public_authority is not None:
            return self.public_authority
        return self.kind in PUBLIC_AUTHORITY_KINDS


def _school_fields() -> dict[str, Any]:
    """The organisation's fields a school may state of its own, as a school's file has them (``Role.for_school``)."""
    fields: dict[str, Any] = {}
    for name, declared in stated_by_schools(Organisation).items():
        info, own = Organisation.model_fields[name], declared.for_school
        assert own is not None
        annotation = own.annotation if own.annotation is not None else info.annotation
        required = own.annotation is not None and type(None) not in get_args(own.annotation)
        field = (Field(description=own.description, exclude=info.exclude) if required else
                 Field(default_factory=info.default_factory, description=own.description, exclude=info.exclude)
                 if info.default_factory else Field(info.default, description=own.description, exclude=info.exclude))
        fields[name] = (Annotated[annotation, *info.metadata], field)
    return fields


if TYPE_CHECKING:
    class SchoolOwnFacts(FactModel):
        """What the type checker sees of the model built below from the organisation's declarations (it cannot
        read a model built at run time); tests/facts/test_roles.py holds it to the built model's fields."""

        name: str
        address: str | None
        website: HttpUrl | None
        phases: list[Phase]
        ages: str | None
        nation: Nation
        contact: Contact | None
        complaints: Complaints | None
        recipients: dict[str, Recipient]
        brand: Brand | None
else:
    SchoolOwnFacts = create_model(
        "SchoolOwnFacts", __base__=FactModel, __module__=__name__,
        __doc__="What a school states of its own of the organisation's facts.", **_school_fields())


class School(SchoolOwnFacts):
    """A school of the trust: its own details and how its notices differ."""

    urn: Annotated[Annotated[str, StringConstraints(pattern=r"^[0-9]{6,7}$")] | None, Role(
        "URN", section="who-we-are")] = Field(
        None, description="The school's unique reference number (URN), six digits."
    )
    local_authority: Annotated[str | None, Role("local authority", section="who-we-are")] = Field(
        None, description="The local authority the school is in.")
    notices: Annotated[dict[Slug, NoticeOverride], Role("its versions of the notices", item="notice")] = Field(
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
