"""What the home page's parents' questions are answered from: the notices about children, those that rest on consent,
the recipients, the main records. Each answer comes from the facts; where they say nothing, the answer is left out."""

from __future__ import annotations

from generator.facts.cascade import ResolvedNotice, ResolvedRecipient
from generator.facts.models import RetentionRule

ABOUT_CHILDREN = ("children", "children-and-adults")  # the `data_subjects_are` of a notice a parent reads for a child
CONSENT_RIGHT = "withdraw-consent"  # the right a basis of consent brings (generator/law/rights.py)
# The Department for Education's id in the library's catalogue of recipients (generator/library/recipients.yaml):
# parents ask whether it gets their child's information.
DFE = "dfe"


def about_children(notices: list[ResolvedNotice]) -> list[ResolvedNotice]:
    """The notices the facts say are about children (wholly or in part); all of them if none says so."""
    found = [notice for notice in notices if notice.notice.data_subjects_are in ABOUT_CHILDREN]
    return found or notices


def asking_consent(notices: list[ResolvedNotice]) -> list[ResolvedNotice]:
    """The notices that rest on consent, so that people may say no and change their mind."""
    return [notice for notice in notices if any(right.id == CONSENT_RIGHT for right in notice.rights)]


def the_dfe(notices: list[ResolvedNotice]) -> ResolvedRecipient | None:
    """The Department for Education as the notices name it, if any of them shares with it."""
    return next((recipient for notice in notices for recipient in notice.recipients or [] if recipient.id == DFE), None)


def sharing_with(notices: list[ResolvedNotice], recipient_id: str) -> list[ResolvedNotice]:
    return [notice for notice in notices if any(recipient.id == recipient_id for recipient in notice.recipients or [])]


def recipient_names(notices: list[ResolvedNotice], leaving_out: str | None = None) -> list[str]:
    """Every recipient's name once, in the notices' order."""
    names = [recipient.name for notice in notices for recipient in notice.recipients or [] if recipient.id != leaving_out]
    return list(dict.fromkeys(names))


def main_records(notices: list[ResolvedNotice]) -> list[tuple[ResolvedNotice, RetentionRule]]:
    """Each notice's first retention rule: the records it lists first, its main ones."""
    return [(notice, notice.notice.retention[0]) for notice in notices if notice.notice.retention]
