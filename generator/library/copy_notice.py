"""`notices new notice ID --from LIBRARY-ID`: copy a library notice into a school's facts, with what it needs.

The items of the notice whose `applies_to` does not fit the adopting organisation (its kind, its schools'
phases and ages, read from the facts folder) are left out, and so are the shared sections that do not fit;
a notice that is for another kind of organisation is refused, naming the library's variant that fits.
With the notice come the shared sections it includes (into sections/, never over the school's own
copy), its children's versions in the age bands that overlap the ages of one of the organisation's schools
(children/<ID>.<youngest>-<oldest>.yaml; all of them when the facts give no ages), and the recipients it
names that the facts lack: national ones in full into organisation.yaml, each school's own as a
placeholder in every school file (in organisation.yaml for a school on its own).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.facts.children import CHILDREN_FOLDER, banded_name, overlaps
from generator.facts.includes import SECTIONS_FOLDER
from generator.facts.load import ORGANISATION_FILE, SCHOOLS_FOLDER
from generator.facts.models import INCLUDE_KEY, AppliesTo, Recipient, age_range
from generator.facts.placeholders import MARKER
from generator.facts.strict_yaml import load_yaml_file, parse_yaml
from generator.library import CHILDREN, SECTIONS, LibraryNotice, library, recipient_catalogue, variants
from generator.library.profile import Profile, read_profile
from generator.library.scope import APPLIES_TO, fitted_text
from generator.new_fact_file import new_file_target
from generator.notices_error import NoticesError


@dataclass
class Adoption:
    """What adopting a library notice did: each file written (with the placeholders it holds) and each
    of the school's own files left as it was."""

    written: dict[Path, int] = field(default_factory=dict)  # new file -> the placeholders in it
    kept: list[Path] = field(default_factory=list)  # the school's own copies, which differ from the library's
    left_out: list[str] = field(default_factory=list)  # the library's versions for children of other ages, in words
    # existing file -> the recipients added to it, and the placeholders among them
    recipients: dict[Path, tuple[list[str], int]] = field(default_factory=dict)

    @property
    def placeholders(self) -> int:
        return sum(self.written.values()) + sum(count for _, count in self.recipients.values())


def adopt(facts: Path, notice_id: str, library_id: str) -> Adoption:
    """Copy the library notice ``library_id`` into ``facts`` as ``notice_id``, with what it needs."""
    notices = library()
    if library_id not in notices:
        raise NoticesError(f"no notice '{library_id}' in the library; choose one of: {', '.join(notices)} "
                           "('notices library' says what each is for)")
    target = new_file_target(facts, "notice", notice_id)
    source = notices[library_id].path
    text = source.read_text("utf-8")
    profile = read_profile(facts)
    if profile is not None:
        _refuse_unsuited(notices[library_id], profile)
        text = fitted_text(text, str(source), profile, lambda item: _section_fits(item, profile))
    data = parse_yaml(text.encode("utf-8"), str(source)).data
    adoption = Adoption()
    _write(target, text, adoption)
    for section_id in [item[INCLUDE_KEY] for item in data.get("sections") or []
                       if isinstance(item, dict) and INCLUDE_KEY in item]:
        _copy(SECTIONS / f"{section_id}.yaml", facts / SECTIONS_FOLDER / f"{section_id}.yaml", adoption)
    _copy_childrens_versions(facts, notice_id, notices[library_id], profile, adoption)
    recipients = data.get("recipients")
    if isinstance(recipients, list):
        _add_recipients(facts, [item["id"] for item in recipients], adoption)
    return adoption


def _copy_childrens_versions(facts: Path, notice_id: str, notice: LibraryNotice, profile: Profile | None,
                             adoption: Adoption) -> None:
    """The library's versions for children of the notice, each in its age band (its file's name), as versions of
    ``notice_id``; a band that overlaps the ages of none of the organisation's schools, or none of the ages the
    notice is for (its `applies_to`), is left out, and said so when no other band is copied (the school's pupils
    then have no version to read)."""
    reach = notice.applies_to.ages if notice.applies_to is not None else None
    schools = profile.each_school if profile is not None else ()
    unfit: list[str] = []
    copied = False
    for children in sorted(CHILDREN.glob(f"{notice.id}.*")):
        stem, band = banded_name(children.name.removesuffix(".yaml"))
        if stem != notice.id or children.suffix != ".yaml" or (band and reach and not overlaps(band, age_range(reach))):
            continue
        if band is not None and schools and not any(overlaps(band, ages) for ages in schools):
            unfit.append(f"the children's version of {notice_id}, written for ages {band[0]} to {band[1]}, "
                         f"not for pupils aged {' or '.join(f'{young}-{old}' for young, old in schools)}")
            continue
        text = children.read_text("utf-8")
        if profile is not None:
            text = fitted_text(text, str(children), profile)
        named = notice_id if band is None else f"{notice_id}.{band[0]}-{band[1]}"
        _copy(children, facts / CHILDREN_FOLDER / f"{named}.yaml", adoption, text)
        copied = True
    if not copied:
        adoption.left_out += unfit


