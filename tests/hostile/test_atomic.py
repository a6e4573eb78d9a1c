"""A build that fails or is interrupted part-way leaves the previous output byte for byte as it was."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import jinja2
import pytest

import generator.pipeline
import generator.publish
from generator.pipeline import build
from generator.render.formats import REGISTRY, OutputFormat, all_formats
from generator.render.typesetting import PrintTemplateError
from tests.conftest import NOTICES_COMMAND, TEMPLATES
from tests.hostile.conftest import facts_data, notices, tree_digest, write_facts
from tests.site.conftest import project_copy, set_plugin_option  # noqa: F401 (a fixture)

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

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
    monkeypatch.setattr(generator.pipeline.os, "sched_getaffinity", lambda _pid: {0})
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
    monkeypatch.setattr(generator.pipeline.os, "sched_getaffinity", lambda _pid: set(range(cores)))
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
    monkeypatch.setattr(generator.publish, "_exchange", lambda first, second: False)  # a system without renameat2
    monkeypatch.setattr(generator.publish.os, "rename", _stop_at_the_second_step(os.rename, _press_ctrl_c))
    with pytest.raises(KeyboardInterrupt):
        build(facts, out, TEMPLATES, ["md"])
    _assert_untouched(out, before)


def _stop_at_the_second_step(rename, stop):
    """``os.rename``, except that moving the new output in, once the old one is out of the way, calls ``stop``."""
    def interrupted(source, target):
        if ".building-" in str(source) and not Path(target).exists():
            stop()
        rename(source, target)
    return interrupted


def _fail_to_render(*_arguments, **_options) -> None:
    raise RuntimeError("no fonts")


def _press_ctrl_c() -> None:
    raise KeyboardInterrupt


def _kill_this_process(*_arguments) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _killed_while_publishing(facts: Path, out: Path) -> None:
    """A build of ``facts`` into ``out`` in a child process, killed at the point the test patched."""
    child = multiprocessing.get_context("fork").Process(target=build, args=(facts, out, TEMPLATES, ["md"]))
    child.start()
    child.join(60)
    assert child.exitcode == -signal.SIGKILL


def _exchanged_then_killed(first: Path, second: Path) -> bool:
    assert REAL_EXCHANGE(first, second)
    _kill_this_process()


REAL_EXCHANGE = generator.publish._exchange
KILL_POINTS = {
    "before the swap": lambda monkeypatch: monkeypatch.setattr(generator.publish, "_swap", _kill_this_process),
    "right after the atomic exchange": lambda monkeypatch: monkeypatch.setattr(generator.publish, "_exchange",
                                                                               _exchanged_then_killed),
    "between the two renames (no atomic exchange)": lambda monkeypatch: (
        monkeypatch.setattr(generator.publish, "_exchange", lambda first, second: False),
        monkeypatch.setattr(generator.publish.os, "rename", _stop_at_the_second_step(os.rename, _kill_this_process))),
}


@pytest.mark.skipif(sys.platform != "linux", reason="the atomic exchange is Linux's renameat2")
@pytest.mark.parametrize("point", KILL_POINTS)
def test_a_build_killed_while_publishing_leaves_a_whole_output_and_the_next_build_puts_it_right(published,
                                                                                                monkeypatch,
                                                                                                point) -> None:
    facts, out, before = published
    os.remove(facts / f"{SECOND_NOTICE}.yaml")  # so that the new output differs from the previous one
    KILL_POINTS[point](monkeypatch)
    _killed_while_publishing(facts, out)
    monkeypatch.undo()
    killed = tree_digest(out)
    if point.startswith("between"):  # two renames cannot be atomic: the next build puts the old output back
        assert killed == {}
        monkeypatch.setattr(generator.pipeline, "render_all", _fail_to_render)  # even a build that fails does
        with pytest.raises(RuntimeError):
            build(facts, out, TEMPLATES, ["md"])
        monkeypatch.undo()
        assert tree_digest(out) == before
        killed = before
    build(facts, out, TEMPLATES, ["md"])  # as the killed build did
    assert killed in (before, tree_digest(out))
    assert [path.name for path in out.parent.iterdir() if path.name.startswith(".dist")] == [], "a leftover folder"


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_real_interruption_during_the_build_changes_nothing(published, stop) -> None:
    facts, out, before = published
    command = [NOTICES_COMMAND, "build", "--facts", str(facts), "--out", str(out),
               "--templates", str(TEMPLATES), "--no-cache"]
    build_process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 180  # a start-up on a shared, loaded machine: the deadline only stops a hang
    while not list(out.parent.glob(".dist.building-*/hill")):  # the staging folder has its first files
        assert build_process.poll() is None and time.monotonic() < deadline, "the build ended before Ctrl-C"
        time.sleep(0.01)
    build_process.send_signal(stop)
    _, errors = build_process.communicate(timeout=60)
    assert build_process.returncode == {signal.SIGINT: 1, signal.SIGTERM: 143}[stop], errors  # 1: click's "Aborted!"
    _assert_untouched(out, before)


KILLS = 10


def _alive_in_group(group: int) -> list[int]:
    """The live processes of a process group; a zombie waiting for init to reap it is not alive."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state, _parent, process_group = stat.read_text().rsplit(")", 1)[1].split()[:3]
        except (OSError, ValueError):
            continue  # the process ended while we looked
        if int(process_group) == group and state not in ("Z", "X"):
            alive.append(int(stat.parent.name))
    return alive


