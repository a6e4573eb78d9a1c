"""What the hub pages gather from every notice of every school, grouped the way a reader looks for it.

A trust publishes the same notice at many schools; where their copies say the same thing, the hubs
show it once, with a link to each school's copy, rather than once per school.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.facts.cascade import ResolvedNotice, ResolvedRecipient
from generator.facts.models import Category
from generator.law.rights import DerivedRight


@dataclass
class NoticeGroup:
    """One notice as one or more schools publish it: its title and each school's copy."""

    title: str
    notices: list[ResolvedNotice] = field(default_factory=list)


def by_title(notices: list[ResolvedNotice]) -> list[NoticeGroup]:
    """Notices grouped by title, in first-seen order."""
    groups: dict[str, NoticeGroup] = {}
    for notice in notices:
        groups.setdefault(notice.notice.title, NoticeGroup(notice.notice.title)).notices.append(notice)
    return list(groups.values())


@dataclass
class Holding:
    """One kind of information, and every notice under which it is held."""

    category: Category
    examples: list[str] = field(default_factory=list)
    notices: list[ResolvedNotice] = field(default_factory=list)

    @property
    def groups(self) -> list[NoticeGroup]:
        return by_title(self.notices)


@dataclass
class SharedUnder:
    """One reason and law for sharing with a recipient (or the service of it a notice names), and the notices
    (schools) that give them."""

    reason: str | None
    gateway: list[str]
    service: str | None = None
    notices: list[ResolvedNotice] = field(default_factory=list)

    @property
    def groups(self) -> list[NoticeGroup]:
        return by_title(self.notices)


@dataclass
class Sharing:
    """One recipient, and every notice that shares with it, with its reason and law there."""

    recipient: ResolvedRecipient
    uses: list[SharedUnder] = field(default_factory=list)


def holdings(notices: list[ResolvedNotice]) -> list[Holding]:
    """Categories by name (case ignored), alphabetically; examples merged in first-seen order."""
    found: dict[str, Holding] = {}
    for notice in notices:
        for category in notice.notice.categories:
            holding = found.setdefault(category.name.casefold(), Holding(category))
            holding.examples += [example for example in category.examples if example not in holding.examples]
            holding.notices.append(notice)
    return [found[name] for name in sorted(found)]


def sharing(notices: list[ResolvedNotice]) -> list[Sharing]:
    """Recipients by name, alphabetically: one school's local authority is not another's."""
    found: dict[str, Sharing] = {}
    for notice in notices:
        for recipient in notice.recipients or []:
            entry = found.setdefault(recipient.name.casefold(), Sharing(recipient))
            said = (recipient.reason, recipient.gateway, recipient.service)
            use = next((use for use in entry.uses if (use.reason, use.gateway, use.service) == said), None)
            if use is None:
                use = SharedUnder(*said)
                entry.uses.append(use)
            use.notices.append(notice)
    return [found[name] for name in sorted(found)]


@dataclass
class RightsGroup:
    """The rights one notice gives, and every school's copy that gives exactly these."""

    title: str
    rights: list[DerivedRight]
    notices: list[ResolvedNotice] = field(default_factory=list)


def rights_groups(notices: list[ResolvedNotice]) -> list[RightsGroup]:
    """Each notice's rights once per distinct set: a school that changes the bases (or what they cover) gets its
    own entry."""
    found: dict[tuple, RightsGroup] = {}
    for notice in notices:
        key = (notice.notice.title, tuple(right.model_dump_json() for right in notice.rights))
        found.setdefault(key, RightsGroup(notice.notice.title, notice.rights)).notices.append(notice)
    return list(found.values())


def not_shared(notices: list[ResolvedNotice]) -> list[ResolvedNotice]:
    """Notices that say their information goes to nobody outside the organisation."""
    return [notice for notice in notices if notice.recipients == []]
