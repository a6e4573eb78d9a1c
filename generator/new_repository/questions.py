"""What `notices init` asks of a school, and each answer checked in words a school office understands.

A school is a kind of organisation (maintained, academy, independent, early years), with phases and
pupils of an age range, on its own or one of a trust's schools. From that profile come the notices
that fit it (``generator.library.suited``) and the facts only the school can give, each asked once.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, get_args

from pydantic import EmailStr, TypeAdapter, ValidationError

from generator.facts.models import ID_MAX_LENGTH, SLUG_PATTERN, OrganisationKind, Phase, age_range, age_range_text
from generator.library import LibraryNotice, library, offered, suited, variants
from generator.library.profile import Profile
from generator.new_fact_file import school_id_from_name
from generator.notices_error import NoticesError
from generator.school_kinds import SCHOOL_KINDS

TRUST_KIND = "academy-trust"
KINDS = [*SCHOOL_KINDS, *(kind for kind in get_args(OrganisationKind) if kind not in SCHOOL_KINDS)]
PHASES: list[str] = list(get_args(Phase))
# Each phase's usual pupils' ages, youngest up to (not including) oldest: a range of ages gives its phases,
# and phases give a range of ages.
PHASE_AGES = {"nursery": (3, 4), "primary": (4, 11), "secondary": (11, 16), "sixth-form": (16, 18)}
# What a kind most often is, offered first when init asks.
DEFAULT_PHASES = {"maintained-school": ["primary"], "academy": ["secondary"], "independent-school": ["primary"],
                  "early-years-provider": ["nursery"]}
# An early-years provider's children are from birth, younger than a school nursery's.
DEFAULT_AGES = {"early-years-provider": "0-4"}


@dataclass(frozen=True)
class Answers:
    """What `notices init` was told: the organisation's kind, whether it is a trust, its schools' phases and
    pupils' ages (empty and None when not told: then every notice of the kind fits), the school's name and
    short id, its data protection officer and its local authority (None when not told: a placeholder, or an
    id made from the name)."""

    kind: str
    trust: bool = False
    phases: list[str] = field(default_factory=list)
    ages: str | None = None
    name: str | None = None
    short_id: str | None = None
    dpo_name: str | None = None
    dpo_email: str | None = None
    local_authority: str | None = None
    retention_policy: str | None = None

    @property
    def described(self) -> str:
        """E.g. "St Anne's CE Primary, a maintained school teaching primary (pupils aged 4-11)"."""
        words = self.kind.replace("-", " ")
        return (f"{self.name}, " if self.name and not self.trust else "") + ("an " if words[0] in "aeiou" else "a ") \
            + words + (f" teaching {' and '.join(self.phases)}" if self.phases else "") \
            + (f" (pupils aged {self.ages})" if self.ages else "")

    @property
    def school_id(self) -> str | None:
        """The school's short id: as given, or made from its name."""
        return self.short_id or (school_id_from_name(self.name) if self.name else None)

    @property
    def profile(self) -> Profile:
        return Profile(self.kind, self.phases, age_range(self.ages) if self.ages else None)

    def suited_notices(self) -> list[str]:
        """The library's notices for this school, one per topic, but those offered: what init adopts unless told
        otherwise."""
        extra = set(self.offered_notices())
        return [notice.id for notice in suited(self.profile) if notice.id not in extra]

    def offered_notices(self) -> list[str]:
        """The library's notices for this school that it adopts only if it does the thing (biometrics, say)."""
        return [notice.id for notice in offered(self.profile)]


def parse_kind(text: str, trust: bool) -> str:
    """The organisation's kind: the school's kind, or a trust's (``academy-trust``) when it has schools."""
    kind = text.strip().lower().replace(" ", "-")
    if kind not in KINDS:
        close = difflib.get_close_matches(kind, KINDS, n=1)
        raise NoticesError(f"'{text}' is not a kind of school notices init knows"
                           + (f" (did you mean {close[0]}?)" if close else "") + ". Write one of:\n"
                           + kinds_help() + "\ne.g. --kind maintained-school")
    if trust and kind not in ("academy", TRUST_KIND):
        raise NoticesError(f"a trust's schools are academies, and this is {kind}: leave out --trust for a school on "
                           "its own (its organisation file is the school), or write --kind academy --trust for a trust")
    return TRUST_KIND if trust else kind


