"""The synthetic trust of the benchmark: the same tree for the same seed, realistic in size, and valid facts."""

from __future__ import annotations

from pathlib import Path

from bench.synthetic import write_trust
from generator.project import load_project


def contents(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*.yaml"))}


def test_the_same_seed_writes_the_same_tree_and_another_seed_another(tmp_path: Path) -> None:
    first = contents(write_trust(tmp_path / "a", 3, 4, seed=7))
    assert contents(write_trust(tmp_path / "b", 3, 4, seed=7)) == first
    assert contents(write_trust(tmp_path / "c", 3, 4, seed=8)) != first


def test_the_tree_loads_with_realistic_sizes_and_school_overrides(tmp_path: Path) -> None:
    notices = load_project(write_trust(tmp_path / "facts", 10, 12, seed=1)).notices
    assert len({notice.variant.id for notice in notices}) == 10
    assert len(notices) < 10 * 12  # one school does not publish one notice
    for notice in notices:
        assert 8 <= len(notice.notice.categories) <= 16  # 16: a school added its nursery category
        assert 4 <= len(notice.recipients) <= 10
        assert 2 <= len(notice.notice.sections) <= 4
        assert {"local-authority", "school-nursing"} <= {r.id for r in notice.recipients if r.defined_by == "school"}
    assert any(len(notice.notice.categories) != len(other.notice.categories)
               for notice in notices for other in notices if notice.id == other.id)
