"""What one side's mkdocs.yml says the build reads (its folders) and runs (hooks, plugins, extensions).

The file comes from a pull request: it is read as plain data, and a tag that would make MkDocs import
Python (``!!python/name:...``) is noted, never followed.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass

import yaml

from generator.site.plugin import RAW_HTML_OPTION, NoticesConfig

MKDOCS_DOCS_DIR = "docs"  # MkDocs' own default
SETTINGS = "the website's settings"


@dataclass(frozen=True)
class SiteSettings:
    """The parts of a side's mkdocs.yml that decide what the build reads and what code it runs."""

    readable: bool = True
    docs_dir: str | None = None
    custom_dir: str | None = None
    templates: str | None = None
    hooks: tuple[str, ...] = ()  # as written in mkdocs.yml
    hook_files: tuple[str, ...] = ()  # the same, from the top of the repository
    plugins: tuple[str, ...] = ()
    extensions: tuple[str, ...] = ()
    python_names: tuple[str, ...] = ()  # '!!python/name:module.thing' and the like
    scripts: tuple[str, ...] = ()  # extra_javascript: on every page, in every visitor's browser
    raw_html_in_pages: bool = False
    inherits: str | None = None  # INHERIT: a further settings file, from the top of the repository
    outside: tuple[str, ...] = ()  # folders named that lie outside the repository

    def folders(self) -> dict[str, str]:
        """{repository path: what it holds} for the folders and files the build reads by these settings."""
        named = {path: "a build hook: Python that runs in every build" for path in self.hook_files}
        if self.inherits is not None:
            named[self.inherits] = SETTINGS
        for path, role in ((self.docs_dir, "a hand-written page of the website"),
                           (self.custom_dir, "a theme override: HTML and scripts on every page of the website"),
                           (self.templates, "a template of the notices or of the website")):
            if path is not None:
                named.setdefault(path, role)
        return named


class _DataOnly(yaml.SafeLoader):
    """YAML as data; every tag MkDocs would act on (``!ENV``, ``!relative``, ``!!python/...``) kept as its text."""

    python_names: list[str]


def _tagged(_loader: _DataOnly, suffix: str, node: yaml.Node) -> str:
    return f"!{suffix} {node.value if isinstance(node, yaml.ScalarNode) else ''}".strip()


def _python(loader: _DataOnly, suffix: str, node: yaml.Node) -> str:
    name = f"!!python/{suffix} {node.value if isinstance(node, yaml.ScalarNode) else ''}".strip()
    loader.python_names.append(name)
    return name


_DataOnly.add_multi_constructor("!", _tagged)
_DataOnly.add_multi_constructor("tag:yaml.org,2002:python/", _python)


def _names(entries: object) -> tuple[str, ...]:
    """The names in a plugins or markdown_extensions list: '- search' or '- notices: {...}'."""
    if isinstance(entries, dict):
        return tuple(str(name) for name in entries)
    if not isinstance(entries, list):
        return ()
    return tuple(str(next(iter(entry))) if isinstance(entry, dict) and entry else str(entry) for entry in entries)


def _scripts(entries: object) -> tuple[str, ...]:
    """extra_javascript's entries: 'assets/x.js' or '{path: assets/x.js, type: module}'."""
    if not isinstance(entries, list):
        return ()
    return tuple(str(entry.get("path")) if isinstance(entry, dict) else str(entry) for entry in entries)


def _options(plugins: object, name: str) -> dict:
    """The options of the plugin ``name`` in ``plugins:`` (a mapping or a list; absent, it is None)."""
    entries: Iterable[tuple[object, object]] = ()
    if isinstance(plugins, dict):
        entries = plugins.items()
    elif isinstance(plugins, list):
        entries = (next(iter(entry.items())) if isinstance(entry, dict) and entry else (entry, None)
                   for entry in plugins)
    for plugin, options in entries:
        if plugin == name:
            return options if isinstance(options, dict) else {}
    return {}


def _in_repository(config_folder: str, path: object) -> str | None:
    """``path`` (relative to mkdocs.yml) as a path from the top of the repository; None if it leads out."""
    if not isinstance(path, str) or not path:
        return None
    joined = posixpath.normpath(posixpath.join(config_folder, path))
    return None if joined.startswith("..") or posixpath.isabs(path) else joined


def read_settings(content: bytes | None, config_path: str) -> SiteSettings:
    """The settings of the mkdocs.yml at ``config_path`` (from the top of the repository) holding ``content``."""
    if content is None:  # no mkdocs.yml: no website, but `notices build` reads templates/
        return SiteSettings(templates=NoticesConfig.templates.default)
    loader = _DataOnly(content)
    loader.python_names = []
    try:
        settings = loader.get_single_data()
    except (yaml.YAMLError, UnicodeDecodeError, RecursionError):
        return SiteSettings(readable=False)
    finally:
        loader.dispose()
    if not isinstance(settings, dict):
        return SiteSettings(readable=False)
    folder = posixpath.dirname(config_path)
    theme: dict = settings["theme"] if isinstance(settings.get("theme"), dict) else {}
    notices = _options(settings.get("plugins"), "notices")
    named = {"docs_dir": settings.get("docs_dir", MKDOCS_DOCS_DIR), "custom_dir": theme.get("custom_dir"),
             "templates": notices.get("templates", NoticesConfig.templates.default), "INHERIT": settings.get("INHERIT")}
    hooks: list = settings["hooks"] if isinstance(settings.get("hooks"), list) else []
    places = {key: _in_repository(folder, path) for key, path in named.items()}
    return SiteSettings(
        docs_dir=places["docs_dir"], custom_dir=places["custom_dir"], templates=places["templates"],
        inherits=places["INHERIT"],
        hooks=tuple(map(str, hooks)),
        hook_files=tuple(path for path in (_in_repository(folder, hook) for hook in hooks) if path),
        plugins=_names(settings.get("plugins")), extensions=_names(settings.get("markdown_extensions")),
        python_names=tuple(loader.python_names), scripts=_scripts(settings.get("extra_javascript")),
        raw_html_in_pages=notices.get(RAW_HTML_OPTION) is True,
        outside=tuple(str(path) for key, path in named.items() if path and places[key] is None)
                + tuple(str(hook) for hook in hooks if _in_repository(folder, hook) is None),
    )
