"""Acceptance: a pull request that adds a recipient for one school, changes the DPO's email for the whole
trust and shortens a retention period, reviewed between two commits of a git repository."""

from __future__ import annotations

import json
import os

from tests.conftest import notices

OLD_BASIS = "Information Management Toolkit for Schools"
STALE_BASIS = "Information Management Toolkit for Schools and the Data Protection Act 1998"


def make_the_change(repo) -> None:
    """The three changes of the pull request; the retention basis is brought up to date with the period."""
    repo.edit("children-in-need.yaml", STALE_BASIS, OLD_BASIS)
    repo.edit("organisation.yaml", "email: unicat@chi.ac.uk", "email: dpo@chi.ac.uk")
    repo.edit("schools/oakmoor.yaml", "recipients:\n", "recipients:\n  virtual-school:\n"
              "    name: Hampshire Virtual School\n    kind: local authority service\n", )
    with open(repo.facts / "schools" / "oakmoor.yaml", "a", encoding="utf-8") as school:
        school.write("notices:\n  children-in-need:\n    add:\n      recipients:\n        - id: virtual-school\n"
                     "          reason: To meet our duties under the GDPR and support each child in care.\n")
    repo.edit("children-in-need.yaml", "until the child reaches the age of 25", "until the child reaches the age of 21")


def diff(repo, *args: str):
    here = os.getcwd()
    os.chdir(repo.root)  # as in CI: the command runs at the top of the repository
    try:
        return notices("diff", *args, "--today", "2026-11-29")
    finally:
        os.chdir(here)


def commit_base_and_change(repo) -> None:
    """main~1: the base, whose retention basis names an old law; main: the pull request's change."""
    repo.edit("children-in-need.yaml", OLD_BASIS, STALE_BASIS)
    repo.commit("the base: a retention basis that names an old law")
    make_the_change(repo)
    repo.commit("the change")


def test_the_pull_request_review_in_markdown(repo):
    commit_base_and_change(repo)
    result = diff(repo, "main~1", "main", "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert result.output == EXPECTED


# The exact review. To regenerate: add print(result.output) to the test above, run it with `pytest -s`,
# and read the new review before pasting it here.
EXPECTED = """\
### Privacy notices: changes from `main~1` to `main`

4 changes to facts in 2 notices across 2 schools. Completeness: 1 new finding (0 errors), 1 fixed. 1 notice changed without a change-list entry.

- The DPO's email changed from 'unicat@chi.ac.uk' to 'dpo@chi.ac.uk'. This affects 2 notices in 2 schools (oakmoor, regis).
- Recipient added: Hampshire Virtual School (reason: 'To meet our duties under the GDPR and support each child in care.'). This affects 1 notice in 1 school (oakmoor).
- Retention of Children in need and children looked after records: period changed from 'until the child reaches the age of 25' to 'until the child reaches the age of 21'. This affects 2 notices in 2 schools (oakmoor, regis).
- Retention of Children in need and children looked after records: basis changed: '... Society's Information Management Toolkit for Schools ~~and the Data Protection Act 1998~~'. This affects 2 notices in 2 schools (oakmoor, regis).

#### Completeness

- New warning L.naming in oakmoor/children-in-need: 'the GDPR' is out of date in a UK notice: write 'the UK GDPR' or 'the Data Protection Act 2018'.
- Fixed warning L.naming in children-in-need (2 schools): 'Data Protection Act 1998' is out of date in a UK notice: write 'the UK GDPR' or 'the Data Protection Act 2018'.

#### Change list not updated

children-in-need.yaml changed (in oakmoor, regis) but its version and change list did not. Suggested entry:

```yaml
changes:
  - date: 2026-11-29
    version: "2.1"
    summary: >-
      We updated who we share the information with, how long we keep the information and the data protection officer's details.
```

<details>
<summary>Changes per school and notice</summary>

#### Oakmoor School (`oakmoor`)

**How we use information about children in need and children looked after** (`children-in-need`): changed

- The DPO's email changed from 'unicat@chi.ac.uk' to 'dpo@chi.ac.uk'.
- Recipient added: Hampshire Virtual School (reason: 'To meet our duties under the GDPR and support each child in care.').
- Retention of Children in need and children looked after records: period changed from 'until the child reaches the age of 25' to 'until the child reaches the age of 21'.
- Retention of Children in need and children looked after records: basis changed: '... Society's Information Management Toolkit for Schools ~~and the Data Protection Act 1998~~'.

#### The Regis School (`regis`)

**How we use information about children in need and children looked after** (`children-in-need`): changed

- The DPO's email changed from 'unicat@chi.ac.uk' to 'dpo@chi.ac.uk'.
- Retention of Children in need and children looked after records: period changed from 'until the child reaches the age of 25' to 'until the child reaches the age of 21'.
- Retention of Children in need and children looked after records: basis changed: '... Society's Information Management Toolkit for Schools ~~and the Data Protection Act 1998~~'.

</details>
"""


def test_the_same_review_as_json_names_places_in_the_revision(repo):
    commit_base_and_change(repo)
    document = json.loads(diff(repo, "main~1", "main", "--format", "json").output)
    dpo = next(reach for reach in document["reach"] if reach["topic"] == "DPO")
    assert (dpo["notices"], dpo["schools"]) == (["oakmoor/children-in-need", "regis/children-in-need"],
                                                ["oakmoor", "regis"])
    [new] = document["findings"]["introduced"]
    school = (repo.facts / "schools" / "oakmoor.yaml").read_text("utf-8").splitlines()
    reason = next(number for number, line in enumerate(school, start=1) if "reason: To meet our duties" in line)
    assert (new["rule"], new["school"], new["file"], new["line"], new["column"]) == (
        "L.naming", "oakmoor", "main:notices/schools/oakmoor.yaml", reason, 11)
    assert document["suggested_entries"][0]["schools"] == ["oakmoor", "regis"]