def _assert_stops_within_ten_seconds(group: int, what: str) -> None:
    deadline = time.monotonic() + 10
    while alive := _alive_in_group(group):
        assert time.monotonic() < deadline, f"{what}: processes {alive} still running 10 s after the kill"
        time.sleep(0.1)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the build's processes in /proc")
def test_sigkill_at_ten_points_of_a_build_stops_its_workers_and_leaves_the_previous_or_the_new_output(tmp_path) -> None:
    files = facts_data()
    files[f"{SECOND_NOTICE}.yaml"] = {**files["pupils.yaml"], "title": "How we use staff information"}
    out, cache = tmp_path / "dist", tmp_path / "cache"
    # Two PDFs: rendered by a pool of worker processes wherever there are two cores.
    command = [NOTICES_COMMAND, "build", "--facts", str(tmp_path / "notices"), "--out", str(out),
               "--templates", str(TEMPLATES), "--format", "md,pdf", "--cache", str(cache)]
    write_facts(tmp_path / "notices", files)
    started = time.monotonic()
    subprocess.run(command, check=True, capture_output=True)
    duration = time.monotonic() - started
    for kill in range(KILLS):
        files["pupils.yaml"]["summary"] = f"Version {kill}."  # nothing of this build is in the cache yet
        write_facts(tmp_path / "notices", files)
        before = tree_digest(out)
        build_process = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL,
                                         stderr=subprocess.DEVNULL)
        time.sleep(duration * (kill + 0.5) / KILLS)  # from start-up to publishing
        build_process.kill()
        build_process.wait()
        _assert_stops_within_ten_seconds(build_process.pid, f"kill {kill + 1}")
        killed = tree_digest(out)
        build(tmp_path / "notices", out, TEMPLATES, ["md", "pdf"], cache_folder=cache)  # the next build
        assert killed in (before, tree_digest(out)), f"kill {kill + 1}: neither the previous nor the new output"
        assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".dist")] == [], f"kill {kill + 1}"
        assert [path for path in cache.rglob("*") if path.suffix == ".pending" or ".writing-" in path.name] == []


def test_a_killed_website_build_leaves_nothing_after_the_next_one(project_copy, tmp_path) -> None:  # noqa: F811 - the fixture imported above
    config = project_copy / "mkdocs.yml"
    set_plugin_option(config, "formats", "[pdf]")
    set_plugin_option(config, "cache", '""')  # PDFs, rendered every time: the downloads take a while
    scratch = tmp_path / "scratch"
    (scratch / "pymp-another-program").mkdir(parents=True)  # multiprocessing's folder of a program still running
    command = [NOTICES_COMMAND, "site", "--config", str(config), "--out", str(project_copy / "site")]
    environment = {**os.environ, "TMPDIR": str(scratch)}
    site_process = subprocess.Popen(command, env=environment, start_new_session=True, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(scratch.glob("notices-downloads-*/*")):  # the downloads are being rendered, by workers
        assert site_process.poll() is None and time.monotonic() < deadline, "the site build ended before the kill"
        time.sleep(0.01)
    os.killpg(site_process.pid, signal.SIGKILL)  # the build, its fork server and its workers at once
    site_process.wait()
    _assert_stops_within_ten_seconds(site_process.pid, "the website build")
    assert list(scratch.glob("pymp-*/listener-*")), "the killed build's workers left their temp folder"
    subprocess.run(command, env=environment, check=True, capture_output=True)
    assert [path.name for path in scratch.iterdir()] == ["pymp-another-program"]
    assert [path.name for path in project_copy.iterdir() if path.name.startswith(".site")] == []
