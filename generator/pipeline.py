"""The pipeline, top to bottom: load facts, resolve the cascade, render every format, audit, publish."""

from __future__ import annotations

import contextlib
import functools
import itertools
import multiprocessing
import multiprocessing.util
import os
import shutil
import sys
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

import click

from generator.check import AuditFailed, audit_rendered
from generator.check.gate import excused, publishable_notices
from generator.check.link_audit import audit_links
from generator.check.lints import fact_texts
from generator.facts.cascade import ResolvedNotice
from generator.facts.load import FactTree
from generator.project import load_project
from generator.publish import check_output_folder, staged_output
from generator.render.cache import OutputCache
from generator.render.formats import OutputFormat, RenderContext, Subject, all_formats, select_formats
from generator.render.typesetting import UnprintableCharacter
from generator.scratch import held_while_this_process_lives, remove_abandoned


@dataclass
class BuildResult:
    out: Path
    notices: list[ResolvedNotice]
    files: list[Path] = field(default_factory=list)


def _jobs(notices: list[ResolvedNotice], formats: list[OutputFormat]) -> list[tuple[OutputFormat, Subject, Path]]:
    """(format, what it renders, where it goes) for every file of the build, in a fixed order."""
    return [(output_format, subject, path) for output_format in formats
            for path, subject in output_format.files(notices)]


# Workers start from a fresh server process, not forked from this one: a process forked after Typst
# has run inherits its thread pool's state but not its threads, and hangs. The server imports the
# slow formats and the libraries they import when they first run (importing is all it does with them), so
# each build's workers start at once. A library that is not installed is left out.
_WORKER_START = multiprocessing.get_context("forkserver")
_WORKER_START.set_forkserver_preload(["generator.pipeline", "generator.render.formats.pdf",
                                      "generator.render.formats.booklet", "generator.render.formats.docx",
                                      "docx", "pypdfium2", "pypdfium2.raw"])


@functools.cache
def _mark_the_workers_temp_folder() -> None:
    """Multiprocessing keeps the fork server's socket in a pymp-* temp folder that only the process that
    made it removes, as it exits: mark ours as live, and remove those that killed builds left behind.

    Only pymp-* folders with a lock file beside them are ours; other programs' are left alone.
    """
    temp = Path(multiprocessing.util.get_temp_dir())
    remove_abandoned(temp.parent, "pymp-")
    held_while_this_process_lives(temp)


def _render_job(format_name: str, subject, context: RenderContext) -> bytes:
    """Runs in a worker process: formats are looked up by name, since their functions do not pickle."""
    return all_formats()[format_name].render(subject, context)


def _usable_cores() -> int:
    """The cores this process may run on (macOS and Windows only know how many the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def render_all(notices: list[ResolvedNotice], formats: list[OutputFormat], context: RenderContext,
               into: Path, cache: OutputCache | None = None, progress: bool = False,
               workers: int | None = None, copy_reused: bool = True) -> list[Path]:
    """Write every format of every notice under ``into``; returns the paths written, relative to it.

    Files come from ``cache`` when their inputs are unchanged (``cache.reused`` says where; with
    ``copy_reused`` false they are not copied under ``into``). Of the rest, fast formats render
    here and slow ones (PDF, Word) in a pool of ``workers`` processes (default: one per core), with
    a progress bar if ``progress``. Results are written in the same fixed order as the jobs, so the
    output does not depend on which worker finished first.
    """
    jobs = _jobs(notices, formats)
    keys = [cache.key(f.name, subject) if cache else "" for f, subject, _ in jobs]
    found = [cache.find(f.name, key) if cache else None for (f, _, _), key in zip(jobs, keys)]
    stale = [index for index, entry in enumerate(found) if entry is None]
    fast = [index for index in stale if not jobs[index][0].slow]
    slow = [index for index in stale if jobs[index][0].slow]
    rendered = itertools.chain((jobs[index][0].render(jobs[index][1], context) for index in fast),
                               _render_slow([jobs[index] for index in slow], context, progress,
                                            workers or _usable_cores()))
    written = []
    for index, content in zip(fast + slow, rendered):  # each file is written as soon as it is ready
        written.append(_write(into, jobs[index][2], content))
        if cache:
            cache.put(jobs[index][0].name, keys[index], content)
    for (_, _, path), entry in zip(jobs, found):
        if entry is not None and cache is not None:  # only a cache finds an entry
            cache.reused[path] = entry
            if copy_reused:
                (into / path).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(entry, into / path)
                written.append(path)
    return sorted(written)


def _render_slow(jobs: list[tuple[OutputFormat, Subject, Path]], context: RenderContext, progress: bool,
                 workers: int) -> Iterator[bytes]:
    """Each job's file in job order, as soon as it is ready: a build never holds all its PDFs at once."""
    with contextlib.ExitStack() as stack:
        results: Iterable[bytes] = itertools.chain.from_iterable(_rendered(batch, context, workers, stack)
                                                for batch in _batches(jobs, workers))
        if progress and jobs:
            results = stack.enter_context(click.progressbar(
                results, length=len(jobs), label=f"Rendering {len(jobs)} PDF and Word files", file=sys.stderr))
        yield from results


