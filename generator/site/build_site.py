"""Building the website into a folder, replacing it only when the whole build succeeded."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator.distribution import manual
from generator.notices_error import NoticesError
from generator.publish import check_output_folder, staged_output

log = logging.getLogger(__name__)
NO_SITE_ADDRESS = ("the website has no address of its own: its sitemap.xml lists no page and its feed of changes "
                   "(changes.xml) links only relatively, so search engines and feed readers cannot follow them. "
                   "Give the address it is published at in organisation.yaml, under brand:, e.g. "
                   "'site_address: https://www.example.org/privacy/' (see {see}).")


class SiteFailed(NoticesError):
    """The site did not build; MkDocs has already said why."""


def build_site(config_file: Path, out: Path, portable: bool = False, publish_incomplete: bool = False) -> Path:
    """Build the site described by ``config_file`` into ``out`` with MkDocs in strict mode (any warning fails).

    The build goes into a fresh folder beside ``out``, which replaces ``out`` only on success.
    ``portable`` makes a site that works opened from a folder, as the plugin's ``portable`` option does;
    ``publish_incomplete`` turns on the notices plugin's option of that name, whatever mkdocs.yml says.
    """
    project = config_file.resolve().parent
    check_output_folder(out, project, inputs=(project / "notices", project / "templates", project / "site_overrides"))
    with staged_output(out) as staging:
        try:  # MkDocs logs each problem (a wrong plugin option names itself), then aborts
            config = load_config(str(config_file), site_dir=str(staging), strict=True)
            if portable:
                if "notices" not in config.plugins:
                    raise SiteFailed(f"{config_file} does not use the notices plugin, so --portable cannot apply: "
                                     "add '- notices' under 'plugins:'.")
                config.plugins["notices"].config["portable"] = True
            if publish_incomplete and "notices" in config.plugins:
                config.plugins["notices"].config.publish_incomplete = True
            mkdocs_build(config)
            if not portable and not config.site_url:  # after the strict build: a warning, not a failure
                log.warning(NO_SITE_ADDRESS.format(see=manual("publishing.md#the-sites-address")))
        except Abort as problem:
            raise SiteFailed(f"the website was not built ({problem}); {out}/ was left as it was.") from None
    return out
