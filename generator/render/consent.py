"""What a notice asks people to consent to: each purpose its consent bases cover is one choice on its consent form."""

from __future__ import annotations

from generator.facts.cascade import ResolvedNotice
from generator.facts.models import Category, Purpose
from generator.law.instruments import resolve

CONSENT = "6(1)(a)"
EXPLICIT_CONSENT = "9(2)(a)"
# Sections 26 and 27 of the Protection of Freedoms Act 2012: a child's biometric information at school.
BIOMETRICS_LAW = "protection-of-freedoms-act-2012-ss26-28"


def consent_purposes(notice: ResolvedNotice) -> list[Purpose]:
    """The purposes an Article 6(1)(a) basis of the notice covers, in the notice's order: one choice each."""
    covered = {purpose for basis in notice.bases if basis.article == CONSENT for purpose in basis.purposes}
    return [purpose for purpose in notice.notice.purposes if purpose.id in covered]


def explicit_consent_categories(notice: ResolvedNotice) -> list[Category]:
    """The special categories an Article 9(2)(a) condition covers: the form asks for explicit consent to them."""
    covered = {category for basis in notice.bases if basis.article == EXPLICIT_CONSENT for category in basis.categories}
    return [category for category in notice.notice.categories if category.id in covered]


def asks_consent(notice: ResolvedNotice) -> bool:
    """Whether the notice has a consent form: it bases some purpose on consent."""
    return notice.audience == "everyone" and bool(consent_purposes(notice))


def childrens_biometrics(notice: ResolvedNotice) -> bool:
    """Whether the notice relies on the law on children's biometric information, whose rules the form must state."""
    for basis in notice.notice.lawful_bases:
        for cited in basis.relied_on:
            instrument = resolve(cited)
            if instrument is not None and instrument.id == BIOMETRICS_LAW:
                return True
    return False
