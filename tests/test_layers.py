"""Dependencies run one way: the facts and the law import nothing that renders, checks, publishes or reviews them."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import PROJECT

# What each lower layer may import from the generator, besides itself.
# generator.distribution (the tool's version and addresses) imports nothing of the generator.
ALLOWED = {
    "law": {"generator.law", "generator.notices_error", "generator.defaults", "generator.distribution"},
    "facts": {"generator.facts", "generator.law", "generator.notices_error", "generator.defaults", "generator.distribution"},
}


def _imports(module: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(module.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found += [(node.lineno, node.module)] + [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names
                                                     if node.module == "generator"]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return found


def _upward(layer: str, root: Path = PROJECT) -> list[str]:
    wrong = []
    for module in sorted((root / "generator" / layer).rglob("*.py")):
        for line, name in _imports(module):
            if name.startswith("generator") and name != "generator" and not any(
                    name == allowed or name.startswith(allowed + ".") for allowed in ALLOWED[layer]):
                wrong.append(f"{module.relative_to(root)}:{line}: imports {name}")
    return wrong


def test_the_law_imports_nothing_above_it() -> None:
    assert _upward("law") == []


def test_the_facts_import_nothing_above_them() -> None:
    assert _upward("facts") == []


def test_the_check_finds_an_upward_import(tmp_path) -> None:
    layer = tmp_path / "generator" / "law"
    layer.mkdir(parents=True)
    (layer / "dates.py").write_text("from generator.facts.models import Notice\nfrom generator import render\n", "utf-8")
    assert _upward("law", tmp_path) == ["generator/law/dates.py:1: imports generator.facts.models",
                                        "generator/law/dates.py:2: imports generator.render"]
