"""The libraries only building needs (pyproject.toml's ``[build]`` extra), each declared by the module that imports it.

A module that imports one declares it first (``TYPST = BuildLibrary("typst")``) and imports it only
when it is there; the format that uses it names it in its ``Needs``. Without the library, checking
the facts and every other format still work, and asking for that format says what to install
(pelican's readers do the same with ``enabled = bool(docutils)``). A test keeps the ``[build]``
extra covering every library declared here.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass

BUILD_EXTRA = "build"


@dataclass(frozen=True)
class BuildLibrary:
    distribution: str  # the name pip installs it under; its version changes the bytes a format writes
    module: str = ""  # the name it is imported by, when not the distribution's

    def __post_init__(self) -> None:
        DECLARED[self.distribution] = self

    @property
    def import_name(self) -> str:
        return self.module or self.distribution

    @property
    def available(self) -> bool:
        """Whether it can be imported here (looked up without importing it: checking stays fast)."""
        try:
            return importlib.util.find_spec(self.import_name) is not None
        except (ImportError, ValueError):  # a parent package missing, or a module left half-imported
            return False


# Every library declared so far, by distribution; the format modules declare theirs as they are imported.
DECLARED: dict[str, BuildLibrary] = {}
