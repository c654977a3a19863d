"""Shared by the XMind and FreeMind tests: random documents and a comparable view of one."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from featuretree.model import ids
from featuretree.model.annotations import (
    ChangeEntry,
    FeatureStatus,
    Link,
    Priority,
    Suggestion,
    SuggestionStatus,
)
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.text import clean_line
from featuretree.model.tree import attach, preorder_with_depth

# CJK, full-width punctuation, and everything XML, HTML, JSON and our notes block treat
# specially: quotes, angle brackets, ampersands, brackets, the block's own symbols.
ALPHABET = (
    "功能结构图修改记录优化建议状态理由作者日期编号学習한국"
    "【】「」（）：；，。！？·—…─ "
    "abcXYZ019<>&\"'{}[]()*#-_/\\|`~^%$@!=+.,;:?"
)
_line = st.text(ALPHABET, max_size=12).map(clean_line)
_text = st.lists(st.text(ALPHABET, max_size=10), min_size=1, max_size=3).map("\n".join)
_dates = st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31))


def _required(text: str) -> str:
    text = text.strip("\n")
    return text if text.strip() else "x"


_changes = st.builds(
    ChangeEntry,
    version=st.none() | _line.filter(bool),
    date=_dates,
    author=st.none() | _line.filter(bool),
    summary=_text.map(_required),
)
_tags = st.lists(_line.filter(lambda t: t and not t.startswith("status:")), max_size=3, unique=True)
_node_fields = st.fixed_dictionaries(
    {
        "title": _line,
        "notes": st.just("") | _text.map(lambda t: t.strip("\n")),
        "tags": _tags,
        "status": st.sampled_from(FeatureStatus),
        "changelog": st.lists(_changes, max_size=2),
        "links": st.lists(st.builds(Link, title=_line, url=_line.filter(bool)), max_size=3),
        "suggestions": st.lists(
            st.fixed_dictionaries(
                {
                    "text": _text.map(_required),
                    "rationale": st.none() | _text.map(_required),
                    "priority": st.sampled_from(Priority),
                    "status": st.sampled_from(SuggestionStatus),
                    "author": st.none() | _line.filter(bool),
                    "created": _dates,
                }
            ),
            max_size=2,
        ),
    }
)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    """A random tree of up to 25 nodes with every annotation featuretree has."""
    fields = draw(st.lists(_node_fields, min_size=1, max_size=25))
    parents = [draw(st.integers(0, i - 1)) for i in range(1, len(fields))]
    taken: set[str] = set()

    def new_id() -> str:
        value = ids.new_id(taken)
        taken.add(value)
        return value

    nodes = []
    for f in fields:
        suggestions = [Suggestion(id=new_id(), **s) for s in f["suggestions"]]
        nodes.append(
            FeatureNode(
                f["title"],
                id=new_id(),
                notes=f["notes"],
                tags=f["tags"],
                status=f["status"],
                changelog=f["changelog"],
                suggestions=suggestions,
                links=f["links"],
            )
        )
    for i, parent in enumerate(parents, start=1):
        attach(nodes[i], nodes[parent])
    return Document(nodes[0])


def shape(doc: Document) -> list[tuple]:
    """Every node as (depth, id, title, notes, sorted tags, status, changelog, suggestions, links)."""
    return [
        (
            depth,
            n.id,
            n.title,
            n.notes,
            sorted(n.tags),
            n.status,
            n.changelog,
            n.suggestions,
            n.links,
        )
        for n, depth in preorder_with_depth(doc.root)
    ]


def deep_document(depth: int) -> Document:
    """A chain ``depth`` levels deep, the deepest node annotated."""
    root = FeatureNode("L0", id="n0")
    node = root
    for i in range(1, depth):
        child = FeatureNode(f"L{i}", id=f"n{i}")
        attach(child, node)
        node = child
    node.notes = "deepest"
    return Document(root)
