"""The one way in: a facts folder loaded, validated, resolved through the cascade, and searched for placeholders.

The CLI, the build, the MkDocs plugin and the review diff all start here, so that they see the same
notices and the same problems.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.facts.cascade import ResolvedNotice, resolve
from generator.facts.errors import FactError, FactErrors
from generator.facts.load import FactTree, load_facts
from generator.facts.placeholders import find_placeholders


@dataclass
class Project:
    """One facts folder: its validated files, one ResolvedNotice per (school, notice), and the
    values `notices new` left 'TO BE COMPLETED'."""

    tree: FactTree
    notices: list[ResolvedNotice]
    placeholders: list[FactError]

    def publishable(self) -> list[ResolvedNotice]:
        """The notices, if none is half written; FactErrors naming every placeholder otherwise."""
        if self.placeholders:
            raise FactErrors(self.placeholders)
        return self.notices


def load_project(facts: Path) -> Project:
    """Load, validate and resolve the facts under ``facts``. Raises FactErrors with every problem found."""
    tree = load_facts(facts)
    return Project(tree, resolve(tree), find_placeholders(tree))
