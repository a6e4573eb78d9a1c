"""The ``notices`` MkDocs plugin: adds the generated pages, downloads and feed to the site, and watches the facts.

Nothing is written into the docs folder: every page and file is a ``File.generated`` in ``on_files``.
Options (in ``mkdocs.yml``, paths relative to it):

    plugins:
      - notices:
          facts: notices          # the fact files
          templates: templates    # the notice templates; the site's own are in templates/site/
          formats: [pdf, docx, booklet]   # offered for download; a name that is no format stops the build
          cache: .notices-cache   # files reused when unchanged; empty to render every time
"""

from __future__ import annotations

import calendar
import json
import os
from pathlib import Path
from typing import Callable

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator.defaults import packaged
from generator.errors import NoticesError
from generator.project import load_project
from generator.publish import MARKER
from generator.render.cache import OutputCache
from generator.render.formats import RenderContext, all_formats
from generator.law.dated import longdate
from generator.site.downloads import render_downloads
from generator.site.feed import atom_feed
from generator.site.host_guard import refusing_other_hosts
from generator.site.pages import FEED, SitePage, notice_page, site_nav, site_pages
from generator.site.search_tables import readable_table_rows
from generator.site.search_words import add_keywords


class NoticesConfig(Config):
    """The plugin's options, each checked by MkDocs as it checks its own: a wrong one names itself."""

    facts = config_options.Dir(exists=True, default="notices")
    templates = config_options.Dir(exists=True, default="templates")
    formats = config_options.ListOfItems(config_options.Choice(tuple(all_formats())),
                                         default=["pdf", "docx", "html", "json", "fragment", "booklet"])
    cache = config_options.Type(str, default=".notices-cache")


class NoticesPlugin(BasePlugin[NoticesConfig]):
    cache: OutputCache | None = None

    def _path(self, config, option: str) -> Path:
        return Path(config.config_file_path).parent / self.config[option]

    def on_config(self, config):
        """The packaged site overrides come after the project's own ``custom_dir``, before the theme.

        A school's repository keeps only the theme files it changes; every other override (the
        download block, the footer, the styles) is the installed version's.
        """
        overrides = str(packaged("site_overrides").resolve())
        dirs = config.theme.dirs
        if overrides not in map(os.path.realpath, dirs):
            dirs.insert(1 if config.theme.custom_dir else 0, overrides)
        return config

    def on_files(self, files: Files, /, *, config) -> Files:
        facts, templates = self._path(config, "facts"), self._path(config, "templates")
        try:
            notices = load_project(facts).publishable()
            context = RenderContext(templates=templates)
            self._close_cache()
            if self.config.cache:
                self.cache = OutputCache(self._path(config, "cache"), templates).open()
            downloads = render_downloads(notices, self.config.formats, context, self.cache)
        except NoticesError as problem:
            raise PluginError("\n".join(problem.details() + ["The site was not built."])) from None
        self.epoch_before = os.environ.get("SOURCE_DATE_EPOCH")
        _date_builds_from_facts(notices)
        # Hand-written pages in the docs folder (an accessibility statement, say) join the menu after the hubs.
        written = sorted(file.src_uri for file in files.documentation_pages())
        self.pages = {page.src_uri: page for page in site_pages(notices, context)}
        for page in self.pages.values():
            school = page.school.variant.id if page.school else None
            page.downloads = downloads.get((school, page.notice.id if page.notice else None), [])
            files.append(File.generated(config, page.src_uri, content=page.markdown))
        for owned in downloads.values():
            for download in owned:
                files.append(File.generated(config, download.src_uri, content=download.content,
                                            abs_src_path=download.source and str(download.source)))
        files.append(File.generated(config, FEED, content=atom_feed(
            notices, notices[0].organisation.name or notices[0].variant.name,
            lambda notice: files.get_file_from_path(notice_page(notice)).url,
            files.get_file_from_path("changes.md").url)))
        config.nav = site_nav(list(self.pages.values()), written)
        self.files = files
        return files

    def on_page_markdown(self, markdown: str, /, *, page, config, files) -> str:
        generated: SitePage | None = self.pages.get(page.file.src_uri)
        if generated is not None:
            page.meta.update(theme_meta(generated, lambda src_uri: files.get_file_from_path(src_uri).url))
        return markdown

    def on_build_error(self, *, error) -> None:
        self._close_cache()
        self._restore_epoch()

    def _close_cache(self) -> None:
        """Let other builds use the cache once this one has copied its downloads out of it (or failed)."""
        if self.cache is not None:
            self.cache.close()
            self.cache = None

    def _restore_epoch(self) -> None:
        """Only pages are dated by the facts: later work in this process (PDF fonts) sees the clock as before."""
        if not hasattr(self, "epoch_before"):
            return
        if self.epoch_before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = self.epoch_before

    def on_post_build(self, *, config) -> None:
        """Name each notice's school in the search results, read tables by row, add parents' words; mark the build.

        The search plugin (listed before this one) has written its index by now. The marker lets
        'notices site' replace a site that 'mkdocs build' made.
        """
        self._close_cache()
        self._restore_epoch()
        index_file = Path(config.site_dir) / "search" / "search_index.json"
        if index_file.is_file():
            titles = {self.files.get_file_from_path(page.src_uri).url: page.title
                      for page in self.pages.values() if page.title}
            index = json.loads(index_file.read_text(encoding="utf-8"))
            for entry in index["docs"]:
                entry["title"] = titles.get(entry["location"], entry["title"])
            readable_table_rows(index, Path(config.site_dir))
            add_keywords(index)
            index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        (Path(config.site_dir) / MARKER).write_text("Made by the notices website build. Replaced on every build.\n")

    def on_serve(self, server, /, *, config, builder):
        """Rebuild when a fact, a template or a theme override changes, not only the docs folder.

        Answer only requests addressed to the preview itself (DNS rebinding: see host_guard).
        """
        host, port = server.server_address[:2]
        server.set_app(refusing_other_hosts(server.get_app(), host, port))
        server.watch(str(self._path(config, "facts")))
        server.watch(str(self._path(config, "templates")))
        if config.theme.custom_dir:
            server.watch(config.theme.custom_dir)
        return server


def _date_builds_from_facts(notices) -> None:
    """Date the build (the sitemap's dates) by the newest date in the facts, not the clock, so rebuilds match.

    MkDocs reads SOURCE_DATE_EPOCH, the reproducible-builds convention, whenever it dates a page.
    """
    dates = [d for n in notices for d in [n.notice.last_reviewed, *(c.date for c in n.notice.changes)] if d]
    if dates:
        newest = max(dates)
        os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(newest.timetuple()))


def theme_meta(page: SitePage, url_of: Callable[[str], str]) -> dict:
    """What the theme shows around a generated page: the notice's title, version and review date, and downloads."""
    meta: dict = {}
    if page.notice is not None:
        notice = page.notice.notice
        # The browser tab and the search results name the school: trusts have many notices of one title.
        meta["title"] = page.title
        meta["notice_version"] = notice.version
        meta["last_reviewed"] = longdate(notice.last_reviewed) if notice.last_reviewed else None
    meta["downloads"] = [{"url": url_of(download.src_uri), "label": download.label, "size": _size(download.size)}
                         for download in page.downloads]
    return meta


def _size(length: int) -> str:
    return f"{max(1, round(length / 1024))} KB" if length < 1024 * 1024 else f"{length / (1024 * 1024):.1f} MB"
