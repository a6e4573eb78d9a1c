"""The registry of output formats. Each module in this package registers one format.

A format turns one ResolvedNotice (or, with ``scope="school"``, all of one school's notices) into the
bytes of one file. Adding a format means adding one module here, one template in ``templates/``
and its reader for the completeness audit; nothing else changes.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Literal



@dataclass(frozen=True)
class RenderContext:
    """What every format may use besides the notice: the templates folder.

    Nothing that grows with the trust belongs here: each worker process receives the context.
    """

    templates: Path  # made absolute on creation: formats look templates up by it for every file

    def __post_init__(self) -> None:
        object.__setattr__(self, "templates", Path(self.templates).resolve())


@dataclass(frozen=True)
class OutputFormat:
    name: str
    suffix: str  # appended to the notice id, e.g. ".md"; for school scope, the whole file name
    render: Callable[..., bytes]
    description: str
    scope: Literal["notice", "school"] = "notice"
    slow: bool = False  # slow formats are built in a pool of worker processes
    read_text: Callable[[bytes], str] | None = None  # the file's plain text in reading order, for the audit
    laid_out: bool = True  # a document people read, so the law's duties of presentation apply; False for data

    def output_path(self, school_id: str, notice_id: str | None = None) -> Path:
        if self.scope == "school":
            return Path(school_id) / self.suffix
        return Path(school_id) / f"{notice_id}{self.suffix}"


REGISTRY: dict[str, OutputFormat] = {}


def register(output_format: OutputFormat) -> OutputFormat:
    REGISTRY[output_format.name] = output_format
    return output_format


def all_formats() -> dict[str, OutputFormat]:
    """Every registered format, importing each module of this package once."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return dict(sorted(REGISTRY.items()))
