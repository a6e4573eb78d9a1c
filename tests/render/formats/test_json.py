"""The JSON notice: validates against its published schema, and carries W3C DPV terms."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from generator.facts.models import Category, Purpose
from generator.law.dpv import category_terms, purpose_terms
from generator.render.formats.json import notice_document_schema
from tests.conftest import PROJECT

PUBLISHED_SCHEMA = PROJECT / "generator" / "render" / "notice-document.schema.json"


@pytest.fixture(scope="module")
def document(example_build: Path) -> dict:
    return json.loads((example_build / "oakmoor" / "children-in-need.json").read_text("utf-8"))


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


def test_public_task_carries_its_dpv_iri(document: dict) -> None:
    (public_task,) = [basis for basis in document["bases"] if basis["article"] == "6(1)(e)"]
    assert public_task["dpv"] == "https://w3id.org/dpv#PublicTask"
    assert document["dpv"]["lawful_bases"]["6(1)(e)"] == "https://w3id.org/dpv#PublicTask"


def test_categories_and_purposes_carry_dpv_terms_where_one_fits(document: dict) -> None:
    assert document["dpv"]["categories"]["characteristics"] == [
        "https://w3id.org/dpv/pd#Gender", "https://w3id.org/dpv/pd#Ethnicity", "https://w3id.org/dpv/pd#Disability",
    ]
    assert document["dpv"]["categories"]["medical"] == ["https://w3id.org/dpv/pd#Health"]
    assert document["dpv"]["categories"]["care-leavers"] == []
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
