"""`notices check` as people and machines use it: the report, JSON, GitHub annotations, exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import Result

from generator.distribution import manual
from tests.check.conftest import minimal_facts, write_facts
from tests.conftest import EXAMPLE, SEED_AS_PUBLISHED, notices

# GitHub's workflow command syntax: ::command key=value,key=value::data, with % \r \n escaped in the data
# and , : also escaped in property values.
WORKFLOW_COMMAND = re.compile(r"^::(?P<command>error|warning|notice)(?: (?P<props>[^:]*))?::(?P<data>[^\r\n]*)$")
PROPERTY = re.compile(r"^(?P<key>file|line|col|endLine|endColumn|title)=(?P<value>(?:[^%,:]|%25|%0D|%0A|%3A|%2C)*)$")


def check(*arguments: str) -> Result:
    return notices("check", "--today", "2026-11-29", *arguments)


def _unescape(value: str) -> str:
    return value.replace("%2C", ",").replace("%3A", ":").replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


def parse_workflow_commands(output: str) -> list[dict]:
    commands = []
    for line in output.splitlines():
        match = WORKFLOW_COMMAND.match(line)
        assert match, f"not a workflow command: {line!r}"
        properties = {}
        for part in (match["props"] or "").split(","):
            prop = PROPERTY.match(part)
            assert prop, f"not a valid property: {part!r} in {line!r}"
            properties[prop["key"]] = _unescape(prop["value"])
        commands.append({"command": match["command"], **properties, "message": _unescape(match["data"])})
    return commands


def test_github_format_is_valid_workflow_commands_for_each_finding() -> None:
    result = check("--facts", str(SEED_AS_PUBLISHED), "--format", "github")
    assert result.exit_code == 1
    commands = parse_workflow_commands(result.output)
    assert [c["title"] for c in commands if c["command"] == "error"] == [
        "A13.1.a", "S164A", "A13.1.c9", "A13.1.f", "A13.2.e", "A13.2.f", "A14.2.f", "F.binds", "F.binds", "F.schedule-1"]
    transfers = next(c for c in commands if c["title"] == "A13.1.f")
    assert transfers["file"].endswith("seed-as-published/children-in-need.yaml")
    assert int(transfers["line"]) >= 1 and int(transfers["col"]) >= 1
    assert "transfers: none" in transfers["message"] and manual("rules.md#a13-1-f") in transfers["message"]
    assert {c["command"] for c in commands} == {"error", "warning"}


@pytest.mark.parametrize("folder, escaped", [("a,b:c", "a%2Cb%3Ac"), ("100%", "100%25")])
def test_github_format_escapes_commas_colons_and_percent_signs_in_file_names(
        tmp_path: Path, monkeypatch, folder: str, escaped: str) -> None:
    files = minimal_facts()
    files["pupils.yaml"]["summary"] = "See Article 6(1)(g)."
    write_facts(tmp_path / folder, files)
    monkeypatch.chdir(tmp_path)
    result = check("--facts", folder, "--format", "github")
    assert f"file={escaped}/pupils.yaml," in result.output
    (command,) = parse_workflow_commands(result.output)
    assert command["file"] == f"{folder}/pupils.yaml" and command["title"] == "L.article"


def test_the_text_report_groups_by_school_and_notice_with_file_line_col() -> None:
    result = check("--facts", str(SEED_AS_PUBLISHED))
    lines = result.output.splitlines()
    assert lines[0] == "the organisation, for every school and notice"
    assert re.match(r"^  \S+/organisation\.yaml:\d+:\d+: error A13\.1\.a: ", lines[1])
    assert re.match(r"^  \S+/organisation\.yaml:\d+:\d+: error S164A: ", lines[2])
    assert lines[3] == "oakmoor / children-in-need"
    assert re.match(r"^  \S+children-in-need\.yaml:\d+:\d+: error A13\.1\.c9: .+ \(see " + re.escape(manual("rules.md#a13-1-c9")) + r"\)$",
                    lines[4])
    assert lines[-1] == f"{SEED_AS_PUBLISHED}: 1 notice for 1 school: 10 errors, 19 warnings."


def test_json_format_lists_each_finding_with_its_place() -> None:
    result = check("--facts", str(SEED_AS_PUBLISHED), "--format", "json")
    document = json.loads(result.output)
    assert (document["errors"], document["warnings"], document["notices"], document["schools"]) == (10, 19, 1, 1)
    first = document["findings"][0]
    assert (first["rule"], first["severity"], first["school"], first["notice"]) == ("A13.1.a", "error", None, None)
    assert first["file"].endswith("organisation.yaml") and first["line"] >= 1
    transfers = next(finding for finding in document["findings"] if finding["rule"] == "A13.1.f")
    assert (transfers["school"], transfers["notice"]) == ("oakmoor", "children-in-need")
    assert first["see"] == manual("rules.md#a13-1-a")


def test_the_example_passes_with_no_finding_even_when_strict() -> None:
    result = check("--facts", str(EXAMPLE), "--strict")
    assert result.exit_code == 0, result.output
    notice_files = [path for path in EXAMPLE.glob("*.yaml") if path.name != "organisation.yaml"]
    grades, summary = result.output.splitlines()  # no finding: the children's reading grades, then the count
    assert grades.startswith("Children's versions, Flesch-Kincaid grade of the hardest part (an error above 4): pupils ")
    assert summary == f"{EXAMPLE}: {len(notice_files)} notices for 1 school: 0 errors, 0 warnings."


def test_warnings_alone_pass_unless_strict(tmp_path: Path) -> None:
    files = minimal_facts()
    del files["pupils.yaml"]["summary"]
    folder = write_facts(tmp_path, files)
    assert check("--facts", str(folder)).exit_code == 0
    strict = check("--facts", str(folder), "--strict")
    assert strict.exit_code == 1
    assert "warning L.summary" in strict.output


def test_any_error_fails(tmp_path: Path) -> None:
    files = minimal_facts()
    del files["pupils.yaml"]["transfers"]
    result = check("--facts", str(write_facts(tmp_path, files)))
    assert result.exit_code == 1
    assert "error A13.1.f" in result.output


def test_today_decides_whether_the_review_is_overdue() -> None:
    on_time = notices("check", "--facts", str(EXAMPLE), "--today", "2027-09-01", "--strict")
    late = notices("check", "--facts", str(EXAMPLE), "--today", "2027-09-02", "--strict")
    assert on_time.exit_code == 0
    assert late.exit_code == 1 and "L.review" in late.output and "2027-09-01" in late.output


def test_a_bad_today_is_a_plain_error() -> None:
    result = notices("check", "--facts", str(EXAMPLE), "--today", "1 Sept")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output and "Traceback" not in result.output


def test_a_newline_in_an_id_cannot_start_a_workflow_command_of_its_own(tmp_path: Path) -> None:
    files = minimal_facts()
    files["pupils.yaml"]["categories"][0]["id"] = "contact\n::error::injected\r::warning::too"
    write_facts(tmp_path / "facts", files)
    result = check("--facts", str(tmp_path / "facts"), "--format", "github")
    assert result.exit_code == 1
    (command,) = parse_workflow_commands(result.stdout)  # one annotation, every line a valid command
    assert command["command"] == "error" and command["title"] == "facts: bad-value"
    assert command["file"] == "pupils.yaml" and command["line"] and command["col"]
    assert "'contact\n::error::injected\r::warning::too' is not a valid id." in command["message"]
    assert not [line for line in result.stderr.splitlines() if line.startswith("::")]
    assert "'contact\\n::error::injected\\r::warning::too' is not a valid id." in result.stderr


def test_github_format_annotates_facts_that_do_not_load_at_their_line(example_copy: Path, monkeypatch) -> None:
    school = example_copy / "schools" / "oakmoor.yaml"
    school.write_text(school.read_text("utf-8").replace("  email: ", "  emial: "), "utf-8")
    monkeypatch.chdir(example_copy.parent)  # as in CI: at the top of the repository
    result = check("--facts", "notices", "--format", "github")
    assert result.exit_code == 1
    annotation = next(line for line in result.output.splitlines() if line.startswith("::error "))
    line = next(number for number, text in enumerate(school.read_text("utf-8").splitlines(), 1) if "emial" in text)
    assert annotation.startswith(f"::error file=notices/schools/oakmoor.yaml,line={line},col=3,"
                                 "title=facts%3A unknown-key::contact.emial 'emial' is not a key this file "
                                 "understands. Did you mean 'email'?")
    assert "(see " in annotation and "errors.md#unknown-key)" in annotation
