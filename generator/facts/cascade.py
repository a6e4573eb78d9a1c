"""The cascade: organisation -> school -> notice, into one ResolvedNotice per (school, notice).

Merge rules for a school's ``notices: <id>:`` block (docs/trusts.md explains them with examples):
- ``replace:`` a field replaces the trust's value whole;
- ``add:`` items are appended to the trust's list; an item whose id (or article, for lawful bases)
  is already inherited replaces that item in place;
- ``remove:`` drops inherited items by id; naming an id the notice does not have is an error;
- ``publish: false`` leaves the notice out for that school.
A recipient id resolves in the school's ``recipients`` first, then the organisation's.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, PrivateAttr, field_serializer

from generator.facts.children import ChildrensVersion, overlaps
from generator.facts.errors import FactError, FactErrors, Location
from generator.facts.load import FactTree
from generator.facts.logo import logo_file
from generator.facts.models import (
    Complaints,
    Contact,
    DataProtectionOfficer,
    Notice,
    NoticeOverride,
    Organisation,
    Recipient,
    School,
    SupervisoryAuthority,
    age_range,
)
from generator.facts.roles import overridable, roles, stated_by_schools
from generator.law.catalogue import catalogue
from generator.law.instruments import instruments, looks_like_ids, nearest_ids, parts_of
from generator.law.rights import DerivedRight, derive_rights

# The organisation's facts a school may state instead (Role.for_school), that a notice states: each resolved
# from the notice's own (if Notice has the field), then the school's, then the organisation's.
CASCADED = [name for name, declared in stated_by_schools(Organisation, "instead").items() if declared.in_notice]

# How the items of each list of a notice are told apart (by id, article, ...), read off Notice's fields.
_ITEM_KEYS: dict[str, Callable[[Any], str]] = {
    name: declared.item_key for name, declared in roles(Notice).items() if declared.key
}


class Variant(BaseModel):
    """Who publishes this version of the notice: a school of the trust, or the organisation itself."""

    id: str
    name: str
    standalone: bool
    urn: str | None = None
    address: str | None = None
    website: str | None = None
    local_authority: str | None = None
    # Not published: what the checker judges fit by, and where it points; the logo printed beside the name.
    _described_by: School | Organisation | None = PrivateAttr(default=None)
    _logo: Path | None = PrivateAttr(default=None)

    @property
    def location(self) -> Location | None:
        """The file that describes this school (the organisation file for a standalone school)."""
        return self._described_by.location if self._described_by else None

    @property
    def profile(self) -> School | Organisation | None:
        """The facts that describe this school: its phases, the ages of its pupils, its nation."""
        return self._described_by

    @property
    def ages(self) -> tuple[int, int] | None:
        """The youngest and the oldest pupils' ages, when the facts give them."""
        return age_range(self._described_by.ages) if self._described_by and self._described_by.ages else None

    @property
    def logo(self) -> Path | None:
        """The school's logo file (its own brand's, else the organisation's), if the facts give one."""
        return self._logo

    def described_by(self, facts: School | Organisation, logo: Path | None = None) -> Variant:
        self._described_by, self._logo = facts, logo
        return self


class ResolvedRecipient(BaseModel):
    id: str
    name: str
    kind: str | None = None
    url: str | None = None
    description: str | None = None
    service: str | None = None  # the part of the recipient this notice's data goes to
    reason: str | None = None
    gateway: list[str] = []
    defined_by: str  # "school" or "organisation"

    @property
    def full_name(self) -> str:
        """The name a notice gives it: with the service this notice's data goes to, if it names one."""
        return f"{self.name} ({self.service})" if self.service else self.name


class ResolvedBasis(BaseModel):
    article: str
    name: str
    plain: str
    special_category: bool
    criminal_offence: bool = False
    relied_on: list[str] = []
    purposes: list[str] = []
    categories: list[str] = []
    schedule_1: str | None = None
    schedule_1_needed: str = "none"  # "none", "part-1" or "part-2"
    legitimate_interests: str | None = None
    dpv: str | None = None


