"""The manual has no dead links: every link between its pages, and every anchor, leads somewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check import rules_table
from generator.check.findings import manual_anchor
from generator.check.placeholders import PLACEHOLDER_RULE
from generator.distribution import manual
from generator.facts.errors import _ERROR_KINDS, ERRORS_MANUAL, FactError, Location, error_kind
from generator.notices_error import NoticesError
from generator.render.formats import FORMATS_MANUAL
from tests.conftest import PROJECT, notices
from tests.docs.markdown import anchors, github_slug, links

DOCS = PROJECT / "docs"
PAGES = sorted(DOCS.glob("*.md")) + [PROJECT / "README.md"]


def _dead_links(page: Path) -> list[str]:
    dead = []
    for target in links(page.read_text("utf-8")):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        file_part, _, anchor = target.partition("#")
        destination = (page.parent / file_part).resolve() if file_part else page
        if not destination.exists():
            dead.append(f"{target} (no such file)")
        elif anchor and destination.suffix == ".md" and anchor not in anchors(destination):
            dead.append(f"{target} (no such anchor)")
    return dead


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_every_link_of_the_page_leads_somewhere(page: Path) -> None:
    assert _dead_links(page) == []


def test_the_link_checker_sees_a_dead_file_and_a_dead_anchor(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# Title here\n\n[ok](#title-here) [file](b.md) [anchor](a.md#nowhere)\n"
                                   "`[in code](c.md)`\n", "utf-8")
    assert _dead_links(tmp_path / "a.md") == ["b.md (no such file)", "a.md#nowhere (no such anchor)"]


def test_headings_get_the_anchors_github_gives_them() -> None:
    assert github_slug("Recipients: school first, then trust") == "recipients-school-first-then-trust"
    assert github_slug("5. See what changed") == "5-see-what-changed"
    assert github_slug("The `notices` command") == "the-notices-command"


def test_the_manual_is_linked_from_the_readme() -> None:
    assert "docs/README.md" in links((PROJECT / "README.md").read_text("utf-8"))


def test_every_rule_a_finding_can_name_has_its_section_in_the_rules_reference() -> None:
    wanted = {manual_anchor(entry.id) for entry in rules_table()} | {manual_anchor(PLACEHOLDER_RULE)}
    assert wanted - anchors(DOCS / "rules.md") == set()


def test_every_kind_of_fact_error_has_its_section_in_the_errors_page() -> None:
    kinds = set(_ERROR_KINDS.values()) | {error_kind("string_type"), error_kind("literal_error")}
    assert kinds - anchors(DOCS / ERRORS_MANUAL) == set()
    assert FactError(Location("x.yaml", 1, 1), "m", code="extra_forbidden").see == manual("errors.md#unknown-key")


def _subclasses(kind: type) -> list[type]:
    return [sub for direct in kind.__subclasses__() for sub in (direct, *_subclasses(direct))]


def test_each_kind_of_refusal_points_at_a_section_that_exists() -> None:
    sections = {manual(kind.see) for kind in _subclasses(NoticesError) if kind.see} | {manual(FORMATS_MANUAL)}
    assert manual("refuses.md#where-a-build-may-write") in sections
    for section in sections:
        page, anchor = section.removeprefix(manual("")).split("#")
        assert anchor in anchors(DOCS / page), section


def test_each_fact_error_printed_is_followed_by_its_section_of_the_manual(example_copy: Path) -> None:
    organisation = example_copy / "organisation.yaml"
    organisation.write_text(organisation.read_text("utf-8").replace("kind: academy-trust", "kind: trust\nwebsite: www"),
                            "utf-8")
    result = notices("check", "--facts", str(example_copy))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    errors = [index for index, line in enumerate(lines) if line.startswith(("organisation.yaml:", str(organisation)))]
    assert len(errors) == 2
    documented = anchors(DOCS / ERRORS_MANUAL)
    for index in errors:
        see = lines[index + 1]
        assert see.startswith(f"  see {manual(ERRORS_MANUAL)}#")
        assert see.rsplit("#", 1)[1] in documented
