"""The ``notices`` MkDocs plugin: adds the generated pages, downloads and feed to the site, and watches the facts.

Nothing is written into the docs folder: every page and file is a ``File.generated`` in ``on_files``.
Options (in ``mkdocs.yml``, paths relative to it):

    plugins:
      - notices:
          facts: notices          # the fact files
          templates: templates    # the notice templates; the site's own are in templates/site/
          formats: [pdf, docx, booklet]   # offered for download (default: SITE_FORMATS below); a name that
                                          # is no format stops the build
          cache: DIR              # files reused when unchanged (default: $NOTICES_CACHE, or this
                                  # project's folder in the user's cache); empty to render every time
          portable: false         # true: a site that works opened from a folder (file://); see portable.py
          publish_incomplete: false   # true: publish notices with checker errors, marked as incomplete
          credit: false           # true: the footer names the tools the site is made with
          raw_html_in_pages: false    # true: hand-written pages may hold HTML and scripts (see written_pages.py)

The facts' ``brand`` (generator/site/brand.py) names the site, colours it and gives its address.
"""

from __future__ import annotations

import calendar
import json
import os
from collections.abc import Callable
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.config import config_options, load_config
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from generator.check.gate import publishable_notices
from generator.check.link_audit import audit_site_links, known_links
from generator.defaults import packaged
from generator.law.dated import longdate
from generator.manifest import write_manifest
from generator.notices_error import NoticesError
from generator.project import Project, load_project
from generator.render.cache import OutputCache, project_folder
from generator.render.formats import format_names
from generator.render.formats.markdown import CURLY_QUOTES
from generator.render.notice_marker import NoticeMarker
from generator.render.print_identity import print_style
from generator.site.brand import PageBrand, organisation_brand, school_brand, site_address
from generator.site.content import site_content
from generator.site.downloads import FOLDER as DOWNLOADS
from generator.site.footer import organisation_address
from generator.site.host_guard import refusing_odd_paths, refusing_other_hosts
from generator.site.layout import downloads_after_first_layer
from generator.site.pages import FEED, SitePage, schools_of, site_nav
from generator.site.portable import write_offline_search
from generator.site.search_tables import readable_table_rows
from generator.site.search_words import add_keywords
from generator.site.written_pages import escaped_front_matter, inert_page, link_problems, refused_files

# The downloads beside each notice (the booklet beside each school), in the order a page lists them, when
# mkdocs.yml names none: declared here alone (the example's mkdocs.yml and the one `notices init` writes
# leave the option out).
# The record of processing (ropa, ropa-csv) is for staff: a site offers it only when `formats:` names it.
SITE_FORMATS = ("pdf", "glance", "docx", "html", "json", "fragment", "booklet",
                "consent", "consent-docx", "access-letter", "access-letter-docx", "retention", "retention-csv")


class NoticesConfig(Config):
    """The plugin's options, each checked by MkDocs as it checks its own: a wrong one names itself."""

    facts = config_options.Dir(exists=True, default="notices")
    templates = config_options.Dir(exists=True, default="templates")
    formats = config_options.ListOfItems(config_options.Choice(tuple(format_names())), default=list(SITE_FORMATS))
    cache = config_options.Optional(config_options.Type(str))
    portable = config_options.Type(bool, default=False)
    publish_incomplete = config_options.Type(bool, default=False)
    credit = config_options.Type(bool, default=False)
    raw_html_in_pages = config_options.Type(bool, default=False)


RAW_HTML_OPTION = "raw_html_in_pages"


BRAND_CSS = "assets/brand.css"
PRINT_CSS = "assets/print.css"  # how a page prints (site_overrides/assets/print.css)


