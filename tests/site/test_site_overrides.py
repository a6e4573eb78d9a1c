"""A school's website takes the theme changes from the installed tool, and a file of its own under
site_overrides/ (its custom_dir) replaces the packaged file of the same name only."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.site.build_site import build_site
from tests.conftest import fill_placeholders
from tests.site.conftest import set_plugin_option

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

OUR_FOOTER = "Hill Trust's own footer."


def school_repository(tmp_path: Path) -> Path:
    school = tmp_path / "hill-trust"
    assert CliRunner().invoke(main, ["init", str(school), "--trust", "--school", "hill"]).exit_code == 0
    fill_placeholders(school / "notices")
    settings = school / "mkdocs.yml"  # a website without downloads builds quickly
    set_plugin_option(settings, "formats", "[json]")
    return school


def test_without_a_custom_dir_the_site_has_the_packaged_theme_changes(tmp_path: Path) -> None:
    school = school_repository(tmp_path)
    build_site(school / "mkdocs.yml", school / "site")
    notice_page = (school / "site" / "schools" / "hill" / "children-in-need" / "index.html").read_text("utf-8")
    assert 'class="notices-downloads"' in notice_page  # the packaged main.html: the download block
    assert (school / "site" / "assets" / "notices.css").is_file()  # and its styles


def test_a_schools_own_partial_replaces_the_packaged_one_and_the_rest_still_apply(tmp_path: Path) -> None:
    school = school_repository(tmp_path)
    (school / "site_overrides" / "partials").mkdir(parents=True)
    (school / "site_overrides" / "partials" / "copyright.html").write_text(f"<p>{OUR_FOOTER}</p>\n", "utf-8")
    settings = school / "mkdocs.yml"
    settings.write_text(settings.read_text("utf-8").replace("  name: material\n",
                                                            "  name: material\n  custom_dir: site_overrides\n"), "utf-8")
    build_site(settings, school / "site")
    notice_page = (school / "site" / "schools" / "hill" / "children-in-need" / "index.html").read_text("utf-8")
    assert OUR_FOOTER in notice_page and "notices-footer__review" not in notice_page
    assert 'class="notices-downloads"' in notice_page  # not overridden: still the packaged one
