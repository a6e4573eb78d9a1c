"""Incremental builds: PDF, Word and booklets come from the cache only when nothing they are made from changed."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import generator.build
from generator.build import build
from generator.check import AuditFailed
from generator.render.pdf_text import pdf_text
from tests.conftest import FIXTURES, NOTICES_COMMAND, TEMPLATES, keep_only_notice
from tests.hostile.conftest import notices, tree_digest
from tests.site.conftest import project_copy, set_plugin_option  # noqa: F401 (a fixture)

SLOW_FORMATS = ["pdf", "docx", "booklet", "md"]


@pytest.fixture
def trust(example_copy: Path, tmp_path: Path) -> dict[str, Path]:
    """Two schools' facts, a copy of the templates and a cache folder, all of the test's own."""
    shutil.copy(FIXTURES / "second-school" / "regis.yaml", example_copy / "schools" / "regis.yaml")
    keep_only_notice(example_copy)
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


SOMEONES_FILES = {"pdf/ab/CV.pdf": b"%PDF-1.7 my CV", "notes.txt": b"meeting notes",
                  "md/cd/" + "cd" + "0" * 62: b"a file that happens to look like an entry",
                  "holiday.pdf": b"%PDF-1.7 tickets"}


def _someones_folder(folder: Path) -> dict[str, str]:
    for name, content in SOMEONES_FILES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    return tree_digest(folder)


def test_a_cache_folder_of_someones_files_is_refused_and_nothing_in_it_is_deleted(trust) -> None:
    before = _someones_folder(trust["cache"])
    result = notices("build", "--facts", str(trust["facts"]), "--templates", str(trust["templates"]),
                     "--out", str(trust["out"]), "--format", "md,pdf", "--cache", str(trust["cache"]))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"error: {trust['cache']} already holds files that the notices cache did not make (no CACHEDIR.TAG file "
        "in it), and a cache removes the files it no longer needs. Choose an empty or new folder for the cache, "
        "or delete this one yourself if it is safe to.")
    assert tree_digest(trust["cache"]) == before
    assert not trust["out"].exists()


def test_a_cache_named_in_mkdocs_yml_holding_someones_files_is_refused_and_nothing_is_deleted(project_copy,
                                                                                              caplog) -> None:
    someone = project_copy / "someone"
    before = _someones_folder(someone)
    config = set_plugin_option(project_copy / "mkdocs.yml", "cache", "someone")
    result = notices("site", "--config", str(config), "--out", str(project_copy / "site"))
    assert result.exit_code == 1
    assert f"{someone} already holds files that the notices cache did not make" in caplog.text  # MkDocs logs it
    assert tree_digest(someone) == before
    assert not (project_copy / "site").exists()


def test_clean_up_removes_only_files_the_cache_names_itself(trust) -> None:
    run(trust)
    stale = trust["cache"] / "pdf" / "ab" / ("ab" + "1" * 62)
    leftovers = [stale, stale.with_suffix(".pending"), stale.parent / ".writing-abcd1234"]
    stale.parent.mkdir(exist_ok=True)
    for path in leftovers:
        path.write_bytes(b"from an earlier build")
    for name, content in SOMEONES_FILES.items():  # put there by hand into a folder the cache made
        (trust["cache"] / "pdf" / name).parent.mkdir(parents=True, exist_ok=True)
        (trust["cache"] / "pdf" / name).write_bytes(content)
    run(trust)
    assert [path for path in leftovers if path.exists()] == []
    assert {name: (trust["cache"] / "pdf" / name).read_bytes() for name in SOMEONES_FILES} == SOMEONES_FILES


ROUNDS = 10
ROUNDS_WITH_PDF = 2  # PDFs take most of a build's time: two rounds of ten are enough to cover them


def _round_formats(round_number: int) -> str:
    return "md,html,json,pdf" if round_number < ROUNDS_WITH_PDF else "md,html,json"


def _fresh_cache(project: Path, formats: str, folder: Path) -> dict[str, str]:
    """The files of a cache that one build alone filled: what a shared cache must hold after any number of builds."""
    if not folder.exists():
        build(project / "notices", folder / "dist", project / "templates", formats.split(","),
              project_root=folder, cache_folder=folder / "cache")
    return tree_digest(folder / "cache")


def _build_command(project: Path, formats: str, cache: Path, out: Path) -> list[str]:
    return [NOTICES_COMMAND, "build", "--facts", str(project / "notices"), "--templates", str(project / "templates"),
            "--format", formats, "--cache", str(cache), "--out", str(out)]


def _site_command(project: Path, formats: str, cache: Path, out: Path) -> list[str]:
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"formats: \[.*\]", f"formats: [{formats}]", config.read_text("utf-8")), "utf-8")
    set_plugin_option(config, "cache", str(cache))
    return [NOTICES_COMMAND, "site", "--config", str(config), "--out", str(out)]


@pytest.mark.parametrize("beside", [_build_command, _site_command], ids=["beside a build", "beside a website build"])
def test_builds_side_by_side_on_one_cold_cache_all_succeed_and_leave_it_sound(project_copy, tmp_path, beside) -> None:
    for round_number in range(ROUNDS):
        formats = _round_formats(round_number)
        cache = tmp_path / f"cache-{round_number}"
        # The website offers fewer formats for download: each one is in the build's cache too.
        side_formats = "json,pdf" if "pdf" in formats else "json"
        processes = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                     for command in (_build_command(project_copy, formats, cache, tmp_path / "dist"),
                                     beside(project_copy, formats if beside is _build_command else side_formats,
                                            cache, tmp_path / "other"))]
        for process in processes:
            output, errors = process.communicate(timeout=300)
            assert process.returncode == 0, f"round {round_number + 1}: {output}{errors}"
        assert tree_digest(cache) == _fresh_cache(project_copy, formats, tmp_path / f"fresh-{formats}"), \
            f"round {round_number + 1}: the shared cache differs from one filled by a single build"
