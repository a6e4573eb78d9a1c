"""The pipeline, top to bottom: load facts, resolve the cascade, render every format, audit, publish."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from generator.check import AuditFailed, audit_rendered
from generator.facts.cascade import ResolvedNotice, resolve
from generator.facts.load import load_facts
from generator.facts.placeholders import refuse_placeholders
from generator.publish import check_output_folder, staged_output
from generator.render.formats import OutputFormat, RenderContext, all_formats


@dataclass
class BuildResult:
    out: Path
    notices: list[ResolvedNotice]
    files: list[Path] = field(default_factory=list)


def select_formats(names: list[str] | None) -> list[OutputFormat]:
    """The formats asked for, or all of them; an unknown name is a ValueError listing the known ones."""
    known = all_formats()
    if not names:
        return list(known.values())
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ValueError(f"unknown format {', '.join(unknown)}; choose from {', '.join(known)}")
    return [known[name] for name in names]


def load_notices(facts: Path) -> list[ResolvedNotice]:
    """Facts folder -> one ResolvedNotice per (school, notice). Raises FactErrors."""
    return resolve(load_facts(facts))


def _jobs(notices: list[ResolvedNotice], formats: list[OutputFormat]) -> list[tuple[OutputFormat, object, Path]]:
    """(format, what it renders, where it goes) for every file of the build, in a fixed order."""
    jobs: list[tuple[OutputFormat, object, Path]] = []
    for output_format in formats:
        if output_format.scope == "school":
            for school_id in sorted({notice.variant.id for notice in notices}):
                school_notices = [notice for notice in notices if notice.variant.id == school_id]
                jobs.append((output_format, school_notices, output_format.output_path(school_id)))
        else:
            for notice in notices:
                jobs.append((output_format, notice, output_format.output_path(notice.variant.id, notice.id)))
    return jobs


def _render_job(format_name: str, subject, context: RenderContext) -> bytes:
    """Runs in a worker process: formats are looked up by name, since their functions do not pickle."""
    return all_formats()[format_name].render(subject, context)


def _usable_cores() -> int:
    """The cores this process may run on (macOS and Windows only know how many the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def render_all(notices: list[ResolvedNotice], formats: list[OutputFormat], context: RenderContext,
               into: Path) -> list[Path]:
    """Write every format of every notice under ``into``; returns the paths written, relative to it.

    Slow formats (PDF, Word) render in a pool of processes, one per core; results are written in
    the same fixed order as the jobs, so the output does not depend on which worker finished first.
    """
    jobs = _jobs(notices, formats)
    slow = [job for job in jobs if job[0].slow]
    written = [_write(into, path, output_format.render(subject, context))
               for output_format, subject, path in jobs if not output_format.slow]
    workers = min(len(slow), _usable_cores())
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            contents = list(pool.map(_render_job, *zip(*[(f.name, subject, context) for f, subject, _ in slow])))
    else:
        contents = [output_format.render(subject, context) for output_format, subject, _ in slow]
    written += [_write(into, path, content) for (_, _, path), content in zip(slow, contents)]
    return sorted(written)


def _write(root: Path, relative: Path, content: bytes) -> Path:
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return relative


def audit(rendered: Path, notices: list[ResolvedNotice], out: Path) -> None:
    """Read back what was just rendered; raise AuditFailed, naming each rule and file, if it leaves anything out."""
    failures = [finding for finding in audit_rendered(rendered, notices, shown_as=out) if finding.severity == "error"]
    if failures:
        raise AuditFailed(failures)


def build(facts: Path, out: Path, templates: Path, format_names: list[str] | None = None,
          project_root: Path | None = None) -> BuildResult:
    """Build the chosen formats from ``facts`` into ``out``, replacing it only if everything succeeds."""
    formats = select_formats(format_names)
    check_output_folder(out, project_root or Path.cwd())
    tree = load_facts(facts)
    notices = resolve(tree)
    refuse_placeholders(tree)
    context = RenderContext(templates=templates, notices=tuple(notices))
    with staged_output(out) as staging:
        files = render_all(notices, formats, context, staging)
        audit(staging, notices, out)
    return BuildResult(out=out, notices=notices, files=files)
