"""Where the tool comes from: its version, its public addresses and the line that installs it.

All of it is read at run time from the installed package's metadata, that is from pyproject.toml
(`version` and `[project.urls]`), so that each is written in one place.
"""

from __future__ import annotations

from functools import cache

DISTRIBUTION = "privacy-notices"

# Until the first release is on PyPI, a school installs a release tag straight from the repository.
# The day it is, set this to True: requirements.txt, the pre-commit hook and the messages that say
# how to install then name the package on PyPI instead (docs/releasing.md).
ON_PYPI = False


def tool_version() -> str:
    from importlib import metadata  # a fifth of a second on a slow machine: only when asked

    return metadata.version(DISTRIBUTION)


@cache
def project_urls() -> dict[str, str]:
    """pyproject.toml's [project.urls], e.g. {'Repository': 'https://github.com/...'}."""
    from importlib import metadata

    entries = metadata.metadata(DISTRIBUTION).get_all("Project-URL") or []
    return dict(entry.split(", ", 1) for entry in entries)


def project_url(label: str) -> str:
    try:
        return project_urls()[label]
    except KeyError:
        raise RuntimeError(f"the installed {DISTRIBUTION} has no '{label}' address: its metadata predates "
                           "[project.urls] in pyproject.toml; reinstall it (pip install -e .)") from None


def manual(page: str) -> str:
    """The public address of a page of the manual, e.g. ``manual("errors.md#missing")``: never a path on
    the machine that runs the tool, so that a link in a report or a pull-request comment opens anywhere.
    `notices docs TOPIC` shows the copy installed with the tool, offline."""
    return project_url("Documentation").rstrip("/") + "/" + page


def requirement(extra: str = "") -> str:
    """What to give pip to install this version, e.g. "privacy-notices[build]==0.3.0" once on PyPI."""
    name = f"{DISTRIBUTION}[{extra}]" if extra else DISTRIBUTION
    if ON_PYPI:
        return f"{name}=={tool_version()}"
    return f"{name} @ git+{project_url('Repository')}@v{tool_version()}"
