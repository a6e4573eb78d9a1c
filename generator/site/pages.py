"""The website's pages as Markdown: the home page, one landing page per school, one page per notice, the hubs.

Hub pages gather one kind of fact from every notice of every school (what is held, who it goes to,
how long it is kept, rights, contacts, changes). Their templates live in ``templates/site/`` and
run in the same escaping Markdown environment as the notice, so fact text stays inert.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from generator.facts.cascade import ResolvedNotice, Variant
from generator.render.formats import RenderContext
from generator.render.formats.markdown import render_markdown
from generator.render.retention_schedule import schedule_rows
from generator.render.templating import markdown_environment
from generator.site import hubs, questions
from generator.site.feed import FEED, dated_changes
from generator.site.footer import footer_lines, organisation_address

HUBS: tuple[tuple[str, str], ...] = (
    ("what-we-hold", "What we hold"),
    ("who-we-share-with", "Who we share with"),
    ("how-long-we-keep-it", "How long we keep it"),
    ("your-rights", "Your rights"),
    ("contact-us", "Contact us"),
    ("changes", "Changes"),
    ("see-your-information", "See the information we hold about you or your child"),
)


def theme_title(text: str) -> Markup:
    """Fact text as the theme takes a title: HTML, so the text escaped, and marked as such.

    Material prints titles unescaped in the menu, the page heading and the search results; marked
    as HTML, a title is not escaped twice where the theme does escape (``| e``). The theme's <title>,
    which unescaped it again through ``striptags``, is overridden in site_overrides/main.html.
    """
    return escape(text)


@dataclass
class SchoolPages:
    """One school (or a standalone organisation) and the notices it publishes."""

    variant: Variant
    notices: list[ResolvedNotice]

    @property
    def folder(self) -> str:
        return f"schools/{self.variant.id}"

    @property
    def index(self) -> str:
        return f"{self.folder}/index.md"

    @property
    def contact(self):
        return self.notices[0].contact


@dataclass
class SitePage:
    """One generated page: where it lives in the site, its Markdown, and what the theme shows around it."""

    src_uri: str
    markdown: str
    notice: ResolvedNotice | None = None
    school: SchoolPages | None = None
    description: str = ""  # for search engines and link previews: what the page is, from the facts
    downloads: list = field(default_factory=list)  # the Download files offered beside the page
    footer: list = field(default_factory=list)  # the footer's lines (generator/site/footer.py)

    @property
    def title(self) -> Markup | None:
        """For a notice, its title with its school's name: a trust has many notices of one title."""
        if self.notice is None:
            return None
        return theme_title(f"{document_title(self.notice)} ({self.notice.variant.name})")


def document_title(notice: ResolvedNotice) -> str:
    """The title a notice's page shows: the children's version has its own."""
    return notice.children.title if notice.audience == "children" and notice.children else notice.notice.title


def menu_title(notice: ResolvedNotice) -> str:
    """A notice's name in menus and on cards: its short title; the children's version's own title."""
    return notice.children.title if notice.audience == "children" and notice.children else notice.notice.menu_title


def notice_page(notice: ResolvedNotice) -> str:
    """The page of a notice, or of its children's version, beside it (``pupils.children.md``)."""
    return f"schools/{notice.variant.id}/{notice.document_id}.md"


def schools_of(notices: list[ResolvedNotice]) -> list[SchoolPages]:
    """The schools in the order of the notices (sorted by school id), each with its notices."""
    schools: dict[str, SchoolPages] = {}
    for notice in notices:
        schools.setdefault(notice.variant.id, SchoolPages(notice.variant, [])).notices.append(notice)
    return list(schools.values())


def site_pages(notices: list[ResolvedNotice], context: RenderContext) -> list[SitePage]:
    """Every generated page of the site, home first, then schools and their notices, then the hubs."""
    schools = schools_of(notices)
    environment = markdown_environment(context.templates)
    environment.globals.update(notice_page=notice_page, holdings=hubs.holdings, sharing=hubs.sharing,
                               not_shared=hubs.not_shared, retention_rows=schedule_rows, notice_groups=hubs.by_title, rights_groups=hubs.rights_groups,
                               dated_changes=dated_changes, menu_title=menu_title, about_children=questions.about_children,
                               asking_consent=questions.asking_consent, the_dfe=questions.the_dfe,
                               sharing_with=questions.sharing_with, recipient_names=questions.recipient_names,
                               main_records=questions.main_records)
    # A standalone school or organisation publishes its notices itself: no "our schools" lists.
    facts = {"organisation": notices[0].organisation, "schools": schools, "notices": notices, "hubs": HUBS,
             "feed": FEED, "standalone": notices[0].variant.standalone}

    def page(template: str, **values) -> str:
        return environment.get_template(f"site/{template}.md.j2").render(**facts, **values).strip() + "\n"

    publisher = notices[0].organisation.name or schools[0].variant.name
    covered = _names([school.variant.name for school in schools])
    organisation = notices[0].organisation
    own = schools[0] if not organisation.name else None  # a standalone school's facts are its organisation's
    site_footer = footer_lines(publisher, organisation_address(notices),
                               organisation.contact or (own.contact if own else None), notices[0].dpo, notices)
    pages = [SitePage("index.md", page("home"), footer=site_footer, description=(
        f"The privacy notices of {publisher}" + ("." if facts["standalone"] else f" and its schools: {covered}.")))]
    for school in schools:
        run_by = "" if school.variant.standalone or not notices[0].organisation.name else f", run by {publisher}"
        school_footer = footer_lines(school.variant.name, school.variant.address, school.contact,
                                     school.notices[0].dpo, school.notices)
        pages.append(SitePage(school.index, page("school", school=school), school=school, footer=school_footer,
                              description=f"The privacy notices of {school.variant.name}{run_by}."))
        documents = [document for notice in school.notices for document in notice.versions()]
        pages += [SitePage(notice_page(document), render_markdown(document, context), notice=document, school=school,
                           footer=school_footer, description=_description(document, school.variant.name)) for document in documents]
    pages += [SitePage(f"{slug}.md", page(slug), footer=site_footer, description=f"{title}, across the privacy notices of {covered}.")
              for slug, title in HUBS]
    return pages


def _description(document: ResolvedNotice, school_name: str) -> str:
    """A notice page's meta description: the summary the facts give its readers (a child's for the children's
    version), or what the page is."""
    if document.audience == "children" and document.children:
        return document.children.summary
    return document.notice.summary or f"{document.notice.title}: the privacy notice of {school_name}."


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def site_nav(pages: list[SitePage], written: Sequence[str] = ()) -> list:
    """MkDocs ``nav``: home, the hubs and any ``written`` pages, then a section per school, its landing page first.

    A trust's schools sit in one "Our schools" section, so that with ``navigation.prune`` each page
    lists every school but only its own school's notices: pages stay small however many schools.
    """
    schools: list = []
    for page in pages:
        if page.school is not None and page.notice is None:
            schools.append({theme_title(page.school.variant.name): [page.src_uri]})
        elif page.notice is not None and page.school is not None:  # a notice's page is its school's
            schools[-1][theme_title(page.school.variant.name)].append(
                {theme_title(menu_title(page.notice)): page.src_uri})
    standalone = any(page.notice is not None and page.notice.variant.standalone for page in pages)
    nav: list = [{"Home": "index.md"}]
    nav += [{title: f"{slug}.md"} for slug, title in HUBS]
    nav += list(written)  # titled by their own first heading
    return nav + (schools if standalone else [{"Our schools": schools}])
