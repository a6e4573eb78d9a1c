"""Incremental builds: PDF, Word and booklets come from the cache only when nothing they are made from changed."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

import generator.build
from generator.build import build
from generator.check import AuditFailed
from generator.render.formats.pdf import pdf_text
from tests.conftest import FIXTURES, TEMPLATES

SLOW_FORMATS = ["pdf", "docx", "booklet", "md"]


@pytest.fixture
def trust(example_copy: Path, tmp_path: Path) -> dict[str, Path]:
    """Two schools' facts, a copy of the templates and a cache folder, all of the test's own."""
    shutil.copy(FIXTURES / "second-school" / "regis.yaml", example_copy / "schools" / "regis.yaml")
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    return {"facts": example_copy, "templates": templates, "cache": tmp_path / ".notices-cache",
            "out": tmp_path / "dist"}


@pytest.fixture
def rendered(monkeypatch) -> list[str]:
    """The output files each build really renders (the rest come from the cache), as school/file."""
    renders: list[str] = []
    real = generator.build._render_slow

    def recording(jobs, *args, **kwargs):
        renders.extend(path.as_posix() for _, _, path in jobs)
        return real(jobs, *args, **kwargs)

    monkeypatch.setattr(generator.build, "_render_slow", recording)
    return renders


def run(trust: dict[str, Path]) -> dict[str, str]:
    build(trust["facts"], trust["out"], trust["templates"], SLOW_FORMATS, project_root=trust["out"].parent,
          cache_folder=trust["cache"])
    return {path.relative_to(trust["out"]).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(trust["out"].rglob("*")) if path.is_file()}


ALL_SLOW = ["oakmoor/booklet.pdf", "oakmoor/children-in-need.docx", "oakmoor/children-in-need.pdf",
            "regis/booklet.pdf", "regis/children-in-need.docx", "regis/children-in-need.pdf"]


def test_an_unchanged_rebuild_renders_nothing_and_gives_the_same_bytes(trust, rendered) -> None:
    first = run(trust)
    assert sorted(rendered) == ALL_SLOW
    rendered.clear()
    second = run(trust)
    assert rendered == []
    assert second == first


def test_editing_one_school_rebuilds_only_that_schools_files(trust, rendered) -> None:
    first = run(trust)
    regis = trust["facts"] / "schools" / "regis.yaml"
    regis.write_text(regis.read_text("utf-8").replace("01632 960123", "01632 960999"), "utf-8")
    rendered.clear()
    second = run(trust)
    assert sorted(rendered) == ["regis/booklet.pdf", "regis/children-in-need.docx", "regis/children-in-need.pdf"]
    changed = sorted(path for path in first if first[path] != second[path])
    assert [path for path in changed if path.startswith("oakmoor/")] == []
    assert "regis/children-in-need.pdf" in changed
    assert "01632 960999" in pdf_text((trust["out"] / "regis" / "children-in-need.pdf").read_bytes())


def test_changing_a_template_rebuilds_every_pdf(trust, rendered) -> None:
    run(trust)
    layout = trust["templates"] / "notice.typ"
    layout.write_text(layout.read_text("utf-8").replace("#let body-size = 11pt", "#let body-size = 12pt", 1), "utf-8")
    rendered.clear()
    run(trust)
    assert sorted(rendered) == ALL_SLOW


def test_a_template_edit_reaches_every_pdf_the_cache_held(trust) -> None:
    run(trust)
    template = trust["templates"] / "notice.md.j2"
    text = template.read_text("utf-8")
    template.write_text(text.rstrip("\n") + "\n\nPrinted from the edited template.\n", "utf-8")
    run(trust)
    for pdf in sorted(trust["out"].rglob("*.pdf")):
        assert "Printed from the edited template." in pdf_text(pdf.read_bytes()), pdf


def test_the_cache_is_safe_to_delete(trust, rendered) -> None:
    first = run(trust)
    shutil.rmtree(trust["cache"])
    rendered.clear()
    assert run(trust) == first
    assert sorted(rendered) == ALL_SLOW


def test_no_cache_folder_renders_everything_every_time(trust, rendered) -> None:
    build(trust["facts"], trust["out"], trust["templates"], SLOW_FORMATS, project_root=trust["out"].parent)
    build(trust["facts"], trust["out"], trust["templates"], SLOW_FORMATS, project_root=trust["out"].parent)
    assert sorted(rendered) == sorted(ALL_SLOW * 2)
    assert not trust["cache"].exists()


def test_a_file_that_fails_the_audit_is_never_served_from_the_cache(trust, rendered) -> None:
    run(trust)
    layout = trust["templates"] / "notice.typ"
    layout.write_text(layout.read_text("utf-8").replace("blocks(chapter.body)", "[Nothing here.]"), "utf-8")
    for _ in range(2):
        rendered.clear()
        with pytest.raises(AuditFailed):
            run(trust)
        assert "oakmoor/children-in-need.pdf" in rendered
