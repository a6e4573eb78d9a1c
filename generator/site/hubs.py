"""What the hub pages gather from every notice of every school, grouped the way a reader looks for it."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.facts.cascade import ResolvedNotice, ResolvedRecipient
from generator.facts.models import Category


@dataclass
class Holding:
    """One kind of information, and every notice under which it is held."""

    category: Category
    examples: list[str] = field(default_factory=list)
    notices: list[ResolvedNotice] = field(default_factory=list)


@dataclass
class Sharing:
    """One recipient, and every notice that shares with it, with its reason and law there."""

    recipient: ResolvedRecipient
    uses: list[tuple[ResolvedNotice, ResolvedRecipient]] = field(default_factory=list)


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
            found.setdefault(recipient.name.casefold(), Sharing(recipient)).uses.append((notice, recipient))
    return [found[name] for name in sorted(found)]


def not_shared(notices: list[ResolvedNotice]) -> list[ResolvedNotice]:
    """Notices that say their information goes to nobody outside the organisation."""
    return [notice for notice in notices if notice.recipients == []]
