"""Rights are derived from the lawful bases, never typed: each basis brings exactly the rights the
UK GDPR gives under it, and the notice's rights section follows when a basis changes."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.law.rights import derive_rights
from tests.conftest import TEMPLATES, notices

EVERYONE = {"access", "rectification", "restriction"}


def _rights(*articles: str, automated_decisions: bool = False, direct_marketing: bool = False):
    """The rights of a notice with one purpose that each of ``articles`` covers."""
    bases = [SimpleNamespace(article=article, purposes=[] if article.startswith("9") else ["teaching"],
                             categories=["health"] if article.startswith("9") else []) for article in articles]
    return derive_rights(bases, ["teaching"], automated_decisions=automated_decisions,
                         direct_marketing=direct_marketing)

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
    rights = {right.id for right in _rights(article)}
    assert EVERYONE | brings <= rights
    assert not rights & lacks


def test_full_erasure_under_one_basis_replaces_the_limited_right() -> None:
    bases = [SimpleNamespace(article="6(1)(e)", purposes=["teaching"], categories=[]),
             SimpleNamespace(article="6(1)(a)", purposes=["photos"], categories=[])]
    rights = {r.id: r for r in derive_rights(bases, ["teaching", "photos"], False, False)}
    assert "erasure" in rights and "erasure-limited" not in rights
    assert rights["erasure"].covers_purposes == ["photos"] and rights["erasure"].limit_article == "17(3)(b)"


def test_a_legal_obligation_takes_erasure_and_portability_from_what_a_contract_also_covers() -> None:
    # Payroll is under the contract and a legal obligation (tax, pensions): Article 17(3)(b) keeps erasure
    # from it, and it is not based on the contract alone (Article 20(1)), so neither right reaches it.
    bases = [SimpleNamespace(article="6(1)(b)", purposes=["employment", "pay"], categories=[]),
             SimpleNamespace(article="6(1)(c)", purposes=["pay"], categories=[])]
    rights = {r.id: r for r in derive_rights(bases, ["employment", "pay"], False, False)}
    for right_id in ("erasure", "portability"):
        assert rights[right_id].covers_purposes == ["employment"] and rights[right_id].excludes_purposes == ["pay"]
    only_pay = [SimpleNamespace(article=article, purposes=["pay"], categories=[]) for article in ("6(1)(b)", "6(1)(c)")]
    assert not {"erasure", "portability"} & {r.id for r in derive_rights(only_pay, ["pay"], False, False)}


def test_consent_alongside_public_task_leaves_the_limited_erasure() -> None:
    rights = {r.id for r in _rights("6(1)(e)", "6(1)(a)")}
    assert "erasure-limited" in rights and "erasure" not in rights


def test_a_right_says_which_bases_bring_it() -> None:
    rights = {r.id: r for r in _rights("6(1)(e)", "6(1)(f)")}
    assert rights["object"].because == ["6(1)(e)", "6(1)(f)"]
    assert rights["access"].because == []


def test_direct_marketing_and_automated_decisions_bring_their_rights() -> None:
    plain = {r.id for r in _rights("6(1)(c)")}
    both = {r.id for r in _rights("6(1)(c)", automated_decisions=True, direct_marketing=True)}
    assert both - plain == {"object-direct-marketing", "automated-decisions"}


def _rights_section(facts: Path, out: Path) -> str:
    result = notices("build", "--facts", str(facts), "--templates", str(TEMPLATES),
                                       "--out", str(out), "--format", "md")
    assert result.exit_code == 0, result.output
    text = (out / "oakmoor" / "children-in-need.md").read_text("utf-8")
    return text[text.index("{#your-rights}"):text.index("{#how-to-complain}")]


@pytest.mark.slow
def test_the_notice_lists_the_rights_its_bases_bring(example_copy: Path, tmp_path: Path) -> None:
    public_task = _rights_section(example_copy, tmp_path / "public-task")
    assert "Right to object" in public_task
    assert "portability" not in public_task and "withdraw consent" not in public_task
    notice = example_copy / "children-in-need.yaml"
    notice.write_text(notice.read_text("utf-8").replace("- article: 6(1)(e)", "- article: 6(1)(a)", 1), "utf-8")
    consent = _rights_section(example_copy, tmp_path / "consent")
    assert "Right to data portability" in consent and "Right to withdraw consent" in consent
    assert "Right to object" not in consent


def test_a_right_one_basis_brings_reaches_only_that_basis_purposes() -> None:
    bases = [SimpleNamespace(article="6(1)(a)", purposes=["photographs"], categories=[]),
             SimpleNamespace(article="6(1)(e)", purposes=["teaching"], categories=[])]
    rights = {r.id: r for r in derive_rights(bases, ["teaching", "photographs"], automated_decisions=False,
                                             direct_marketing=False)}
    assert (rights["erasure"].covers_purposes, rights["erasure"].excludes_purposes) == (["photographs"], ["teaching"])
    assert (rights["object"].covers_purposes, rights["object"].excludes_purposes) == (["teaching"], ["photographs"])
    assert rights["object"].limit_article == "21(1)"
    assert rights["withdraw-consent"].covers_purposes == ["photographs"]
    assert rights["withdraw-consent"].excludes_purposes == []  # it is about consent by its very words


@pytest.mark.parametrize(("ages", "said", "not_said"), [
    ("adults", None, "parent"),
    ("children", "These rights belong to the child, not to their parents or carers.", "Where the information is about a child"),
    ("children-and-adults", "Where the information is about a child, the rights belong to the child", "not to their parents"),
])
def test_who_can_use_the_rights_follows_whether_the_notice_is_about_children(
        example_copy: Path, tmp_path: Path, ages: str, said: str | None, not_said: str) -> None:
    notice = example_copy / "children-in-need.yaml"
    text = notice.read_text("utf-8")
    text = text.replace("data_subjects_are: children\n", f"data_subjects_are: {ages}\n")
    notice.write_text(text, "utf-8")
    rights = " ".join(_rights_section(example_copy, tmp_path / ages).split())
    if said:
        assert said in rights
        assert "a parent or carer can use them for a child who is too young to understand them" in rights
    assert not_said not in rights
