"""Every notice opens with its first layer, "At a glance": a line per kind of fact, made only from the facts
(a missing fact leaves its line out), each linking to its full section, at the top of every format."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.project import load_project
from generator.render.formats import RenderContext, all_formats
from generator.render.formats.markdown import render_markdown
from tests.check.conftest import minimal_facts
from tests.conftest import TEMPLATES, straight_quotes, write_facts
from tests.render.formats.conftest import flat

CONTEXT = RenderContext(templates=TEMPLATES)


def _first_layer(tmp_path: Path, change=lambda files: None) -> str:
    """The Markdown of the minimal notice's first layer, after ``change`` to its facts."""
    files = minimal_facts()
    change(files)
    (notice,) = load_project(write_facts(tmp_path / "notices", files)).notices
    markdown = render_markdown(notice, CONTEXT)
    return markdown.split("## At a glance {#at-a-glance}\n", 1)[1].split("\n## ", 1)[0]


def test_each_line_states_its_facts_and_links_to_its_section(tmp_path: Path) -> None:
    lines = [line for line in _first_layer(tmp_path).splitlines() if line.startswith("- ")]
    assert lines == [
        "- [What we hold](#what-we-hold): contact details.",
        "- [Why we use it](#why-we-use-it): to teach pupils.",
        "- [Who we share it with](#who-we-share-with): the Department for Education and Countyshire Council "
        "Children's Services.",
        "- [How long we keep it](#how-long-we-keep-it): pupil records, until the pupil is 25.",
        "- [Your rights](#your-rights): the right of access, right to rectification, right to erasure, "
        "right to restriction and right to object.",
        "- [How to contact us](#contacts): The Office Manager; email "
        "[office@hill.example.org](mailto:office@hill.example.org); our data protection officer, "
        "[dpo@hill.example.org](mailto:dpo@hill.example.org).",
    ]


def test_the_summary_opens_the_first_layer(tmp_path: Path) -> None:
    assert _first_layer(tmp_path).strip().startswith("We use pupils' information to teach them and keep them safe.")


@pytest.mark.parametrize("missing, line", [
    (lambda n: n.pop("recipients"), "[Who we share it with]"),
    (lambda n: n.pop("retention"), "[How long we keep it]"),
])
def test_a_missing_fact_leaves_its_line_out_rather_than_inventing_one(tmp_path: Path, missing, line: str) -> None:
    first_layer = _first_layer(tmp_path, lambda files: missing(files["pupils.yaml"]))
    assert line not in first_layer
    assert "[What we hold]" in first_layer


def test_no_contact_and_no_dpo_leave_the_contact_line_out(tmp_path: Path) -> None:
    def without_contacts(files: dict) -> None:
        files["schools/hill.yaml"].pop("contact")
        files["organisation.yaml"].pop("dpo")
    assert "[How to contact us]" not in _first_layer(tmp_path, without_contacts)


def test_sharing_with_nobody_says_so_from_the_facts(tmp_path: Path) -> None:
    first_layer = _first_layer(tmp_path, lambda files: files["pupils.yaml"].update(recipients="none"))
    assert "- [Who we share it with](#who-we-share-with): nobody outside Hill Academy Trust." in first_layer


@pytest.mark.parametrize("name", ["md", "html", "fragment", "pdf", "docx"])
def test_the_first_layer_comes_before_the_full_notice_in_every_format(example_build: Path, example_notice,
                                                                      name: str) -> None:
    output_format = all_formats()[name]
    text = straight_quotes(flat(output_format.read_text(
        (example_build / output_format.output_path("oakmoor", "children-in-need")).read_bytes())))
    at_a_glance, who_we_are = text.find("At a glance"), text.find("Who we are")
    assert 0 < at_a_glance < who_we_are
    first_layer = text[at_a_glance:who_we_are]
    for recipient in example_notice.recipients:
        assert recipient.name in first_layer
    assert example_notice.notice.retention[0].period in first_layer
