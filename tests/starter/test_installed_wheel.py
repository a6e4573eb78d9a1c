"""Installed from its wheel into a fresh environment outside this repository, the tool starts a school's
repository that checks, builds (PDFs in Arabic too), publishes and reviews with nothing from this checkout; a school's own
template replaces the packaged one until it is removed; and the light install, as the pre-commit hook
makes it, checks the facts without the PDF and Word libraries."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from generator.distribution import manual, requirement
from generator.render.pdf_text import pdf_text
from tests.conftest import TEMPLATES, fill_placeholders
from tests.starter.conftest import run

pytestmark = pytest.mark.slow

OUR_WORDING = "Hill Trust's own closing words."


def environment_with(folder: Path, requirement: str) -> Path:
    """A fresh virtual environment holding ``requirement``; returns its bin folder."""
    run([sys.executable, "-m", "venv", folder], cwd=folder.parent)
    run([folder / "bin" / "python", "-m", "pip", "install", "--quiet", requirement], cwd=folder.parent)
    return folder / "bin"


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """The bin folder of a fresh environment with the wheel and its build extra, as requirements.txt installs it."""
    return environment_with(tmp_path_factory.mktemp("installed") / "venv", f"{wheel}[build]")


def started_school(parent: Path, bin_folder: Path) -> Path:
    school = parent / "hill-trust"
    run([bin_folder / "notices", "init", school, "--trust", "--school", "hill"], cwd=parent)
    fill_placeholders(school / "notices")
    # The school says its pupils' ages, as its file asks: 3 to 16, for a school with a nursery (the library's
    # early years notice) and pupils of 13 and over (its youth support services).
    hill = school / "notices" / "schools" / "hill.yaml"
    hill.write_text(hill.read_text("utf-8").replace("# ages: 11-16\n", "ages: 3-16\n"), "utf-8")
    return school


def test_a_school_repository_checks_builds_publishes_and_reviews_from_the_installed_wheel(installed, tmp_path) -> None:
    school = started_school(tmp_path, installed)
    notices = installed / "notices"
    checked = run([notices, "check"], cwd=school).stdout
    # The library's children's versions are each for an age band: Hill's pupils of those ages read them.
    assert "0 errors, 0 warnings." in checked, checked
    run([notices, "build"], cwd=school)
    assert {path.name for path in (school / "dist" / "hill").iterdir()} >= {
        "children-in-need.pdf", "children-in-need.docx", "children-in-need.md", "booklet.pdf",
        "pupils.pdf", "pupils.children-11-16.pdf", "early-years.pdf"}  # the library's notices and the sections they share come with the wheel
    assert re.search(r"^pupils +How we use information about pupils", run([notices, "library"], cwd=school).stdout,
                     re.MULTILINE)
    run([notices, "site"], cwd=school)
    assert (school / "site" / "assets" / "notices.css").is_file()  # the packaged site overrides, with no custom_dir
    assert "Name of hill" in (school / "site" / "schools" / "hill" / "index.html").read_text("utf-8")

    run(["git", "init", "--quiet", "-b", "main"], cwd=school)
    run(["git", "add", "."], cwd=school)
    run(["git", "-c", "user.name=Office", "-c", "user.email=office@example.org", "commit", "--quiet", "-m", "Start"],
        cwd=school)
    hill = school / "notices" / "schools" / "hill.yaml"
    hill.write_text(hill.read_text("utf-8").replace('"Name of hill"', '"Hill Primary School"'), "utf-8")
    review = run([notices, "diff", "main"], cwd=school).stdout
    assert "Hill Primary School" in review and "hill" in review

    # The print template and the Arabic and Hebrew fonts come with the package too.
    hill.write_text(hill.read_text("utf-8").replace('"Hill Primary School"', '"مدرسة"'), "utf-8")
    run([notices, "build", "--format", "pdf"], cwd=school)
    assert "مدرسة" in pdf_text((school / "dist" / "hill" / "children-in-need.pdf").read_bytes())


def test_a_schools_own_template_replaces_the_packaged_one_until_it_is_removed(installed, tmp_path) -> None:
    school = started_school(tmp_path, installed)
    build = [installed / "notices", "build", "--format", "md"]
    own = school / "templates" / "notice.md.j2"
    own.write_text((TEMPLATES / "notice.md.j2").read_text("utf-8") + f"\n{OUR_WORDING}\n", "utf-8")
    run(build, cwd=school)
    assert OUR_WORDING in (school / "dist" / "hill" / "children-in-need.md").read_text("utf-8")
    own.unlink()
    run(build, cwd=school)  # the cache must not serve the file made with the school's template
    assert OUR_WORDING not in (school / "dist" / "hill" / "children-in-need.md").read_text("utf-8")


def test_the_light_install_of_the_pre_commit_hook_checks_without_pdf_or_word_libraries(wheel, tmp_path) -> None:
    bin_folder = environment_with(tmp_path / "venv", str(wheel))  # as `additional_dependencies` installs it
    listed = run([bin_folder / "python", "-m", "pip", "list", "--format", "freeze"], cwd=tmp_path).stdout.lower()
    for heavy in ("typst", "weasyprint", "python-docx", "pypdfium2", "playwright"):
        assert f"\n{heavy}==" not in f"\n{listed}"
    school = started_school(tmp_path, bin_folder)
    assert run([bin_folder / "notices", "check"], cwd=school).returncode == 0
    refused = run([bin_folder / "notices", "build"], cwd=school, ok=False)
    assert refused.returncode == 1
    # The first format that needs the PDF libraries, in the order of their names, says what to install.
    assert re.match(r"error: the [a-z-]+ format needs typst and pypdfium2, which are not installed; "
                    + re.escape(f"install the tool with its build extra: pip install '{requirement('build')}'"),
                    refused.stderr), refused.stderr
    organisation = school / "notices" / "organisation.yaml"
    organisation.write_text(organisation.read_text("utf-8") + "colour: red\n", "utf-8")
    slip = run([bin_folder / "notices", "check"], cwd=school, ok=False).stderr.splitlines()
    # The 'see' line is the manual's public address, which opens on any computer, not a path on this one.
    see = slip[slip.index(next(line for line in slip if "'colour' is not a key" in line)) + 1]
    assert see == f"  see {manual('errors.md#unknown-key')}"
