"""Undo, redo, the dirty flag and listeners; random edit sequences undo exactly."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from featuretree.formats.json_format import document_from_data, write_json
from featuretree.model import Document, ids
from featuretree.operations import Command, Composite, History, OperationError, annotate, structure


def _doc() -> Document:
    return document_from_data(
        {
            "title": "知乎",
            "id": "app",
            "children": [
                {"title": "首页", "id": "home", "children": [{"title": "推荐", "id": "feed"}]},
                {"title": "我的", "id": "me"},
            ],
        }
    )


def test_undo_redo_on_empty_history() -> None:
    history = History(_doc())
    assert history.undo() is None and history.redo() is None
    assert not history.can_undo and not history.can_redo


def test_a_new_edit_clears_redo() -> None:
    doc = _doc()
    history = History(doc)
    history.do(annotate.rename(doc, "feed", "A"))
    history.undo()
    assert history.can_redo
    history.do(annotate.rename(doc, "feed", "B"))
    assert not history.can_redo
    assert history.redo() is None
    assert doc.node("feed").title == "B"


def test_dirty_follows_the_saved_state() -> None:
    doc = _doc()
    history = History(doc)
    assert not history.dirty  # just loaded
    history.do(annotate.rename(doc, "feed", "A"))
    assert history.dirty
    history.undo()
    assert not history.dirty  # back to what is on disk
    history.redo()
    history.mark_saved()
    assert not history.dirty
    history.do(annotate.rename(doc, "feed", "B"))
    assert history.dirty
    history.undo()
    assert not history.dirty
    history.undo()  # before the save: differs from the file again
    assert history.dirty
    history.do(annotate.rename(doc, "feed", "C"))  # the saved step can no longer be reached
    assert history.dirty
    history.undo()
    assert history.dirty


def test_listeners_hear_every_step() -> None:
    doc = _doc()
    history = History(doc)
    heard: list[tuple[str, str]] = []
    history.subscribe(lambda command, kind: heard.append((command.label, kind)))
    history.do(annotate.rename(doc, "feed", "A"))
    history.undo()
    history.redo()
    assert heard == [("Rename", "do"), ("Rename", "undo"), ("Rename", "redo")]


class _Fails(Command):
    label = "fails"

    def apply(self, doc: Document) -> None:
        raise OperationError("nope")

    def revert(self, doc: Document) -> None:  # pragma: no cover - never applied
        raise AssertionError


def test_composite_is_one_step_and_rolls_back_on_failure() -> None:
    doc = _doc()
    history = History(doc)
    before = write_json(doc)
    both = Composite(
        "two", [annotate.rename(doc, "feed", "X"), annotate.set_status(doc, "me", "new")]
    )
    history.do(both)
    assert doc.node("feed").title == "X" and doc.node("me").status.value == "new"
    history.undo()
    assert write_json(doc) == before
    broken = Composite("broken", [annotate.rename(doc, "feed", "Y"), _Fails()])
    try:
        history.do(broken)
    except OperationError:
        pass
    assert write_json(doc) == before  # the first half was taken back
    assert history.can_redo  # the failed step did not clear redo either


# -- property: any sequence of edits undoes exactly ------------------------------------

_EDITS = (
    "add_child",
    "add_sibling",
    "delete",
    "move_up",
    "move_down",
    "indent",
    "outdent",
    "move_to",
    "rename",
    "notes",
    "status",
    "change",
    "suggestion",
    "paste",
)
_TEXT = st.text(alphabet=st.sampled_from("ab 中文[]/\n\t"), max_size=8)


def _edit(doc: Document, kind: str, pick: int, other: int, text: str) -> Command:
    nodes = list(doc.iter_nodes())
    node = nodes[pick % len(nodes)]
    target = nodes[other % len(nodes)]
    if kind == "add_child":
        return structure.add_child(doc, node.id, text)
    if kind == "add_sibling":
        return structure.add_sibling(doc, node.id, text)
    if kind == "delete":
        return structure.delete(doc, node.id)
    if kind in ("move_up", "move_down", "indent", "outdent"):
        return getattr(structure, kind)(doc, node.id)
    if kind == "move_to":
        return structure.move_to(doc, node.id, target.id, other % 3 or None)
    if kind == "rename":
        return annotate.rename(doc, node.id, text)
    if kind == "notes":
        return annotate.set_notes(doc, node.id, text)
    if kind == "status":
        return annotate.cycle_status(doc, node.id)
    if kind == "change":
        return annotate.add_change(doc, node.id, summary=text or "x", version="v1")
    if kind == "suggestion":
        return annotate.add_suggestion(doc, node.id, text=text or "x", priority=f"P{other % 4}")
    return structure.paste(doc, target.id, doc.clone_subtree(node))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(_EDITS), st.integers(0, 50), st.integers(0, 50), _TEXT),
        max_size=25,
    )
)
def test_random_edits_undo_and_redo_exactly(edits) -> None:
    ids.seed(1)
    doc = _doc()
    history = History(doc)
    original = write_json(doc)
    states = [original]
    for kind, pick, other, text in edits:
        try:
            history.do(_edit(doc, kind, pick, other, text))
        except OperationError:
            assert write_json(doc) == states[-1]  # a refused edit changes nothing
            continue
        states.append(write_json(doc))
    assert sorted(doc._index) == sorted(n.id for n in doc.iter_nodes())
    for state in reversed(states[:-1]):
        history.undo()
        assert write_json(doc) == state
    assert history.undo() is None
    assert write_json(doc) == original
    assert not history.dirty
    for state in states[1:]:
        history.redo()
        assert write_json(doc) == state
    assert sorted(doc._index) == sorted(n.id for n in doc.iter_nodes())


def test_withdraw_undoes_without_leaving_a_redo() -> None:
    doc = Document.new("App")
    history = History(doc)
    history.do(structure.add_child(doc, doc.root.id, "kept"))
    provisional = history.do(structure.add_child(doc, doc.root.id, ""))
    assert history.withdraw() is provisional
    assert [kid.title for kid in doc.root.kids] == ["kept"]
    assert not history.can_redo
    assert history.redo() is None
    assert history.can_undo  # the earlier step is still there to undo


def test_mark_unsaved_keeps_the_document_dirty_through_undo() -> None:
    doc = Document.new("App")
    history = History(doc)
    history.mark_unsaved()
    assert history.dirty
    history.do(structure.add_child(doc, doc.root.id, "x"))
    history.undo()
    assert history.dirty  # back at the start, which was never saved
    history.mark_saved()
    assert not history.dirty
