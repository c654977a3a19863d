"""The published JSON Schema: generated from the models, and every sample conforms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from featuretree.formats.json_schema import FeatureTreeFile, Node, schema, schema_text

ROOT = Path(__file__).resolve().parents[2]
PUBLISHED = ROOT / "schema" / "featuretree-v1.schema.json"


def test_published_schema_is_the_generated_one() -> None:
    assert PUBLISHED.read_text(encoding="utf-8") == schema_text(), (
        "schema/featuretree-v1.schema.json is stale: run "
        "`featuretree schema > schema/featuretree-v1.schema.json`"
    )


def test_schema_describes_the_file_shape() -> None:
    generated = schema()
    assert generated["$schema"].endswith("2020-12/schema")
    document = generated["$defs"]["FeatureTreeFile"]
    assert set(document["required"]) == {"format", "version", "root"}
    node = generated["$defs"]["Node"]
    assert node["required"] == ["title"]
    assert node["additionalProperties"] is False
    assert set(node["properties"]) == {
        "id",
        "title",
        "notes",
        "tags",
        "status",
        "changelog",
        "suggestions",
        "links",
        "children",
    }


def test_schema_accepts_a_bare_node_as_the_reader_does() -> None:
    # The reader takes {"title": ..., "children": [...]} at the top; so does the schema.
    top = schema()["anyOf"]
    assert {"$ref": "#/$defs/FeatureTreeFile"} in top
    assert {"$ref": "#/$defs/Node"} in top


def test_links_are_in_the_schema() -> None:
    link = schema()["$defs"]["Link"]
    assert link["required"] == ["url"]
    Node.model_validate({"title": "a", "links": [{"title": "PRD", "url": "https://example.com"}]})


@pytest.mark.parametrize("path", sorted((ROOT / "samples").glob("*.json")), ids=lambda p: p.stem)
def test_every_sample_conforms(path: Path) -> None:
    FeatureTreeFile.model_validate_json(path.read_bytes())


def test_schema_models_reject_what_the_reader_rejects() -> None:
    with pytest.raises(ValidationError):
        FeatureTreeFile.model_validate(
            {"format": "featuretree", "version": 2, "root": {"title": "a"}}
        )
    with pytest.raises(ValidationError):
        Node.model_validate({"title": "a", "children": [{"title": "b", "colour": "red"}]})
    Node.model_validate(json.loads('{"title": "bare node", "children": [{"title": "b"}]}'))
