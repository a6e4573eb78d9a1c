"""notices diff from the command line: identical trees, unreadable sides, exit codes, the formats, folders."""

from __future__ import annotations

import json
import os
import shutil

from tests.conftest import notices
from tests.diff.conftest import committed_example
from tests.diff.test_acceptance import diff


def test_identical_trees_print_one_line_and_exit_0(repo):
    for args in (["main"], ["main", "main"], [str(repo.facts), str(repo.facts)]):
        for report_format in ("text", "markdown"):
            result = diff(repo, *args, "--format", report_format)
            assert (result.exit_code, result.output) == (0, "No changes to the notices.\n")


def test_the_working_tree_is_the_default_head(tmp_path):
    repo = committed_example(tmp_path, every_notice=True)
    repo.edit("schools/oakmoor.yaml", '"01420 472132"', '"01420 472133"')
    result = diff(repo, "main")
    assert result.exit_code == 0
    assert ("The contact's phone changed from '01420 472132' to '01420 472133'. This affects 8 notices in 1 school "
            "(oakmoor).") in result.output


def test_an_invalid_file_on_one_side_is_named_with_its_line_and_no_traceback(repo):
    repo.edit("organisation.yaml", "kind: academy-trust", "kind: academy-trust\nkind: academy")
    repo.commit("a duplicated key")
    result = diff(repo, "main", str(repo.facts))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("The base side (main) cannot be read:\n  main:notices/organisation.yaml:10:1: ")
    assert "Traceback" not in result.stderr


def test_an_unreadable_file_and_an_unknown_revision_are_reported_clearly(repo):
    (repo.facts / "children-in-need.yaml").write_bytes(b"title: caf\xe9\n")
    repo.commit("not UTF-8")
    result = diff(repo, "main~1", "main")
    assert result.exit_code == 1
    assert result.stderr.startswith("The head side (main) cannot be read:\n  main:notices/children-in-need.yaml")
    missing = diff(repo, "no-such-branch")
    assert missing.exit_code == 1
    assert missing.stderr.startswith("The base side (no-such-branch) cannot be read:\n  no-such-branch:notices: "
                                     "cannot be read from git (there is no revision 'no-such-branch').")
    assert "Traceback" not in result.stderr + missing.stderr


def test_a_new_error_fails_only_with_the_flag(repo):
    repo.edit("children-in-need.yaml", "transfers: none\n", "")
    plain = diff(repo, "main", "--format", "json")
    assert plain.exit_code == 0
    introduced = json.loads(plain.output)["findings"]["introduced"]
    # The notice's own gap, shared by both schools: one finding that names them.
    assert [(f["rule"], f["severity"], f["school"], f["schools"]) for f in introduced] == [
        ("A13.1.f", "error", None, ["oakmoor", "regis"])]
    assert diff(repo, "main", "--fail-on-new-errors").exit_code == 1


def test_a_recorded_change_gets_no_suggestion_and_an_unrecorded_one_does(repo):
    repo.edit("children-in-need.yaml", "reaches the age of 25", "reaches the age of 21")
    unrecorded = json.loads(diff(repo, "main", "--format", "json").output)
    assert [entry["yaml"] for entry in unrecorded["suggested_entries"]] == [
        'changes:\n  - date: 2026-11-29\n    version: "2.1"\n    summary: >-\n'
        "      We updated how long we keep the information.\n"]
    assert all(notice["unrecorded"] for notice in unrecorded["notices"])
    repo.edit("children-in-need.yaml", 'version: "2.0"', 'version: "2.1"')
    repo.edit("children-in-need.yaml", "changes:\n", "changes:\n  - date: 2026-11-29\n    version: \"2.1\"\n"
              "    summary: We now keep these records until the child is 21.\n")
    recorded = diff(repo, "main")
    assert "change list did not" not in recorded.output
    assert "Change-list entry added: 2026-11-29, version 2.1." in recorded.output
    assert "The notice's version changed from '2.0' to '2.1'." in recorded.output


def test_schools_and_notices_added_or_removed_between_two_folders(repo, tmp_path):
    after = tmp_path / "after"
    shutil.copytree(repo.facts, after)
    regis = after / "schools" / "regis.yaml"
    elmfield = regis.read_text(encoding="utf-8").replace("The Regis School", "Elmfield Primary School")
    (after / "schools" / "elmfield.yaml").write_text(elmfield, encoding="utf-8")
    regis.unlink()
    shutil.copy(after / "children-in-need.yaml", after / "pupils.yaml")
    result = diff(repo, str(repo.facts), str(after))
    assert result.exit_code == 0
    headlines = [line for line in result.output.splitlines() if line.startswith("  ")][:3]
    assert headlines == ["  School added: Elmfield Primary School (elmfield).", "  School removed: The Regis School (regis).",
                         "  Notice added: How we use information about children in need and children looked after "
                         "(oakmoor/pupils)."]
    assert "1 school added; 1 school removed; 1 notice added." in result.output


def test_the_text_report_reads_like_the_markdown_without_markup(repo):
    repo.edit("organisation.yaml", "name: Helen Turner", "name: Sam Patel")
    text = diff(repo, "main").output
    assert text.splitlines()[0] == ("Changes from main to working tree: 1 change to facts in 2 notices across 2 schools. "
                                    "Completeness: 0 new findings (0 errors), 0 fixed. 1 notice changed without a "
                                    "change-list entry.")
    assert ("  The DPO's name changed from 'Helen Turner' to 'Sam Patel'. This affects 2 notices in 2 schools "
            "(oakmoor, regis).") in text
    assert "<details>" not in text and "```" not in text


def test_the_command_runs_from_a_subfolder_of_the_repository(repo):
    repo.edit("organisation.yaml", "name: Helen Turner", "name: Sam Patel")
    here = os.getcwd()
    os.chdir(repo.facts / "schools")
    try:
        result = notices("diff", "--facts", "..", "main")
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.output
    assert "The DPO's name changed" in result.output


def test_a_link_out_of_the_facts_folder_in_a_revision_is_refused_without_a_traceback(repo):
    (repo.facts / "extra.yaml").symlink_to("/etc/hostname")
    repo.commit("a link out of the repository")
    result = diff(repo, "main", str(repo.facts))
    assert result.exit_code == 1
    assert result.stderr.startswith("The base side (main) cannot be read:\n  main:notices/extra.yaml: is a link or a "
                                    "submodule, not a file.")
    assert "Traceback" not in result.stderr
