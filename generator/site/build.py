"""Building the website into a folder, replacing it only when the whole build succeeded."""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator.errors import NoticesError
from generator.publish import check_output_folder, staged_output


class SiteFailed(NoticesError):
    """The site did not build; MkDocs has already said why."""


def build_site(config_file: Path, out: Path) -> Path:
    """Build the site described by ``config_file`` into ``out`` with MkDocs in strict mode (any warning fails).

    The build goes into a fresh folder beside ``out``, which replaces ``out`` only on success.
    """
    project = config_file.resolve().parent
    check_output_folder(out, project, inputs=(project / "notices", project / "templates", project / "site_overrides"))
    with staged_output(out) as staging:
        try:  # MkDocs logs each problem (a wrong plugin option names itself), then aborts
            mkdocs_build(load_config(str(config_file), site_dir=str(staging), strict=True))
        except Abort as problem:
            raise SiteFailed(f"the website was not built ({problem}); {out}/ was left as it was.") from None
    return out
