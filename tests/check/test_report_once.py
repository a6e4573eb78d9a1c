"""A problem is reported once, where it is written: a notice's own fact once for every school that shares it
("affects N schools"), a school's override or a new school's gap at that school's file, with no placeholder quoted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from bench.synthetic import write_trust
from tests.check.conftest import minimal_facts
from tests.conftest import notices, write_facts

# Slow: builds every format or the website, or runs the command as a process; `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow


def _without_sources(facts: Path, notice: str) -> None:
    path = facts / f"{notice}.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    del data["sources"]
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")


def test_fifty_schools_sharing_a_notice_with_one_error_get_one_error_line(tmp_path: Path) -> None:
    facts = write_trust(tmp_path / "notices", 50, 1)
    _without_sources(facts, "pupils")
    result = notices("check", "--facts", str(facts), "--today", "2026-11-29")
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if " error " in line]
    assert len(errors) == 1, result.output
    assert errors[0].split(":")[0].endswith("pupils.yaml")
    assert "error A14.2.f: The notice does not say where the data comes from" in errors[0]
    assert "(affects 50 schools; see " in errors[0]
    # Two stale-law warnings and ten for the law the synthetic notice writes in words (L.cite-by-id): each once,
    # however many schools share the notice.
    assert result.output.splitlines()[-1].endswith(": 50 notices for 50 schools: 1 error, 12 warnings.")

    report = json.loads(notices("check", "--facts", str(facts), "--today", "2026-11-29", "--format", "json").output)
    [finding] = [finding for finding in report["findings"] if finding["severity"] == "error"]
    assert finding["school"] is None and finding["notice"] == "pupils"
    assert finding["schools"] == [f"school-{index:04d}" for index in range(1, 51)]


def test_a_problem_only_one_schools_override_causes_is_reported_at_that_schools_file(tmp_path: Path) -> None:
    files = minimal_facts()
    files["schools/vale.yaml"] = {**files["schools/hill.yaml"], "name": "Vale School"}
    files["schools/vale.yaml"]["notices"] = {"pupils": {"replace": {"transfers": [
        {"destination": "United States", "what": "Homework app accounts", "safeguard": "Standard contractual clauses"}
    ]}}}
    report = json.loads(notices("check", "--facts", str(write_facts(tmp_path / "notices", files)),
                                "--today", "2026-11-29", "--format", "json").output)
    [finding] = [finding for finding in report["findings"] if finding["rule"] == "A13.1.f"]
    assert finding["file"].endswith("schools/vale.yaml")
    assert (finding["school"], finding["schools"]) == ("vale", ["vale"])


def test_a_new_schools_gaps_name_its_own_file_and_quote_no_placeholder(tmp_path: Path) -> None:
    files = minimal_facts()
    del files["schools/hill.yaml"]["contact"]
    facts = write_facts(tmp_path / "notices", files)
    assert notices("new", "school", "vale", "--facts", str(facts)).exit_code == 0
    result = notices("check", "--facts", str(facts), "--today", "2026-11-29")
    [gap] = [line for line in result.output.splitlines() if "A13.1.a" in line and "vale" in line]
    assert gap.split(":")[0].endswith("schools/vale.yaml")
    assert "This school's notices give no way to contact the controller" in gap
    rule_lines = [line for line in result.output.splitlines() if " error A" in line]
    assert rule_lines and not any("TO BE COMPLETED" in line for line in rule_lines), result.output
    assert not any("organisation.yaml" in line for line in rule_lines), result.output
