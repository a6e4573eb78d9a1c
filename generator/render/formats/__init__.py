"""The registry of output formats. Each module in this package registers one format.

A format turns one ResolvedNotice (or, with ``scope="school"``, all of one school's notices) into the
bytes of one file. Adding a format means adding one module here, one template in ``templates/``
and its reader for the completeness audit; nothing else changes.
"""

from __future__ import annotations

import importlib
import importlib.util
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
    requires: tuple[str, ...] = ()  # libraries of the [build] extra it imports when it renders, by import name
    laid_out: bool = True  # a document people read, so the law's duties of presentation apply; False for data

    def output_path(self, school_id: str, notice_id: str | None = None) -> Path:
        if self.scope == "school":
            return Path(school_id) / self.suffix
        return Path(school_id) / f"{notice_id}{self.suffix}"


REGISTRY: dict[str, OutputFormat] = {}
# The libraries that only building needs (pyproject.toml's [build] extra): import name -> distribution.
BUILD_LIBRARIES = {"weasyprint": "WeasyPrint", "docx": "python-docx", "pypdfium2": "pypdfium2"}
# A format whose module could not be imported without one of them -> that library's import name.
UNAVAILABLE: dict[str, str] = {}


class MissingLibrary(ValueError):
    """A format was asked for whose library is not installed (a light install, e.g. the pre-commit hook's)."""

    def __init__(self, format_name: str, library: str):
        super().__init__(f"the {format_name} format needs {BUILD_LIBRARIES[library]}, which is not installed; "
                         f"install the tool with its build extra: pip install 'privacy-notices[build]'")


def register(output_format: OutputFormat) -> OutputFormat:
    REGISTRY[output_format.name] = output_format
    return output_format


def all_formats() -> dict[str, OutputFormat]:
    """Every registered format, importing each module of this package once.

    A module that cannot be imported for want of a build library is left out and noted in
    UNAVAILABLE (each such module is named after its format), so that checking the facts works
    without the libraries and asking for the format says what to install.
    """
    for module in pkgutil.iter_modules(__path__):
        try:
            importlib.import_module(f"{__name__}.{module.name}")
        except ModuleNotFoundError as missing:
            library = (missing.name or "").split(".")[0]
            if library not in BUILD_LIBRARIES:
                raise
            UNAVAILABLE[module.name] = library
    return dict(sorted(REGISTRY.items()))


def school_file_names() -> dict[str, OutputFormat]:
    """Notice ids that a school's own file takes, with the format of that file: a notice ``booklet``
    would make ``booklet.pdf``, which is the school's booklet."""
    formats = all_formats().values()
    return {school.suffix[:-len(notice.suffix)]: school for school in formats if school.scope == "school"
            for notice in formats if notice.scope == "notice" and school.suffix.endswith(notice.suffix)}


def require_libraries(output_format: OutputFormat) -> None:
    """Raise MissingLibrary, naming the extra to install, if the format cannot render here."""
    for library in output_format.requires:
        if importlib.util.find_spec(library) is None:
            raise MissingLibrary(output_format.name, library)
