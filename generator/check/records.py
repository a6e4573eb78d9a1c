"""The check of what the record of processing and the retention schedule need of the facts, beyond the notices:
each missing fact is a finding naming what to add (the documents flag the cell, never make words up).

These facts are optional for the notices (issue 32): an organisation starts its record by listing its
`security_measures`, and a notice its schedule's last column by giving one rule `at_the_end`; until then the
checker asks for none of them, so that a school adopting the library is not met with a warning per notice.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from generator.check.judge import Problem
from generator.facts.cascade import ResolvedNotice


def record_facts(n: ResolvedNotice, _today: datetime.date) -> Iterator[Problem]:
    """Article 30(1)(g)'s security measures, the systems that hold each notice's data and who runs them, and the
    contact details of joint controllers and of the controllers we process data for."""
    organisation = n.organisation
    started = bool(organisation.security_measures or n.notice.systems or n.notice.joint_controllers)
    if started and not organisation.security_measures:
        yield ("The record of processing has no security measures (UK GDPR Article 30(1)(g)): add "
               "`security_measures:` to the organisation file, one measure per item, e.g. `staff sign in with "
               "two-factor authentication`.", organisation.location)
    if started and not n.notice.systems:
        yield ("The record of processing cannot say which systems hold this notice's data: add `systems:` with "
               "each system's `name`, and `processor:` (a recipient id) for one a supplier runs for us.",
               n.notice.location)
    for joint in n.notice.joint_controllers:
        if joint.contact is None:
            yield (f"The record of processing cannot give the contact details of the joint controller '{joint.name}' "
                   "(UK GDPR Article 30(1)(a)): add its `contact:` with an email, phone, address or url.", joint.location)
    for entry in organisation.processing_for_others:
        if entry.contact is None:
            yield (f"The record of processing cannot give the contact details of '{entry.controller}', which we "
                   "process data for (UK GDPR Article 30(2)(a)): add its `contact:` with an email, phone, address or "
                   "url.", entry.location)
    known = {*organisation.recipients, *(n.variant.profile.recipients if n.variant.profile else {})}
    for index, system in enumerate(n.notice.systems, 1):
        if system.processor and system.processor not in known:
            yield (f"The system '{system.name}' is run by '{system.processor}', which is no recipient id of the "
                   "school or the organisation: add it under `recipients:` (a processor is a recipient), or correct "
                   "the id.", n.notice.field_location(f"systems[{index}]") or system.location)


def retention_end(n: ResolvedNotice, _today: datetime.date) -> Iterator[Problem]:
    """The retention schedule's last column: what happens to each kind of record when its period ends, once the
    organisation has started its record or the notice says it for one of its rules."""
    if not (n.organisation.security_measures or any(rule.at_the_end for rule in n.notice.retention)):
        return
    for rule in n.notice.retention:
        if not rule.at_the_end:
            yield (f"The retention schedule cannot say what happens to '{rule.records}' when the period ends: add "
                   "`at_the_end:` to the rule, e.g. `securely destroyed`.", rule.location)


RECORD_LINTS = {
    "L.record": record_facts,
    "L.retention-end": retention_end,
}
