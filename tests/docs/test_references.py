"""The field and rules references are generated: the committed pages match what the code says now."""

from __future__ import annotations

from generator.check import rules_table
from generator.facts.models import Notice, Organisation, School
from generator.manual import documented_models, field_anchor, reference_pages, rules_by_field
from generator.site.plugin import SITE_FORMATS
from tests.conftest import EXAMPLE, PROJECT
from tests.docs.markdown import anchors

DOCS = PROJECT / "docs"


def test_the_committed_references_are_up_to_date() -> None:
    for name, text in reference_pages(EXAMPLE).items():
        committed = (DOCS / name).read_text("utf-8")
        assert committed == text, f"docs/{name} is out of date: run 'notices docs' and commit the result"


def test_every_field_of_every_model_has_its_row() -> None:
    found = anchors(DOCS / "fields.md")
    models = documented_models()
    assert {Organisation, School, Notice} <= set(models)
    for model in models:
        assert model.__name__.lower() in found
        for name in model.model_fields:
            assert field_anchor(model, name) in found


def test_a_row_says_whether_required_and_gives_an_example_and_its_rules() -> None:
    row = next(line for line in (DOCS / "fields.md").read_text("utf-8").splitlines()
               if 'id="notice-transfers"' in line)
    assert "`transfers: none`" in row
    assert "the word `none`" in row
    assert "[A13.1.f](rules.md#a13-1-f)" in row
    required = next(line for line in (DOCS / "fields.md").read_text("utf-8").splitlines()
                    if 'id="notice-title"' in line)
    assert "**yes**" in required


def test_rules_link_the_fields_they_read_and_not_lookalikes() -> None:
    by_field = rules_by_field(documented_models(), rules_table())
    assert "A13.1.f" in by_field[("Transfer", "safeguard")]
    assert "A13.2.f" in by_field[("AutomatedDecision", "logic")]
    assert "A13.2.f" not in by_field.get(("Provision", "consequences"), [])


def test_every_rule_has_its_law_its_source_its_dates_and_its_fix() -> None:
    page = (DOCS / "rules.md").read_text("utf-8")
    for entry in rules_table(every=True):
        section = page.split(f'<a id="{entry.anchor}"></a>', 1)[1].split("<a id=", 1)[0]
        assert f"### {entry.id}: {entry.title}" in section
        assert "**How to fix it:**" in section
        assert f"- **Source:** <{entry.source}>" in section
        assert entry.source.startswith(("https://www.legislation.gov.uk/", "https://ico.org.uk/"))
        assert f"- **In force:** {entry.span.words() or 'throughout'}" in section
        if entry.article:
            assert entry.article in section


def test_the_publishing_page_lists_the_websites_default_downloads_as_the_plugin_declares_them() -> None:
    text = " ".join((DOCS / "publishing.md").read_text("utf-8").split())
    assert f"every format but the Markdown is offered: `{', '.join(SITE_FORMATS)}`, in that order" in text
