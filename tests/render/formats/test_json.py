"""The JSON notice: validates against its published schema, and carries W3C DPV terms from the pinned
list as JSON-LD linked data."""

from __future__ import annotations

import json

import jsonschema
import pytest
from pyld import jsonld

from generator.facts.models import Category, Purpose
from generator.law.catalogue import catalogue
from generator.law.dpv import category_terms, dpv_mapping, pinned_terms, purpose_terms
from generator.render.formats.json import notice_document_schema
from tests.conftest import EXAMPLE, PROJECT
from tests.render.formats.conftest import build

PUBLISHED_SCHEMA = PROJECT / "generator" / "render" / "notice-document.schema.json"


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The example's JSON notice, built as JSON alone (every format is built in the slower tests)."""
    out = build(EXAMPLE, tmp_path_factory.mktemp("json") / "dist", "json")
    return json.loads((out / "oakmoor" / "children-in-need.json").read_text("utf-8"))


def test_the_json_validates_against_the_published_schema(document: dict) -> None:
    schema = json.loads(PUBLISHED_SCHEMA.read_text("utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)


def test_the_schema_rejects_a_notice_with_a_missing_field(document: dict) -> None:
    del document["notice"]["title"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, json.loads(PUBLISHED_SCHEMA.read_text("utf-8")))


def test_the_published_schema_is_the_generated_one() -> None:
    """Regenerate with: python -m generator.render.formats.json > generator/render/notice-document.schema.json"""
    assert json.loads(PUBLISHED_SCHEMA.read_text("utf-8")) == notice_document_schema()


PUBLIC_TASK = "https://w3id.org/dpv/legal/eu/gdpr#A6-1-e"  # DPV has no dpv#PublicTask


def test_public_task_and_article_9_conditions_carry_their_dpv_iris(document: dict) -> None:
    (public_task,) = [basis for basis in document["bases"] if basis["article"] == "6(1)(e)"]
    assert public_task["dpv"] == PUBLIC_TASK
    assert document["dpv"]["lawful_bases"] == {
        "6(1)(e)": PUBLIC_TASK, "9(2)(g)": "https://w3id.org/dpv/legal/eu/gdpr#A9-2-g"}


def _dpv_iris(value) -> set[str]:
    if isinstance(value, str):
        return {value} if value.startswith("https://w3id.org/dpv") else set()
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return {iri for item in items for iri in _dpv_iris(item)}


def test_every_dpv_iri_the_json_emits_is_in_the_pinned_list(document: dict) -> None:
    emitted = _dpv_iris({key: value for key, value in document.items() if key != "@context"})
    assert "https://w3id.org/dpv/pd#Behavioural" in emitted  # DPV 2.2's spelling
    assert emitted and not emitted - pinned_terms().iris, sorted(emitted - pinned_terms().iris)


def test_every_dpv_iri_the_catalogue_can_emit_is_in_the_pinned_list() -> None:
    mapping = dpv_mapping()
    can_emit = {basis.dpv for basis in catalogue().bases.values() if basis.dpv}
    can_emit |= {term.iri for term in mapping.categories + mapping.purposes}
    assert not can_emit - pinned_terms().iris, sorted(can_emit - pinned_terms().iris)
    assert pinned_terms().version == "2.2"


def test_the_json_is_linked_data_with_dpv_terms(document: dict) -> None:
    (node,) = jsonld.expand(document)  # offline: the context is inline
    bases = {(item["@index"], item["@id"]) for item in node["https://w3id.org/dpv#hasLegalBasis"]}
    assert ("6(1)(e)", PUBLIC_TASK) in bases
    assert {"@index": "medical", "@id": "https://w3id.org/dpv/pd#Health"} in node["https://w3id.org/dpv#hasPersonalData"]
    assert {"@index": "service-quality", "@id": "https://w3id.org/dpv#ServiceOptimisation"} in node[
        "https://w3id.org/dpv#hasPurpose"]


def test_categories_and_purposes_carry_dpv_terms_where_one_fits(document: dict) -> None:
    assert document["dpv"]["categories"]["characteristics"] == ["https://w3id.org/dpv/pd#Gender"]
    assert document["dpv"]["categories"]["ethnicity-and-disability"] == [
        "https://w3id.org/dpv/pd#Ethnicity", "https://w3id.org/dpv/pd#Disability"]
    assert document["dpv"]["categories"]["medical"] == ["https://w3id.org/dpv/pd#Health"]
    assert document["dpv"]["categories"]["safeguarding"] == []
    assert document["dpv"]["purposes"]["service-quality"] == ["https://w3id.org/dpv#ServiceOptimisation"]


def test_an_email_address_is_not_a_postal_address() -> None:
    category = Category(id="contact", name="Contact details", examples=["email address", "home address"])
    assert category_terms(category) == [
        "https://w3id.org/dpv/pd#PhysicalAddress", "https://w3id.org/dpv/pd#EmailAddress", "https://w3id.org/dpv/pd#Contact",
    ]
    assert "https://w3id.org/dpv/pd#PhysicalAddress" not in category_terms(Category(id="e", name="Email address"))


def test_words_match_whole_words_only() -> None:
    assert purpose_terms(Purpose(id="p", description="take part in researching local history")) == []
    assert purpose_terms(Purpose(id="p", description="produce statistics for the local authority")) == [
        "https://w3id.org/dpv#ResearchAndDevelopment"]
