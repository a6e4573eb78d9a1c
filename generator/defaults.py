"""Where the defaults shipped with the tool are: templates, site overrides, the manual, the workflow.

In an installed wheel they live in the package (``generator/_defaults/``, mapped there from this
repository's top-level folders by pyproject.toml's ``package-dir``); in a checkout of this
repository they are those top-level folders themselves.
"""

from __future__ import annotations

from pathlib import Path

_INSTALLED = Path(__file__).resolve().parent / "_defaults"
_CHECKOUT = Path(__file__).resolve().parent.parent
# Each default -> its folder in this repository; pyproject.toml's package-dir maps the same pairs.
_REPOSITORY_FOLDERS = {
    "templates": "templates", "site_overrides": "site_overrides", "manual": "docs", "workflows": ".github/workflows",
}


def packaged(name: str) -> Path:
    """The folder of one default, e.g. ``packaged("templates")``."""
    installed = _INSTALLED / name
    return installed if installed.is_dir() else _CHECKOUT / _REPOSITORY_FOLDERS[name]



# Names the build cache's folder, as `notices build --cache` does (the workflow sets it).
CACHE_FOLDER_VARIABLE = "NOTICES_CACHE"
