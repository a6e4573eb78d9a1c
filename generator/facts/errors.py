"""Problems found in the facts, as values that carry their place in a file."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from generator.distribution import manual
from generator.notices_error import NoticesError


@dataclass(frozen=True, order=True)
class Location:
    """A place in a fact file: 1-based line and column, as editors count them."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


ERRORS_MANUAL = "errors.md"  # the manual's page on fact errors
# FactError.code -> its section of docs/errors.md. Codes not named here are pydantic's error types:
# '..._type' and 'bool_parsing' are values of the wrong shape, anything else a value that is not allowed.
_ERROR_KINDS = {
    "encoding": "file", "size": "file", "path": "file", "io": "file", "id": "file", "empty": "file",
    "yaml": "yaml", "extra_forbidden": "unknown-key", "missing": "missing", "duplicate-id": "duplicate-id",
    "unknown-id": "unknown-id", "unknown-recipient": "unknown-id", "unknown-notice": "unknown-id",
    "unknown-section": "unknown-id", "include": "unknown-key",
    "placeholder": "placeholder",
}


def error_kind(code: str) -> str:
    """The section of docs/errors.md that explains errors with this code."""
    if code in _ERROR_KINDS:
        return _ERROR_KINDS[code]
    return "wrong-type" if code.endswith("_type") or code.startswith("bool") else "bad-value"


@dataclass(frozen=True)
class FactError:
    """One thing wrong with the facts: where, which key, what is wrong, what to do."""

    location: Location
    message: str
    hint: str = ""
    key_path: str = ""
    code: str = "facts"

    @property
    def see(self) -> str:
        """Where the manual explains this kind of error, e.g. 'docs/errors.md#missing'."""
        return manual(f"{ERRORS_MANUAL}#{error_kind(self.code)}")

    def __str__(self) -> str:
        where = f"{self.location}: "
        key = f"{self.key_path}: " if self.key_path else ""
        text = f"{where}{key}{self.message}"
        if self.hint:
            text += f" {self.hint}"
        return printable(text)  # a value quoted in the message may hold a newline: keep it one line


class FactErrors(NoticesError):
    """Raised at the edge of a stage that found errors; carries all of them."""

    def __init__(self, errors: list[FactError]):
        self.errors = list(errors)
        super().__init__("\n".join(str(error) for error in self.errors))
        noun = "problem" if len(self.errors) == 1 else "problems"
        self.closing = f"{len(self.errors)} {noun} in the facts; nothing was built or changed."

    def details(self) -> list[str]:
        # The manual's link on its own line: each problem's first line stays file:line:col for editors.
        return [line for error in self.errors for line in (str(error), f"  see {error.see}")]

    def __str__(self) -> str:
        return self.message


def printable(text: str) -> str:
    """Text as it can be printed on one line of a report: control characters (a newline in a file name)
    written as escapes, so that no name can start a line of its own."""
    return "".join(character if character.isprintable() else repr(character)[1:-1] for character in text)


def display_path(path: Path, root: Path | None = None) -> str:
    """The path as the user will recognise it (relative to the working folder when possible), on one line."""
    return printable(_relative_path(path, root))


def _relative_path(path: Path, root: Path | None) -> str:
    for base in (Path.cwd(), root):
        if base is None:
            continue
        # Links are named as written, not by their targets; failing that, with the folders resolved.
        for shown, anchor in ((Path(os.path.abspath(path)), Path(os.path.abspath(base))),
                              (path.parent.resolve() / path.name, base.resolve())):
            try:
                return shown.relative_to(anchor).as_posix()
            except ValueError:
                continue
    return path.as_posix()
