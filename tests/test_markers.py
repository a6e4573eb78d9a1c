"""`make check` leaves out every test that needs a browser or LibreOffice: the markers are registered (a
misspelt one is an error), every test that reaches Chromium or LibreOffice carries its marker, and no test
module loads Playwright as it is imported (a run without browser tests never loads it)."""

from __future__ import annotations

import ast
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import PROJECT

TESTS = PROJECT / "tests"
BROWSER_LIBRARIES = ("playwright", "axe_playwright_python")
FAST_VERDICT_LEAVES_OUT = {"browser", "office", "slow"}


@cache
def _modules() -> dict[Path, ast.Module]:
    """Every test module's syntax tree: read when a test here runs, not when the tests are collected."""
    return {path: ast.parse(path.read_text("utf-8"), str(path)) for path in sorted(TESTS.rglob("*.py"))}


def _imports_browser_library(node: ast.AST) -> bool:
    names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
             else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
    return any(name.split(".")[0] in BROWSER_LIBRARIES for name in names)


def _runs_libreoffice(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value in ("soffice", "libreoffice")


# What a test or fixture does when it reaches the program itself, not through a fixture; and the fixture
# tests/conftest.py gives it by.
REACHES = {"browser": (_imports_browser_library, "chromium"), "office": (_runs_libreoffice, "libreoffice")}


def _functions(name_is: Callable[[ast.FunctionDef], bool]) -> list[tuple[Path, ast.FunctionDef]]:
    return [(path, node) for path, module in _modules().items() for node in ast.walk(module)
            if isinstance(node, ast.FunctionDef) and name_is(node)]


def _reaches(function: ast.FunctionDef, sign: Callable[[ast.AST], bool], fixtures: set[str]) -> bool:
    return bool({argument.arg for argument in function.args.args} & fixtures) or any(map(sign, ast.walk(function)))


def _fixtures_reaching(sign: Callable[[ast.AST], bool], given_by: str) -> set[str]:
    """Every fixture of the test suite that reaches the program, itself or through other fixtures."""
    fixtures = [node for _, node in _functions(lambda node: any("fixture" in ast.unparse(d) for d in node.decorator_list))]
    reaching = {given_by}
    while more := {fixture.name for fixture in fixtures if _reaches(fixture, sign, reaching)} - reaching:
        reaching |= more
    return reaching


def test_the_markers_are_registered_and_a_misspelt_one_is_an_error(pytestconfig: pytest.Config) -> None:
    registered = {line.split(":")[0] for line in pytestconfig.getini("markers")}
    assert FAST_VERDICT_LEAVES_OUT <= registered
    assert "--strict-markers" in pytestconfig.getini("addopts")


@pytest.mark.parametrize("marker", sorted(REACHES))
def test_every_test_that_reaches_the_program_carries_its_marker(request: pytest.FixtureRequest, marker: str) -> None:
    """Read off the tests' source, not off the hook that marks them: a test or fixture that opens Chromium or
    LibreOffice some other way fails here, in whatever run selected it."""
    sign, given_by = REACHES[marker]
    fixtures = _fixtures_reaching(sign, given_by)
    tests = {(path, node.name) for path, node in _functions(lambda node: node.name.startswith("test_"))
             if _reaches(node, sign, set())}
    unmarked = [item.nodeid for item in request.session.items
                if (set(getattr(item, "fixturenames", ())) & fixtures
                    or (item.path, getattr(item, "originalname", item.name)) in tests)
                and item.get_closest_marker(marker) is None]
    assert unmarked == []


def test_no_test_module_imports_playwright_as_it_loads() -> None:
    """Only inside a fixture or a test: importing Playwright costs every test worker a fifth of a second."""
    in_functions = {id(node) for _, function in _functions(lambda node: True) for node in ast.walk(function)}
    at_load = [f"{path.relative_to(PROJECT)}:{node.lineno}" for path, module in _modules().items()
               for node in ast.walk(module) if isinstance(node, (ast.Import, ast.ImportFrom))
               and _imports_browser_library(node) and id(node) not in in_functions]
    assert at_load == []