class Shortfall(BaseModel):
    """A checker error that a notice was published with anyway (`--publish-incomplete`)."""

    rule: str = Field(description="The rule's id, e.g. `A14.2.f`.")
    missing: str = Field(description="What the notice does not yet say, in words, e.g. `where the data comes from`.")


class ResolvedNotice(BaseModel):
    """Everything one published notice says, with every reference resolved."""

    id: str
    variant: Variant
    organisation: Organisation
    contact: Contact | None
    complaints: Complaints | None
    dpo: DataProtectionOfficer | None
    supervisory_authority: SupervisoryAuthority
    notice: Notice
    recipients: list[ResolvedRecipient] | None  # None: not stated; []: stated as none
    bases: list[ResolvedBasis]
    rights: list[DerivedRight]
    # A school's version: the trust's notice it changes, and how; for the checker, not published.
    inherited: Notice | None = Field(None, exclude=True)
    override: NoticeOverride | None = Field(None, exclude=True)
    incomplete: list[Shortfall] = Field(default_factory=list, description=(
        "Empty for a complete notice. A notice published with checker errors (`--publish-incomplete`) lists "
        "what it does not yet say, and every format shows it in a banner under the title."))
    # The notice's versions for children that this school publishes (those for its pupils' ages): written out
    # as `children`.
    childrens_versions: tuple[ChildrensVersion, ...] = Field((), exclude=True)
    children: ChildrensVersion | None = Field(None, description=(
        "The wording of the notice's version for children; a list of them, youngest ages first, when the school "
        "publishes several, one for each age band."))  # in code: the version this document is, if it is one
    audience: Literal["everyone", "children"] = "everyone"  # whether this document is the notice or a version of it

    @field_serializer("children")
    def _childrens_wording(self, children: ChildrensVersion | None) -> ChildrensVersion | list[ChildrensVersion] | None:
        """A children's document's own version; the notice's, each version it publishes (one, or a list)."""
        versions = list(self.childrens_versions) if self.audience == "everyone" else [children] if children else []
        return versions if len(versions) > 1 else versions[0] if versions else None

    @property
    def key(self) -> str:
        """``school/notice``: the notice's place in every output tree."""
        return f"{self.variant.id}/{self.id}"

    @property
    def document_id(self) -> str:
        """The name of this document's files and page: the notice id, or ``<id>.children`` for its
        children's version, ``<id>.children-7-11`` for one in an age band (no id holds a dot, so no notice
        can take that name)."""
        return f"{self.id}.{self.children.document_suffix}" if self.children is not None else self.id

    def for_children(self, version: ChildrensVersion) -> ResolvedNotice:
        """The same notice as one of its versions for children: the same facts, in that version's wording."""
        return self.model_copy(update={"audience": "children", "children": version})

    def versions(self) -> list[ResolvedNotice]:
        """What is published of this notice: the notice, then each of its versions for children."""
        return [self, *(self.for_children(version) for version in self.childrens_versions)]


def _merge_items(base: list, extra: list, key: Callable[[Any], str]) -> list:
    merged = {key(item): item for item in base}
    for item in extra:
        merged[key(item)] = item
    return list(merged.values())


