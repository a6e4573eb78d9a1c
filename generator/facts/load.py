"""Load a facts folder: strict YAML in, validated models out, every problem as a FactError."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.facts.children import CHILDREN_FOLDER, ChildrensVersion, banded_name
from generator.facts.errors import FactError, FactErrors, Location, display_path, printable
from generator.facts.includes import SECTIONS_FOLDER, with_includes
from generator.facts.logo import logo_problem
from generator.facts.models import (
    HEX_COLOUR_PATTERN,
    ID_MAX_LENGTH,
    SLUG_PATTERN,
    Notice,
    Organisation,
    School,
    SharedSection,
    attach_locations,
)
from generator.facts.strict_yaml import LoadedYaml, StrictYamlError, format_key_path, load_yaml_file, parse_yaml

ORGANISATION_FILE = "organisation.yaml"
SCHOOLS_FOLDER = "schools"
# The folders of a facts folder that hold fact files: the notices themselves, schools, shared sections,
# children's versions.
FACT_FOLDERS = ("", SCHOOLS_FOLDER, SECTIONS_FOLDER, CHILDREN_FOLDER)
FACT_FILE_ENDINGS = (".yaml", ".yml")  # compared in lower case: pupils.YAML is read too
# Notice ids the website takes for itself, with what each is: a school's page is schools/<school>/index.html.
RESERVED_NOTICE_IDS = {"index": "the name of each school's own page"}
_SLUG = re.compile(SLUG_PATTERN)


@dataclass
class FactTree:
    """Everything in one facts folder, validated, keyed by id (ids come from file names)."""

    root: Path
    organisation: Organisation
    organisation_file: str
    schools: dict[str, School] = field(default_factory=dict)
    notices: dict[str, Notice] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # "school:oakmoor" -> display path
    # notice id -> its children's versions, youngest ages first
    children: dict[str, tuple[ChildrensVersion, ...]] = field(default_factory=dict)


_UNION_TAG = re.compile(r"^[a-z][\w-]*\[.*\]$")
# How a free text's checks name a line within it (generator/facts/links.py).
_TEXT_LINE = re.compile(r"^line (\d+) of the text ")


def _model_path(loc: tuple, data: Any) -> tuple:
    """An error location as a key path: pydantic's union-branch tags ('list[Transfer]', "literal['none']")
    dropped, the user's own keys kept whatever they contain (a key may be typed as 'conta[ct')."""
    path, current = [], data
    for part in loc:
        present = (isinstance(current, dict) and part in current) or (
            isinstance(current, list) and isinstance(part, int) and part < len(current))
        if not present and isinstance(part, str) and _UNION_TAG.match(part):
            continue
        path.append(part)
        current = current[part] if present else None
    return tuple(path)


def _lookup(model: type[BaseModel], path: tuple) -> type[BaseModel] | None:
    """The model class that holds the last key of ``path``, when we can tell."""
    current: Any = model
    for part in path[:-1]:
        if isinstance(part, int) or current is None:
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return None
        current = _inner_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _inner_model(argument)
        if found is not None:
            return found
    return None


def _friendly(error: ErrorDetails, model: type[BaseModel], source: LoadedYaml, none_allowed: bool = False) -> FactError:
    path = _model_path(error["loc"], source.data)
    kind = error["type"]
    key = format_key_path(path)
    location = source.location(path)
    message = error["msg"].rstrip(".") + "."
    hint = ""
    if kind == "extra_forbidden":
        owner = _lookup(model, path)
        known = sorted(owner.model_fields) if owner else []
        close = difflib.get_close_matches(str(path[-1]), known, n=1)
        message = f"'{path[-1]}' is not a key this file understands."
        hint = f"Did you mean '{close[0]}'?" if close else f"Known keys here: {', '.join(known)}."
    elif kind == "missing":
        location = source.location(path[:-1]) if path[:-1] else Location(source.file, 1, 1)
        message = f"'{path[-1]}' is missing."
        hint = f"Add a line '{path[-1]}: ...' here; it is required."
    elif kind == "string_pattern_mismatch" and "a-z0-9" in str(error.get("ctx", {}).get("pattern", "")):
        message = f"{_shown(error['input'])} is not a valid id."
        hint = "Use lower-case letters, digits and hyphens only, e.g. 'local-authority'."
    elif kind.startswith("date") or kind == "date_type":
        message = f"{_shown(error['input'])} is not a date."
        hint = "Write dates as YYYY-MM-DD, e.g. 2026-09-01."
    elif kind == "value_error" and "not a valid email address" in error["msg"]:
        reason = error["msg"].split(": ", 1)[-1].rstrip(".")
        message = f"{_shown(error['input'])} is not an email address ({reason})."
        hint = "Write it like name@example.org."
    elif kind == "value_error":
        message = error["msg"].removeprefix("Value error, ").rstrip(".") + "."
        hint = "Correct the value."
        within = _TEXT_LINE.match(message)
        if within:  # a problem on one line of a free text: point at that line when the file shows it
            location = source.text_location(path, int(within[1])) or location
    elif kind.startswith("url_"):
        message = f"{_shown(error['input'])} is not a full web address."
        hint = "Write it with https:// at the start, e.g. https://www.example.org/."
    elif kind == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") == HEX_COLOUR_PATTERN:
        message = f"{_shown(error['input'])} is not a colour."
        hint = "Write # and six hexadecimal digits, in quotes (YAML reads # as a comment), e.g. \"#1f4e79\"."
    elif kind == "string_pattern_mismatch" and "()" in str(error.get("ctx", {}).get("pattern", "")):
        message = f"{_shown(error['input'])} is not a telephone number."
        hint = "Write the number as people dial it, e.g. 01420 472132 or +44 1420 472132."
    elif kind == "string_too_short":
        message = "is empty."
        hint = f"Write the fact after '{path[-1]}:' on the same line, or leave the line out if the fact is optional."
    elif kind == "string_too_long":
        limit = error.get("ctx", {}).get("max_length")
        message = f"is too long ({len(error['input']):,} characters); it can have {limit:,} at most."
        hint = ("Shorten it: an id is a short name such as 'local-authority'." if limit and limit < 100 else
                "Shorten it, or move the detail to a free section under 'sections:'.")
    elif kind == "too_short":
        message = "needs at least one item."
        hint = "Add at least one, each on its own line starting with '- '."
    elif kind == "list_type" and none_allowed:
        message = f"should be a list (lines starting with '- ') or the word none, not {_describe(error.get('input'))}."
        hint = "Write 'none' if there are none."
    elif kind in ("string_type", "list_type", "dict_type", "model_type", "bool_type", "bool_parsing"):
        expected = {"string_type": "text", "list_type": "a list (lines starting with '- ')",
                    "dict_type": "a set of 'key: value' lines", "model_type": "a set of 'key: value' lines",
                    "bool_type": "true or false", "bool_parsing": "true or false"}[kind]
        message = f"should be {expected}, not {_describe(error.get('input'))}."
        hint = "Check the indentation and the value."
        if kind.startswith("bool"):
            hint = "Write true or false."
            if str(error.get("input")).lower() in ("yes", "no", "on", "off", "y", "n"):
                hint = "Write true or false: fact files read yes, no, on and off as words, not as true or false."
        elif isinstance(error.get("input"), bool):
            hint = "Put quotes round text that is only true or false, e.g. 'true'."
    elif kind == "literal_error":
        message = f"{_shown(error['input'])} is not one of the choices: {error['ctx']['expected']}."
        hint = "Use one of them, spelt exactly as shown."
    else:
        hint = "Correct the value."
    return FactError(location, message, hint, key, kind)


def _shown(value: Any) -> str:
    """A wrong value as a message quotes it: short text in quotes, anything else in words, never a data dump."""
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 80 else f"'{value[:60]}...' ({len(value):,} characters)"
    return _describe(value)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a set of 'key: value' lines"
    if isinstance(value, list):
        return "a list"
    return repr(value)


_Model = TypeVar("_Model", bound=BaseModel)


def _validate(model: type[_Model], source: LoadedYaml, errors: list[FactError]) -> _Model | None:
    data = source.data
    if data is None:
        errors.append(FactError(Location(source.file, 1, 1), "is empty.", "Fill it in, or delete the file.", code="empty"))
        return None
    if not isinstance(data, dict):
        errors.append(FactError(Location(source.file, 1, 1), "should be a set of 'key: value' lines.",
                                "Start each fact on its own line as 'key: value'.", code="dict_type"))
        return None
    try:
        instance = model.model_validate(data)
    except ValidationError as error:
        seen = set()
        # Fields that take a list or the word 'none' fail once per branch; say both in one message.
        none_allowed = {_model_path(item["loc"], data) for item in error.errors()
                        if item["type"] == "literal_error" and item.get("ctx", {}).get("expected") == "'none'"}
        paths = [_model_path(item["loc"], data) for item in error.errors()]
        # A list with a wrong item is a list: its item's problem says more than "not the word none".
        in_a_list = {path for path in none_allowed if any(len(other) > len(path) and other[:len(path)] == path
                                                         for other in paths)}
        for item in error.errors():
            path = _model_path(item["loc"], data)
            if path in seen or path in in_a_list and item["type"] == "literal_error":
                continue
            seen.add(path)
            errors.append(_friendly(item, model, source, path in none_allowed))
        return None
    attach_locations(instance, source.location)
    return instance


class _DiskFiles:
    """Fact files in a folder on disk, named as the user sees them (relative to the working folder)."""

    def __init__(self, root: Path):
        self.root = root

    def display(self, relative: str) -> str:
        return display_path(self.root / relative, self.root)

    def names_in(self, folder: str) -> list[str]:
        path = self.root / folder
        if path.is_symlink() and not path.is_dir():
            raise FactErrors([FactError(Location(self.display(folder)),
                                        "is a link that leads to no folder (it is broken, or leads back to itself).",
                                        "Replace the link with the folder itself.", code="path")])
        return [f"{folder}/{name}" if folder else name
                for name in sorted(entry.name for entry in path.iterdir())] if path.is_dir() else []

    def exists(self, relative: str) -> bool:
        path = self.root / relative
        return path.is_symlink() or path.exists()  # a broken or looping link is there, and read() says why

    def read(self, relative: str) -> LoadedYaml:
        path, display = self.root / relative, self.display(relative)
        try:
            # The file itself or a folder on its way (schools/) may be a link; where it leads is what counts.
            outside = not path.resolve().is_relative_to(self.root.resolve())
        except RuntimeError:  # Python names a symlink loop this way
            raise StrictYamlError(FactError(
                Location(display), "is a link that leads back to itself (a loop), not a file.",
                "Delete the link and put the fact file itself here.", code="path")) from None
        if outside:
            raise StrictYamlError(FactError(Location(display), "is a link to a file outside the facts folder.",
                                            "Copy the file into the facts folder instead of linking to it.",
                                            code="path"))
        if not path.is_file():  # a pipe or a device would make reading it wait for ever
            raise StrictYamlError(FactError(Location(display), "is not an ordinary file.",
                                            "Replace it with a YAML file saved from an editor.", code="path"))
        return load_yaml_file(path, display)


class _MemoryFiles:
    """Fact files held in memory by relative path (a git revision's), named as ``shown_as/relative``."""

    def __init__(self, files: dict[str, bytes], shown_as: str):
        self.files, self.shown_as = files, shown_as

    def display(self, relative: str) -> str:
        return self.shown_as if relative == "." else printable(f"{self.shown_as}/{relative}")

    def names_in(self, folder: str) -> list[str]:
        prefix = f"{folder}/" if folder else ""
        return sorted(name for name in self.files if name.startswith(prefix) and "/" not in name[len(prefix):])

    def exists(self, relative: str) -> bool:
        return relative in self.files

    def read(self, relative: str) -> LoadedYaml:
        return parse_yaml(self.files[relative], self.display(relative))


_FactFiles = _DiskFiles | _MemoryFiles


def _read(files: _FactFiles, relative: str, errors: list[FactError]) -> LoadedYaml | None:
    try:
        return files.read(relative)
    except StrictYamlError as error:
        errors.append(error.error)
    except OSError as error:
        errors.append(FactError(Location(files.display(relative)), f"cannot be read ({error.strerror}).",
                                "Check the file exists.", code="io"))
    return None


def _id_from(relative: str, files: _FactFiles, errors: list[FactError], stem: str | None = None) -> str | None:
    """The id a file's name gives (``stem``, when given, is the part of the name that is the id)."""
    name = printable(PurePosixPath(relative).name)
    stem = printable(stem) if stem is not None else name.rsplit(".", 1)[0]
    if name.startswith("."):
        message = "is hidden (its name starts with a dot), so it would be left out of the notices."
        hint = f"Rename it to '{name.lstrip('._')}' to use it, or move it out of the facts folder."
    elif len(stem) > ID_MAX_LENGTH:
        message = (f"has a file name of {len(stem)} characters before '.{name.rsplit('.', 1)[-1]}'; "
                   f"an id has {ID_MAX_LENGTH} at most.")
        hint = "Shorten the file name: it becomes the id in the name of every file and web address made from it."
    elif not _SLUG.match(stem):
        message = f"has a file name ('{name}') that cannot be an id."
        hint = "Rename it with lower-case letters, digits and hyphens only, e.g. 'children-in-need.yaml'."
    else:
        return stem
    errors.append(FactError(Location(files.display(relative), 1, 1), message, hint, code="id"))
    return None


def _yaml_files(files: _FactFiles, folder: str) -> list[str]:
    """The fact files directly in ``folder``: any name ending .yaml or .yml, in any case, hidden ones too
    (so that a hidden one is named, not silently left out)."""
    return [name for name in files.names_in(folder) if name.lower().endswith(FACT_FILE_ENDINGS)]


def load_facts(root: Path, taken_ids: Mapping[str, str] | None = None) -> FactTree:
    """Load and validate every fact file under ``root``. Raises FactErrors with all problems found.

    ``taken_ids`` are notice ids that files of the school's own take (e.g. ``booklet``), with what each is.
    """
    root = Path(root)
    if not root.is_dir():
        raise FactErrors([FactError(Location(str(root)), "is not a folder of facts.",
                                    "Point to the folder that holds organisation.yaml.", code="io")])
    return _load(_DiskFiles(root), root, taken_ids or {})


def load_facts_from_memory(files: dict[str, bytes], shown_as: str,
                           taken_ids: Mapping[str, str] | None = None) -> FactTree:
    """Load a facts folder given as {path inside it: content}, e.g. read from a git revision without
    writing it to disk; files are named ``shown_as/path``, e.g. 'main:notices/pupils.yaml'."""
    return _load(_MemoryFiles(files, shown_as), Path(shown_as), taken_ids or {})


def _shared_sections(files: _FactFiles, errors: list[FactError],
                     tree_files: dict[str, str]) -> tuple[dict[str, LoadedYaml], set[str]]:
    """The valid shared sections in sections/, by id, as written; and the ids of all of them."""
    shared: dict[str, LoadedYaml] = {}
    known: set[str] = set()
    for relative in _yaml_files(files, SECTIONS_FOLDER):
        section_id = _id_from(relative, files, errors)
        if section_id is None:
            continue
        known.add(section_id)
        source = _read(files, relative, errors)
        if source and _validate(SharedSection, source, errors) is not None:
            shared[section_id] = source
            tree_files[f"section:{section_id}"] = source.file
    return shared, known


def _load(files: _FactFiles, root: Path, taken_ids: Mapping[str, str]) -> FactTree:
    errors: list[FactError] = []
    if not files.exists(ORGANISATION_FILE):
        raise FactErrors([FactError(Location(files.display(ORGANISATION_FILE)), "is missing.",
                                    "Every facts folder needs an organisation.yaml describing the controller.",
                                    code="missing")])
    organisation = None
    source = _read(files, ORGANISATION_FILE, errors)
    if source:
        organisation = _validate(Organisation, source, errors)
    tree_files = {"organisation": files.display(ORGANISATION_FILE)}
    schools: dict[str, School] = {}
    for relative in _yaml_files(files, SCHOOLS_FOLDER):
        school_id = _id_from(relative, files, errors)
        source = _read(files, relative, errors) if school_id else None
        if school_id and source:
            school = _validate(School, source, errors)
            if school:
                schools[school_id] = school
                tree_files[f"school:{school_id}"] = source.file
    shared, known_sections = _shared_sections(files, errors, tree_files)
    notices: dict[str, Notice] = {}
    for relative in _yaml_files(files, ""):
        if relative == ORGANISATION_FILE:
            continue
        notice_id = _id_from(relative, files, errors)
        source = _read(files, relative, errors) if notice_id else None
        if notice_id and source:
            if notice_id in notices:
                errors.append(FactError(Location(source.file, 1, 1), f"repeats the notice id '{notice_id}'.",
                                        "Keep one file per notice: .yaml and .yml of the same name clash.",
                                        code="duplicate-id"))
                continue
            taken = {**RESERVED_NOTICE_IDS, **taken_ids}.get(notice_id)
            if taken:
                errors.append(FactError(Location(source.file, 1, 1), f"cannot be a notice: '{notice_id}' is {taken}.",
                                        "Rename the file after what the notice is about, e.g. 'pupils.yaml'.",
                                        code="id"))
                continue
            notice = _validate(Notice, with_includes(source, shared, known_sections, errors), errors)
            if notice:
                notices[notice_id] = notice
                tree_files[f"notice:{notice_id}"] = source.file
    if not notices and not errors:
        errors.append(FactError(Location(files.display(".")), "holds no notice.",
                                "Add a notice file, e.g. with 'notices new notice pupils'.", code="missing"))
    children = _childrens_versions(files, notices, tree_files, errors)
    errors += _logo_problems(files, organisation, schools)
    if errors or organisation is None:
        raise FactErrors(errors)
    return FactTree(root, organisation, tree_files["organisation"], schools, notices, tree_files, children)


def _logo_problems(files: _FactFiles, organisation: Organisation | None,
                   schools: dict[str, School]) -> list[FactError]:
    """Each brand's logo file that is missing, too large, not the picture its name says, or an SVG that runs something."""
    if not isinstance(files, _DiskFiles):  # a revision read into memory holds its YAML files only
        return []
    brands = [organisation.brand if organisation else None, *(school.brand for school in schools.values())]
    return [problem for brand in brands if brand and (problem := logo_problem(files.root, brand))]


def _childrens_versions(files: _FactFiles, notices: dict[str, Notice], tree_files: dict[str, str],
                        errors: list[FactError]) -> dict[str, tuple[ChildrensVersion, ...]]:
    """``children/<notice-id>.yaml`` and ``children/<notice-id>.<youngest>-<oldest>.yaml``: each a version of
    the notice of that id, written for children (of the ages its name gives)."""
    children: dict[str, list[ChildrensVersion]] = {}
    # A notice that failed to load is named by its own errors; its children's version waits for it.
    written = {PurePosixPath(name).stem for name in _yaml_files(files, "")}
    for relative in _yaml_files(files, CHILDREN_FOLDER):
        notice_stem, band = banded_name(PurePosixPath(relative).name.rsplit(".", 1)[0])
        notice_id = _id_from(relative, files, errors, notice_stem)
        if notice_id and notice_id not in written:
            close = difflib.get_close_matches(notice_id, sorted(notices), n=1)
            errors.append(FactError(
                Location(files.display(relative), 1, 1), f"is a children's version of '{notice_id}', but there is "
                f"no notice {notice_id}.yaml.", (f"Did you mean '{close[0]}'? " if close else "") +
                "Name the file after the notice it is a version of, e.g. children/pupils.yaml.", code="unknown-notice"))
            continue
        if not notice_id or notice_id not in notices:
            continue
        source = _read(files, relative, errors)
        version = _validate(ChildrensVersion, source, errors) if source else None
        if not source or not version:
            continue
        if band is not None:
            if band != version.age_range:
                errors.append(_band_disagrees(relative, notice_id, band, version))
                continue
            version.in_band()
        same = next((other for other in children.get(notice_id, []) if other.age_range == version.age_range), None)
        if same is not None:
            errors.append(FactError(
                version.written_at("ages"), f"is a second children's version of '{notice_id}' for ages {version.ages}: "
                f"{same.written_at().file} is the other.", "Keep one version for each age band: merge the two "
                "files into one, or write this one for other ages (in `ages:` and in its file name).",
                code="duplicate-id"))
            continue
        children.setdefault(notice_id, []).append(version)
        tree_files[f"children:{notice_id}.{version.document_suffix}"] = source.file
    return {notice_id: tuple(sorted(versions, key=lambda version: (version.age_range, version.banded)))
            for notice_id, versions in children.items()}


def _band_disagrees(relative: str, notice_id: str, band: tuple[int, int], version: ChildrensVersion) -> FactError:
    """The ages a children's file's name gives differ from those it says it is written for."""
    youngest, oldest = version.age_range
    return FactError(
        version.written_at("ages"), f"says `ages: {version.ages}`, but its file name is for ages {band[0]} to {band[1]}.",
        f"Rename the file {PurePosixPath(relative).parent}/{notice_id}.{youngest}-{oldest}.yaml, or write "
        f"`ages: {band[0]} to {band[1]}` if that is whom it is written for.", code="ages")
