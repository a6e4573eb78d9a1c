"""A review of a change to the facts as Markdown (for a pull-request comment), plain text or JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby

from generator.check.findings import Finding
from generator.check.findings_report import finding_dict, scope
from generator.diff.code import CodeChange, CodeReview
from generator.diff.compare import FactChange
from generator.diff.review import FactsDiff, NoticeDiff, Reach
from generator.render.text import inline

NO_CHANGES = "No changes to the notices."
FEW_SCHOOLS = 3
# GitHub refuses a comment over 65,536 characters; the rest is room for the workflow's own lines.
COMMENT_LIMIT = 60_000
FULL_REVIEW = "The full review, per school and notice, is in the run's summary and its `notices-review` artifact."
REVIEW_AS_CODE = "Changed: review as code"
RUNS_IN_BUILD = "Code that will run in the build"
FACTS_CHANGED = "Changes to the facts"


def comment_text(text: object) -> str:
    """Fact text as one line of inert Markdown where GitHub reads it: "~" escaped too (GitHub strikes out
    "~~words~~", and the review marks removed words so)."""
    return inline(text).replace("~", "\\~")


@dataclass(frozen=True)
class Marks:
    """How a report writes the facts' text, and the words removed and added inside a changed text: readable
    without colour, and in Markdown the facts stay text (each run escaped, the marks ours)."""

    text: Callable[[str], str]
    removed: str
    added: str


MARKDOWN_MARKS = Marks(comment_text, "~~{}~~", "**{}**")
PLAIN_MARKS = Marks(str, "[-{}-]", "{{+{}+}}")


def said(change: FactChange, marks: Marks) -> str:
    """A change as one sentence: a changed text with what was removed and added inside it marked, or
    (short or mostly rewritten) old and new whole."""
    if not change.words:
        return marks.text(change.text)
    shapes = {"kept": "{}", "cut": "...", "removed": marks.removed, "added": marks.added}
    words = " ".join(shapes[run.kind].format(marks.text(run.words)) for run in change.words)
    return f"{marks.text(change.subject)} changed: '{words}'."


def _count(number: int, noun: str, plural: str | None = None) -> str:
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def reach_words(reach: Reach) -> str:
    """'affects 2 notices in 2 schools (elmfield, oakmoor)'; past a few schools, the count alone."""
    schools = f" ({', '.join(reach.schools)})" if len(reach.schools) <= FEW_SCHOOLS else ""
    return f"affects {_count(len(reach.keys), 'notice')} in {_count(len(reach.schools), 'school')}{schools}"


def _changed(diff: FactsDiff) -> list[NoticeDiff]:
    return [notice for notice in diff.notices if notice.status == "changed"]


def _listed(diff: FactsDiff) -> list[NoticeDiff]:
    """Notices added or removed on their own: those of an added or removed school go with it."""
    whole = {school for school, _ in diff.schools_added + diff.schools_removed}
    return [notice for notice in diff.notices if notice.status != "changed" and notice.school not in whole]


def summary(diff: FactsDiff) -> str:
    """One or two sentences: how much changed, and what it does to completeness."""
    if diff.empty:
        return NO_CHANGES
    if diff.facts_unchanged:
        return f"No changes to the facts. {_code_summary(diff.code)}"
    changed = _changed(diff)
    parts = [f"{_count(len(diff.reaches), 'change')} to facts in {_count(len(changed), 'notice')} across "
             f"{_count(len({n.school for n in changed}), 'school')}"]
    for count, what in ((len(diff.schools_added), "school added"), (len(diff.schools_removed), "school removed"),
                        (sum(n.status == "added" for n in _listed(diff)), "notice added"),
                        (sum(n.status == "removed" for n in _listed(diff)), "notice removed")):
        if count:
            noun, verb = what.split(" ")
            parts.append(f"{_count(count, noun)} {verb}")
    errors = len(diff.new_errors)
    text = "; ".join(parts) + (f". Completeness: {_count(len(diff.introduced), 'new finding')} ({_count(errors, 'error')}), "
                               f"{len(diff.fixed)} fixed.")
    if diff.suggestions:
        text += f" {_count(len(diff.suggestions), 'notice')} changed without a change-list entry."
    if diff.documents:
        text += f" {_count(len(diff.documents), 'change')} to the record of processing and retention schedules."
    return text + (f" {_code_summary(diff.code)}" if diff.code else "")


def _code_summary(code: CodeReview) -> str:
    files = _count(len(code.files), "file")
    return (f"{files} outside the facts that the website or the build reads "
            f"{'changes' if len(code.files) == 1 else 'change'}: review {'it' if len(code.files) == 1 else 'them'} "
            "as code.")


def _code_list(code: CodeReview) -> list[str]:
    """In Markdown: each file to review as code, then what will run in the build, in bold."""
    if not code:
        return []
    out = [f"#### {REVIEW_AS_CODE}", ""] + [f"- {comment_text(file.headline)}" for file in code.files]
    if code.runs:
        out += ["", f"**{RUNS_IN_BUILD}:**", ""] + [f"- **{comment_text(run)}**" for run in code.runs]
    return out + [""]


def _fenced(file: CodeChange) -> list[str]:
    """A file's diff as a Markdown code block that no line of it can end (its fence is longer than any run)."""
    longest = max((len(run) for line in file.diff for run in re.findall("`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return ["<details>", f"<summary>The diff of {comment_text(file.path)}</summary>", "", f"{fence}diff", *file.diff,
            fence, "", "</details>"]


def _finding_line(word: str, finding: Finding) -> str:
    return f"{word} {finding.severity} {finding.rule} in {scope(finding)}: {finding.message}"


def _headlines(diff: FactsDiff, marks: Marks) -> list[str]:
    lines = [f"School added: {name} ({sid})." for sid, name in diff.schools_added]
    lines += [f"School removed: {name} ({sid})." for sid, name in diff.schools_removed]
    lines += [f"Notice {n.status}: {n.title} ({n.key})." for n in _listed(diff)]
    return [marks.text(line) for line in lines] + [
        f"{said(reach.change, marks)} {marks.text(f'This {reach_words(reach)}.')}" for reach in diff.reaches] + [
        marks.text(line) for line in diff.documents]


def _facts_heading(diff: FactsDiff, level: str) -> list[str]:
    """A heading over the changes to the facts where the files to review as code come before them."""
    if not diff.code:
        return []
    return [f"{level}{FACTS_CHANGED}", ""] if level else [f"{FACTS_CHANGED}:"]


def _completeness(diff: FactsDiff) -> list[str]:
    return ([_finding_line("New", finding) for finding in diff.introduced]
            + [_finding_line("Fixed", finding) for finding in diff.fixed])


def _discipline(diff: FactsDiff) -> list[str]:
    return [f"{entry.file} changed (in {', '.join(entry.schools)}) but its version and change list did not. "
            f"Suggested entry:" for entry in diff.suggestions]


def markdown_report(diff: FactsDiff) -> str:
    """For a pull-request comment: the summary and every headline first, the details folded."""
    if diff.empty:
        return NO_CHANGES + "\n"
    out = [f"### Privacy notices: changes from `{diff.base}` to `{diff.head}`", "", comment_text(summary(diff)), ""]
    out += _code_list(diff.code)
    if not diff.facts_unchanged:
        out += _markdown_facts(diff)
    for file in diff.code.files:
        out += ([""] if out[-1] else []) + _fenced(file)
    return "\n".join(out) + "\n"


def _markdown_facts(diff: FactsDiff) -> list[str]:
    out = _facts_heading(diff, "#### ") + [f"- {line}" for line in _headlines(diff, MARKDOWN_MARKS)]
    if diff.introduced or diff.fixed:
        out += ["", "#### Completeness", ""] + [f"- {comment_text(line)}" for line in _completeness(diff)]
    if diff.suggestions:
        out += ["", "#### Change list not updated", ""]
        for line, entry in zip(_discipline(diff), diff.suggestions):
            out += [comment_text(line), "", "```yaml", entry.as_yaml().rstrip("\n"), "```", ""]
        out.pop()
    out += ["", "<details>", "<summary>Changes per school and notice</summary>", ""]
    for (school, name), notices in groupby(diff.notices, key=lambda n: (n.school, n.school_name)):
        out += [f"#### {comment_text(name)} (`{school}`)", ""]
        for notice in notices:
            out.append(f"**{comment_text(notice.title)}** (`{notice.notice}`): {notice.status}")
            out += [""] + [f"- {said(change, MARKDOWN_MARKS)}" for change in notice.changes] + [""]
    return out + ["</details>"]


def comment_report(diff: FactsDiff) -> str:
    """For a pull-request comment at any scale: the summary (with the completeness delta) and each change
    with the schools it reaches, never over COMMENT_LIMIT characters; the details are in the full review."""
    if diff.empty:
        return NO_CHANGES + "\n"
    out = [f"### Privacy notices: changes from `{diff.base}` to `{diff.head}`", "", comment_text(summary(diff)), ""]
    out += _code_list(diff.code)
    lines = _facts_heading(diff, "#### ") + [f"- {line}" for line in _headlines(diff, MARKDOWN_MARKS)]
    if diff.introduced or diff.fixed:
        lines += ["", "#### Completeness", ""] + [f"- {comment_text(line)}" for line in _completeness(diff)]
    tail = ["", FULL_REVIEW]
    room = COMMENT_LIMIT - sum(len(line) + 1 for line in out + tail) - 100  # 100: the line saying what was left out
    for index, line in enumerate(lines):
        room -= len(line) + 1
        if room < 0:
            out.append(f"- ...and {_count(len(lines) - index, 'more line')}, in the full review.")
            room = 0
            break
        out.append(line)
    for file in diff.code.files:  # each diff whole, or named as left out: a cut block would hide what follows
        block = _fenced(file)
        room -= sum(len(line) + 1 for line in block) + 1
        left_out = [f"The diff of {comment_text(file.path)} is in the full review."]
        out += ([""] if out[-1] else []) + (block if room >= 0 else left_out)
    return "\n".join(out + tail) + "\n"


def text_report(diff: FactsDiff) -> str:
    """For a terminal: the same content as the Markdown, without the markup."""
    if diff.empty:
        return NO_CHANGES + "\n"
    out = [f"Changes from {diff.base} to {diff.head}: {summary(diff)}", ""]
    if diff.code:
        out += [f"{REVIEW_AS_CODE}:"] + [f"  {file.headline}" for file in diff.code.files] + [""]
    if diff.code.runs:
        out += [f"{RUNS_IN_BUILD}:"] + [f"  {run}" for run in diff.code.runs] + [""]
    if not diff.facts_unchanged:
        out += _text_facts(diff) + [""]
    for file in diff.code.files:
        out += [*file.diff, ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _text_facts(diff: FactsDiff) -> list[str]:
    out = _facts_heading(diff, "") + [f"  {line}" for line in _headlines(diff, PLAIN_MARKS)]
    if diff.introduced or diff.fixed:
        out += ["", "Completeness:"] + [f"  {line}" for line in _completeness(diff)]
    for line, entry in zip(_discipline(diff), diff.suggestions):
        out += ["", line, ""] + ["  " + row for row in entry.as_yaml().splitlines()]
    out += ["", "Per school and notice:"]
    for notice in diff.notices:
        out.append(f"  {notice.key} ({notice.status})")
        out += [f"    {said(change, PLAIN_MARKS)}" for change in notice.changes]
    return out


def _change_dict(change: FactChange) -> dict:
    """A change's topic and sentence; for a changed text, its words kept, removed and added too."""
    words = {"words": [{"kind": run.kind, "words": run.words} for run in change.words]} if change.words else {}
    return {"topic": change.topic, "text": change.text, **words}


def json_report(diff: FactsDiff) -> str:
    document = {
        "base": diff.base, "head": diff.head, "summary": summary(diff),
        "schools_added": [sid for sid, _ in diff.schools_added],
        "schools_removed": [sid for sid, _ in diff.schools_removed],
        "notices": [{"school": n.school, "notice": n.notice, "status": n.status, "unrecorded": n.unrecorded,
                     "changes": [_change_dict(c) for c in n.changes]} for n in diff.notices],
        "reach": [{**_change_dict(r.change), "notices": r.keys, "schools": r.schools} for r in diff.reaches],
        "findings": {"introduced": [finding_dict(f) for f in diff.introduced],
                     "fixed": [finding_dict(f) for f in diff.fixed]},
        "suggested_entries": [{"notice": s.notice, "file": s.file, "schools": s.schools, "yaml": s.as_yaml()}
                              for s in diff.suggestions],
        "review_as_code": [{"path": f.path, "status": f.status, "role": f.role, "diff": f.diff}
                           for f in diff.code.files],
        "runs_in_build": list(diff.code.runs),
        "documents": diff.documents,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


REPORTS = {"markdown": markdown_report, "comment": comment_report, "text": text_report, "json": json_report}