def kinds_help() -> str:
    return "\n".join(f"  {kind}: {words}" for kind, words in SCHOOL_KINDS.items()) + (
        f"\n  or another kind of organisation: {', '.join(KINDS[len(SCHOOL_KINDS):])}")


def parse_phases(text: str) -> list[str]:
    """'nursery, primary' -> ['nursery', 'primary'], in the order of the phases."""
    given = [part.strip().lower().replace(" ", "-") for part in text.replace(";", ",").split(",") if part.strip()]
    unknown = [phase for phase in given if phase not in PHASES]
    if unknown or not given:
        raise NoticesError(f"'{text}' is not a list of phases: write any of {', '.join(PHASES)}, separated by commas, "
                           "e.g. --phases primary, or --phases nursery,primary for a primary with a nursery class")
    return [phase for phase in PHASES if phase in given]


def parse_ages(text: str) -> str:
    """'4 to 11' -> '4-11', or an error that says how to write a range of ages."""
    try:
        return age_range_text(text)
    except ValueError:
        raise NoticesError(f"'{text}' is not a range of ages: write the youngest and the oldest pupils' ages, youngest "
                           "first, e.g. --ages 4-11 for a primary school, --ages 3-11 for a primary with a nursery "
                           "class or --ages 11-18 for a secondary with a sixth form") from None


def parse_email(text: str, whose: str) -> str:
    try:
        return str(TypeAdapter(EmailStr).validate_python(text.strip()))
    except ValidationError:
        raise NoticesError(f"'{text}' is not an email address: write {whose}, e.g. dpo@example.org.uk") from None


def parse_short_id(text: str) -> str:
    short_id = text.strip()
    if not re.fullmatch(SLUG_PATTERN, short_id) or len(short_id) > ID_MAX_LENGTH:
        raise NoticesError(f"'{text}' cannot be a short id: write lower-case letters, digits and single hyphens, "
                           "e.g. --short-id st-annes")
    return short_id


def phases_of(ages: str) -> list[str]:
    """The phases whose usual ages the pupils' ages reach: '3-11' -> nursery and primary."""
    youngest, oldest = age_range(ages)
    oldest = max(oldest, youngest + 1)
    return [phase for phase, (start, end) in PHASE_AGES.items() if youngest < end and oldest > start]


def ages_of(phases: list[str]) -> str | None:
    """The usual pupils' ages of these phases together: nursery and primary -> '3-11'."""
    spans = [PHASE_AGES[phase] for phase in phases]
    return f"{min(start for start, _ in spans)}-{max(end for _, end in spans)}" if spans else None


def check_notices(notice_ids: list[str], school: Answers) -> list[str]:
    """The notices asked for, refused when the library has none of the name or one does not fit the school."""
    choices = library()
    unknown = [notice_id for notice_id in notice_ids if notice_id not in choices]
    if unknown:
        raise NoticesError(f"no notice {', '.join(unknown)} in the library; choose from {', '.join(choices)}")
    misfits = [choices[notice_id] for notice_id in notice_ids if not choices[notice_id].fits(school.profile)]
    if misfits:
        raise NoticesError("not for this school: " + "; ".join(_misfit(notice, school) for notice in misfits)
                           + f". The notices for it are: {', '.join(school.suited_notices() + school.offered_notices())}")
    return notice_ids


def _misfit(notice: LibraryNotice, school: Answers) -> str:
    assert notice.applies_to is not None  # a notice with no applies_to fits everyone
    why = notice.applies_to.misfits(school.kind, school.phases, school.profile.ages)
    instead = [variant.id for variant in variants(notice.topic) if variant.fits(school.profile)]
    return f"{notice.id} is for {why}" + (f" (write {instead[0]} instead)" if instead else "")


