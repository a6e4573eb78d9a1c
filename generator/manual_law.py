"""The manual's page "The law we cite" (docs/law.md), generated from the catalogue of instruments
(generator/law/instruments.yaml) and from the notices that cite each one: the library's and the project's own."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from generator.facts.strict_yaml import load_yaml_file
from generator.law.dated import longdate
from generator.law.instruments import BINDS, Instrument, instruments, resolve_all
from generator.library import NOTICES as LIBRARY_NOTICES

CITING_KEYS = ("relied_on", "gateway", "schedule_1")  # the facts that cite the law

KIND_WORDS = {
    "maintained-school": "maintained schools", "academy": "academies (their trust)",
    "academy-trust": "academy trusts", "independent-school": "independent schools",
    "early-years-provider": "early years providers", "local-authority": "local authorities",
    "college": "colleges", "employer": "every employer", "any": "any organisation",
}
assert set(KIND_WORDS) == set(BINDS), "every kind of organisation an instrument binds needs its words"

SUPPORTS_WORDS = {
    "duty": "a duty of the organisation it binds: a legal obligation, Article 6(1)(c)",
    "function": "a function: a task in the public interest, Article 6(1)(e)",
    "power": "a power: a task in the public interest, Article 6(1)(e)",
    "condition": "a Data Protection Act 2018 Schedule 1 condition, completing Article {articles}",
    "exemption": "an exemption from some rights: never a lawful basis, nor law that allows sharing",
    "context": "context: it gives no lawful basis by itself; cite the provision that gives the duty or task",
}


def citations_in(data: object) -> Iterator[str]:
    """Every text under `relied_on:`, `gateway:` or `schedule_1:` in a tree of facts as read from YAML."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in CITING_KEYS:
                yield from (text for text in (value if isinstance(value, list) else [value]) if isinstance(text, str))
            else:
                yield from citations_in(value)
    elif isinstance(data, list):
        for item in data:
            yield from citations_in(item)


def citing_notices(facts: Path | None) -> dict[str, list[str]]:
    """Instrument id -> the notices that cite it: "the library's `pupils`, `workforce`", "the example's `pupils`"."""
    files = [("library", path) for path in sorted(LIBRARY_NOTICES.glob("*.yaml"))]
    if facts is not None:
        files += [("example", path) for path in sorted(facts.glob("*.yaml")) if path.name != "organisation.yaml"]
    uses: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for where, path in files:
        for text in citations_in(load_yaml_file(path, str(path)).data):
            for instrument in resolve_all(" ".join(text.split())) or []:
                if path.stem not in uses[instrument.id][where]:
                    uses[instrument.id][where].append(path.stem)
    return {instrument_id: [f"the {where}'s " + ", ".join(f"`{name}`" for name in names)
                            for where, names in by_where.items()] for instrument_id, by_where in uses.items()}


def _line(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _checked(instrument: Instrument) -> str:
    return longdate(instrument.checked) if instrument.checked else "not checked: the text could not be retrieved"


def _section(instrument: Instrument, uses: list[str]) -> list[str]:
    lines = ["", f'<a id="{instrument.id}"></a>', "", f"### {_line(instrument.citation)}", "",
             f"> {_line(instrument.quote)}", "",
             f"- **Id:** `{instrument.id}`",
             f"- **Address:** <{instrument.url}>",
             "- **What it gives:** " + SUPPORTS_WORDS[instrument.supports].format(
                 articles=" or ".join(instrument.article_9_10)),
             "- **Binds:** " + ", ".join(KIND_WORDS[kind] for kind in sorted(instrument.binds))]
    if instrument.ages:
        lines.append(f"- **Ages:** {instrument.ages.words()}")
    lines.append(f"- **Checked:** {_checked(instrument)}")
    if instrument.source_note:
        lines.append(f"- **Note:** {_line(instrument.source_note)}")
    if instrument.aliases:
        lines.append("- **Also found when written:** " + "; ".join(_line(alias) for alias in instrument.aliases))
    lines.append("- **Cited by:** " + ("; ".join(uses) if uses else "no notice yet"))
    return lines


def law_page(facts: Path | None, generated_line: str) -> str:
    """docs/law.md: each instrument of the catalogue with its quote, address, whom it binds, ages, checked date
    and the notices that cite it."""
    catalogue = instruments()
    uses = citing_notices(facts)
    lines = [
        generated_line, "", "# The law we cite", "",
        "Every Act, regulation and Data Protection Act 2018 condition that the notice library and the example",
        "notices rely on, with the words that matter quoted from legislation.gov.uk and the day they were",
        "checked there. Cite one in `relied_on:`, `gateway:` or `schedule_1:` by its **id**: the notice prints",
        "its citation, and `notices check` can tell whether it binds your kind of organisation and the ages",
        "of your pupils. Law written in words still loads, with a warning",
        "([L.cite-by-id](rules.md#l-cite-by-id)). Where the text could not be retrieved the entry says so, and",
        "it binds only the organisations it certainly binds.", "",
        "| Instrument | Id | Binds | Checked |", "|---|---|---|---|",
    ]
    lines += [f"| [{_line(instrument.citation)}](#{instrument.id}) | `{instrument.id}` | "
              f"{', '.join(KIND_WORDS[kind] for kind in sorted(instrument.binds))} | "
              f"{longdate(instrument.checked) if instrument.checked else 'not checked'} |"
              for instrument in catalogue.values()]
    lines += ["", "## The instruments"]
    for instrument in catalogue.values():
        lines += _section(instrument, uses.get(instrument.id, []))
    return "\n".join(lines) + "\n"
