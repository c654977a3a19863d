"""The JSON Schema of featuretree's ``.json`` files, generated from pydantic models.

These models describe the file as featuretree writes it, and the published schema
accepts both top-level shapes the reader takes: the document (``{"format":
"featuretree", ...}``) or a bare node (``{"title": ..., "children": [...]}``). The reader
is more lenient still (null for an omitted key, suggestions without an id). They
do not read it: :mod:`featuretree.formats.json_format`
reads iteratively (pydantic validation of this recursive model recurses once per level).
They reuse the annotation models, so the schema cannot drift from what the reader
validates; a test compares the published ``schema/featuretree-v1.schema.json`` with
:func:`schema_text`.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from featuretree.formats.json_format import FORMAT_TAG, VERSION
from featuretree.model.annotations import (
    ChangeEntry,
    DocumentMeta,
    FeatureStatus,
    IdStr,
    Link,
    Revision,
    Suggestion,
)

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


class Node(BaseModel):
    """A feature node: only ``title`` is required; ``id`` is generated when absent."""

    model_config = ConfigDict(extra="forbid", title="Node")

    id: IdStr | None = Field(None, description="Stable id, unique in the document")
    title: str = Field(description="The feature's name (one line)")
    notes: str = Field("", description="Multi-line notes")
    tags: list[str] = Field(default_factory=list)
    status: FeatureStatus = FeatureStatus.EXISTING
    changelog: list[ChangeEntry] = Field(
        default_factory=list, description="The node's change log (修改记录), newest first"
    )
    suggestions: list[Suggestion] = Field(
        default_factory=list, description="Optimization suggestions (优化建议)"
    )
    links: list[Link] = Field(
        default_factory=list,
        description="Links to outside the map (PRDs, designs); written only when there are any",
    )
    children: list[Node] = Field(default_factory=list)


class CarriedFormat(BaseModel):
    """What one format (``xmind``, ``freemind``) gave that featuretree does not model."""

    model_config = ConfigDict(extra="forbid", title="Carried format data")

    document: dict[str, Any] = Field(
        default_factory=dict, description="Document-level data (an XMind sheet's theme)"
    )
    nodes: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Per node id: that node's data (styles, colours, folds, formatted notes)",
    )


class FeatureTreeFile(BaseModel):
    """A featuretree document (the reader also accepts a bare node at the top)."""

    model_config = ConfigDict(extra="forbid", title="featuretree document")

    format: Literal["featuretree"] = Field(description=f'Always "{FORMAT_TAG}"')
    version: Literal[1] = Field(description=f"File format version (this schema: {VERSION})")
    meta: DocumentMeta = Field(default_factory=DocumentMeta)
    revisions: list[Revision] = Field(
        default_factory=list, description="The document's revision history (版本修订记录)"
    )
    root: Node
    carried: dict[str, CarriedFormat] | None = Field(
        None,
        description=(
            "What another format gave that featuretree does not model, by format name, "
            "given back when the document is saved in that format again (optional; "
            "written only when there is some)"
        ),
    )


_TOP = TypeAdapter(FeatureTreeFile | Node)


def schema() -> dict[str, Any]:
    """The JSON Schema as a dict: a featuretree document, or a bare node (both read)."""
    generated = _TOP.json_schema()
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "featuretree file",
        "description": (
            "A featuretree document (what featuretree writes), or a bare node tree "
            "(what other tools may write; featuretree reads both)"
        ),
        **generated,
    }


def schema_text() -> str:
    """The JSON Schema as the text published in ``schema/featuretree-v1.schema.json``."""
    return json.dumps(schema(), ensure_ascii=False, indent=2) + "\n"