def apply_override(notice: Notice, override: NoticeOverride, errors: list[FactError]) -> Notice:
    """A school's version of a notice, following the merge rules in this module's docstring."""
    values = {name: getattr(notice, name) for name in Notice.model_fields}
    locations = dict(notice._field_locations)
    for name in override.replace.model_fields_set:
        values[name] = getattr(override.replace, name)
        locations[name] = override.replace.written_at(name)
    for name in override.add.model_fields_set:
        inherited = values[name] if isinstance(values[name], list) else []
        values[name] = _merge_items(inherited, getattr(override.add, name), _ITEM_KEYS[name])
    for name in override.remove.model_fields_set:
        inherited = values[name] if isinstance(values[name], list) else []
        present = {_ITEM_KEYS[name](item) for item in inherited}
        for index, item_id in enumerate(getattr(override.remove, name)):
            if item_id not in present:
                errors.append(FactError(
                    override.remove.written_at(name),
                    f"removes '{item_id}' from {name}, but the notice has no such item.",
                    _suggest(item_id, present), f"remove.{name}[{index + 1}]", "unknown-id",
                ))
        dropped = set(getattr(override.remove, name))
        values[name] = [item for item in inherited if _ITEM_KEYS[name](item) not in dropped]
    values["changes"] = sorted(values["changes"], key=lambda change: change.date, reverse=True)
    merged = Notice.model_construct(_fields_set=set(values), **values)
    merged._location = notice.location
    merged._field_locations = locations
    return merged


def _suggest(wanted: str, known) -> str:
    close = difflib.get_close_matches(wanted, sorted(known), n=3, cutoff=0.4)
    if close:
        return "Did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    if known:
        return "Known ids: " + ", ".join(sorted(known)) + "."
    return "None are defined yet: add it under 'recipients:' in the school or organisation file."


def _check_unique_ids(notice: Notice, errors: list[FactError]) -> None:
    for name in overridable(Notice, "remove"):  # a school removes items by id: each id must name one item
        items = getattr(notice, name)
        if not isinstance(items, list):
            continue
        seen: dict[str, list[set[str] | None]] = {}
        for index, item in enumerate(items):
            item_key = _ITEM_KEYS[name](item)
            # The library's variants of one item for different kinds of organisation share its id: a school
            # publishes only one of them (generator/library/scope.py), so only items two kinds share repeat.
            kinds = set(item.applies_to.kinds) if item.applies_to and item.applies_to.kinds else None
            if any(other is None or kinds is None or other & kinds for other in seen.get(item_key, [])):
                errors.append(FactError(
                    item.location or notice.written_at(), f"repeats '{item_key}', already used in {name}.",
                    "Give each item its own id, or merge the two.", f"{name}[{index + 1}]", "duplicate-id",
                ))
            seen.setdefault(item_key, []).append(kinds)


def _cited(text: str, location: Location | None, field_path: str, errors: list[FactError]) -> str:
    """The law a fact cites, as a notice prints it: an instrument's id (or ids joined by "and") becomes its
    citation; words are kept as written (the L.cite-by-id lint asks for the id)."""
    if not looks_like_ids(text):
        return text
    catalogue_ids = instruments()
    unknown = [part for part in parts_of(text) if part not in catalogue_ids]
    for part in unknown:
        close = nearest_ids(part)
        if location is None:  # only a model made in code has no place, and code cites what the catalogue holds
            raise TypeError(f"cites '{part}', which is not in the catalogue")
        errors.append(FactError(
            location, f"cites '{part}', which is not an instrument of the catalogue of the law we cite.",
            ("Did you mean " + " or ".join(f"'{c}'" for c in close) + "?" if close else
             "Write the law's name in words, or see the manual's page 'The law we cite' for the ids."),
            field_path, "unknown-id",
        ))
    if unknown:
        return text
    return " and ".join(catalogue_ids[part].citation for part in parts_of(text))


def _cited_list(model: Any, owner: str, name: str, errors: list[FactError]) -> list[str]:
    return [_cited(text, model.field_location(f"{name}[{index}]"), f"{owner}.{name}[{index}]", errors)
            for index, text in enumerate(getattr(model, name), 1)]


