"""The one way in: a facts folder loaded, validated, resolved through the cascade, and searched for placeholders.

The CLI, the build, the MkDocs plugin and the review diff all start here, so that they see the same
notices and the same problems.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.facts.cascade import ResolvedNotice, resolve
from generator.facts.errors import FactError, FactErrors
from generator.facts.load import RESERVED_NOTICE_IDS, FactTree, load_facts, load_facts_from_memory
from generator.facts.placeholders import find_placeholders
from generator.render.formats import school_file_names


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


def taken_notice_ids() -> dict[str, str]:
    """Notice ids whose files or pages would clash with a school's own (its page, its booklet): what each is."""
    return {**RESERVED_NOTICE_IDS, **{name: f"the name of each school's {output_format.name} ({output_format.suffix})"
                                      for name, output_format in school_file_names().items()}}


def load_tree(facts: Path) -> FactTree:
    """Load and validate the facts under ``facts``, refusing notice ids that the formats' own files take."""
    return load_facts(facts, taken_notice_ids())


def load_tree_from_memory(files: dict[str, bytes], shown_as: str) -> FactTree:
    """As ``load_tree``, for a facts folder given as {path inside it: content} (a git revision's)."""
    return load_facts_from_memory(files, shown_as, taken_notice_ids())


def load_project(facts: Path) -> Project:
    """Load, validate and resolve the facts under ``facts``. Raises FactErrors with every problem found."""
    return project_of(load_tree(facts))


def project_of(tree: FactTree) -> Project:
    """A loaded facts tree resolved through the cascade (e.g. one read from a git revision in memory)."""
    return Project(tree, resolve(tree), find_placeholders(tree))
