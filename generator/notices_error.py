"""The one family of problems a user can fix: each shows itself in plain lines and exits 1.

Modelled on ``mkdocs/exceptions.py``: the CLI prints any ``NoticesError`` as it asks to be shown, the
MkDocs plugin hands the same lines to MkDocs as a ``PluginError``, and anything else that escapes is
a bug, reported as an internal error (with a traceback under ``--debug``).
"""

from __future__ import annotations

import click

from generator.distribution import manual


class NoticesError(click.ClickException):
    """A problem in what the user gave us (facts, options, folders), not in the generator."""

    exit_code = 1
    see: str | None = None  # the manual's page on this kind of problem, e.g. 'refuses.md#formats'
    closing: str | None = None  # the line that ends the report in a terminal, e.g. 'nothing was built'

    def __init__(self, message: str, see: str | None = None):
        super().__init__(message)
        if see is not None:
            self.see = see

    def details(self) -> list[str]:
        """The problem's lines: what is wrong (file:line:col first, where known), then where the manual says more."""
        return [f"error: {self.message}"] + ([f"  see {manual(self.see)}"] if self.see else [])

    def show(self, file=None) -> None:
        for line in self.details() + ([self.closing] if self.closing else []):
            click.echo(line, err=True, file=file)
