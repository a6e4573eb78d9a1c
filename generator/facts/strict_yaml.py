"""Strict YAML: PyYAML's parser with YAML 1.2 core scalars and every position kept.

What it refuses, and why:
- duplicate keys (PyYAML keeps the last one silently: that is lost data);
- aliases (``*name``) and merge keys: they make alias bombs possible and hide where a value came from;
- files over 1 MiB and files that are not UTF-8.
What it keeps as text: ``yes``/``no``/``on``/``off``/``y``/``n``, numbers with a leading zero
(phone numbers, URNs), decimals (a version ``2.10`` would otherwise become ``2.1``; no fact is a
decimal number) and dates (the facts model parses dates itself).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# libyaml, shipped in PyYAML's wheels; a PyYAML built without it leaves the Python parser to do it all.
LIBYAML: bool = yaml.__with_libyaml__

from generator.facts.errors import FactError, Location

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 50  # fact files need fewer than ten levels

KeyPath = tuple[str | int, ...]

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
# The tags PyYAML gives plain values itself; an explicit tag like !!python/object is refused.
_CORE_TAGS = {f"tag:yaml.org,2002:{name}"
              for name in ("str", "int", "float", "bool", "null", "timestamp", "value", "map", "seq")}


@dataclass
class LoadedYaml:
    """A parsed YAML file: plain Python data plus where each value and key sits."""

    data: Any
    file: str
    value_marks: dict[KeyPath, tuple[int, int]]
    key_marks: dict[KeyPath, tuple[int, int]]
    # Text written as a literal block (``key: |``): where its first line is, (line, column), so that
    # a line within the text can be found in the file.
    block_starts: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def text_location(self, path: KeyPath, text_line: int) -> Location | None:
        """Where line ``text_line`` (from 1) of the text at ``path`` is in the file, if it was a literal block."""
        start = self.block_starts.get(tuple(path))
        return Location(self.file, start[0] + text_line - 1, start[1]) if start else None

    def location(self, path: KeyPath) -> Location:
        """The best place to point at for ``path``: the key if it exists, else its nearest parent."""
        probe = tuple(path)
        while probe:
            mark = self.key_marks.get(probe) or self.value_marks.get(probe)
            if mark:
                return Location(self.file, *mark)
            probe = probe[:-1]
        mark = self.value_marks.get((), (1, 1))
        return Location(self.file, *mark)


class StrictYamlError(Exception):
    def __init__(self, error: FactError):
        super().__init__(str(error))
        self.error = error


def format_key_path(path: KeyPath) -> str:
    """``('categories', 2, 'examples')`` -> ``categories[3].examples`` (items counted from 1)."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _StrictComposer(yaml.composer.Composer):
    """PyYAML's composer, refusing aliases before they can be expanded, and nesting deep enough to
    exhaust Python's recursion limit (PyYAML's composer recurses once per level)."""

    depth = 0

    def compose_node(self, parent, index):  # PyYAML's untyped signature: its parser or libyaml's feeds it
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise yaml.MarkedYAMLError(
                problem="uses an alias (*name), which is not allowed in fact files",
                problem_mark=event.start_mark,
            )
        if self.depth >= MAX_DEPTH:
            raise yaml.MarkedYAMLError(problem="nests too deep", problem_mark=event.start_mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _NoAliasLoader(_StrictComposer, yaml.SafeLoader):
    """All in Python: slower, but its error messages are the ones _PLAIN_PROBLEMS rewords."""


if LIBYAML:
    from yaml._yaml import CParser  # where yaml.cyaml takes it from (its stubs do not re-export it)

    class _FastLoader(_StrictComposer, CParser, yaml.resolver.Resolver):
        """libyaml scans and parses; the same strict composer builds the nodes. About ten times faster."""

        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            _StrictComposer.__init__(self)
            yaml.resolver.Resolver.__init__(self)


def _compose(text: str) -> yaml.Node | None:
    """The document's node tree. A file libyaml cannot read is read again by the Python parser, whose
    errors say where and what (and which also refuses the control characters libyaml lets through)."""
    if LIBYAML and not yaml.reader.Reader.NON_PRINTABLE.search(text):
        fast_loader = _FastLoader(text)
        try:
            return fast_loader.get_single_node()
        except yaml.YAMLError:
            pass
        finally:
            fast_loader.dispose()
    loader = _NoAliasLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


class _Builder:
    def __init__(self, file: str, lines: list[str]):
        self.file = file
        self.lines = lines
        self.value_marks: dict[KeyPath, tuple[int, int]] = {}
        self.key_marks: dict[KeyPath, tuple[int, int]] = {}
        self.block_starts: dict[KeyPath, tuple[int, int]] = {}

    def fail(self, node: yaml.Node, path: KeyPath, message: str, hint: str) -> None:
        raise StrictYamlError(
            FactError(Location(self.file, *_mark(node)), message, hint, format_key_path(path), "yaml")
        )

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        self.value_marks[path] = _mark(node)
        if node.tag not in _CORE_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.fail(node, path, f"uses the tag {tag}, which fact files do not support.", "Remove the tag.")
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)  # a YAML node is a mapping, a sequence or a scalar
        return self._scalar(node, path)

    def _refuse_escaped_character(self, node: yaml.ScalarNode, path: KeyPath, unprintable: str) -> None:
        """Refuse a character only a quoted escape can write (``"\\x01"``, ``"\\e"``, ``"\\uFFFE"``), which
        no document can hold: XML, and so Word, refuses it. Points at the escape where it can be found."""
        (line, column), (end_line, end_column) = _mark(node), (node.end_mark.line + 1, node.end_mark.column + 1)
        written = "\n".join(self.lines[line - 1:end_line])[column - 1:]
        written = written[:len(written) - (len(self.lines[end_line - 1]) - end_column + 1)]
        for escape in _ESCAPE.finditer(written):
            character = _unescape(escape[0])
            if character and _NOT_TEXT.fullmatch(character):
                before = written[:escape.start()]
                line += before.count("\n")
                column = (column + escape.start()) if "\n" not in before else escape.start() - before.rfind("\n")
                raise StrictYamlError(FactError(
                    Location(self.file, line, column),
                    f"has {_describe_character(character)}, written as {escape[0]}, which no document can hold.",
                    "Delete it. To start a new line, write the text on a new line; for a gap, use a space.",
                    format_key_path(path), "yaml"))
        self.fail(node, path, f"has {_describe_character(unprintable)}, which no document can hold.", "Delete it.")

    def _mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node, path, "has a key that is a list or a mapping.", "Keys must be plain words.")
            key = key_node.value
            if key == "<<" and key_node.tag == "tag:yaml.org,2002:merge":
                self.fail(key_node, path, "uses a merge key (<<), which is not allowed.", "Write the values out in full.")
            if key in result:
                first_line = self.key_marks[path + (key,)][0]
                self.fail(
                    key_node,
                    path + (key,),
                    f"is given twice (first on line {first_line}).",
                    "Keep one of the two and delete the other; YAML would silently drop the first.",
                )
            self.key_marks[path + (key,)] = _mark(key_node)
            result[key] = self.build(value_node, path + (key,))
        return result

    def _scalar(self, node: yaml.ScalarNode, path: KeyPath) -> Any:
        text = node.value
        if unprintable := _NOT_TEXT.search(text):
            self._refuse_escaped_character(node, path, unprintable[0])
        if node.style == "|":  # its lines start on the line after the "|", as written in the file
            first = node.start_mark.line + 1
            indented = next((line for line in self.lines[first:] if line.strip()), "")
            self.block_starts[path] = (first + 1, len(indented) - len(indented.lstrip(" ")) + 1)
        if node.style in ("'", '"', "|", ">") or node.tag == "tag:yaml.org,2002:str":
            return text
        if _NULL.match(text):
            return None
        if text in _BOOL:
            return _BOOL[text]
        if _INT.match(text):
            try:
                return int(text)
            except ValueError:  # over Python's limit of 4,300 digits: no fact is such a number
                self.fail(node, path, f"this number is too long ({len(text.lstrip('+-')):,} digits).",
                          f"Write it in quotes if it is text, e.g. \"{text[:12]}...\".")
        return text


