"""A build that fails or is interrupted part-way leaves the previous output byte for byte as it was."""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import jinja2
import pytest

import generator.build
import generator.publish
from generator.build import build
from generator.render.formats import REGISTRY, OutputFormat, all_formats
from generator.render.typesetting import PrintTemplateError
from tests.conftest import TEMPLATES
from tests.hostile.conftest import facts_data, notices, tree_digest, write_facts

SECOND_NOTICE = "staff"


@pytest.fixture
def published(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """Facts with two notices, an earlier build of them in every format, and that build's digest."""
    files = facts_data()
    files[f"{SECOND_NOTICE}.yaml"] = {**files["pupils.yaml"], "title": "How we use staff information"}
    facts = write_facts(tmp_path / "notices", files)
    out = tmp_path / "dist"
    result = notices("build", "--facts", str(facts), "--out", str(out))
    assert result.exit_code == 0, result.output
    return facts, out, tree_digest(out)


def _fails_on_the_second_notice(output_format: OutputFormat, error: BaseException) -> OutputFormat:
    """The format, except that rendering the second notice raises ``error`` (in any worker process)."""
    def render(subject, context):
        if getattr(subject, "id", None) == SECOND_NOTICE:
            raise error
        return output_format.render(subject, context)
    return dataclasses.replace(output_format, render=render)


def _assert_untouched(out: Path, before: dict[str, str]) -> None:
    assert tree_digest(out) == before
    assert [path.name for path in out.parent.iterdir() if path.name.startswith(".dist")] == [], "a half-built folder"


def test_a_format_failing_half_way_through_the_render_stage_changes_nothing(published, monkeypatch) -> None:
    facts, out, before = published
    monkeypatch.setitem(REGISTRY, "md", _fails_on_the_second_notice(all_formats()["md"], RuntimeError("disk full")))
    result = notices("build", "--facts", str(facts), "--out", str(out))
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == "internal error: RuntimeError: disk full"
    _assert_untouched(out, before)


def test_ctrl_c_half_way_through_the_render_stage_changes_nothing(published, monkeypatch) -> None:
    facts, out, before = published
    monkeypatch.setitem(REGISTRY, "html", _fails_on_the_second_notice(all_formats()["html"], KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        build(facts, out, TEMPLATES)
    _assert_untouched(out, before)


def test_a_template_error_half_way_changes_nothing(published, tmp_path: Path) -> None:
    facts, out, before = published
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    page = templates / "notice.html.j2"
    page.write_text(page.read_text("utf-8").replace("</main>", "{{ n.no_such_fact }}</main>"), "utf-8")
    with pytest.raises(jinja2.UndefinedError):
        build(facts, out, templates, ["fragment", "html", "md"])  # the fragment is written before the page fails
    _assert_untouched(out, before)


def test_a_failure_half_way_through_the_pdf_stage_changes_nothing(published, monkeypatch) -> None:
    facts, out, before = published
    monkeypatch.setattr(generator.build.os, "sched_getaffinity", lambda _pid: {0})
    monkeypatch.setitem(REGISTRY, "pdf", _fails_on_the_second_notice(all_formats()["pdf"], RuntimeError("no fonts")))
    result = notices("build", "--facts", str(facts), "--out", str(out))
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == "internal error: RuntimeError: no fonts"
    _assert_untouched(out, before)


@pytest.mark.parametrize("cores", [1, 2], ids=["in this process", "in a pool of processes"])
def test_a_print_template_failing_on_the_second_notice_changes_nothing(published, monkeypatch, tmp_path: Path,
                                                                       cores: int) -> None:
    """Workers start afresh (a patched format would not reach them), so the template itself fails."""
    facts, out, before = published
    monkeypatch.setattr(generator.build.os, "sched_getaffinity", lambda _pid: set(range(cores)))
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    layout = templates / "notice.typ"
    layout.write_text(layout.read_text("utf-8") + '\n#if document-data.title.starts-with("How we use staff") '
                      '{ panic("no fonts") }\n', "utf-8")
    expected = r"^\S*templates/notice.typ:\d+:\d+: the print template does not compile: panicked with: no fonts\."
    with pytest.raises(PrintTemplateError, match=expected):
        build(facts, out, templates, ["md", "pdf"])
    _assert_untouched(out, before)


def test_facts_that_fail_the_check_change_nothing(published) -> None:
    facts, out, before = published
    (facts / "pupils.yaml").write_text("title: [unclosed\n", "utf-8")
    result = notices("build", "--facts", str(facts), "--out", str(out))
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "1 problem in the facts; nothing was built or changed."
    _assert_untouched(out, before)


def test_a_successful_build_replaces_the_output_whole(published) -> None:
    facts, out, before = published
    os.remove(facts / f"{SECOND_NOTICE}.yaml")
    assert notices("build", "--facts", str(facts), "--out", str(out)).exit_code == 0
    after = tree_digest(out)
    assert not [path for path in after if SECOND_NOTICE in path]
    assert {path for path in after} < set(before)
    assert [path.name for path in out.parent.iterdir() if path.name.startswith(".dist")] == []


def test_ctrl_c_between_moving_the_old_output_away_and_the_new_one_in_puts_the_old_back(published, monkeypatch) -> None:
    facts, out, before = published
    real_rename = os.rename

    def interrupted(source, target):
        if ".building-" in str(source):
            raise KeyboardInterrupt
        real_rename(source, target)

    monkeypatch.setattr(generator.publish.os, "rename", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(facts, out, TEMPLATES, ["md"])
    _assert_untouched(out, before)


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_real_interruption_during_the_build_changes_nothing(published, stop) -> None:
    facts, out, before = published
    command = [str(Path(sys.executable).with_name("notices")), "build", "--facts", str(facts), "--out", str(out),
               "--templates", str(TEMPLATES), "--no-cache"]
    build_process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while not list(out.parent.glob(".dist.building-*/hill")):  # the staging folder has its first files
        assert build_process.poll() is None and time.monotonic() < deadline, "the build ended before Ctrl-C"
        time.sleep(0.01)
    build_process.send_signal(stop)
    _, errors = build_process.communicate(timeout=60)
    assert build_process.returncode == {signal.SIGINT: 1, signal.SIGTERM: 143}[stop], errors  # 1: click's "Aborted!"
    _assert_untouched(out, before)