class Ask(Protocol):
    """Asks a question at the terminal: the answer read by ``parse``, which refuses a bad one (asked again)."""

    def __call__(self, question: str, default: str | None, parse: Callable[[str], Any]) -> Any: ...


def gather(ask: Ask | None, trust: bool | None = None, kind: str | None = None, phases: str | None = None,
           ages: str | None = None, name: str | None = None, short_id: str | None = None,
           dpo_name: str | None = None, dpo_email: str | None = None, local_authority: str | None = None,
           retention_policy: str | None = None) -> Answers:
    """The answers given as options, and what ``ask`` asks of the rest (None: nothing is asked, as in a script,
    and what is not given is left for the school to fill in, or refused where nothing sensible stands for it)."""
    def answer(given: str | None, question: str, default: str | None, parse: Callable[[str], Any]) -> Any:
        if given is not None:
            return parse(given)
        return ask(question, default, parse) if ask is not None else None

    def optional(parse: Callable[[str], Any]) -> Callable[[str], Any]:
        return lambda text: parse(text) if text.strip() else None

    if trust is None:
        trust = bool(ask("Is this a trust with several schools (yes or no)?", "no", yes_no)) if ask else False
    chosen = TRUST_KIND if trust and kind is None else answer(
        kind, "What kind of school is it?\n" + kinds_help() + "\nKind", "maintained-school",
        lambda text: parse_kind(text, trust))
    if chosen is None:
        raise NoticesError("say what kind of school this is with --kind, one of:\n" + kinds_help()
                           + "\ne.g. notices init our-notices --kind maintained-school --phases primary")
    school_kind = "academy" if trust else chosen
    school_name = answer(name, "The school's name, as parents know it (leave empty to fill in later)", "",
                         optional(str.strip))
    school_id = answer(short_id, "Its short id, for web addresses", school_id_from_name(school_name)
                       if school_name else None, parse_short_id) if school_name or short_id else None
    given_phases = answer(phases, f"Its phases ({', '.join(PHASES)})", ", ".join(DEFAULT_PHASES.get(school_kind, [])),
                          optional(parse_phases))
    given_ages = answer(ages, "Its pupils' ages, youngest to oldest", ages_of(given_phases or [])
                        or DEFAULT_AGES.get(school_kind), optional(parse_ages))
    if given_phases is None and given_ages is None and ask is None and school_kind in DEFAULT_AGES:
        given_ages = DEFAULT_AGES[school_kind]
    if given_ages and not given_phases:
        given_phases = phases_of(given_ages)
    elif given_phases and not given_ages:
        given_ages = ages_of(given_phases)
    elif given_phases and given_ages and not set(phases_of(given_ages)) & set(given_phases):
        raise NoticesError(f"pupils aged {given_ages} are not in {' or '.join(given_phases)}: correct --ages or "
                           f"--phases (pupils aged {given_ages} are in {' and '.join(phases_of(given_ages))})")
    officer_email = answer(dpo_email, "Your data protection officer's email address (leave empty to fill in later)",
                           "", optional(lambda text: parse_email(text, "the data protection officer's email address")))
    if dpo_name and not officer_email:
        raise NoticesError("--dpo-name needs the officer's email address too: add --dpo-email, e.g. "
                           "--dpo-email dpo@example.org.uk")
    officer_name = answer(dpo_name, "Their name, or their service's", "", optional(str.strip)) if officer_email \
        else None
    authority = answer(local_authority, "Your local authority, e.g. Bristol City Council (leave empty to fill in "
                       "later)", "", optional(str.strip))
    policy = answer(retention_policy, "The policy that sets how long you keep records, e.g. our records retention "
                    "policy (leave empty to fill in later)", "", optional(str.strip))
    return Answers(chosen, trust, given_phases or [], given_ages, school_name, school_id, officer_name, officer_email,
                   authority, policy)


def yes_no(text: str) -> bool:
    if text.strip().lower() in ("y", "yes"):
        return True
    if text.strip().lower() in ("n", "no"):
        return False
    raise NoticesError("answer yes or no")
