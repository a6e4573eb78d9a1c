"""The architecture map (docs/architecture.md) and the README's layout name every package of the generator,
and every path the map names exists: a new package, or a moved module, fails here until the map shows it."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import PROJECT

MAP = PROJECT / "docs" / "architecture.md"
README = PROJECT / "README.md"
# A path the map names: code (in backticks) or the diagram's last column, from a top-level folder or file.
_CODE = re.compile(r"`([^`\s]+)`")
_DIAGRAM_PATH = re.compile(r"(?<![\w/])(?:generator|notices)/[\w./*]*")


def packages(root: Path = PROJECT) -> list[str]:
    """Every folder of Python modules under generator/, as the map writes it: 'generator/render/formats/'."""
    return sorted(f"{folder.relative_to(root).as_posix()}/" for folder in (root / "generator").rglob("*")
                  if folder.is_dir() and any(folder.glob("*.py")) and "__pycache__" not in folder.parts)


def top_level_modules(root: Path = PROJECT) -> list[str]:
    """Every module at the top of generator/ ('generator/cli.py'), leaving out __init__.py."""
    return sorted(f"generator/{module.name}" for module in (root / "generator").glob("*.py")
                  if not module.name.startswith("_"))


def named_paths(text: str) -> set[str]:
    """What the map names as a path: code with a slash or a file suffix, and the diagram's folders."""
    code = {token for token in _CODE.findall(text) if "/" in token or re.fullmatch(r"[\w.-]+\.(py|ya?ml|md)", token)}
    return code | set(_DIAGRAM_PATH.findall(text))


def missing_from_map(text: str, root: Path = PROJECT) -> list[str]:
    named = named_paths(text)
    return [path for path in packages(root) + top_level_modules(root) if path not in named]


def test_the_map_names_every_package_and_every_top_level_module() -> None:
    assert missing_from_map(MAP.read_text("utf-8")) == []


def test_a_new_package_missing_from_the_map_is_found(tmp_path: Path) -> None:
    (tmp_path / "generator" / "facts").mkdir(parents=True)
    (tmp_path / "generator" / "facts" / "load.py").write_text("", "utf-8")
    (tmp_path / "generator" / "export").mkdir()
    (tmp_path / "generator" / "export" / "__init__.py").write_text("", "utf-8")
    (tmp_path / "generator" / "cli.py").write_text("", "utf-8")
    assert missing_from_map("`generator/facts/` and `generator/cli.py`", tmp_path) == ["generator/export/"]


def test_every_path_the_map_names_exists() -> None:
    named = named_paths(MAP.read_text("utf-8"))
    assert {"generator/pipeline.py", "generator/law/rules.yaml", "notices/*.yaml"} <= named
    assert [path for path in sorted(named) if not any(PROJECT.glob(path))] == []


def test_the_readme_layout_names_every_top_level_package() -> None:
    layout = README.read_text("utf-8").split("## Layout", 1)[1].split("\n## ", 1)[0]
    generator = layout.split("\ngenerator/", 1)[1].split("\ndocs/", 1)[0]
    top_level = sorted(path.split("/")[1] for path in packages() if path.count("/") == 2)
    assert [package for package in top_level if not re.search(rf"(?<![\w/]){package}/", generator)] == []
    assert "docs/architecture.md" in generator
