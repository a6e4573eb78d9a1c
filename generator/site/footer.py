"""The footer of every page, from the facts: whose page it is, its address and contact, the data protection officer,
and when the notices were reviewed. A fact the facts do not give leaves its line out."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from generator.facts.cascade import ResolvedNotice
from generator.facts.link_targets import link_target
from generator.facts.models import Contact, DataProtectionOfficer
from generator.law.dated import longdate


@dataclass(frozen=True)
class FooterLine:
    """One line: what it is, and its text (a link when ``href`` is given, built by code from an email or a URL)."""

    label: str
    text: str
    href: str | None = None


def _mailto(email: str) -> str | None:
    return link_target(f"mailto:{email}")


def _contact_lines(contact: Contact | None) -> list[FooterLine]:
    if contact is None:
        return []
    lines = [FooterLine("Telephone", contact.phone)] if contact.phone else []
    if contact.email:
        lines.append(FooterLine("Email", contact.email, _mailto(contact.email)))
    if contact.url:
        lines.append(FooterLine("Web", str(contact.url), link_target(str(contact.url))))
    return lines


def _review_line(notices: list[ResolvedNotice]) -> FooterLine | None:
    """'1 September 2026 to 1 November 2026; next review due by 1 September 2027', from the notices' dates."""
    reviewed = sorted({notice.notice.last_reviewed for notice in notices if notice.notice.last_reviewed})
    due = sorted({notice.notice.next_review for notice in notices if notice.notice.next_review})
    if not reviewed and not due:
        return None
    if not reviewed:
        return FooterLine("Next review of the notices due by", longdate(due[0]))
    text = longdate(reviewed[0]) + (f" to {longdate(reviewed[-1])}" if len(reviewed) > 1 else "")
    return FooterLine("Notices last reviewed", text + (f"; next review due by {longdate(due[0])}" if due else ""))


def organisation_address(notices: list[ResolvedNotice]) -> str | None:
    """The postal address of the pages that are no one school's (the home page, the hubs, hand-written pages), on
    screen and in print: the organisation's; for a trust that gives none, its school's, or each school's by name."""
    if notices[0].organisation.address:
        return notices[0].organisation.address
    schools = {notice.variant.name: notice.variant.address for notice in notices if notice.variant.address}
    if len(schools) == 1:
        return next(iter(schools.values()))
    return "; ".join(f"{name}: {address}" for name, address in schools.items()) or None


def footer_lines(name: str, address: str | None, contact: Contact | None, dpo: DataProtectionOfficer | None,
                 notices: list[ResolvedNotice]) -> list[dict]:
    """The footer's lines, as the theme reads them (plain data: a page's front matter carries them too)."""
    lines = [FooterLine("", name)]
    if address:
        lines.append(FooterLine("Address", address))
    lines += _contact_lines(contact)
    if dpo is not None:
        lines.append(FooterLine("Data protection officer", dpo.email, _mailto(dpo.email)))
    review = _review_line(notices)
    if review is not None:
        lines.append(review)
    return [asdict(line) for line in lines]