class NoticesPlugin(BasePlugin[NoticesConfig]):
    cache: OutputCache | None = None
    project: Project
    brand: PageBrand

    def _path(self, config, option: str) -> Path:
        return Path(config.config_file_path).parent / self.config[option]

    def cache_folder(self, config) -> Path | None:
        """The folder ``cache:`` names, none for an empty one, and the project's own when it is left out."""
        if self.config.cache is None:
            return project_folder(self._path(config, "facts"))
        return self._path(config, "cache") if self.config.cache else None

    @event_priority(100)  # before the search plugin's, which reads the theme's language partial (ours, en-GB)
    def on_config(self, config):
        """The packaged site overrides come after the project's own ``custom_dir``, before the theme.

        A school's repository keeps only the theme files it changes; every other override (the
        download block, the footer, the styles) is the installed version's.
        """
        overrides = str(packaged("site_overrides").resolve())
        dirs = config.theme.dirs
        if overrides not in map(os.path.realpath, dirs):
            dirs.insert(1 if config.theme.custom_dir else 0, overrides)
        if self.config.portable:  # opened from disk, a link to a folder shows a file listing, not its index.html
            config.use_directory_urls = False
        if PRINT_CSS not in config.extra_css:
            config.extra_css.append(PRINT_CSS)
        for extension, options in CURLY_QUOTES.items():  # the pages read as the printed notices do
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
                config.mdx_configs[extension] = options
        self._apply_brand(config)
        return config

    def on_env(self, env, /, *, config, files):
        env.globals["notices_portable"] = self.config.portable
        return env

    def _apply_brand(self, config) -> None:
        """The facts name the site, give its address (unless mkdocs.yml sets site_url) and colour it."""
        try:
            self.project = load_project(self._path(config, "facts"))
            self.brand = organisation_brand(self.project.tree, config.site_name)
        except NoticesError as problem:
            raise PluginError("\n".join(problem.details() + ["The site was not built."])) from None
        config.site_name = self.brand.title
        config.site_url = config.site_url or site_address(self.project.tree)
        if self.brand.logo_uri is not None:
            config.theme["logo"] = config.theme["favicon"] = self.brand.logo_uri
        if self.brand.colours is not None:
            palette = config.theme["palette"]
            for scheme in palette if isinstance(palette, list) else [palette]:
                scheme["primary"] = scheme["accent"] = "custom"  # the colours come from assets/brand.css
            if BRAND_CSS not in config.extra_css:
                config.extra_css.append(BRAND_CSS)

    def on_files(self, files: Files, /, *, config) -> Files:
        templates = self._path(config, "templates")
        try:
            notices = publishable_notices(self.project, self.config.publish_incomplete)
            brands = {school.variant.id: school_brand(self.project.tree, school.variant.id, school.variant.name,
                                                      self.brand) for school in schools_of(notices)}
            self._close_cache()
            cache_folder = self.cache_folder(config)
            if cache_folder is not None:
                self.cache = OutputCache(cache_folder, templates).open()
            content = site_content(notices, templates, self.config.formats, self.cache)
        except NoticesError as problem:
            raise PluginError("\n".join(problem.details() + ["The site was not built."])) from None
        self.epoch_before = os.environ.get("SOURCE_DATE_EPOCH")
        _date_builds_from_facts(content.notices)
        # Hand-written pages in the docs folder (an accessibility statement, say) join the menu after the hubs.
        self.written_pages = sorted(files.documentation_pages(), key=lambda file: file.src_uri)
        written = [file.src_uri for file in self.written_pages]
        if not self.config[RAW_HTML_OPTION]:
            self._refuse([f"{self._where(file, config)}: {problem}" for file, problem in refused_files(files, config.docs_dir)])
        self.pages = {page.src_uri: page for page in content.pages}
        # A page that is no school's (the home page, a hub, a hand-written page) shows and prints the organisation's.
        self.site_footer = content.pages[0].footer
        self.site_print_style = print_style(self.brand.name, organisation_address(content.notices))
        for page in content.pages:
            files.append(File.generated(config, page.src_uri, content=page.markdown))
        logos = {brand.logo_uri: brand.logo for brand in (self.brand, *brands.values())
                 if brand.logo is not None and brand.logo_uri is not None}
        for src_uri, logo in sorted(logos.items()):
            files.append(File.generated(config, src_uri, abs_src_path=str(logo)))
        if self.brand.colours is not None:
            files.append(File.generated(config, BRAND_CSS, content=self.brand.style()))
        self.brands = brands
        for download in content.downloads:
            files.append(File.generated(config, download.src_uri, content=download.body)
                         if isinstance(download.body, bytes)
                         else File.generated(config, download.src_uri, abs_src_path=str(download.body)))
        files.append(File.generated(config, FEED, content=content.feed(
            lambda src_uri: files.src_uris[src_uri].url, config.site_url)))
        config.nav = site_nav(content.pages, written)
        self.files = files
        return files

    def on_page_markdown(self, markdown: str, /, *, page, config, files) -> str:
        generated: SitePage | None = self.pages.get(page.file.src_uri)
        if generated is not None:
            brand = self.brands[generated.school.variant.id] if generated.school else self.brand
            page.meta.update(theme_meta(generated, lambda src_uri: files.get_file_from_path(src_uri).url))
            page.meta.update(brand_meta(brand, self.brand, generated.description))
            page.meta["print_style"] = (print_style(brand.name, generated.school.variant.address) if generated.school
                                        else self.site_print_style)
            return markdown
        if not self.config[RAW_HTML_OPTION]:
            page.meta, problems = escaped_front_matter(page.meta, page.file.content_string, self._where(page.file, config))
            self._refuse(problems)
            markdown = inert_page(markdown)
        page.meta.update(footer=self.site_footer, print_style=self.site_print_style)  # whose page it is, in print too
        return markdown

    def on_page_content(self, html: str, /, *, page, config, files) -> str:
        if page.file.src_uri not in self.pages and not self.config[RAW_HTML_OPTION]:
            self._refuse(link_problems(html, page.file.content_string, self._where(page.file, config)))
        return html

    @staticmethod
    def _where(file: File, config) -> str:
        """A hand-written file as the user names it: from the folder of mkdocs.yml."""
        return os.path.relpath(file.abs_src_path or file.src_uri, Path(config.config_file_path).parent)

    @staticmethod
    def _refuse(problems: list[str]) -> None:
        if problems:
            raise PluginError("\n".join([*problems, "The site was not built."]))

    def on_post_page(self, output: str, /, *, page, config) -> str:
        """A notice page reads in layers: its first layer, its downloads, then the notice in full."""
        generated: SitePage | None = self.pages.get(page.file.src_uri)
        if generated is not None and generated.notice is not None:
            return downloads_after_first_layer(output)
        return output

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
        """Name each notice's school in the search results, read tables by row, add parents' words; audit every
        link of the site; mark the build.

        The search plugin (listed before this one) has written its index by now. The marker lists what
        the build made, so that 'notices site' replaces a site that 'mkdocs build' made, and only that.
        """
        self._close_cache()
        self._restore_epoch()
        index_file = Path(config.site_dir) / "search" / "search_index.json"
        if index_file.is_file():
            titles = {self.files.src_uris[page.src_uri].url: page.title
                      for page in self.pages.values() if page.title}
            index = json.loads(index_file.read_text(encoding="utf-8"))
            for entry in index["docs"]:
                entry["title"] = titles.get(entry["location"], entry["title"])
            readable_table_rows(index, Path(config.site_dir))
            add_keywords(index)
            index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
            if self.config.portable:
                write_offline_search(Path(config.site_dir), index)
        try:
            known = known_links(self.project.notices, [config.site_url, config.repo_url],
                                [page.content_string for page in self.written_pages])
            audit_site_links(Path(config.site_dir), known, FEED, audited=DOWNLOADS)
        except NoticesError as problem:
            raise PluginError("\n".join(problem.details() + ["The site was not built."])) from None
        # MkDocs never writes a hidden file and keeps those it finds (a deploy checkout's .git): not made here.
        site_dir = Path(config.site_dir)
        write_manifest(site_dir, leave_out=frozenset(path.name for path in site_dir.glob(".*")))

    def on_serve(self, server, /, *, config, builder):
        """Rebuild when a fact, a template or a theme override changes, not only the docs folder.

        Answer only requests addressed to the preview itself (DNS rebinding: see host_guard), for a page's address.
        """
        host, port = server.server_address[:2]
        server.set_app(refusing_other_hosts(refusing_odd_paths(server.get_app()), host, port))
        server.watch(str(self._path(config, "facts")))
        server.watch(str(self._path(config, "templates")))
        if config.theme.custom_dir:
            server.watch(config.theme.custom_dir)
        return server


