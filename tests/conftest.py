"""Shared fixtures: the project's folders, copies of the example facts to change in a test, and the programs
(Chromium, LibreOffice) that mark the tests using them."""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from generator.cli import main
from generator.facts.children import banded_name

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "notices"
TEMPLATES = PROJECT / "templates"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
NOTICES_COMMAND = str(Path(sys.executable).with_name("notices"))  # for tests that run it as a process
SEED_AS_PUBLISHED = FIXTURES / "seed-as-published"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


NOTICE_TEMPLATES = ("notice.md.j2", "notice-shared.md.j2", "notice-layers.md.j2")


def notice_template_holding(folder: Path, text: str) -> Path:
    """The one Markdown notice template in ``folder`` that holds ``text``: a test's edit follows its section."""
    holding = [folder / name for name in NOTICE_TEMPLATES if text in (folder / name).read_text("utf-8")]
    assert len(holding) == 1, f"{text!r} is in {len(holding)} of the notice templates, not one"
    return holding[0]


def templates_with(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the project's templates with one edit to the Markdown notice."""
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES, folder)
    template = notice_template_holding(folder, old)
    template.write_text(template.read_text("utf-8").replace(old, new, 1), "utf-8")
    return folder


_PLACEHOLDER = re.compile(r'^(\s*)([\w-]+): "TO BE COMPLETED: [^"]*"$', re.MULTILINE)
_COMMENTED_DPO = "# dpo:\n#   name: Jo Example\n#   email: dpo@example.org.uk"


def fill_placeholders(facts: Path) -> None:
    """What a school does after `notices init`: every placeholder replaced (a name becomes 'Name of hill'),
    and the data protection officer named."""
    for path in facts.rglob("*.yaml"):
        text = _PLACEHOLDER.sub(lambda m: f"{m[1]}{m[2]}: " + ("ZA123456" if m[2] == "ico_registration"
                                                              else f'"{m[2].title()} of {path.stem}"'),  # noqa: B023 - called at once
                                path.read_text("utf-8"))
        path.write_text(text.replace(_COMMENTED_DPO, _COMMENTED_DPO.replace("# ", "").replace("#", "")), "utf-8")


def write_facts(folder: Path, files: dict[str, object]) -> Path:
    """Write each file: Python data through yaml.safe_dump, text and bytes as they are."""
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, "utf-8")
        else:
            path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), "utf-8")
    return folder


# A test that uses one of these fixtures, directly or through another fixture, gets the marker (pyproject.toml
# registers them): `make check` leaves out what needs a browser or LibreOffice, or builds every format (Typst's
# PDFs, Word), the website or the wheel; `make test` runs everything.
MARKER_OF_FIXTURE = {"chromium": "browser", "libreoffice": "office",
                     "example_build": "slow", "built_site": "slow", "wheel": "slow"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for fixture in MARKER_OF_FIXTURE.keys() & set(getattr(item, "fixturenames", ())):
            item.add_marker(MARKER_OF_FIXTURE[fixture])


def pytest_addoption(parser) -> None:
    parser.addoption("--screenshots", metavar="DIR", type=Path,
                     help="Keep the website's screenshots (tests/site/test_site_screenshots.py) in DIR, for reviewers.")


def example_with_one_notice(target: Path, notice_id: str = "children-in-need") -> Path:
    """A copy of notices/ (without its JSON Schemas) whose only notice is ``notice_id``: for tests whose
    expected findings or review name that notice alone, whatever else the example publishes."""
    def left_out(folder: str, names: list[str]) -> list[str]:
        kept = (f"{notice_id}.yaml", "organisation.yaml")
        if Path(folder) == EXAMPLE / "children":  # the children's versions of the notices left out
            return [name for name in names if banded_name(name.removesuffix(".yaml"))[0] != notice_id]
        others = [name for name in names if Path(folder) == EXAMPLE and name.endswith(".yaml") and name not in kept]
        return [*others, *(["schema"] if Path(folder) == EXAMPLE else [])]
    shutil.copytree(EXAMPLE, target, ignore=left_out)
    return target


def keep_only_notice(facts: Path, notice_id: str = "children-in-need") -> Path:
    """``facts`` (a copy of the example) cut down in place to one notice, as ``example_with_one_notice`` copies it."""
    for notice in [*facts.glob("*.yaml"), *facts.glob("children/*.yaml")]:
        if notice.name != "organisation.yaml" and banded_name(notice.stem)[0] != notice_id:
            notice.unlink()


def example_in_age_bands(facts: Path) -> Path:
    """``facts`` (a copy of the example) with a second school, Brook Primary School (pupils aged 4 to 11), and the
    pupils notice's version for children in two age bands: ``pupils.7-11.yaml`` (titled "What your school knows
    about you") and ``pupils.11-16.yaml`` (the example's own)."""
    children = facts / "children"
    written = (children / "pupils.yaml").read_text("utf-8")
    (children / "pupils.yaml").rename(children / "pupils.11-16.yaml")
    # Youth support services are for pupils of 13 and over: neither Brook's notice nor the 7 to 11 version has them.
    younger = re.sub(r"(?ms)^ {6}- fact: youth-support-services\n.*?\n|^  - about: youth-support-services\n.*?(?=^  - about:)",
                     "", written)
    (children / "pupils.7-11.yaml").write_text(younger.replace("ages: 11 to 16", "ages: 7 to 11").replace(
        "title: How your school uses facts about you", "title: What your school knows about you"), "utf-8")
    oakmoor = (facts / "schools" / "oakmoor.yaml").read_text("utf-8")
    (facts / "schools" / "brook.yaml").write_text(
        oakmoor.replace("name: Oakmoor School", "name: Brook Primary School").replace("phases: [secondary]", "phases: [primary]")
        .replace("ages: 11-16", "ages: 4-11") + "notices:\n  pupils:\n    remove:\n      recipients: [youth-support-services]\n"
        "      sections: [youth-support-services]\n", "utf-8")
    return facts


LIBRARY_CHILDRENS_PUPILS = PROJECT / "generator" / "library" / "children" / "pupils.11-16.yaml"


@pytest.fixture(scope="session", autouse=True)
def user_cache(tmp_path_factory) -> Iterator[Path]:
    """The user's cache folder (where builds keep their caches by default) is the session's own, for every
    build, in this process or another: tests leave nothing in the real one."""
    folder = tmp_path_factory.mktemp("user-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(folder))
        patch.delenv("NOTICES_CACHE", raising=False)
        yield folder


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """A copy of notices/ that a test may change."""
    target = tmp_path / "notices"
    shutil.copytree(EXAMPLE, target)
    return target


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, driven by Playwright: one browser for the whole session (Playwright allows one).
    Playwright is imported here, not at the top: a test run without a browser test never loads it."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    assert executable, "Debian's chromium package is needed (.ci/system-packages installs it)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def expect(target):
    """Playwright's ``expect`` (assertions that wait for the page), imported when a browser test first calls it."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


@pytest.fixture(scope="session")
def libreoffice() -> str:
    """Debian's LibreOffice (its ``soffice`` program), for the tests that open our Word files in it."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed: .ci/system-packages installs libreoffice-writer-nogui"
    return soffice


def notices(*arguments: str) -> Result:
    """Run the ``notices`` command as a user would, in this process."""
    return CliRunner().invoke(main, list(arguments))


def straight_quotes(text: str) -> str:
    """Text with its typographic quotes and apostrophes straight, as the facts write them."""
    return text.translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))
