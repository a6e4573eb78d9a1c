"""The registry of output formats. Each module in this package registers one format.

A format turns one ResolvedNotice (or, with ``scope="school"``, all of one school's notices) into the
bytes of one file. Each says what it is (its label on the website), which files it makes, and what
it needs to run; the build, the audit, the cache and the site's downloads read these. Adding a format
means adding one module here, one template in ``templates/`` and its reader for the completeness
audit; nothing else changes (docs/contributing.md#add-a-format).
"""

from __future__ import annotations

import importlib
import pkgutil
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Literal

from generator.distribution import requirement
from generator.facts.cascade import ResolvedNotice
from generator.facts.errors import Location
from generator.notices_error import NoticesError
from generator.render.build_libraries import BUILD_EXTRA, BuildLibrary


@dataclass(frozen=True)
class RenderContext:
    """What every format may use besides the notice: the templates folder.

    Nothing that grows with the trust belongs here: each worker process receives the context.
    """

    templates: Path  # made absolute on creation: formats look templates up by it for every file

    def __post_init__(self) -> None:
        object.__setattr__(self, "templates", Path(self.templates).resolve())


@dataclass(frozen=True)
class Needs:
    """What a format needs besides the generator: Python libraries (by the name pip installs them
    under; their versions change the bytes it writes, so the cache keys on them), the libraries of the
    ``[build]`` extra (declared by the module that imports each, generator/render/build_libraries.py)
    and programs (each with the package that provides it)."""

    libraries: tuple[str, ...] = ()
    build: tuple[BuildLibrary, ...] = ()
    programs: tuple[tuple[str, str], ...] = ()  # (program, the Debian/Ubuntu package that installs it)

    @property
    def writers(self) -> tuple[str, ...]:
        """Every library whose version changes the bytes the format writes, by distribution."""
        return (*self.libraries, *(library.distribution for library in self.build))

    def absent_build_libraries(self) -> list[str]:
        return [library.distribution for library in self.build if not library.available]

    def missing(self) -> list[str]:
        """What to install before the format can run, in words for the person installing it."""
        absent = []
        for library in self.libraries:
            try:
                metadata.version(library)
            except metadata.PackageNotFoundError:
                absent.append(f"the Python library {library} (pip install {library})")
        absent += [f"the program {program} (apt install {package})"
                   for program, package in self.programs if shutil.which(program) is None]
        return absent


@dataclass(frozen=True)
class NoticesFor:
    """Some of one school's notices, gathered for one group of people: what a letter for that group is made from."""

    group: str  # the group's id, e.g. "parents": it names the file and tells two groups' letters apart
    title: str  # the group in words, e.g. "parents and carers"
    notices: tuple[ResolvedNotice, ...]


# What one file is made from: a notice, a school's notices, or the notices about one group of people.
Subject = ResolvedNotice | list[ResolvedNotice] | NoticesFor
# A document made from the facts that is no notice (the record of processing, the retention schedule) is audited by
# its format's own reader: (the file's bytes, what it was made from, where it is) -> findings.
DocumentAudit = Callable[[bytes, Subject, Location], list]


@dataclass(frozen=True)
class OutputFormat:
    name: str
    suffix: str  # appended to the notice id, e.g. ".md"; for school scope, the whole file name
    render: Callable[..., bytes]
    description: str
    label: str  # what a parent sees on the download link, e.g. "Word document"
    # "organisation": one file for every school (a trust's record of processing), at the top of the output.
    scope: Literal["notice", "school", "organisation"] = "notice"
    slow: bool = False  # slow formats are built in a pool of worker processes
    # Rendered by workers that end after a file or two: Typst keeps the layouts of the last ten
    # documents it made, about 80 MB for a school's booklet, so a long-lived worker would hold ~800 MB.
    fresh_workers: bool = False
    read_text: Callable[[bytes], str] | None = None  # the file's plain text in reading order, for the audit
    read_links: Callable[[bytes], list[str]] | None = None  # every link target in the file, for the audit
    needs: Needs = Needs()
    laid_out: bool = True  # a document people read, so the law's duties of presentation apply; False for data
    for_staff: bool = False  # offered on the website under "For staff and systems", not to every reader
    childrens: bool = True  # also makes each notice's children's version, when it has one (docs/layers.md)
    first_layer_only: bool = False  # holds the notice's first layer alone, and is audited for its lines only
    # A transparency document other than a notice (a consent form, a subject access letter): its name, by which
    # the audit checks it against the facts by its own rules (generator/check/documents.py), and the files it
    # makes, with what each is made from, when not one per notice or school.
    document: str | None = None
    document_files: Callable[[list[ResolvedNotice]], list[tuple[Path, Subject]]] | None = None
    audit: DocumentAudit | None = None  # a document that is no notice: audited by this, not section by section

    def output_path(self, school_id: str, notice_id: str | None = None) -> Path:
        if self.scope == "organisation":
            return Path(self.suffix)
        if self.scope == "school":
            return Path(school_id) / self.suffix
        return Path(school_id) / f"{notice_id}{self.suffix}"

    def files(self, notices: list[ResolvedNotice]) -> list[tuple[Path, Subject]]:
        """Each file this format makes for ``notices`` (one per notice, or one per school, or as its document
        says), and what it is made from."""
        if self.document_files is not None:
            return self.document_files(notices)
        if self.scope == "organisation":
            return [(self.output_path(""), list(notices))] if notices else []
        if self.scope == "school":
            schools = sorted({notice.variant.id for notice in notices})
            return [(self.output_path(school), [notice for notice in notices if notice.variant.id == school])
                    for school in schools]
        documents = [document for notice in notices for document in (notice.versions() if self.childrens else [notice])]
        return [(self.output_path(document.variant.id, document.document_id), document) for document in documents]


    def file_label(self, subject: Subject) -> str:
        """What a reader sees on the link to one of its files: a letter names the group it is for."""
        return f"{self.label}: {subject.title}" if isinstance(subject, NoticesFor) else self.label


