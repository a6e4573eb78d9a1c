"""Every notice of the library, adopted with `notices new notice ID --from ID` into a trust started by
`notices init` and with its placeholders filled in, passes `check` under the law of 2026-12-01 and builds
in every format."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.facts.strict_yaml import load_yaml_file
from generator.library import library, suited
from generator.library.profile import Profile
from generator.render.formats import all_formats
from tests.conftest import fill_placeholders, notices

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

LIBRARY_IDS = list(library())  # every file in generator/library/notices/
# What a trust whose school has pupils from 3 to 16 adopts: one notice of each topic, the one for academies.
TRUST_IDS = [notice.id for notice in suited(Profile("academy-trust", [], (3, 16)))]
STARTER_NOTICE = "children-in-need"  # init needs one notice; the trust is emptied of it again


def empty_trust(folder: Path, ages: str = "11-16", kind: str = "academy-trust") -> Path:
    """A trust of ``kind`` with one school (its pupils aged ``ages``), made by `notices init`, holding no notice
    yet."""
    started = notices("init", str(folder), "--trust", "--school", "hill", "--notices", STARTER_NOTICE)
    assert started.exit_code == 0, started.output
    facts = folder / "notices"
    (facts / f"{STARTER_NOTICE}.yaml").unlink()
    for version in (facts / "children").glob(f"{STARTER_NOTICE}.*"):  # its children's versions, one per age band
        version.unlink()
    school = facts / "schools" / "hill.yaml"
    school.write_text(school.read_text("utf-8").replace("# ages: 11-16\n", f"ages: {ages}\n"), "utf-8")
    organisation = facts / "organisation.yaml"
    organisation.write_text(organisation.read_text("utf-8").replace("kind: academy-trust\n", f"kind: {kind}\n"), "utf-8")
    shutil.rmtree(facts / "sections", ignore_errors=True)  # the starter may include no shared section
    return facts


def adopt(facts: Path, *library_ids: str) -> None:
    for library_id in library_ids:
        adopted = notices("new", "notice", library_id, "--from", library_id, "--facts", str(facts))
        assert adopted.exit_code == 0, adopted.output
        assert f"wrote {facts / library_id}.yaml" in adopted.output
    fill_placeholders(facts)


@pytest.mark.parametrize("library_id", LIBRARY_IDS)
def test_an_adopted_notice_passes_the_check_once_filled_in(tmp_path: Path, library_id: str) -> None:
    # The early years notice is for a school with a nursery; the others fit a secondary school, whose ages
    # the library's children's version is written for, of the first kind each is for (an academy trust if any).
    scope = library()[library_id].applies_to
    kinds = scope.kinds if scope and scope.kinds else ["academy-trust"]
    facts = empty_trust(tmp_path / "trust", "3-11" if library_id == "early-years" else "11-16",
                        "academy-trust" if "academy-trust" in kinds else kinds[0])
    adopt(facts, library_id)
    checked = notices("check", "--facts", str(facts), "--today", "2026-12-01")
    assert checked.exit_code == 0, checked.output
    assert checked.output.endswith("1 notice for 1 school: 0 errors, 0 warnings.\n"), checked.output


@pytest.fixture(scope="module")
def built_library(tmp_path_factory) -> Path:
    """Every library notice adopted into one trust, whose school (3 to 16) has a nursery, and built in every format."""
    folder = tmp_path_factory.mktemp("library")
    facts = empty_trust(folder / "trust", "3-16")
    adopt(facts, *TRUST_IDS)
    built = notices("build", "--facts", str(facts), "--out", str(folder / "dist"), "--no-cache")
    assert built.exit_code == 0, built.output
    return folder / "dist"


@pytest.mark.parametrize("library_id", TRUST_IDS)
def test_an_adopted_notice_builds_in_every_format(built_library: Path, library_id: str) -> None:
    for output_format in all_formats().values():
        if output_format.document is not None:
            continue  # consent forms and subject access letters: made only for the notices that call for them
        path = built_library / output_format.output_path("hill", library_id)
        assert path.is_file() and path.stat().st_size > 0, f"{output_format.name}: no {path.name}"
    consent_forms = sorted(path.name for path in (built_library / "hill").glob(f"{library_id}.consent-form.*"))
    source = library()[library_id].path
    bases = load_yaml_file(source, str(source)).data["lawful_bases"]
    asks_consent = any(basis["article"] == "6(1)(a)" for basis in bases)
    assert consent_forms == ([f"{library_id}.consent-form.docx", f"{library_id}.consent-form.pdf"]
                             if asks_consent else []), library_id
    markdown = (built_library / "hill" / f"{library_id}.md").read_text("utf-8")
    assert markdown.startswith(f"# {library()[library_id].title} {{#notice-title}}")
