"""The home page answers parents' questions from the facts alone, menus name notices by short titles, and the footer
carries the school's contact and review dates: all as the generated Markdown and page settings, without a browser."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import markdown
import pytest

from generator.check.gate import publishable_notices
from generator.facts.models import Notice
from generator.project import load_project
from generator.render.formats import RenderContext
from generator.site.pages import SitePage, site_nav, site_pages
from generator.site.plugin import theme_meta
from tests.conftest import TEMPLATES

QUESTIONS = ["Can I see what you hold about my child?", "Can I say no, or change my mind?",
             "Who do you share it with? Does the DfE get it?", "How long do you keep it?", "How do I complain?",
             "How do I talk to the data protection officer?"]


def _pages(facts: Path, incomplete: bool = False) -> dict[str, SitePage]:
    """The site's pages; ``incomplete``: published with what the checker finds missing (--publish-incomplete)."""
    notices = publishable_notices(load_project(facts), incomplete)
    return {page.src_uri: page for page in site_pages(notices, RenderContext(templates=TEMPLATES))}


@pytest.fixture(scope="module")
def example_pages() -> dict[str, SitePage]:
    from tests.conftest import EXAMPLE
    return _pages(EXAMPLE)


def _section(markdown: str, question: str) -> str:
    """The answer under one question: from its heading to the next."""
    return markdown.split(f"## {question}", 1)[1].split("\n## ", 1)[0]


def test_the_home_page_asks_the_parents_questions_first(example_pages):
    home = example_pages["index.md"].markdown
    headings = re.findall(r"^## (.+?)(?: \{#[^}]+\})?$", home, re.MULTILINE)
    assert headings[:len(QUESTIONS)] == QUESTIONS
    assert home.index(QUESTIONS[0]) < home.index("## Our schools")


def test_the_subject_access_answer_names_whom_to_ask_and_links_each_childs_notice(example_pages):
    answer = _section(example_pages["index.md"].markdown, QUESTIONS[0])
    assert "subject access request" in answer
    assert "telephone 01420 472132" in answer and "(mailto:enquiries@oakmoor.hants.sch.uk)" in answer
    links = re.findall(r"\[([^\]]+)\]\(([^)]+)\)", answer)
    # The notices the facts say are about children, by their short titles, each to its rights and how to use them.
    assert ("Pupils and parents", "schools/oakmoor/pupils.md#your-rights") in links
    assert ("Children in need and children looked after", "schools/oakmoor/children-in-need.md#your-rights") in links
    assert not any("workforce" in target for _, target in links)  # staff are no parent's question
    # How to ask, what to include and the time limit are on the page the parent is sent to.
    assert ("See the information we hold about you or your child", "see-your-information.md") in links


def test_each_answer_comes_from_the_facts(example_pages):
    home = example_pages["index.md"].markdown
    consent = _section(home, QUESTIONS[1])
    assert "[Photographs and video](schools/oakmoor/photographs.md#must-you-give-it)" in consent
    assert "[Fingerprints and biometrics](schools/oakmoor/biometrics.md#must-you-give-it)" in consent
    sharing = _section(home, QUESTIONS[2])
    assert "[Pupils and parents](schools/oakmoor/pupils.md#who-we-share-with) with: Department for Education (DfE)." in sharing
    assert "Hampshire County Council Children's Services" in sharing
    keeping = _section(home, QUESTIONS[3])
    assert "- The pupil's educational record: until the pupil reaches the age of 25." in keeping
    assert "[https://ico.org.uk/concerns/](https://ico.org.uk/concerns/)" in _section(home, QUESTIONS[4])
    assert "Helen Turner: email [unicat@chi.ac.uk](mailto:unicat@chi.ac.uk)" in _section(home, QUESTIONS[5])


def _without(path: Path, pattern: str) -> None:
    path.write_text(re.sub(pattern, "", path.read_text("utf-8"), count=1, flags=re.MULTILINE), "utf-8")