def _resolve_bases(notice: Notice, errors: list[FactError]) -> list[ResolvedBasis]:
    purpose_ids = [purpose.id for purpose in notice.purposes]
    special_ids = [category.id for category in notice.categories if category.special]
    criminal_ids = [category.id for category in notice.categories if category.criminal_offence]
    category_ids = {category.id for category in notice.categories}
    resolved = []
    for basis in notice.lawful_bases:
        entry = catalogue().bases[basis.article]
        for wanted, known, field, noun in ((basis.purposes, set(purpose_ids), "purposes", "purpose"),
                                           (basis.categories, category_ids, "categories", "category")):
            for item_id in wanted or []:
                if item_id not in known:
                    errors.append(FactError(
                        basis.field_location(field) or notice.written_at(),
                        f"names the {noun} '{item_id}', which this notice does not have.",
                        _suggest(item_id, known), f"lawful_bases.{field}", "unknown-id",
                    ))
        covered_purposes: list[str]
        if entry.is_special_category:
            covered_purposes, covered_categories = [], basis.categories or special_ids
        elif entry.is_criminal_offence:
            covered_purposes, covered_categories = [], basis.categories or criminal_ids
        else:
            covered_purposes, covered_categories = basis.purposes or purpose_ids, []
        resolved.append(ResolvedBasis(
            article=entry.article, name=entry.name, plain=entry.plain, special_category=entry.is_special_category,
            criminal_offence=entry.is_criminal_offence, relied_on=_cited_list(basis, "lawful_bases", "relied_on", errors),
            purposes=covered_purposes, categories=covered_categories,
            schedule_1=basis.schedule_1 and _cited(basis.schedule_1, basis.field_location("schedule_1"),
                                                   "lawful_bases.schedule_1", errors),
            schedule_1_needed=entry.schedule_1,
            legitimate_interests=basis.legitimate_interests, dpv=entry.dpv or None,
        ))
    return resolved


def _resolve_recipients(
    notice: Notice, school: School | None, organisation: Organisation, errors: list[FactError]
) -> list[ResolvedRecipient] | None:
    if notice.recipients is None:
        return None
    if notice.recipients == "none":
        return []
    catalogues: list[tuple[str, dict[str, Recipient]]] = []
    if school is not None:
        catalogues.append(("school", school.recipients))
    catalogues.append(("organisation", organisation.recipients))
    resolved = []
    for index, wanted in enumerate(notice.recipients):
        found = next(((owner, c[wanted.id]) for owner, c in catalogues if wanted.id in c), None)
        if found is None:
            known = {rid for _, c in catalogues for rid in c}
            errors.append(FactError(
                wanted.field_location("id") or notice.written_at(),
                f"names the recipient '{wanted.id}', which neither the school nor the organisation defines.",
                _suggest(wanted.id, known), f"recipients[{index + 1}].id", "unknown-recipient",
            ))
            continue
        owner, recipient = found
        resolved.append(ResolvedRecipient(
            id=wanted.id, name=recipient.name, kind=recipient.kind,
            url=str(recipient.url) if recipient.url else None, description=wanted.description or recipient.description,
            service=wanted.service, reason=wanted.reason, gateway=_cited_list(wanted, "recipients", "gateway", errors),
            defined_by=owner,
        ))
    return resolved


def _derive_rights(notice: Notice, bases: list[ResolvedBasis]) -> list[DerivedRight]:
    return derive_rights(
        bases, [purpose.id for purpose in notice.purposes],
        automated_decisions=isinstance(notice.automated_decisions, list) and bool(notice.automated_decisions),
        direct_marketing=notice.direct_marketing,
        as_at=notice.last_reviewed,  # a notice is written in the law of its review date
    )


def _cascaded(notice: Notice, school: School | None, organisation: Organisation) -> dict[str, Any]:
    """Each of CASCADED: the first of the notice, the school and the organisation that states it."""
    return {name: next((getattr(layer, name) for layer in (notice, school, organisation)
                        if getattr(layer, name, None) is not None), None) for name in CASCADED}


def _kept_under(policy: str | None, notice: Notice) -> Notice:
    """The notice whose retention rules that name no basis of their own name the organisation's retention policy."""
    if not policy or all(rule.basis for rule in notice.retention):
        return notice
    return notice.model_copy(update={"retention": [
        rule if rule.basis else rule.model_copy(update={"basis": policy}) for rule in notice.retention]})


