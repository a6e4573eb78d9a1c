"""The files the website offers for download: the other formats of each notice and each school's booklet.

They are rendered by the same registry and pipeline as ``notices build`` (slow formats from the
cache when unchanged) and audited the same way, so a download never says less than the page.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.facts.cascade import ResolvedNotice
from generator.pipeline import audit, render_all
from generator.render.cache import OutputCache
from generator.render.formats import NoticesFor, RenderContext, select_formats
from generator.scratch import scratch_folder

FOLDER = "downloads"


@dataclass(frozen=True)
class Download:
    src_uri: str  # where the file sits in the site, e.g. downloads/oakmoor/children-in-need.pdf
    label: str  # what it is, for the download block
    for_staff: bool  # listed apart, under "For staff and systems"
    body: bytes | Path  # the file just rendered, or the cached file it is copied from

    @property
    def size(self) -> int:
        return len(self.body) if isinstance(self.body, bytes) else self.body.stat().st_size


def render_downloads(notices: list[ResolvedNotice], format_names: list[str], context: RenderContext,
                     cache: OutputCache | None) -> dict[tuple[str | None, str | None], list[Download]]:
    """The download files, keyed by (school id, document id: a notice's, or its children's version's);
    a school's own files are under (school id, None), and the organisation's under (None, None).

    The plugin's options have checked that each format exists. Raises AuditFailed if a file leaves
    out what the law requires. Downloads served from ``cache`` point into it: keep it open until the
    site has copied them.
    """
    if not format_names:  # select_formats reads an empty list as "all of them"
        return {}
    formats = select_formats(format_names)
    by_owner: dict[tuple[str | None, str | None], list[Download]] = {}
    with scratch_folder(Path(tempfile.gettempdir()), "notices-downloads-") as rendered:
        # Files from the cache stay there until MkDocs copies them into the site: no copy in between.
        render_all(notices, formats, context, rendered, cache=cache, copy_reused=False)
        audit(rendered, notices, Path(FOLDER), cache)
        reused = cache.reused if cache else {}
        for output_format in formats:
            for path, subject in output_format.files(notices):
                # A school's own file (its booklet, a letter) is made from its notices; a notice's from one; the whole
                # organisation's (the record of processing) is offered on the home page, under (None, None).
                owner: tuple[str | None, str | None] = (
                    (None, None) if output_format.scope == "organisation" else (subject[0].variant.id, None)
                    if isinstance(subject, list) else (subject.notices[0].variant.id, None)
                    if isinstance(subject, NoticesFor) else (subject.variant.id, subject.document_id))
                src_uri, name = f"{FOLDER}/{path.as_posix()}", output_format.file_label(subject)
                staff = output_format.for_staff
                by_owner.setdefault(owner, []).append(
                    Download(src_uri, name, staff, reused[path] if path in reused else (rendered / path).read_bytes()))
    return by_owner
