"""The fast path says what the strict path says: `notices check` (the pre-commit hook and the workflow) reads fact
files with libyaml, and the same broken file gets the same lines, file:line:col and advice, as with PyYAML's own
parser, which the loader falls back to only to word an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.facts import strict_yaml
from tests.conftest import FIXTURES, notices
from tests.hostile.test_error_messages import CASES, VALID, _write

pytestmark = pytest.mark.skipif(not strict_yaml.LIBYAML, reason="this PyYAML has no libyaml: there is no fast path")


def _both_paths(monkeypatch: pytest.MonkeyPatch, *arguments: str) -> tuple[tuple[int, str], tuple[int, str]]:
    """(exit code, output) of `notices ARGUMENTS` on the fast path, then on the strict path alone."""
    fast = notices(*arguments)
    with monkeypatch.context() as strict:
        strict.setattr(strict_yaml, "LIBYAML", False)
        slow = notices(*arguments)
    return (fast.exit_code, fast.output), (slow.exit_code, slow.output)


@pytest.mark.parametrize("files", [case[1] for case in CASES], ids=[case[0] for case in CASES])
def test_a_broken_fact_file_gets_the_same_report_on_both_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               files: dict) -> None:
    facts = _write(tmp_path / "notices", {**VALID, **files})
    fast, strict = _both_paths(monkeypatch, "check", "--facts", str(facts))
    assert fast == strict
    assert fast[0] == 1


@pytest.mark.parametrize("report", ["text", "json", "github"])
def test_valid_facts_and_a_published_notice_get_the_same_findings_on_both_paths(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, report: str) -> None:
    for facts in (_write(tmp_path / "notices", VALID), FIXTURES / "seed-as-published"):
        fast, strict = _both_paths(monkeypatch, "check", "--facts", str(facts), "--format", report,
                                   "--today", "2026-12-01")
        assert fast == strict


def test_the_fast_path_reads_with_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """So that the comparisons above compare two parsers, not one with itself."""
    read: list[str] = []

    class Spied(strict_yaml._FastLoader):
        def __init__(self, stream: str):
            read.append(stream)
            super().__init__(stream)

    monkeypatch.setattr(strict_yaml, "_FastLoader", Spied)
    strict_yaml.parse_yaml(VALID["pupils.yaml"].encode(), "pupils.yaml")
    assert read == [VALID["pupils.yaml"]]
