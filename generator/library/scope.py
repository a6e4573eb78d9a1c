"""Leave out of a library notice's text the items that do not fit the adopting organisation (their
`applies_to`), keeping every other line, comment and blank line as written: the school edits the file after."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from generator.facts.models import AppliesTo
from generator.facts.strict_yaml import parse_yaml
from generator.library.profile import Profile

APPLIES_TO = "applies_to"


def fitted_text(text: str, file: str, profile: Profile, keep: Callable[[dict], bool] = lambda item: True) -> str:
    """``text`` (a notice's YAML, or its children's version) without the list items, at any depth, whose
    `applies_to` does not fit ``profile``, nor those ``keep`` refuses (an included shared section that does not
    fit); a list left empty is written `[]`."""
    loaded = parse_yaml(text.encode("utf-8"), file)
    lines = text.splitlines(keepends=True)
    dropped: set[int] = set()  # line numbers from 0
    emptied: list[int] = []  # the lines of the keys whose lists lose every item
    for path, items in _lists(loaded.data, ()):
        gone = [index for index, item in enumerate(items) if isinstance(item, dict) and not _kept(item, profile, keep)]
        for index in gone:
            dropped.update(_item_lines(lines, loaded.value_marks[(*path, index)][0] - 1))
        if gone and len(gone) == len(items):
            emptied.append(loaded.key_marks[path][0] - 1)
    for line in emptied:
        head, colon, rest = lines[line].partition(":")
        comment = rest.strip()
        lines[line] = f"{head}{colon} []{' ' + comment if comment else ''}\n"
    return "".join(line for number, line in enumerate(lines) if number not in dropped)


def _lists(data: object, path: tuple) -> Iterator[tuple[tuple, list]]:
    """Every list under a key in ``data``, with its key path, outer lists first."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, list):
                yield (*path, key), value
            yield from _lists(value, (*path, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _lists(item, (*path, index))


def _kept(item: dict, profile: Profile, keep: Callable[[dict], bool]) -> bool:
    scope = item.get(APPLIES_TO)
    return keep(item) and (scope is None or profile.fits(AppliesTo.model_validate(scope)))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _item_lines(lines: list[str], first: int) -> range:
    """The lines of the list item whose value starts on line ``first``: from its dash (with the comment lines
    right above it) to its last line more indented than the dash, and the blank lines after it."""
    dash = _indent(lines[first])
    end = first
    for number in range(first + 1, len(lines)):
        stripped = lines[number].strip()
        if not stripped:
            continue
        if _indent(lines[number]) <= dash:
            break
        end = number
    while end + 1 < len(lines) and not lines[end + 1].strip():
        end += 1
    start = first
    while start > 0 and lines[start - 1].strip().startswith("#") and _indent(lines[start - 1]) == dash:
        start -= 1
    return range(start, end + 1)