def _variants(tree: FactTree) -> list[tuple[Variant, School | None]]:
    if not tree.schools:
        org = tree.organisation
        name = org.name or "Our organisation"
        variant_id = org.id or re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "main"
        return [(Variant(id=variant_id, name=name, standalone=True,
                         address=org.address, website=str(org.website) if org.website else None
                         ).described_by(org, logo_file(tree.root, org.brand)), None)]
    return [
        (Variant(id=school_id, name=school.name, standalone=False, urn=school.urn, address=school.address,
                 website=str(school.website) if school.website else None,
                 local_authority=school.local_authority
                 ).described_by(school, logo_file(tree.root, school.brand, tree.organisation.brand)), school)
        for school_id, school in sorted(tree.schools.items())
    ]


def _published_for(variant: Variant, versions: tuple[ChildrensVersion, ...]) -> tuple[ChildrensVersion, ...]:
    """The children's versions a school publishes: each in an age band that overlaps its pupils' ages (all when
    the facts give none); a version in no band is for all its pupils (L.children-ages judges its ages)."""
    pupils = variant.ages
    return tuple(version for version in versions
                 if pupils is None or not version.banded or overlaps(version.age_range, pupils))


def resolve(tree: FactTree) -> list[ResolvedNotice]:
    """One ResolvedNotice per (school, notice), sorted by school then notice. Raises FactErrors."""
    errors: list[FactError] = []
    school: School | None  # a school's own facts, then each variant's (a standalone organisation has none)
    override: NoticeOverride | None
    for school_id, school in tree.schools.items():
        for notice_id, override in school.notices.items():
            if notice_id not in tree.notices:
                errors.append(FactError(
                    override.location or school.field_location("notices") or Location(tree.files[f"school:{school_id}"]),
                    f"has changes for the notice '{notice_id}', but there is no {notice_id}.yaml.",
                    _suggest(notice_id, tree.notices), f"notices.{notice_id}", "unknown-notice",
                ))
    for notice in tree.notices.values():
        _check_unique_ids(notice, errors)
    resolved = []
    # Bases and rights depend only on the notice: schools that do not change a notice share them,
    # so that templates can render what the schools share once (render/templating.py: SharedParts).
    derived: dict[int, tuple[list[ResolvedBasis], list[DerivedRight]]] = {}
    policy = tree.organisation.retention_policy
    notices = {notice_id: _kept_under(policy, notice) for notice_id, notice in tree.notices.items()}
    for variant, school in _variants(tree):
        for notice_id, notice in sorted(notices.items()):
            override = school.notices.get(notice_id) if school else None
            inherited = notice
            if override is not None:
                if not override.publish:
                    continue
                notice = _kept_under(policy, apply_override(notice, override, errors))
                _check_unique_ids(notice, errors)
            if id(notice) not in derived:
                bases = _resolve_bases(notice, errors)
                derived[id(notice)] = (bases, _derive_rights(notice, bases))
            bases, rights = derived[id(notice)]
            organisation = tree.organisation
            # model_construct: every part is already validated, and the shared lists stay shared. Every
            # field is given: pydantic reads a default factory's signature each time it calls one (1 ms).
            resolved.append(ResolvedNotice.model_construct(
                id=notice_id, variant=variant, organisation=organisation, **_cascaded(notice, school, organisation),
                dpo=organisation.dpo,
                supervisory_authority=organisation.supervisory_authority, notice=notice,
                recipients=_resolve_recipients(notice, school, organisation, errors), bases=bases, rights=rights,
                inherited=inherited if override else None, override=override,
                childrens_versions=_published_for(variant, tree.children.get(notice_id, ())), children=None,
                audience="everyone", incomplete=[],
            ))
    if errors:
        raise FactErrors(sorted(set(errors), key=lambda e: (e.location, e.message)))
    return resolved