REGISTRY: dict[str, OutputFormat] = {}
# A format whose module could not be imported -> the module it lacked. A library declared as a
# BuildLibrary never lands here (its format loads and says what to install); this is the safety net
# for one imported without that declaration, so that it costs that format alone, never every command.
UNAVAILABLE: dict[str, str] = {}
FORMATS_MANUAL = "refuses.md#formats"


def register(output_format: OutputFormat) -> OutputFormat:
    REGISTRY[output_format.name] = output_format
    return output_format


def all_formats() -> dict[str, OutputFormat]:
    """Every registered format, importing each module of this package once.

    A module that cannot be imported for want of a library is left out and noted in UNAVAILABLE
    (each such module is named after its format), so that every other command and format works and
    asking for that one says what to install.
    """
    for module in pkgutil.iter_modules(__path__):
        try:
            importlib.import_module(f"{__name__}.{module.name}")
        except ModuleNotFoundError as missing:
            UNAVAILABLE[module.name] = (missing.name or module.name).split(".")[0]
    return dict(sorted(REGISTRY.items()))


def format_names() -> list[str]:
    """The name of every format, those that cannot run here included: asking for one of those says why."""
    return sorted({*all_formats(), *UNAVAILABLE})


def school_file_names() -> dict[str, OutputFormat]:
    """Notice ids that a school's own file takes, with the format of that file: a notice ``booklet``
    would make ``booklet.pdf``, which is the school's booklet."""
    formats = all_formats().values()
    return {school.suffix[:-len(notice.suffix)]: school for school in formats if school.scope == "school"
            for notice in formats if notice.scope == "notice" and school.suffix.endswith(notice.suffix)}


def select_formats(names: list[str] | None) -> list[OutputFormat]:
    """The formats asked for, or all of them; refused, in plain words, if one is unknown or cannot run here."""
    known = all_formats()
    wanted = names or [*known, *UNAVAILABLE]
    unknown = [name for name in wanted if name not in known and name not in UNAVAILABLE]
    if unknown:
        raise NoticesError(f"unknown format {', '.join(unknown)}; choose from {', '.join(format_names())}",
                           see=FORMATS_MANUAL)
    for name in wanted:
        if name in UNAVAILABLE:
            raise NoticesError(f"the {name} format needs the Python package {UNAVAILABLE[name]}, which is not "
                               f"installed (pip install {UNAVAILABLE[name]})", see=FORMATS_MANUAL)
        absent = known[name].needs.absent_build_libraries()
        if absent:
            raise NoticesError(f"the {name} format needs {' and '.join(absent)}, which "
                               f"{'is' if len(absent) == 1 else 'are'} not installed; install the tool with its "
                               f"build extra: pip install '{requirement(BUILD_EXTRA)}'", see=FORMATS_MANUAL)
    chosen = [known[name] for name in wanted]
    missing = [f"the {output_format.name} format needs {' and '.join(output_format.needs.missing())}"
               for output_format in chosen if output_format.needs.missing()]
    if missing:
        raise NoticesError("; ".join(missing) + ". Install them, or leave the format out.", see=FORMATS_MANUAL)
    return chosen


def writer_libraries() -> tuple[str, ...]:
    """Every library whose version changes the bytes of some format, each once, sorted."""
    return tuple(sorted({library for output_format in all_formats().values()
                         for library in output_format.needs.writers}))
