"""Leave out of a library notice's text the items that do not fit the adopting organisation (their
`applies_to`), keeping every other line, comment and blank line as written: the school edits the file after."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from generator.facts.models import AppliesTo
from generator.facts.strict_yaml import LoadedYaml, parse_yaml
from generator.library.profile import Profile

APPLIES_TO = "applies_to"
BASES = "lawful_bases"
# The lists of a lawful basis that name a notice's purposes and categories by id (and the notice's list of each).
_NAMED_IN_BASES = ("purposes", "categories")


def fitted_text(text: str, file: str, profile: Profile, keep: Callable[[dict], bool] = lambda item: True) -> str:
    """``text`` (a notice's YAML, or its children's version) without the list items, at any depth, whose
    `applies_to` does not fit ``profile``, nor those ``keep`` refuses (an included shared section that does not
    fit); a list left empty is written `[]`. The lawful bases kept no longer name the purposes and categories left
    out, and a basis for none but them is left out with them."""
    loaded = parse_yaml(text.encode("utf-8"), file)
    lines = text.splitlines(keepends=True)
    dropped: set[int] = set()  # line numbers from 0
    emptied: list[int] = []  # the lines of the keys whose lists lose every item
    gone = {path: [index for index, item in enumerate(items) if isinstance(item, dict) and not _kept(item, profile, keep)]
            for path, items in _lists(loaded.data, ())}
    lists = dict(_lists(loaded.data, ()))
    # Purposes and categories left out, by id: a lawful basis for none but them is left out too.
    gone_ids = {key: {str(lists[(key,)][index].get("id")) for index in gone[(key,)]}
                for key in _NAMED_IN_BASES if (key,) in gone}
    if (BASES,) in gone:
        gone[(BASES,)] += [index for index, item in enumerate(lists[(BASES,)]) if index not in gone[(BASES,)]
                           and isinstance(item, dict) and _names_only_gone(item, gone_ids)]
    for path, indexes in gone.items():
        for index in indexes:
            dropped.update(_item_lines(lines, loaded.value_marks[(*path, index)][0] - 1))
        if indexes and len(indexes) == len(lists[path]):
            emptied.append(loaded.key_marks[path][0] - 1)
    _forget_gone_ids(loaded, lines, gone_ids, dropped)
    for line in emptied:
        head, colon, rest = lines[line].partition(":")
        comment = rest.strip()
        lines[line] = f"{head}{colon} []{' ' + comment if comment else ''}\n"
    return "".join(line for number, line in enumerate(lines) if number not in dropped)


def _names_only_gone(basis: dict, gone_ids: dict[str, set[str]]) -> bool:
    """A lawful basis for purposes (or categories) that are all left out: it is left out with them."""
    return any(isinstance(basis.get(key), list) and basis[key] and set(map(str, basis[key])) <= gone_ids.get(key, set())
               for key in _NAMED_IN_BASES)


def _forget_gone_ids(loaded: LoadedYaml, lines: list[str], gone_ids: dict[str, set[str]], dropped: set[int]) -> None:
    """Take the ids of left-out purposes and categories out of the `purposes:` and `categories:` of the lawful
    bases kept, so that no basis names what the notice no longer has."""
    bases = loaded.data.get(BASES) if isinstance(loaded.data, dict) else None
    for index, basis in enumerate(bases if isinstance(bases, list) else []):
        for key in _NAMED_IN_BASES:
            named, gone = basis.get(key) if isinstance(basis, dict) else None, gone_ids.get(key, set())
            if not isinstance(named, list) or not gone & set(map(str, named)):
                continue
            line = loaded.key_marks[(BASES, index, key)][0] - 1
            if line in dropped:
                continue
            if loaded.value_marks[(BASES, index, key, 0)][0] - 1 == line:  # written as [a, b] on its line
                head = lines[line][:lines[line].index(":") + 1]
                lines[line] = f"{head} [{', '.join(str(i) for i in named if str(i) not in gone)}]\n"
            else:
                dropped.update(loaded.value_marks[(BASES, index, key, position)][0] - 1
                               for position, i in enumerate(named) if str(i) in gone)


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
