"""Each school's documents hold exactly the children's versions for its pupils' ages, one file each in every
document format, and the full notice's PDF names each by its ages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.render.formats import all_formats
from tests.conftest import EXAMPLE, example_in_age_bands
from tests.render.formats.conftest import build

# Slow: builds PDFs; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def banded_build(tmp_path_factory) -> Path:
    facts = tmp_path_factory.mktemp("bands") / "notices"
    shutil.copytree(EXAMPLE, facts)
    return build(example_in_age_bands(facts), facts.parent / "dist", "md,pdf")


@pytest.mark.parametrize(("school", "band", "other"), [("brook", "7-11", "11-16"), ("oakmoor", "11-16", "7-11")])
def test_each_school_has_the_versions_for_its_ages_and_no_other(banded_build: Path, school: str, band: str,
                                                                  other: str) -> None:
    made = {path.name for path in (banded_build / school).iterdir() if path.name.startswith("pupils.")}
    assert {"pupils.md", "pupils.pdf", f"pupils.children-{band}.md", f"pupils.children-{band}.pdf"} <= made
    assert not {name for name in made if "children" in name} - {f"pupils.children-{band}.md", f"pupils.children-{band}.pdf"}
    assert not (banded_build / school / f"pupils.children-{other}.pdf").exists()
    youngest, oldest = band.split("-")
    full = all_formats()["pdf"].read_text((banded_build / school / "pupils.pdf").read_bytes())
    assert f"for pupils aged {youngest} to {oldest}" in " ".join(full.split())
    assert f"pupils.children-{band}.pdf" in full
    childrens = all_formats()["pdf"].read_text((banded_build / school / f"pupils.children-{band}.pdf").read_bytes())
    assert f"For ages {youngest} to {oldest}." in " ".join(childrens.split())


def test_renaming_a_version_for_an_age_band_remakes_the_notice_that_links_to_it(example_copy: Path,
                                                                                 tmp_path: Path) -> None:
    """The build keeps what it made to reuse it: a version's file named for a band changes the full notice's link."""
    before = build(example_copy, tmp_path / "before", "md")
    assert "There is a version of this notice for children" in (before / "oakmoor" / "pupils.md").read_text("utf-8")
    (example_copy / "children" / "pupils.yaml").rename(example_copy / "children" / "pupils.11-16.yaml")
    after = build(example_copy, tmp_path / "after", "md")
    assert ("- for pupils aged 11 to 16: [How your school uses facts about you](pupils.children-11-16.md)"
            in (after / "oakmoor" / "pupils.md").read_text("utf-8"))
    assert sorted(path.name for path in (after / "oakmoor").glob("pupils.*")) == ["pupils.children-11-16.md", "pupils.md"]