def _refuse_unsuited(notice: LibraryNotice, profile: Profile) -> None:
    if notice.fits(profile):
        return
    assert notice.applies_to is not None
    why = notice.applies_to.misfits(profile.kind, profile.phases, profile.ages)
    others = [other.id for other in variants(notice.topic) if other.fits(profile)]
    instead = (f"adopt '{others[0]}' instead, the library's {notice.topic} notice for you" if others else
               "no version of it in the library fits you (if `kind`, `phases` or `ages` in your facts are wrong, correct "
               "them; or write your own notice with `notices new notice`)")
    raise NoticesError(f"the library's '{notice.id}' is for {why}: {instead}.")


def _section_fits(item: dict, profile: Profile) -> bool:
    """Whether a shared section a notice includes fits ``profile`` (its file's `applies_to`)."""
    if INCLUDE_KEY not in item:
        return True
    path = SECTIONS / f"{item[INCLUDE_KEY]}.yaml"
    section = load_yaml_file(path, str(path)).data if path.is_file() else None
    scope = section.get(APPLIES_TO) if isinstance(section, dict) else None
    return scope is None or profile.fits(AppliesTo.model_validate(scope))


def _placeholders(text: str) -> int:
    return text.count(f"{MARKER}:")  # values, not the comments that mention the marker


def _write(path: Path, text: str, adoption: Adoption) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:  # "x": never overwrite, even in a race
        file.write(text)
    adoption.written[path] = _placeholders(text)


def _copy(source: Path, target: Path, adoption: Adoption, text: str | None = None) -> None:
    """Copy a library file (as ``text``, when fitted to the school), unless the school has its own: that one
    stays, and is named if it differs."""
    text = source.read_text("utf-8") if text is None else text
    existing = next((path for path in (target, target.with_suffix(".yml")) if path.exists()), None)
    if existing is None:
        _write(target, text, adoption)
    elif existing.read_text("utf-8") != text:
        adoption.kept.append(existing)


def _add_recipients(facts: Path, wanted: list[str], adoption: Adoption) -> None:
    catalogue = recipient_catalogue()
    organisation = facts / ORGANISATION_FILE
    schools = sorted((facts / SCHOOLS_FOLDER).glob("*.yaml"))
    additions: dict[Path, dict[str, Recipient]] = {}
    for recipient_id in wanted:
        if recipient_id in _recipient_ids(organisation):
            continue
        if recipient_id in catalogue.national:
            additions.setdefault(organisation, {})[recipient_id] = catalogue.national[recipient_id]
        elif recipient_id in catalogue.school_own:
            for owner in schools or [organisation]:
                if recipient_id not in _recipient_ids(owner):
                    additions.setdefault(owner, {})[recipient_id] = catalogue.school_own[recipient_id]
    for path, entries in additions.items():
        adoption.recipients[path] = (list(entries), _placeholders(_insert_recipients(path, entries)))


def _recipient_ids(path: Path) -> set[str]:
    data = load_yaml_file(path, str(path)).data
    recipients = data.get("recipients") if isinstance(data, dict) else None
    return set(recipients) if isinstance(recipients, dict) else set()


_RECIPIENTS_KEY = re.compile(r"^recipients:[ \t]*(?P<empty>\{\})?[ \t]*(?:#.*)?(?:\n|$)", re.MULTILINE)
_INDENT = re.compile(r"^(?P<indent>[ ]+)[^ #\n]", re.MULTILINE)


def _insert_recipients(path: Path, entries: dict[str, Recipient]) -> str:
    """Add ``entries`` under the file's top-level `recipients:` (made if absent), keeping every other line
    and comment as written; returns the lines added."""
    text = path.read_text("utf-8")
    key = _RECIPIENTS_KEY.search(text)
    indent = "  "
    if key and not key["empty"]:
        following = _INDENT.search(text, key.end())
        indent = following["indent"] if following else indent
    block = "".join(_entry_lines(recipient_id, recipient, indent) for recipient_id, recipient in entries.items())
    if key is None:
        text = text + ("" if text.endswith("\n") else "\n") + "\nrecipients:\n" + block
    elif key["empty"]:
        text = text[:key.start()] + "recipients:\n" + block + text[key.end():]
    else:
        end = _block_end(text, key.end())
        newline = "" if text[:end].endswith("\n") else "\n"
        text = text[:end] + newline + block + text[end:]
    path.write_text(text, "utf-8")
    return block


def _block_end(text: str, start: int) -> int:
    """Where the indented block that begins at ``start`` ends: after its last indented line, so that new
    entries follow the existing ones and any comment or blank line after the block stays after it."""
    end = position = start
    for line in text[start:].splitlines(keepends=True):
        position += len(line)
        if line.strip() and not line.startswith("#"):
            if not line[0].isspace():
                break
            end = position
    return end


def _entry_lines(recipient_id: str, recipient: Recipient, indent: str) -> str:
    lines = [f"{indent}{recipient_id}:"]
    for name, value in recipient.model_dump(mode="json", exclude_none=True).items():
        lines.append(f"{indent * 2}{name}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"
