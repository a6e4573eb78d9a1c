"""Rights are derived from the lawful bases, never typed: each basis brings exactly the rights the
UK GDPR gives under it, and the notice's rights section follows when a basis changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.law.rights import derive_rights
from tests.conftest import TEMPLATES, notices

EVERYONE = {"access", "rectification", "restriction"}

# basis -> (rights it must bring, rights it must not bring)
BASES = {
    "6(1)(a)": ({"portability", "withdraw-consent", "erasure"}, {"object"}),
    "6(1)(b)": ({"portability", "erasure"}, {"object", "withdraw-consent"}),
    "6(1)(c)": (set(), {"portability", "object", "withdraw-consent", "erasure"}),
    "6(1)(d)": ({"erasure"}, {"portability", "object", "withdraw-consent"}),
    "6(1)(e)": ({"object", "erasure-limited"}, {"portability", "withdraw-consent", "erasure"}),
    "6(1)(f)": ({"object", "erasure"}, {"portability", "withdraw-consent"}),
    "9(2)(a)": ({"withdraw-consent"}, {"portability", "object"}),
}


@pytest.mark.parametrize("article", BASES)
def test_each_basis_brings_its_own_rights_and_no_others(article: str) -> None:
    brings, lacks = BASES[article]
    rights = {right.id for right in derive_rights([article], automated_decisions=False, direct_marketing=False)}
    assert EVERYONE | brings <= rights
    assert not rights & lacks


def test_full_erasure_under_one_basis_replaces_the_limited_right() -> None:
    rights = {r.id for r in derive_rights(["6(1)(e)", "6(1)(a)"], automated_decisions=False, direct_marketing=False)}
    assert "erasure" in rights and "erasure-limited" not in rights


def test_a_right_says_which_bases_bring_it() -> None:
    rights = {r.id: r for r in derive_rights(["6(1)(e)", "6(1)(f)"], automated_decisions=False,
                                             direct_marketing=False)}
    assert rights["object"].because == ["6(1)(e)", "6(1)(f)"]
    assert rights["access"].because == []


def test_direct_marketing_and_automated_decisions_bring_their_rights() -> None:
    plain = {r.id for r in derive_rights(["6(1)(c)"], automated_decisions=False, direct_marketing=False)}
    both = {r.id for r in derive_rights(["6(1)(c)"], automated_decisions=True, direct_marketing=True)}
    assert both - plain == {"object-direct-marketing", "automated-decisions"}


def _rights_section(facts: Path, out: Path) -> str:
    result = notices("build", "--facts", str(facts), "--templates", str(TEMPLATES),
                                       "--out", str(out), "--format", "md")
    assert result.exit_code == 0, result.output
    text = (out / "oakmoor" / "children-in-need.md").read_text("utf-8")
    return text[text.index("{#your-rights}"):text.index("{#how-to-complain}")]


def test_the_notice_lists_the_rights_its_bases_bring(example_copy: Path, tmp_path: Path) -> None:
    public_task = _rights_section(example_copy, tmp_path / "public-task")
    assert "Right to object" in public_task
    assert "portability" not in public_task and "withdraw consent" not in public_task
    notice = example_copy / "children-in-need.yaml"
    notice.write_text(notice.read_text("utf-8").replace("- article: 6(1)(e)", "- article: 6(1)(a)", 1), "utf-8")
    consent = _rights_section(example_copy, tmp_path / "consent")
    assert "Right to data portability" in consent and "Right to withdraw consent" in consent
    assert "Right to object" not in consent
