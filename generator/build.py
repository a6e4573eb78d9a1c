"""The pipeline, top to bottom: load facts, resolve the cascade, render every format, publish."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.facts.cascade import ResolvedNotice, resolve
from generator.facts.load import load_facts
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


def render_all(notices: list[ResolvedNotice], formats: list[OutputFormat], context: RenderContext,
               into: Path) -> list[Path]:
    """Write every format of every notice under ``into``; returns the paths written, relative to it."""
    written = []
    for output_format in formats:
        if output_format.scope == "school":
            for school_id in sorted({notice.variant.id for notice in notices}):
                school_notices = [notice for notice in notices if notice.variant.id == school_id]
                written.append(_write(into, output_format.output_path(school_id),
                                      output_format.render(school_notices, context)))
        else:
            for notice in notices:
                written.append(_write(into, output_format.output_path(notice.variant.id, notice.id),
                                      output_format.render(notice, context)))
    return sorted(written)


def _write(root: Path, relative: Path, content: bytes) -> Path:
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return relative


def build(facts: Path, out: Path, templates: Path, format_names: list[str] | None = None,
          project_root: Path | None = None) -> BuildResult:
    """Build the chosen formats from ``facts`` into ``out``, replacing it only if everything succeeds."""
    formats = select_formats(format_names)
    check_output_folder(out, project_root or Path.cwd())
    notices = load_notices(facts)
    context = RenderContext(templates=templates, notices=tuple(notices))
    with staged_output(out) as staging:
        files = render_all(notices, formats, context, staging)
    return BuildResult(out=out, notices=notices, files=files)
