"""A right that only some lawful bases bring is offered only for what those bases cover, with the law's
limit for the rest, in every format a notice is published in."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from generator.render.formats import all_formats
from tests.conftest import EXAMPLE
from tests.render.formats.conftest import build, flat

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

CENSUS = "send the school census to the Department for Education"
PHOTOGRAPHS = "take photographs of pupils for the school website"
ERASURE = ("Right to erasure (Article 17). You can ask us to delete your information. This applies to the "
           f"information we use to {PHOTOGRAPHS}. It does not apply to the information we use to {CENSUS}: we "
           "must keep it to meet a legal duty or to carry out a task in the public interest (Article 17(3)(b)).")
PORTABILITY = (f"This applies to the information we use to {PHOTOGRAPHS}. It does not apply to the information "
               f"we use to {CENSUS}: this right covers only information we use with your consent or under a "
               "contract with you (Article 20(1)).")
WITHDRAW = ("Right to withdraw consent (Article 7(3)). Where we rely on your consent, you can withdraw it at any "
            "time; this does not affect what we did before you withdrew it. This applies to the information we use "
            f"to {PHOTOGRAPHS}.")


def _photographs_and_census(facts: Path) -> Path:
    """The example notice, used for two things: photographs with consent, the census under a legal duty
    (its special category and criminal offence data keep their conditions)."""
    path = facts / "children-in-need.yaml"
    notice = yaml.safe_load(path.read_text("utf-8"))
    notice["purposes"] = [{"id": "census", "description": CENSUS}, {"id": "photographs", "description": PHOTOGRAPHS}]
    notice["lawful_bases"] = [
        {"article": "6(1)(c)", "purposes": ["census"],
         "relied_on": ["Section 537A of the Education Act 1996"]},
        {"article": "6(1)(a)", "purposes": ["photographs"]},
        *[basis for basis in notice["lawful_bases"] if basis["article"].startswith(("9", "10"))],
    ]
    path.write_text(yaml.safe_dump(notice, allow_unicode=True, sort_keys=False), "utf-8")
    return path.parent


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    facts = tmp_path_factory.mktemp("scoped") / "notices"
    shutil.copytree(EXAMPLE, facts)
    return build(_photographs_and_census(facts), tmp_path_factory.mktemp("scoped-out"), "md,html,pdf,docx,json")


def _rights_section(text: str) -> str:
    text = flat(text)
    return text[text.index("Your rights"):text.index("How to complain")]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["md", "html", "pdf", "docx"])
def test_erasure_and_portability_are_offered_for_the_photographs_only(built: Path, name: str) -> None:
    output_format = all_formats()[name]
    content = (built / "oakmoor" / f"children-in-need{output_format.suffix}").read_bytes()
    rights = _rights_section(output_format.read_text(content)).replace("**", "")
    assert ERASURE in rights
    assert PORTABILITY in rights
    assert WITHDRAW in rights
    assert "Right to object" not in rights  # neither basis is public task nor legitimate interests


def test_the_json_notice_scopes_each_right_to_its_purposes(built: Path) -> None:
    document = json.loads((built / "oakmoor" / "children-in-need.json").read_text("utf-8"))
    rights = {right["id"]: right for right in document["rights"]}
    for right_id in ("erasure", "portability"):
        assert rights[right_id]["covers_purposes"] == ["photographs"]
        assert rights[right_id]["excludes_purposes"] == ["census"]
    assert rights["erasure"]["limit_article"] == "17(3)(b)"
    assert rights["portability"]["limit_article"] == "20(1)"
    assert rights["access"]["covers_purposes"] == [] and rights["access"]["excludes_purposes"] == []
