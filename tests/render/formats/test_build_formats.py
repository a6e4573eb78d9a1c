"""Building the formats: byte-identical rebuilds, --format selects, and facts are always shown as text."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import docx
import lxml.html
import pikepdf
import pytest

import generator.pipeline
from generator.render.formats import REGISTRY, Needs, all_formats
from tests.conftest import EXAMPLE, notices
from tests.render.formats.conftest import add_second_notice, build, flat

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

HOSTILE = "<script>alert(1)</script> <b>bold</b> &amp; [link](javascript:x)"


def _digests(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_two_builds_in_a_row_are_byte_identical(example_copy: Path, tmp_path: Path) -> None:
    add_second_notice(example_copy)
    first = _digests(build(example_copy, tmp_path / "first"))
    second = _digests(build(example_copy, tmp_path / "second"))
    suffixes = {Path(name).name.split(".", 1)[-1] for name in first}
    assert {"pdf", "docx", "json", "fragment.html"} <= suffixes
    assert first == second


def test_format_option_builds_only_the_formats_named(tmp_path: Path) -> None:
    out = build(EXAMPLE, tmp_path / "dist", "pdf,docx")
    files = sorted(path.name for path in (out / "oakmoor").iterdir())
    notice_ids = [path.stem for path in EXAMPLE.glob("*.yaml") if path.name != "organisation.yaml"]
    documents = notice_ids + [f"{path.stem}.children" for path in EXAMPLE.glob("children/*.yaml")]  # and versions
    assert files == sorted(f"{document}.{suffix}" for document in documents for suffix in ("docx", "pdf"))


def _hostile_facts(facts: Path) -> None:
    notice = facts / "children-in-need.yaml"
    text = notice.read_text("utf-8")
    text = text.replace("name: Relevant medical information", f"name: '{HOSTILE}'")
    text = text.replace("reason: To look after the health of the children in our care.", f"reason: '{HOSTILE}'")
    notice.write_text(text, "utf-8")


def test_markup_in_the_facts_shows_as_text_in_every_format(example_copy: Path, tmp_path: Path) -> None:
    _hostile_facts(example_copy)
    out = build(example_copy, tmp_path / "dist")
    visible = flat(HOSTILE)
    for name, output_format in all_formats().items():
        if output_format.read_text is None or output_format.audit is not None:
            continue  # the record and the schedule hold no category reason: their own tests give them markup
        path = out / (output_format.output_path("oakmoor") if output_format.scope == "school"
                      else output_format.output_path("oakmoor", "children-in-need"))
        shown = 1 if output_format.first_layer_only else 2  # the first layer names the category, not the reason
        if output_format.document == "consent-form":
            continue  # children in need asks no consent: test_consent_form.py gives a form markup
        if output_format.document == "access-letter":  # the pupils' letter names the category, not the reason
            path, shown = out / "oakmoor" / f"subject-access-pupils{output_format.suffix}", 1
        text = flat(output_format.read_text(path.read_bytes()))
        assert text.count(visible) >= shown, f"{name} does not show the markup as text"


def test_markup_in_the_facts_makes_no_element_or_style(example_copy: Path, tmp_path: Path) -> None:
    _hostile_facts(example_copy)
    out = build(example_copy, tmp_path / "dist", "fragment,docx,pdf")
    fragment = lxml.html.fragment_fromstring((out / "oakmoor" / "children-in-need.fragment.html").read_text("utf-8"))
    assert fragment.xpath("//script") == [] and fragment.xpath("//b") == []
    document = docx.Document(str(out / "oakmoor" / "children-in-need.docx"))
    hostile_runs = [run for paragraph in document.paragraphs for run in paragraph.runs if "bold" in run.text]
    assert hostile_runs and not any(run.bold and run.text.strip() == "bold" for run in hostile_runs)
    with pikepdf.open(out / "oakmoor" / "children-in-need.pdf") as pdf:
        assert "/JavaScript" not in pdf.Root.get("/Names", {}) and "/OpenAction" not in pdf.Root


def test_without_a_review_date_no_file_takes_the_clock_time(example_copy: Path, tmp_path: Path) -> None:
    notice = example_copy / "children-in-need.yaml"
    notice.write_text(notice.read_text("utf-8").replace("last_reviewed: 2026-09-01\n", ""), "utf-8")
    first = build(example_copy, tmp_path / "first", "pdf,docx")
    with pikepdf.open(first / "oakmoor" / "children-in-need.pdf") as pdf:
        assert "/CreationDate" not in pdf.docinfo and "/ModDate" not in pdf.docinfo
    properties = docx.Document(str(first / "oakmoor" / "children-in-need.docx")).core_properties
    assert properties.created is None and properties.modified is None
    assert _digests(first) == _digests(build(example_copy, tmp_path / "second", "pdf,docx"))


def test_one_core_or_many_give_the_same_files(example_copy: Path, tmp_path: Path, monkeypatch) -> None:
    add_second_notice(example_copy)
    in_parallel = _digests(build(example_copy, tmp_path / "parallel", "pdf,docx,booklet"))
    monkeypatch.setattr(generator.pipeline, "_usable_cores", lambda: 1)
    in_series = _digests(build(example_copy, tmp_path / "series", "pdf,docx,booklet"))
    assert in_parallel == in_series
    assert len([name for name in in_series if name.endswith((".pdf", ".docx"))]) == 5


def test_an_unknown_format_is_refused_naming_it_and_the_known_ones(tmp_path: Path) -> None:
    result = notices("build", "--facts", str(EXAMPLE), "--out", str(tmp_path / "dist"), "--format", "pdf,xlsx")
    assert result.exit_code == 1
    assert result.output.startswith("error: unknown format xlsx; choose from ")
    choices = result.output.split("choose from ", 1)[1].splitlines()[0].split(", ")
    assert choices == sorted(all_formats()), choices
    assert not (tmp_path / "dist").exists()


def test_a_format_whose_needs_are_missing_is_refused_saying_what_to_install(tmp_path: Path, monkeypatch) -> None:
    markdown = all_formats()["md"]
    needy = dataclasses.replace(markdown, needs=Needs(libraries=("no-such-library",),
                                                      programs=(("no-such-program", "no-such-package"),)))
    monkeypatch.setitem(REGISTRY, "md", needy)
    result = notices("build", "--facts", str(EXAMPLE), "--out", str(tmp_path / "dist"), "--format", "md")
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[0] == (
        "error: the md format needs the Python library no-such-library (pip install no-such-library) and the "
        "program no-such-program (apt install no-such-package). Install them, or leave the format out.")
    assert "internal error" not in result.output and not (tmp_path / "dist").exists()
