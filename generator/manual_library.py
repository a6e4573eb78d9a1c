"""The manual's page "Which notices do we need?" (docs/which-notices.md), generated from what each library notice
says it is for (its `applies_to` and `topic`, and those of its passages)."""

from __future__ import annotations

from generator.facts.models import AppliesTo
from generator.facts.strict_yaml import load_yaml_file
from generator.library import LibraryNotice, library

# The kinds of school the library is written for, as the table's columns.
SCHOOL_KINDS = {"academy-trust": "Academy trust", "academy": "Academy", "maintained-school": "Maintained school",
                "independent-school": "Independent school", "early-years-provider": "Early years provider"}


def _cell(notice: LibraryNotice, kind: str) -> str:
    scope = notice.applies_to
    if scope is not None and scope.kinds and kind not in scope.kinds:
        return "no"
    limits = []
    if scope is not None and scope.phases:
        limits.append("a school teaching " + " or ".join(phase.replace("-", " ") for phase in scope.phases))
    if scope is not None and scope.ages:
        limits.append(f"children aged {scope.ages.replace('-', ' to ')}")
    return "yes" + (f", for {' and '.join(limits)}" if limits else "")


def _scoped_passages(notice: LibraryNotice) -> list[str]:
    """The passages of the notice kept only for some schools: '`recipients`: next-school (maintained schools)'."""
    data = load_yaml_file(notice.path, str(notice.path)).data
    found = []
    for field, items in data.items():
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, dict) or "applies_to" not in item:
                continue
            scope = AppliesTo.model_validate(item["applies_to"])
            name = next((str(item[key]) for key in ("id", "article", "name") if key in item), field)
            found.append(f"`{field}`: {name} ({_whom(scope)})")
    return found


def _whom(scope: AppliesTo) -> str:
    parts = [", ".join(SCHOOL_KINDS.get(kind, kind).lower() for kind in scope.kinds)] if scope.kinds else []
    if scope.phases:
        parts.append(" or ".join(scope.phases))
    if scope.ages:
        parts.append(f"pupils aged {scope.ages.replace('-', ' to ')}")
    return "; ".join(parts)


def which_notices_page(generated_line: str) -> str:
    """docs/which-notices.md: a table of the library's notices by kind of school, and the passages each keeps
    only for some schools."""
    notices = sorted(library().values(), key=lambda notice: (notice.topic, notice.id))
    lines = [
        generated_line, "", "# Which notices do we need?", "",
        "The [notice library](library.md) holds a notice for each group of people a school holds information about.",
        "This table says which of them each kind of school publishes: `notices init` offers the ones marked",
        "**yes** for yours, and `notices library` lists them all. Where a notice has one version for some kinds",
        "of school and another for others (governance, say), they share a topic and a school adopts the one",
        "that fits it. The table is made from what each library notice says it is for",
        "([how a notice says whom it is for](library.md#whom-a-notice-is-for)).", "",
        "| Notice | Topic | " + " | ".join(SCHOOL_KINDS.values()) + " |",
        "|---|---|" + "---|" * len(SCHOOL_KINDS),
    ]
    for notice in notices:
        lines.append(f"| {notice.title} (`{notice.id}`) | {notice.topic} | "
                     + " | ".join(_cell(notice, kind) for kind in SCHOOL_KINDS) + " |")
    lines += ["", "## What changes by kind of school", "",
              "Within a notice, some passages are only for some schools: adopting the notice keeps those that fit",
              "yours and leaves out the rest, and `notices check` names any that a school publishes all the same",
              "([F.applies-to](rules.md#f-applies-to)).", ""]
    for notice in notices:
        passages = _scoped_passages(notice)
        if passages:
            lines += [f"### {notice.title} (`{notice.id}`)", "", *(f"- {passage}" for passage in passages), ""]
    return "\n".join(lines).rstrip("\n") + "\n"