def test_a_question_the_facts_cannot_answer_is_left_out_not_invented(example_copy: Path):
    _without(example_copy / "organisation.yaml", r"^dpo:\n(  .*\n)+")
    (example_copy / "photographs.yaml").unlink()
    (example_copy / "biometrics.yaml").unlink()
    _without(example_copy / "pupils.yaml", r"^  - id: dfe\n(    .*\n)*")
    home = _pages(example_copy, incomplete=True)["index.md"].markdown  # no DPO: the checker's finding, not ours
    assert "data protection officer?" not in home
    assert "Can I say no" not in home
    assert "## Who do you share it with? {#" in home and "DfE" not in home


def test_a_short_title_is_declared_or_made_from_the_title():
    notice = Notice.model_construct(title="How we use information about our members, trustees and governors",
                                    short_title=None)
    assert notice.menu_title == "Members, trustees and governors"
    assert Notice.model_construct(title="How we use photographs and video", short_title=None).menu_title == (
        "Photographs and video")
    assert Notice.model_construct(title="Privacy notice for parents", short_title=None).menu_title == (
        "Privacy notice for parents")
    assert Notice.model_construct(title="How we use pupil information", short_title="Pupils").menu_title == "Pupils"


def test_the_menu_names_notices_by_short_titles(example_pages):
    nav = site_nav(list(example_pages.values()))
    (schools,) = [entry["Our schools"] for entry in nav if "Our schools" in entry]
    titles = [str(title) for item in schools[0]["Oakmoor School"][1:] for title in item]
    assert {"Pupils and parents", "Staff", "CCTV and visitors", "Photographs and video"} <= set(titles)
    assert not any(title.startswith("How we use") for title in titles)


def test_markup_in_a_short_title_stays_text(example_copy: Path):
    notice = example_copy / "pupils.yaml"
    notice.write_text(notice.read_text("utf-8").replace(
        "short_title: Pupils and parents", "short_title: '<script>alert(1)</script> *Pupils* [x](javascript:y)'"),
        "utf-8")
    pages = _pages(example_copy)
    html = lxml.html.fromstring(markdown.markdown(pages["index.md"].markdown, extensions=["attr_list"]))
    assert html.xpath("//script") == [] and html.xpath("//a[starts-with(@href, 'javascript')]") == []
    assert "<script>alert(1)</script> *Pupils* [x](javascript:y)" in html.text_content()
    nav = site_nav(list(pages.values()))
    assert any("&lt;script&gt;" in str(title) for entry in nav if "Our schools" in entry
               for item in entry["Our schools"][0]["Oakmoor School"][1:] for title in item)


def test_the_footer_gives_the_schools_contact_and_the_notices_review_dates(example_pages):
    school = theme_meta(example_pages["schools/oakmoor/index.md"], str)["footer"]
    assert school[0] == {"label": "", "text": "Oakmoor School", "href": None}
    assert {"label": "Email", "text": "enquiries@oakmoor.hants.sch.uk",
            "href": "mailto:enquiries@oakmoor.hants.sch.uk"} in school
    assert {"label": "Telephone", "text": "01420 472132", "href": None} in school
    assert school[-1] == {"label": "Notices last reviewed", "href": None,
                          "text": "1 September 2026 to 1 November 2026; next review due by 1 September 2027"}
    home = theme_meta(example_pages["index.md"], str)
    assert home["footer"][0]["text"] == "University of Chichester Academy Trust"
    assert home["page_kind"] == "home" and home["hide"] == ["toc"]


def test_a_childs_page_has_its_own_look_and_no_staff_downloads(example_pages):
    from generator.site.downloads import Download

    page = example_pages["schools/oakmoor/pupils.children.md"]
    page.downloads = [Download("downloads/a.pdf", "PDF", False, b"x"), Download("downloads/a.json", "JSON", True, b"x")]
    meta = theme_meta(page, str)
    assert meta["page_kind"] == "children"
    assert [download["label"] for download in meta["downloads"]] == ["PDF"]
