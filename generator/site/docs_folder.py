"""``notices pages``: the website's pages and downloads written as a docs folder that any MkDocs-compatible
engine (MkDocs without the plugin, Zensical) can build, so the site does not depend on one engine.

The pages, downloads and feed come from ``site_content``, as in the plugin. What the plugin gives the
theme beside each page (title, version, review date, downloads) goes in the page's front matter, where
``site_overrides/main.html`` reads it from any engine that uses those overrides.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from mkdocs.structure.files import File

from generator.check.gate import publishable_notices
from generator.notices_error import NoticesError
from generator.project import load_project
from generator.publish import check_output_folder, staged_output
from generator.render.cache import OutputCache
from generator.site.content import site_content
from generator.site.pages import FEED, SitePage
from generator.site.plugin import RAW_HTML_OPTION, read_site_config, theme_meta
from generator.site.written_pages import inert_written_page, refused_file


def write_pages(config_file: Path, out: Path) -> int:
    """Write every page, download and the feed into ``out``, with the plugin's options from ``config_file``.

    Hand-written pages of the site's docs folder are copied too. ``out`` is replaced only when all is
    written; returns how many files it holds.
    """
    config, plugin = read_site_config(config_file)
    project = config_file.resolve().parent
    facts, templates = project / plugin.config.facts, project / plugin.config.templates
    check_output_folder(out, project, inputs=(facts, templates, Path(config.docs_dir)))
    notices = publishable_notices(load_project(facts), plugin.config.publish_incomplete)
    cache_folder = plugin.cache_folder(config)
    cache = OutputCache(cache_folder, templates).open() if cache_folder is not None else None
    try:
        content = site_content(notices, templates, plugin.config.formats, cache)
        with staged_output(out) as folder:
            written = [*(page.src_uri for page in content.pages), *(d.src_uri for d in content.downloads), FEED]
            for page in content.pages:
                _write(folder / page.src_uri, _with_front_matter(page).encode("utf-8"))
            for download in content.downloads:
                _write(folder / download.src_uri,
                       download.body if isinstance(download.body, bytes) else download.body.read_bytes())
            _write(folder / FEED, content.feed(
                lambda src_uri: File(src_uri, None, "", config.use_directory_urls).url))
            written += _copy_written_pages(config, folder)
    finally:
        if cache is not None:
            cache.close()
    return len(written)


def _with_front_matter(page: SitePage) -> str:
    """The page's Markdown, led by what the theme shows around it; downloads by their path in the folder."""
    meta = {key: value for key, value in theme_meta(page, lambda src_uri: src_uri).items() if value}
    if "title" in meta:
        meta["title"] = str(meta["title"])  # the escaped text (pages.theme_title), as the plugin gives it
    if not meta:
        return page.markdown
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + page.markdown


def _copy_written_pages(config, folder: Path) -> list[str]:
    """The site's hand-written pages (an accessibility statement, say), where the engine will find them, held
    to the rules the plugin holds them to (written_pages.py) unless mkdocs.yml makes them code."""
    docs_dir, trusted = Path(config.docs_dir), config.plugins["notices"].config[RAW_HTML_OPTION]
    markdown_config = {"extensions": config.markdown_extensions, "extension_configs": config.mdx_configs}
    copied, problems = [], []
    for source in sorted(docs_dir.rglob("*")):
        relative = source.relative_to(docs_dir)
        if not source.is_file() or any(part.startswith(".") for part in relative.parts):
            continue
        content, where = source.read_bytes(), os.path.relpath(source, Path(config.config_file_path).parent)
        refused = None if trusted else refused_file(relative.as_posix())
        if refused:
            problems.append(f"{where}: {refused}")
        elif relative.suffix == ".md" and not trusted:
            try:
                text = content.decode("utf-8")
            except UnicodeDecodeError:
                raise NoticesError(f"{where} is not saved as UTF-8 text: save it again as UTF-8.") from None
            meta, body, found = inert_written_page(text, where, markdown_config)
            problems += found
            content = ((f"---\n{yaml.safe_dump({k: str(v) for k, v in meta.items()}, allow_unicode=True)}---\n\n"
                        if meta else "") + body + "\n").encode("utf-8")
        _write(folder / relative, content)
        copied.append(relative.as_posix())
    if problems:
        raise NoticesError("\n".join(problems))
    return copied


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
