"""The notice as JSON for other systems: the resolved facts, tagged with W3C DPV terms.

The JSON Schema of this format is generated from ``NoticeDocument`` and committed as
``generator/render/notice-document.schema.json``; regenerate it with
``python -m generator.render.formats.json > generator/render/notice-document.schema.json``.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, Field

from generator.facts.cascade import ResolvedNotice, Variant
from generator.facts.models import Notice, Organisation, School
from generator.facts.roles import roles
from generator.facts.sections import SECTIONS
from generator.law.dpv import category_terms, pinned_terms, purpose_terms
from generator.render.formats import Needs, OutputFormat, RenderContext, register


class DpvTags(BaseModel):
    """W3C Data Privacy Vocabulary IRIs for the notice, keyed the way the facts name things."""

    lawful_bases: dict[str, str] = Field(
        description="Article (e.g. `6(1)(e)`, `9(2)(b)`) -> DPV legal basis IRI, for the bases DPV names."
    )
    categories: dict[str, list[str]] = Field(
        description="Category id -> DPV personal data category IRIs (empty when no DPV term fits)."
    )
    purposes: dict[str, list[str]] = Field(
        description="Purpose id -> DPV purpose IRIs (empty when no DPV term fits)."
    )


class NoticeDocument(ResolvedNotice):
    """One published notice: every resolved fact, as the website and the PDF state them, plus DPV tags."""

    dpv: DpvTags


def notice_document(notice: ResolvedNotice) -> NoticeDocument:
    return NoticeDocument(
        **dict(notice),
        dpv=DpvTags(
            lawful_bases={basis.article: basis.dpv for basis in notice.bases if basis.dpv},
            categories={category.id: category_terms(category) for category in notice.notice.categories},
            purposes={purpose.id: purpose_terms(purpose) for purpose in notice.notice.purposes},
        ),
    )


def render_json(notice: ResolvedNotice, _context: RenderContext) -> bytes:
    document = {"@context": pinned_terms().context, **notice_document(notice).model_dump(mode="json")}
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def notice_document_schema() -> dict:
    """The JSON Schema every JSON notice validates against."""
    schema = NoticeDocument.model_json_schema(mode="serialization")
    context = {"@context": {"type": "object", "description": (
        f"JSON-LD context: the `dpv` tags are W3C DPV {pinned_terms().version} terms ({pinned_terms().source}).")}}
    schema["properties"] = {**context, **schema["properties"]}
    schema["required"] = ["@context", *schema["required"]]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def _section_fields() -> tuple[dict[str | None, list[tuple[str, ...]]], list[tuple[str, ...]]]:
    """Where in the JSON notice each standard section's facts are, read off each fact field's role.

    Fields with no section head the notice (title, version) when they hold one value, and follow it
    (the free sections) when they hold a list. A field the notice states resolved (recipients, bases)
    is read there; so are the contact, DPO and supervisory authority, resolved for the school.
    """
    sections: dict[str | None, list[tuple[str, ...]]] = {}
    trailing: list[tuple[str, ...]] = []
    for model, at in ((Organisation, ("organisation",)), (School, ("variant",)), (Notice, ("notice",))):
        for name, declared in roles(model).items():
            if not declared.in_notice:
                continue
            path: tuple[str, ...]
            if declared.resolved:
                path = (declared.resolved,)
            elif model is not Notice and name in ResolvedNotice.model_fields:
                path = (name,)
            else:
                path = (*at, name)
            if model is School and path[0] == "variant" and name not in Variant.model_fields:
                continue  # a school's own catalogues (its notices) state nothing themselves
            place = trailing if declared.section is None and declared.key else sections.setdefault(declared.section, [])
            if path not in place:
                place.append(path)
    sections.setdefault("your-rights", []).append(("rights",))  # rights are derived from the bases, not stated
    return sections, trailing + [("dpv",)]


_SECTION_FIELDS, _TRAILING_FIELDS = _section_fields()


def json_text(content: bytes) -> str:
    """The JSON notice read as the notice is read: title first, then each standard section's title
    followed by every string of the fields that state it, then free sections and DPV tags.

    This is the order and grouping the audit checks in the other formats, so one audit reads all.
    """
    document = json.loads(content.decode("utf-8"))
    lines = [text for path in _SECTION_FIELDS.get(None, []) for text in _strings(_field(document, path))]
    for section in SECTIONS:
        lines.append(section.title)
        values = [_field(document, path) for path in _SECTION_FIELDS.get(section.anchor, [])]
        stated = [text for value in values for text in _strings(value)]
        # `recipients: none` (or `[]`) states that there are none: the section says so, as the notice does.
        lines += stated or (["none"] if any(value == [] for value in values) else [])
    lines += [text for path in _TRAILING_FIELDS for text in _strings(_field(document, path))]
    return "\n".join(lines)


def _field(document: dict, path: tuple[str, ...]) -> Any:
    value: Any = document
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [" ".join(value.split())]  # one line each, even when the fact held line breaks
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return [] if value is None or isinstance(value, bool) else [str(value)]


register(OutputFormat(
    name="json",
    suffix=".json",
    render=render_json,
    description="the resolved facts as JSON with W3C DPV terms, for other systems (schema published)",
    label="Machine-readable data (JSON)",
    for_staff=True,
    needs=Needs(libraries=("pydantic",)),
    read_text=json_text,
    laid_out=False,
    childrens=False,  # the notice's JSON carries its children's version's wording (`children`)
))

if __name__ == "__main__":
    print(json.dumps(notice_document_schema(), indent=2, ensure_ascii=False))
