"""What changed inside a changed text, word by word: the words removed and added among the words kept."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

# Shorter texts (a name, a phone number, a period) read best as "changed from ... to ...".
PROSE_WORDS = 10
# Below this share of words kept, the old and new texts are shown whole: a paragraph rewritten from
# top to bottom is clearer as two versions than as one crossed out and written over.
KEPT_SHARE = 0.5
# Unchanged words shown either side of a change; a longer unchanged stretch is cut to "...".
CONTEXT_WORDS = 6


@dataclass(frozen=True, order=True)
class WordRun:
    """Words that stayed, were removed or were added; or ("cut") unchanged words left out."""

    kind: Literal["kept", "removed", "added", "cut"]
    words: str = ""


def _kept(words: list[str], first: bool, last: bool) -> list[WordRun]:
    """An unchanged stretch, cut to its ends: the words before the first change and after the last are
    context only, and so is the middle of a long stretch between two changes."""
    head = [] if first else words[:CONTEXT_WORDS]
    tail = [] if last else words[-CONTEXT_WORDS:]
    if len(head) + len(tail) >= len(words):
        return [WordRun("kept", " ".join(words))]
    return [run for run in (WordRun("kept", " ".join(head)), WordRun("cut"), WordRun("kept", " ".join(tail)))
            if run.kind == "cut" or run.words]


def word_changes(before: str, after: str) -> tuple[WordRun, ...]:
    """The words of ``before`` kept, removed and added to make ``after``; empty when the texts are short or
    mostly rewritten (then a reader is better served by both, whole)."""
    old, new = before.split(), after.split()
    if max(len(old), len(new)) < PROSE_WORDS or old == new:
        return ()
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    if matcher.ratio() < KEPT_SHARE:
        return ()
    steps = matcher.get_opcodes()
    runs: list[WordRun] = []
    for index, (step, old_from, old_to, new_from, new_to) in enumerate(steps):
        if step == "equal":
            runs += _kept(old[old_from:old_to], first=index == 0, last=index == len(steps) - 1)
        if step in ("delete", "replace"):
            runs.append(WordRun("removed", " ".join(old[old_from:old_to])))
        if step in ("insert", "replace"):
            runs.append(WordRun("added", " ".join(new[new_from:new_to])))
    return tuple(runs)
