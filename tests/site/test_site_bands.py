"""On the website, each school has a page for each children's version for its pupils' ages and for no other,
titled with the version's own title; the school's page and the full notice link to each, naming the ages."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check.gate import publishable_notices
from generator.project import load_project
from generator.render.formats import RenderContext
from generator.site.build_site import build_site
from generator.site.pages import SitePage, site_pages
from tests.conftest import TEMPLATES, example_in_age_bands
from tests.site.conftest import copy_project


@pytest.fixture(scope="module")
def banded_pages(tmp_path_factory) -> dict[str, SitePage]:
    project = copy_project(tmp_path_factory.mktemp("bands"))
    notices = publishable_notices(load_project(example_in_age_bands(project / "notices")), False)
    return {page.src_uri: page for page in site_pages(notices, RenderContext(templates=TEMPLATES))}


def test_each_school_has_a_page_for_each_version_for_its_ages_only(banded_pages: dict[str, SitePage]) -> None:
    childrens = sorted(uri for uri in banded_pages if ".children" in uri)
    assert childrens == ["schools/brook/pupils.children-7-11.md", "schools/oakmoor/pupils.children-11-16.md"]
    assert banded_pages["schools/brook/pupils.children-7-11.md"].title.startswith("What your school knows about you")


def test_the_school_page_and_the_full_notice_name_each_versions_ages(banded_pages: dict[str, SitePage]) -> None:
    school = banded_pages["schools/brook/index.md"].markdown
    assert "For children aged 7 to 11: [What your school knows about you](pupils.children-7-11.md)." in school
    full = banded_pages["schools/oakmoor/pupils.md"].markdown
    assert "- for pupils aged 11 to 16: [How your school uses facts about you](pupils.children-11-16.md)" in full


@pytest.mark.slow
def test_the_built_site_has_each_schools_versions(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    example_in_age_bands(project / "notices")
    site = build_site(project / "mkdocs.yml", project / "site")
    built = sorted(path.parent.relative_to(site).as_posix() for path in site.glob("schools/*/*.children*/index.html"))
    assert built == ["schools/brook/pupils.children-7-11", "schools/oakmoor/pupils.children-11-16"]
    page = (site / "schools" / "brook" / "pupils" / "index.html").read_text("utf-8")
    assert 'href="../pupils.children-7-11/"' in page and "for pupils aged 7 to 11" in page
