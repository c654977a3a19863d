"""Random edits of a document, each made the way the editor makes it: through
``featuretree.operations`` (one undoable command each), for the diff and merge properties."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import strategies as st

from featuretree import formats
from featuretree.model.annotations import FeatureStatus, Priority, SuggestionStatus
from featuretree.model.document import Document
from featuretree.model.tree import is_ancestor, preorder
from featuretree.operations import History, OperationError
from featuretree.operations import annotate as an
from featuretree.operations import structure as ops

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SAMPLE_NAMES = ("zhihu", "netease-music", "wms")

KINDS = (
    "rename",
    "notes",
    "status",
    "tags",
    "add_child",
    "delete",
    "move",
    "move_up",
    "add_change",
    "delete_change",
    "add_suggestion",
    "edit_suggestion",
    "delete_suggestion",
    "add_link",
    "meta",
    "add_revision",
)

WORDS = ("首页", "推荐", "热榜", "会员", "消息", "设置", "搜索", "Live", "直答", "评论")


def load(name: str) -> Document:
    """A fresh copy of a sample."""
    return formats.load(SAMPLES / f"{name}.json")


def apply_random_edits(doc: Document, data: st.DataObject, steps: int) -> None:
    """Make ``steps`` random edits of ``doc`` (drawn from ``data``) through a History."""
    history = History(doc)
    for _ in range(steps):
        kind = data.draw(st.sampled_from(KINDS), label="kind")
        nodes = list(preorder(doc.root))
        node = nodes[data.draw(st.integers(0, len(nodes) - 1), label="node")]
        word = data.draw(st.sampled_from(WORDS), label="word")
        try:
            command = _command(doc, kind, node, word, nodes, data)
        except OperationError:
            continue
        if command is not None:
            try:
                history.do(command)
            except OperationError:
                continue


def _command(doc, kind, node, word, nodes, data):
    if kind == "rename":
        return an.rename(doc, node.id, f"{node.title}{word}")
    if kind == "notes":
        return an.set_notes(doc, node.id, f"{node.notes}\n{word}说明".strip())
    if kind == "status":
        return an.set_status(doc, node.id, data.draw(st.sampled_from(list(FeatureStatus))))
    if kind == "tags":
        return an.set_tags(doc, node.id, (*node.tags[1:], word))
    if kind == "add_child":
        return ops.add_child(doc, node.id, f"新{word}")
    if kind == "delete":
        return ops.delete(doc, node.id) if node.parent is not None else None
    if kind == "move":
        if node.parent is None:
            return None
        target = nodes[data.draw(st.integers(0, len(nodes) - 1), label="target")]
        if is_ancestor(node, target):
            return None
        return ops.move_to(doc, node.id, target.id, data.draw(st.integers(0, 3), label="index"))
    if kind == "move_up":
        return ops.move_up(doc, node.id)
    if kind == "add_change":
        return an.add_change(
            doc, node.id, version="v2.0", date=dt.date(2026, 12, 3), summary=f"调整{word}"
        )
    if kind == "delete_change":
        return an.delete_change(doc, node.id, 0) if node.changelog else None
    if kind == "add_suggestion":
        return an.add_suggestion(doc, node.id, text=f"优化{word}", created=dt.date(2026, 12, 3))
    suggestions = [s for _, s in doc.iter_suggestions()]
    if kind == "edit_suggestion" and suggestions:
        target = suggestions[data.draw(st.integers(0, len(suggestions) - 1), label="s")]
        return an.edit_suggestion(
            doc,
            target.id,
            priority=data.draw(st.sampled_from(list(Priority))),
            status=data.draw(st.sampled_from(list(SuggestionStatus))),
        )
    if kind == "delete_suggestion" and suggestions:
        target = suggestions[data.draw(st.integers(0, len(suggestions) - 1), label="s")]
        return an.delete_suggestion(doc, target.id)
    if kind == "add_link":
        return an.add_link(doc, node.id, f"https://example.com/{word}", word)
    if kind == "meta":
        return an.edit_meta(doc, app_version=f"11.{len(word)}")
    if kind == "add_revision":
        return an.add_revision(
            doc, version=f"v2.{len(doc.revisions)}", date=dt.date(2026, 12, 3), summary=word
        )
    return None