# What YAML refuses written as it is, it also refuses written as an escape: control characters but
# tab, line feed and carriage return; U+FFFE and U+FFFF; halves of surrogate pairs.
_NOT_TEXT = yaml.reader.Reader.NON_PRINTABLE
_ESCAPE = re.compile(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")


def _unescape(escape: str) -> str | None:
    """The character a double-quoted YAML escape stands for, e.g. ``\\e`` -> U+001B."""
    if escape[1] in yaml.scanner.Scanner.ESCAPE_CODES:
        return chr(int(escape[2:], 16))  # noqa: FURB166 - YAML's prefix \x, \u or \U, not Python's 0x
    return yaml.scanner.Scanner.ESCAPE_REPLACEMENTS.get(escape[1])


def _describe_character(character: str) -> str:
    code = f"U+{ord(character):04X}"
    if unicodedata.category(character) == "Cs":
        return f"half of a character pair ({code}) without its other half"
    if unicodedata.category(character) == "Cc":
        return f"an invisible control character ({code})"
    return f"a code that is not a character ({code})"


def _decode(raw: bytes, file: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise StrictYamlError(
            FactError(
                Location(file, line, column),
                f"is not UTF-8 text (byte {error.start} is 0x{raw[error.start]:02x}).",
                "Save the file as UTF-8: in most editors, 'Save with encoding' then 'UTF-8'.",
                code="encoding",
            )
        ) from None


def parse_yaml(raw: bytes, file: str) -> LoadedYaml:
    """Parse one YAML document strictly. Raises StrictYamlError naming file:line:col."""
    if len(raw) > MAX_FILE_BYTES:
        raise StrictYamlError(too_large(file, len(raw)))
    text = _decode(raw, file)
    try:
        node = _compose(text)
    except yaml.reader.ReaderError as error:
        raise StrictYamlError(_unprintable(text, error.position, file)) from None
    except yaml.MarkedYAMLError as error:
        message, hint, at_opening = _plain_yaml_problem((error.problem or "is not valid YAML").rstrip("."))
        # An unclosed bracket or quote is found at the end of the file; point at where it was opened.
        mark = (error.context_mark if at_opening else None) or error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise StrictYamlError(FactError(Location(file, line, column), message, hint, code="yaml")) from None
    builder = _Builder(file, text.splitlines())
    data = builder.build(node, ()) if node is not None else None
    return LoadedYaml(data, file, builder.value_marks, builder.key_marks, builder.block_starts)


# PyYAML's wording of the usual slips -> (what is wrong, what to do), in words for a first-time editor.
_PLAIN_PROBLEMS = [
    ("alias", "uses an alias (*name), which fact files do not allow.",
     "Write the value out in full instead of referring to an anchor (&name)."),
    ("nests too deep", f"nests lists or sets of keys more than {MAX_DEPTH} levels deep.",
     "Fact files need only a few levels: check the brackets and the indentation."),
    ("'\\t'", "has a tab character, which YAML does not allow for indenting.", "Indent with spaces, not tabs."),
    ("mapping values are not allowed", "has a ': ' that YAML reads as the start of a new key.",
     "If the text contains ': ', put the whole text in quotes; otherwise line this key up with the keys around it."),
    ("expected ',' or ']'", "opens a list with [ that is not closed.",
     "Add the closing ], or write the list as lines starting with '- '."),
    ("expected ',' or '}'", "opens a set of values with { that is not closed.",
     "Add the closing }, or write the values as 'key: value' lines."),
    ("found unexpected end of stream", "opens a quote that is not closed.",
     "Add the closing quote mark at the end of the text."),
    ("expected <block end>", "is where YAML expected a new 'key: value' line but found more text.",
     "Check the quote marks here and on the lines above (text with an apostrophe goes in double quotes, "
     "e.g. \"It's short\"), and that this line is indented like its neighbours."),
]


def _unprintable(text: str, position: int, file: str) -> FactError:
    before = text[:position]
    line, column = before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1
    return FactError(
        Location(file, line, column),
        f"has an invisible control character (U+{ord(text[position]):04X}) that YAML does not allow.",
        "Delete it: such characters often come with text copied from another program.",
        code="yaml",
    )


def _plain_yaml_problem(problem: str) -> tuple[str, str, bool]:
    """(message, hint, whether to point at the opening bracket or quote rather than where YAML gave up)."""
    for fragment, message, hint in _PLAIN_PROBLEMS:
        if fragment in problem:
            return message, hint, message.startswith("opens")
    return f"is not valid YAML ({problem}).", "Check indentation and quoting on this line and the one before it.", False


def too_large(file: str, size: int) -> FactError:
    """A fact file of ``size`` bytes, over MAX_FILE_BYTES: refused before it is read or parsed."""
    return FactError(Location(file, 1, 1), f"is {size:,} bytes, over the 1 MiB limit for a fact file.",
                     "Split it into smaller files, or move long text out of the facts.", code="size")


def load_yaml_file(path: Path, display: str) -> LoadedYaml:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise StrictYamlError(too_large(display, size))
    return parse_yaml(path.read_bytes(), display)