def _batches(jobs: list[tuple[OutputFormat, Subject, Path]], workers: int) -> Iterator[list]:
    """The jobs in runs that share one pool of workers: all of a run of formats, or for a format that
    needs fresh workers, ``workers`` files at a time (so no worker holds more than a file or two of it)."""
    for fresh, group in itertools.groupby(jobs, key=lambda job: job[0].fresh_workers):
        run = list(group)
        size = workers if fresh else len(run)
        yield from (run[start:start + size] for start in range(0, len(run), size))


def _rendered(jobs: list[tuple[OutputFormat, Subject, Path]], context: RenderContext, workers: int,
              stack: contextlib.ExitStack) -> Iterator[bytes]:
    """One batch of jobs in job order: here, or in a pool of workers that ``stack`` stops on a failure or an
    interruption (files not yet started are dropped, not rendered first)."""
    fresh = jobs[0][0].fresh_workers
    workers = min(len(jobs), workers)
    if workers <= 1 and not fresh:
        yield from (f.render(subject, context) for f, subject, _ in jobs)
        return
    _mark_the_workers_temp_folder()
    build_alive, held_by_this_build = _WORKER_START.Pipe(duplex=False)
    stack.callback(held_by_this_build.close)  # after the pool's shutdown below
    stack.callback(build_alive.close)
    pool = stack.enter_context(ProcessPoolExecutor(max_workers=workers, mp_context=_WORKER_START,
                                                   initializer=_stop_with_build, initargs=(build_alive,)))
    stack.callback(pool.shutdown, cancel_futures=True)
    yield from pool.map(_render_job, [f.name for f, _, _ in jobs], [subject for _, subject, _ in jobs],
                        itertools.repeat(context))
    pool.shutdown()  # the workers go, with the memory they hold, before the next batch starts
    build_alive.close()
    held_by_this_build.close()


def _stop_with_build(build_alive: Connection) -> None:
    """Runs in each pool worker as it starts: the worker exits as soon as its build has gone.

    A build killed outright (SIGKILL) cannot stop its workers, which would wait on the job queue
    for ever, and their fork server with them (each worker holds the server's own lifeline). The
    build holds the only writing end of a pipe whose reading end each worker watches: when the build
    ends, however it ends, the pipe reads as closed. Linux's PR_SET_PDEATHSIG would not do: the
    workers' parent is the fork server, not the build.
    """
    def watch() -> None:
        build_alive.poll(None)  # nothing is ever sent: this returns when the pipe closes
        os._exit(1)

    threading.Thread(target=watch, name="stop-with-build", daemon=True).start()


def _write(root: Path, relative: Path, content: bytes) -> Path:
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return relative


def audit(rendered: Path, notices: list[ResolvedNotice], out: Path, cache: OutputCache | None = None) -> None:
    """Read back what was just rendered; raise UnknownLinks if a link leads anywhere but the facts' addresses
    and the output itself, and AuditFailed, naming each rule and file, if it leaves anything out (other than
    what a notice published as incomplete says it leaves out).

    Files served from ``cache`` passed this same audit when they were made, so they are not read
    again; once the rest pass, the files just rendered enter the cache.
    """
    reused = set(cache.reused) if cache else set()
    audit_links(rendered, notices, shown_as=out, skip=reused)
    findings = audit_rendered(rendered, notices, shown_as=out, skip=reused)
    failures = [finding for finding in findings if finding.severity == "error" and not excused(finding, notices)]
    if failures:
        raise AuditFailed(failures)
    if cache:
        cache.commit()


def _written_at(text: str, tree: FactTree) -> str | None:
    """file:line:col of the first fact that holds ``text``, if a fact does (not the templates' wording)."""
    for model in (tree.organisation, *tree.schools.values(), *tree.notices.values()):
        for written, location in fact_texts(model):
            if text in written and location is not None:
                return str(location)
    return None


def build(facts: Path, out: Path, templates: Path, format_names: list[str] | None = None,
          project_root: Path | None = None, cache_folder: Path | None = None,
          progress: bool = False, publish_incomplete: bool = False) -> BuildResult:
    """Build the chosen formats from ``facts`` into ``out``, replacing it only if everything succeeds.

    Notices with checker errors are refused (IncompleteNotices), or with ``publish_incomplete``
    published marked as incomplete. With ``cache_folder``, files whose inputs did not change are reused from it.
    """
    formats = select_formats(format_names)
    check_output_folder(out, project_root or Path.cwd(), inputs=(facts, templates))
    project = load_project(facts)
    notices = publishable_notices(project, publish_incomplete, templates=templates)
    context = RenderContext(templates=templates)
    with staged_output(out) as staging, \
            OutputCache(cache_folder, templates) if cache_folder else contextlib.nullcontext() as cache:
        try:
            files = render_all(notices, formats, context, staging, cache=cache, progress=progress)
        except UnprintableCharacter as problem:
            raise UnprintableCharacter(problem.text, _written_at(problem.text, project.tree) or problem.where) from None
        audit(staging, notices, out, cache)
    return BuildResult(out=out, notices=notices, files=files)
