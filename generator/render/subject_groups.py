"""The groups of people a school answers subject access requests from (pupils, parents, staff...), and which of
its notices are about each: a notice is about a group when one of its `data_subjects` names it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.facts.cascade import ResolvedNotice
from generator.render.formats import NoticesFor


@dataclass(frozen=True)
class SubjectGroup:
    id: str  # names the letter's file, e.g. subject-access-parents.pdf
    title: str  # the group in words, as the letter and its download link name it
    words: tuple[str, ...]  # the start of a word in a notice's `data_subjects` that names the group

    def named_in(self, data_subject: str) -> bool:
        return any(re.search(rf"\b{re.escape(word)}", data_subject, re.IGNORECASE) for word in self.words)


# Declared once: the manual's page on the subject access pack lists these words (docs/subject-access.md).
SUBJECT_GROUPS = (
    SubjectGroup("pupils", "pupils", ("pupil", "child", "student")),
    SubjectGroup("parents", "parents and carers", ("parent", "carer")),
    SubjectGroup("staff", "staff", ("staff", "employee", "teacher")),
    SubjectGroup("applicants", "job applicants", ("applicant", "candidate")),
    SubjectGroup("governors", "governors and trustees", ("governor", "trustee", "members of the trust")),
    SubjectGroup("volunteers", "volunteers", ("volunteer",)),
    SubjectGroup("visitors", "visitors", ("visitor", "contractor")),
)


def about_group(notice: ResolvedNotice, group: SubjectGroup) -> bool:
    return any(group.named_in(data_subject) for data_subject in notice.notice.data_subjects)


def letters(notices: list[ResolvedNotice], suffix: str) -> list[tuple[Path, NoticesFor]]:
    """One letter per school and group that some notice of the school is about, made from those notices."""
    found = []
    for school in sorted({notice.variant.id for notice in notices}):
        published = [notice for notice in notices if notice.variant.id == school and notice.audience == "everyone"]
        for group in SUBJECT_GROUPS:
            covering = tuple(notice for notice in published if about_group(notice, group))
            if covering:
                found.append((Path(school) / f"subject-access-{group.id}{suffix}",
                              NoticesFor(group.id, group.title, covering)))
    return found
