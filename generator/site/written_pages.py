"""Hand-written pages of the website (the docs folder) held to the rules of free text in the facts.

Their raw HTML is shown as text, as in a fact's free Markdown (facts/free_text.py); their links go
where a fact's may (https, http, mailto, tel) or to the site's own pages and files; their front matter
may give a title and a description only, both escaped. The plugin's ``raw_html_in_pages: true`` turns
this off: the pages are then code, reviewed as code.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import markdown
from markupsafe import escape
from mkdocs.structure.files import File, Files
from mkdocs.utils.meta import get_data

from generator.facts.free_text import block
from generator.facts.links import ALLOWED_LINK

# A link to a file of this site: no scheme, not '//host' (nor '/\host', which browsers read the same), and
# no space, control character or backslash that a browser would drop or turn round.
_SITE_LINK = re.compile(r"(?![A-Za-z][A-Za-z0-9+.-]*:)(?![/\\]{2})(?!/\\)[^\s\\\x00-\x1f\x7f]*")
FRONT_MATTER = ("title", "description")
# What the docs folder may hold besides pages: pictures and documents a browser does not run (an SVG can hold script).
PAGE_FILES = (".md", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf")
WHAT_TO_WRITE = ("write Markdown, or set 'raw_html_in_pages: true' under the notices plugin in mkdocs.yml "
                 "to make every hand-written page code that reviewers read as code")


def inert_page(text: str) -> str:
    """The page's Markdown with its formatting kept and any raw HTML (or attribute list) shown as text."""
    return block(text)


def refused_file(src_uri: str) -> str | None:
    """Why a file of the docs folder may not go beside the pages, or None: pages, pictures and PDFs may."""
    if src_uri.lower().endswith(PAGE_FILES):
        return None
    return (f"a file of this kind ({Path(src_uri).suffix or 'no ending'}) can run script on the website, so only "
            f"pages and {', '.join(PAGE_FILES[1:])} files may go beside the pages: remove it, or {WHAT_TO_WRITE}")


def refused_files(files: Files, docs_dir: str) -> list[tuple[File, str]]:
    """The docs folder's files that are neither pages nor inert pictures and documents, each with why."""
    return [(file, reason) for file in files if file.src_dir == docs_dir and not file.inclusion.is_excluded()
            for reason in [refused_file(file.src_uri)] if reason]


def escaped_front_matter(meta: dict, source: str, where: str) -> tuple[dict, list[str]]:
    """The page's title and description escaped, and a problem for every other key (the theme would act on it)."""
    kept = {key: escape(str(value)) for key, value in meta.items() if key in FRONT_MATTER}
    problems = [f"{_place(where, source, f'{key}:')}: the front matter key '{key}' is not allowed in a hand-written "
                f"page (only {' and '.join(FRONT_MATTER)} are): remove it, or {WHAT_TO_WRITE}"
                for key in meta if key not in FRONT_MATTER]
    return kept, problems


def link_problems(html: str, source: str, where: str) -> list[str]:
    """Each link or picture of the rendered page that goes anywhere but a fact's kind of link or this site."""
    if not html.strip():
        return []
    problems = []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for element, attribute in [(a, "href") for a in root.iter("a")] + [(img, "src") for img in root.iter("img")]:
        target = element.get(attribute)
        if target is None or _SITE_LINK.fullmatch(target):
            continue
        if element.tag == "a" and ALLOWED_LINK.match(target):
            continue
        kind = "links to" if element.tag == "a" else "shows a picture from"
        allowed = ("links may only go to a web page (https://...), an email address (mailto:...), a phone number "
                   "(tel:...) or a page of this site" if element.tag == "a"
                   else "pictures must be files of this site: another website would learn who reads the page")
        problems.append(f"{_place(where, source, target.strip())}: the page {kind} '{target}': {allowed}")
    return problems


def inert_written_page(source: str, where: str, markdown_config: dict) -> tuple[dict, str, list[str]]:
    """A whole page file, outside a MkDocs build (``notices pages``): its front matter kept to the title and
    description, escaped; its Markdown made inert; and the problems that refuse it."""
    body, meta = get_data(source)
    meta, problems = escaped_front_matter(meta, source, where)
    inert = inert_page(body)
    html = markdown.markdown(inert, **markdown_config)
    return meta, inert, problems + link_problems(html, source, where)


def _place(where: str, source: str, text: str) -> str:
    """``where``:line:col of the first ``text`` in ``source`` (the file as written, front matter included)."""
    offset = max(source.find(text), 0)
    line_start = source.rfind("\n", 0, offset) + 1
    return f"{where}:{source.count(chr(10), 0, offset) + 1}:{offset - line_start + 1}"
