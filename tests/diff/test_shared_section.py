"""A correction to a shared section changes every notice that includes it, and the review says so once,
naming how many notices and schools it reaches."""

from __future__ import annotations

from tests.diff.conftest import committed_example
from tests.diff.test_acceptance import diff

NPD = "sections/national-pupil-database.yaml"


def test_a_corrected_shared_section_is_reviewed_once_with_its_reach(tmp_path) -> None:
    repo = committed_example(tmp_path, every_notice=True)
    repo.edit(NPD, "keeps it electronically for statistical purposes", "keeps it electronically for research")
    result = diff(repo, "main")
    assert result.exit_code == 0, result.output
    changed = [line for line in result.output.splitlines() if "The National Pupil Database (NPD)" in line]
    headline = [line for line in changed if "This affects" in line]
    assert len(headline) == 1, result.output  # once, not once per notice per school
    assert headline[0].endswith("This affects 2 notices in 2 schools (oakmoor, regis).")
    # Each school's pupils notice changed.
    per_notice = result.output.split("Per school and notice:")[1]
    for key in ("oakmoor/pupils", "regis/pupils"):
        assert f"  {key} (changed)" in per_notice
