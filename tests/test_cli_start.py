"""A command starts without loading what it does not use: `notices --version`, `notices COMMAND --help` and
`notices check` (the pre-commit hook) leave the website, the libraries that write and read files and the review
diff unloaded."""

from __future__ import annotations

import json
import subprocess
import sys

import click

import generator.cli
from generator.diff import REPORTS
from tests.conftest import EXAMPLE

# What only building, serving or reviewing needs: MkDocs, the Word and PDF writers, Markdown, the diff.
NOT_FOR_STARTING = ("mkdocs", "docx", "typst", "markdown", "jinja2", "generator.site", "generator.diff",
                    "generator.render.formats.pdf", "generator.pipeline", "coloraide")
# Nor the libraries that write and read the files: python-docx, PDFium, openpyxl, Typst (a fact in plain letters
# needs no font looked up).
NOT_FOR_CHECKING = ("mkdocs", "generator.site", "generator.diff", "generator.pipeline", "docx", "pypdfium2",
                    "openpyxl", "typst")


def _loaded_after(*arguments: str) -> set[str]:
    """The modules a fresh Python holds after running `notices ARGUMENTS`."""
    program = ("import json, sys\nfrom generator.cli import main\n"
               f"sys.argv = ['notices', *{list(arguments)!r}]\n"
               "try:\n    main()\nexcept SystemExit:\n    pass\n"
               "print(json.dumps(sorted(sys.modules)))")
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    return set(json.loads(result.stdout.splitlines()[-1]))


def _top(modules: set[str], names: tuple[str, ...]) -> set[str]:
    return {name for name in names if any(module == name or module.startswith(name + ".") for module in modules)}


def test_the_version_and_a_commands_help_load_nothing_the_command_does_not_run() -> None:
    for arguments in (["--version"], ["check", "--help"], ["build", "--help"]):
        assert _top(_loaded_after(*arguments), NOT_FOR_STARTING) == set(), arguments


def test_check_loads_neither_the_website_nor_the_review_nor_the_writers_of_files() -> None:
    assert _top(_loaded_after("check", "--facts", str(EXAMPLE)), NOT_FOR_CHECKING) == set()


def test_the_diff_offers_every_report_the_diff_writes() -> None:
    diff = generator.cli.main.commands["diff"]
    choice = next(parameter.type for parameter in diff.params if parameter.name == "report_format")
    assert isinstance(choice, click.Choice)
    assert sorted(choice.choices) == sorted(REPORTS)
