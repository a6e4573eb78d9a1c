"""The two sides of a diff: a git revision's facts folder, or a folder on disk, loaded and resolved."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.diff.revision import read_revision
from generator.facts.cascade import ResolvedNotice
from generator.facts.errors import FactError, FactErrors
from generator.facts.load import FactTree
from generator.notices_error import NoticesError
from generator.project import Project, load_tree, load_tree_from_memory, project_of


@dataclass
class Side:
    """One side of the comparison: what it is called in the report, its facts and its notices."""

    label: str
    project: Project

    @property
    def tree(self) -> FactTree:
        return self.project.tree

    @property
    def notices(self) -> list[ResolvedNotice]:
        return self.project.notices


class SideUnreadable(NoticesError):
    """A side could not be loaded: which side, and every problem found, each at file:line:col."""

    def __init__(self, which: str, label: str, errors: list[FactError]):
        self.which, self.label, self.errors = which, label, errors
        super().__init__(f"the {which} side ({label}) cannot be read")

    def details(self) -> list[str]:
        return [f"The {self.which} side ({self.label}) cannot be read:"] + [f"  {error}" for error in self.errors]


def load_side(which: str, spec: str | None, facts: Path) -> Side:
    """``spec`` is a folder, a git revision (its copy of ``facts``) or None (``facts`` on disk as it is now)."""
    if spec is None:
        return _loaded(which, "working tree", lambda: load_tree(facts))
    if Path(spec).is_dir():
        return _loaded(which, spec, lambda: load_tree(Path(spec)))
    return _loaded(which, spec, lambda: load_tree_from_memory(*read_revision(spec, facts)))


def _loaded(which: str, label: str, load: Callable[[], FactTree]) -> Side:
    try:
        return Side(label, project_of(load()))
    except FactErrors as problems:
        raise SideUnreadable(which, label, problems.errors) from None
