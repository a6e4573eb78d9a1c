"""The website built with the issue's address payloads: each is one exact link, and clicking every link of
every page in Chromium opens no dialog; a template that adds a link no fact gives stops the site's build."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest

from generator.render.html_links import html_links
from generator.site.build_site import SiteFailed, build_site
from tests.hostile.test_links import CONTACT_PAYLOAD, CONTACT_TARGET, _is_safe
from tests.site.conftest import SiteServer, copy_project

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

RECIPIENT_PAYLOAD = "https://www.gov.uk/contact-dfe#)[DfE](javascript:alert(document.cookie))"
RECIPIENT_TARGET = "https://www.gov.uk/contact-dfe#%29%5BDfE%5D%28javascript:alert%28document.cookie%29%29"
SITE_PAYLOAD = "https://privacy.example.org/a(b)[c]'d/"
SITE_TARGET = "https://privacy.example.org/a%28b%29%5Bc%5D%27d/"
ADVISORY, ADVISORY_ADDRESS = "Equality Advisory Support Service", "https://www.equalityadvisoryservice.com/"
# A click's navigation gets "204 No Content", so the page stays and the next link can be clicked; a
# javascript: link is no request, and runs (or not) in the page.
_CLICK = "index => document.querySelectorAll('a[href]')[index].click()"


def _with_payloads(project: Path) -> Path:
    """The example's Oakmoor contact page and the DfE's website are the payloads (the issue's two reports),
    and the site's own address holds brackets and a quote. A hand-written page links elsewhere, as it may."""
    school = project / "notices" / "schools" / "oakmoor.yaml"
    school.write_text(school.read_text("utf-8").replace(
        "  email: enquiries@oakmoor.hants.sch.uk\n",
        f"  email: enquiries@oakmoor.hants.sch.uk\n  url: '{CONTACT_PAYLOAD}'\n", 1), "utf-8")
    organisation = project / "notices" / "organisation.yaml"
    organisation.write_text(organisation.read_text("utf-8").replace(
        "url: https://www.gov.uk/contact-dfe\n", f"url: '{RECIPIENT_PAYLOAD}'\n", 1).replace(
        "site_address: https://privacy.example.org/\n", f"site_address: \"{SITE_PAYLOAD}\"\n", 1), "utf-8")
    (project / "templates" / "site" / "pages" / "accessibility.md").write_text(
        f"# Accessibility statement\n\nIf you are not happy, contact the [{ADVISORY}]({ADVISORY_ADDRESS}).\n", "utf-8")
    return project


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory) -> Path:
    project = _with_payloads(copy_project(tmp_path_factory.mktemp("links-site") / "project"))
    return build_site(project / "mkdocs.yml", project / "site")


def test_each_payload_is_one_exact_link_and_no_page_links_a_script(payload_site: Path) -> None:
    pages = sorted(payload_site.rglob("*.html"))
    hrefs = {page.relative_to(payload_site).as_posix(): html_links(page.read_bytes()) for page in pages}
    assert {page: [href for href in found if not _is_safe(href)] for page, found in hrefs.items()} == {
        page: [] for page in hrefs}
    for page in ("contact-us/index.html", "schools/oakmoor/index.html", "schools/oakmoor/pupils/index.html",
                 "downloads/oakmoor/pupils.html", "downloads/oakmoor/pupils.fragment.html"):
        assert CONTACT_TARGET in hrefs[page], page
    assert RECIPIENT_TARGET in hrefs["who-we-share-with/index.html"]
    assert ADVISORY_ADDRESS in hrefs["accessibility/index.html"]
    feed = (payload_site / "changes.xml").read_text("utf-8")
    assert f'href="{SITE_TARGET}changes.xml"' in feed and "(b)" not in feed


def test_clicking_every_link_of_every_page_opens_no_dialog(payload_site: Path, chromium) -> None:
    server = SiteServer(payload_site)
    context = chromium.new_context()
    try:
        context.route("**/*", lambda route: route.fulfill(status=204) if (
            route.request.is_navigation_request() and route.request.frame.page.url != "about:blank")
            else route.continue_() if route.request.url.startswith(server.url) else route.abort())
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        clicked: set[str] = set()
        targets: set[str] = set()
        for path in sorted(payload_site.rglob("*.html")):
            relative = path.relative_to(payload_site).as_posix()
            page.goto("about:blank")
            page.goto(urljoin(server.url, relative), wait_until="load")
            hrefs = page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)")
            targets.update(hrefs)
            for index, href in enumerate(hrefs):
                if href not in clicked:
                    clicked.add(href)
                    page.evaluate(_CLICK, index)
            page.wait_for_timeout(50)
        assert dialogs == []
        assert len(clicked) > 100
        assert {CONTACT_TARGET, RECIPIENT_TARGET} <= targets  # as Chromium reads them

        # The same clicks do find a script link: one put on the page opens its dialog.
        page.evaluate("document.body.insertAdjacentHTML('beforeend', '<a href=\"javascript:alert(7)\">x</a>')")
        page.evaluate(f"() => ({_CLICK})(document.querySelectorAll('a[href]').length - 1)")
        page.wait_for_timeout(200)
        assert dialogs == ["7"]
    finally:
        context.close()
        server.close()


def test_a_site_template_that_adds_a_link_no_fact_gives_is_refused(tmp_path: Path, caplog) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "templates" / "site" / "contact-us.md.j2"
    page.write_text(page.read_text("utf-8") + "\n[Report a problem](https://evil.example/report)\n", "utf-8")
    with pytest.raises(SiteFailed):
        build_site(project / "mkdocs.yml", project / "site")
    assert ("contact-us/index.html: links to 'https://evil.example/report', which is no address in the facts"
            in caplog.text)
    assert not (project / "site").exists()
