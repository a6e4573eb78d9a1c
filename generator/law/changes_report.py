"""The dated changes of the law as text, newest first, for `notices law`."""

from __future__ import annotations

import datetime

from generator.law.dated import longdate, newest_first


def law_report(today: datetime.date) -> str:
    """Each change: its date and whether it is in force on ``today``, what changed, the law and its source."""
    blocks = []
    for change in newest_first():
        if change.commences is None:
            when = "not yet in force (no commencement date known)"
        else:
            when = f"{longdate(change.commences)}{'' if change.in_force(today) else ' (not yet in force)'}"
        lines = [f"{when}: {change.title} [{change.id}]",
                 f"  {change.what_changed}",
                 f"  Law: {change.law}; {change.source}",
                 f"  Commenced by: {change.commenced_by}; {change.commencement_source}"]
        if change.source_note:
            lines.append(f"  Note: {change.source_note}")
        lines.append(f"  To do: {change.what_to_do}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
