"""JSON Schemas of the fact files, generated from the models, for editors (yaml-language-server)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from generator.facts.children import ChildrensVersion
from generator.facts.models import Notice, Organisation, School, SharedSection

SCHEMAS: dict[str, type[BaseModel]] = {
    "organisation.schema.json": Organisation,
    "school.schema.json": School,
    "notice.schema.json": Notice,
    "shared-section.schema.json": SharedSection,
    "children.schema.json": ChildrensVersion,
}


def schema_text(model: type[BaseModel]) -> str:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = folder / name
        path.write_text(schema_text(model), encoding="utf-8")
        written.append(path)
    return written