def read_site_config(config_file: Path) -> tuple[MkDocsConfig, NoticesPlugin]:
    """The site's settings from ``mkdocs.yml``, checked by MkDocs as for a build, and its notices plugin."""
    config = load_config(str(config_file))
    plugin = config.plugins.get("notices")
    if plugin is None:
        raise NoticesError(f"{config_file} does not use the notices plugin: add '- notices' under 'plugins:'.")
    return config, plugin


def _date_builds_from_facts(notices) -> None:
    """Date the build (the sitemap's dates) by the newest date in the facts, not the clock, so rebuilds match.

    MkDocs reads SOURCE_DATE_EPOCH, the reproducible-builds convention, whenever it dates a page.
    """
    dates = [d for n in notices for d in [n.notice.last_reviewed, *(c.date for c in n.notice.changes)] if d]
    if dates:
        newest = max(dates)
        os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(newest.timetuple()))


def theme_meta(page: SitePage, url_of: Callable[[str], str]) -> dict:
    """What the theme shows around a generated page: the notice's title, version and review date (and its
    marker, which the footer carries), and downloads."""
    meta: dict = {}
    if page.notice is not None:
        notice = page.notice.notice
        # The browser tab and the search results name the school: trusts have many notices of one title.
        meta["title"] = page.title
        meta["notice_version"] = notice.version
        meta["last_reviewed"] = longdate(notice.last_reviewed) if notice.last_reviewed else None
        meta["notice_marker"] = NoticeMarker.of(page.notice, page.markdown).attributes()  # for `notices verify`
    for_children = page.notice is not None and page.notice.audience == "children"
    meta["downloads"] = [{"url": url_of(download.src_uri), "label": download.label, "size": _size(download.size),
                          "for_staff": download.for_staff} for download in page.downloads
                         if not (for_children and download.for_staff)]  # a child's page has no staff's box
    meta["footer"] = page.footer
    meta["page_kind"] = ("children" if for_children else "notice" if page.notice is not None
                         else "home" if page.src_uri == "index.md" else "school" if page.school is not None else "hub")
    if meta["page_kind"] in ("home", "school", "children"):  # short pages: no table of contents beside them
        meta["hide"] = ["toc"]
    return meta


def brand_meta(brand: PageBrand, site: PageBrand, description: str) -> dict:
    """The page's name, logo and colours where they are not the whole site's, and its description, escaped:
    the theme prints a description into an attribute as it is."""
    meta: dict = {"description": escape(" ".join(description.split()))}
    if brand.name != site.name:
        meta["brand_name"] = brand.title
    if brand.logo_uri != site.logo_uri:
        meta["brand_logo"] = brand.logo_uri
    if brand.colours != site.colours:
        meta["brand_style"] = Markup(brand.style())  # hexadecimal colours only, checked as the facts load
    return meta


def _size(length: int) -> str:
    return f"{max(1, round(length / 1024))} KB" if length < 1024 * 1024 else f"{length / (1024 * 1024):.1f} MB"
