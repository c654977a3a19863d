"""Saving JSON gives the same bytes as before it was made fast (issue 15).

The writer gathers a tree into dicts and lets orjson write them; a file saved by an
earlier featuretree must come out byte for byte the same (diffs under version control
stay clean), and a tree too deep for that still goes the careful iterative way. The
digests below are of what the writer wrote before the change.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from featuretree import formats
from featuretree.formats import json_writer
from featuretree.model.annotations import ChangeEntry, DocumentMeta, Link, Revision, Suggestion
from featuretree.model.document import Document
from featuretree.model.enums import FeatureStatus, Priority, SuggestionStatus
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "samples").glob("*.json"))

TRICKY = 'CJK 知乎「热榜」 "quoted" back\\slash\ttab\nline 😀 \u2028 \x7f é'


def tricky_document(levels: int) -> Document:
    """A path ``levels`` nodes long whose every node carries every kind of field."""
    day = dt.date(2026, 12, 3)
    root = FeatureNode("知乎 App", id="root")
    current = root
    statuses = list(FeatureStatus)
    for i in range(1, levels):
        node = FeatureNode(
            f"{TRICKY} {i}",
            id=f"n{i}",
            notes=TRICKY if i % 2 else "",
            tags=("标签", TRICKY) if i % 3 else (),
            status=statuses[i % len(statuses)],
        )
        node.changelog = (
            ChangeEntry(version="10.1", date=day, author="产品", summary=f"{TRICKY}\n第二行"),
            ChangeEntry(date=day, summary="只有摘要"),
        )
        node.suggestions = (
            Suggestion(
                id=f"s{i}",
                text=TRICKY,
                rationale=None if i % 2 else "因为",
                priority=Priority.P1,
                status=SuggestionStatus.IN_PROGRESS,
                created=day,
            ),
            # An edited suggestion: model_copy keeps its fields in declaration order.
            Suggestion(id=f"t{i}", text="改", created=day).model_copy(
                update={"status": SuggestionStatus.DONE, "rationale": "已上线"}
            ),
        )
        if i % 4 == 0:
            node.links = (Link(title="PRD", url="https://example.com/a?b=1&c=\u4e2d"),)
        attach(node, current)
        current = node
    meta = DocumentMeta(title="知乎", product="知乎", author=TRICKY, created=day)
    revisions = (Revision(version="1.0", date=day, author="PM", summary=TRICKY),)
    return Document(root, meta=meta, revisions=revisions)


def careful_bytes(doc: Document, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """What the iterative text writer (the one from before orjson) gives."""
    with monkeypatch.context() as patch:
        patch.setattr(json_writer, "orjson", None)
        return json_writer.write_json(doc)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_a_saved_sample_is_written_back_byte_for_byte(path: Path) -> None:
    assert formats.dumps(formats.load(path), "json") == path.read_bytes()


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        (1, "f4b669b690555f912f4a958c67e7714401e9fcc6b750b3897d0f8987470ffc1a"),
        (
            json_writer.INDENT_LEVELS + 1,
            "b7b3343be71affc2279d29fb817373ff36216bd2e16f091dcb05612671c82201",
        ),
        (
            json_writer.INDENT_LEVELS + 2,
            "70003cc1b9abc020abe017394fac8e832b31dd6358d7a42cc648155bc9ba756d",
        ),
        (300, "910b31d596b083e00ea63a4948dd174a7f9cc9a31bb18790eea9100e8c07efd8"),
    ],
)
def test_every_field_and_escape_is_written_as_before(
    levels: int, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Up to INDENT_LEVELS levels the fast path writes; past it the careful one does."""
    doc = tricky_document(levels)
    data = formats.dumps(doc, "json")
    assert data == careful_bytes(doc, monkeypatch)
    assert digest(data) == expected


def test_an_ordinary_tree_takes_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Otherwise the comparisons above would compare the careful writer with itself."""

    def refuse(*args: object) -> None:
        raise AssertionError("the careful writer ran")

    monkeypatch.setattr(json_writer, "_write_tree", refuse)
    doc = tricky_document(json_writer.INDENT_LEVELS + 1)  # deepest node at INDENT_LEVELS
    assert formats.dumps(doc, "json").startswith(b'{\n  "format": "featuretree"')


def test_a_tree_too_deep_for_orjson_is_written_and_read_back() -> None:
    doc = tricky_document(2_000)
    back = formats.loads(formats.dumps(doc, "json"), "json")
    assert len(back) == 2_000 and back.root.kids[0].id == "n1"
