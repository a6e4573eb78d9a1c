"""The law's data files of this package, read by libyaml where PyYAML has it (ten times faster than its
Python parser, which gives the same values: these files are ours, so only a fact file needs the strict loader)."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def law_data(name: str) -> Any:
    """The values of ``generator/law/<name>``."""
    return yaml.load(resources.files("generator.law").joinpath(name).read_text("utf-8"), Loader=LOADER)
