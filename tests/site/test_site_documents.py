"""The website's downloads of the documents that are no notices: each school's page offers its retention schedule;
the record of processing is for staff, offered (on the home page, under "For staff and systems") only when the
site's `formats:` names it."""

from __future__ import annotations

from generator.project import load_project
from generator.site.content import site_content
from generator.site.plugin import SITE_FORMATS
from tests.conftest import EXAMPLE, TEMPLATES


def _downloads(formats: list[str]) -> dict[str, list[tuple[str, bool]]]:
    content = site_content(load_project(EXAMPLE).notices, TEMPLATES, formats, None)
    return {page.src_uri: [(download.src_uri, download.for_staff) for download in page.downloads]
            for page in content.pages if page.downloads}


def test_the_record_of_processing_is_off_the_site_by_default() -> None:
    assert "ropa" not in SITE_FORMATS and "ropa-csv" not in SITE_FORMATS
    assert {"retention", "retention-csv"} <= set(SITE_FORMATS)


def test_a_staff_site_offers_the_record_on_its_home_page_and_the_schedule_beside_each_school() -> None:
    offered = _downloads(["ropa", "retention-csv"])
    assert offered["index.md"] == [("downloads/record-of-processing.xlsx", True)]
    assert offered["schools/oakmoor/index.md"] == [("downloads/oakmoor/retention-schedule.csv", False)]
    assert set(offered) == {"index.md", "schools/oakmoor/index.md"}
