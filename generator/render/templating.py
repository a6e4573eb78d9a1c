"""The Jinja environments for the templates: a project's own ``templates/`` first, then the packaged ones.

A project (a school's repository) keeps only the templates it changes; a name it does not have is
taken from the defaults shipped with the tool, as a MkDocs theme's ``custom_dir`` works.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator.defaults import packaged
from generator.facts import free_text
from generator.facts.children import section_order, shown_facts
from generator.facts.sections import SECTIONS, SUBTITLES, TITLES
from generator.law.dated import LawChange, law_as_at, law_changes, longdate
from generator.law.instruments import Instrument, instruments
from generator.render import text


class SharedParts:
    """``shared(macro, *arguments)`` in a template: the macro's output, rendered once per arguments.

    A trust's schools share most of each notice, so a section that depends only on the notice is
    rendered once and reused for every school. Arguments are compared by identity (facts are not
    changed once resolved), and so is the macro: one from a template imported with context is made
    again on every render, so it is never reused. A macro imported without context sees nothing but
    its arguments and the globals, which is what makes reusing its output safe.
    """

    LIMIT = 4096  # entries; a trust needs about ten per notice it publishes differently

    def __init__(self) -> None:
        self._outputs: dict[tuple[int, ...], tuple[tuple, object]] = {}

    def __call__(self, macro: jinja2.runtime.Macro, *arguments: object) -> object:
        key = (id(macro._func), *map(id, arguments))
        held = self._outputs.get(key)
        if held is not None and all(a is b for a, b in zip(held[0], (macro._func, *arguments))):
            return held[1]
        output = macro(*arguments)
        output = output if isinstance(output, Markup) else text.TrustedMarkdown(output)
        if len(self._outputs) >= self.LIMIT:
            self._outputs.clear()
        # Holding the macro and the arguments keeps their ids from being reused by other objects.
        self._outputs[key] = ((macro._func, *arguments), output)
        return output


def cited(instrument_id: str) -> Instrument:
    """``cited('uk-gdpr-article-15')`` in a template: the law it states, from the catalogue (an unknown id stops the build)."""
    return instruments()[instrument_id]


def law_change(change_id: str) -> LawChange:
    """``law_change('duaa-response-times')`` in a template: a dated change of the law, with the day it took effect."""
    return law_changes()[change_id]


def template_folders(folder: Path) -> list[Path]:
    """Where templates are looked up, the first that has the name wins: ``folder``, then the packaged ones."""
    default = packaged("templates")
    return [folder] if folder.resolve() == default.resolve() else [folder, default]


def templates_used(folder: Path) -> dict[str, Path]:
    """Each template name -> the file the lookup takes for it: what a build is made from."""
    chosen: dict[str, Path] = {}
    for searched in reversed(template_folders(folder)):  # the project's own files are chosen last, so they win
        for path in searched.rglob("*") if searched.is_dir() else ():
            if path.is_file():
                chosen[path.relative_to(searched).as_posix()] = path
    return dict(sorted(chosen.items()))


def _environment(folder: Path, markdown: bool) -> jinja2.Environment:
    environment = jinja2.Environment(
        # FileSystemLoader tries its folders in order: Jinja's own ChoiceLoader, for folders.
        loader=jinja2.FileSystemLoader([str(searched) for searched in template_folders(folder)]),
        undefined=jinja2.StrictUndefined,
        autoescape=not markdown,
        finalize=text.finalize if markdown else None,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals.update(TEMPLATE_GLOBALS, shared=SharedParts())
    environment.tests["a_role"] = text.a_role
    environment.filters.update(TEMPLATE_FILTERS)
    return environment


# What every template may call, besides ``shared`` (each environment's own): declared once, for the build and the
# benchmark's plain environment alike.
TEMPLATE_GLOBALS = {
    "sections": SECTIONS, "titles": TITLES, "subtitles": SUBTITLES, "anchor": text.anchor, "law_as_at": law_as_at,
    "children_facts": shown_facts, "children_order": section_order, "cited": cited, "law_change": law_change,
}
TEMPLATE_FILTERS = {
    "md_block": free_text.block, "link": text.link, "mailto": text.mailto, "join_list": text.join_list,
    "capfirst": text.capfirst, "as_named": text.as_named, "in_sentence": text.in_sentence,
    "organisation_in_sentence": text.organisation_in_sentence, "kept_for": text.kept_for, "longdate": longdate,
    "trusted": text.TrustedMarkdown,
}


@cache
def markdown_environment(folder: Path) -> jinja2.Environment:
    """For Markdown output: every value is escaped for Markdown unless marked trusted."""
    return _environment(folder, markdown=True)


@cache
def html_environment(folder: Path) -> jinja2.Environment:
    """For HTML output: Jinja's HTML autoescape is on."""
    return _environment(folder, markdown=False)
