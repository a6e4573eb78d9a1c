"""Where the defaults shipped with the tool are: templates, site overrides, example facts, the manual.

In an installed wheel they live in the package (``generator/_defaults/``, mapped there from this
repository's top-level folders by pyproject.toml's ``package-dir``); in a checkout of this
repository they are those top-level folders themselves.
"""

from __future__ import annotations

import os
from pathlib import Path

_INSTALLED = Path(__file__).resolve().parent / "_defaults"
_CHECKOUT = Path(__file__).resolve().parent.parent
# Each default -> its folder in this repository; pyproject.toml's package-dir maps the same pairs.
_REPOSITORY_FOLDERS = {
    "templates": "templates", "site_overrides": "site_overrides", "example": "notices",
    "manual": "docs", "workflows": ".github/workflows",
}


def packaged(name: str) -> Path:
    """The folder of one default, e.g. ``packaged("templates")``."""
    installed = _INSTALLED / name
    return installed if installed.is_dir() else _CHECKOUT / _REPOSITORY_FOLDERS[name]


def manual(page: str) -> str:
    """Where to read a page of the manual, e.g. ``manual("errors.md#missing")``.

    Relative to the current folder when the manual is inside it (in this repository,
    'docs/errors.md#missing'), else the page in the installed package: a school's repository has
    no docs/ folder of its own.
    """
    folder = packaged("manual")
    try:
        shown = folder.relative_to(Path.cwd().resolve())
    except ValueError:
        shown = folder
    return f"{Path(os.path.normpath(shown)).as_posix()}/{page}"
