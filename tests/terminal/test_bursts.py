"""Keys that reach the app in one write (an IME commit, a script, a fast typist) land
where the user typed them, in order."""

from __future__ import annotations

from pathlib import Path

from featuretree import formats
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach
from terminal.screen import open_app


def one_node_document(tmp_path: Path) -> Path:
    doc = Document.new("读书 App")
    attach(FeatureNode("书架", id="shelf"), doc.root)
    doc = Document(doc.root)
    path = tmp_path / "read.json"
    formats.save(doc, path)
    return path


def test_a_change_entry_typed_in_one_burst_fills_each_field(tmp_path: Path) -> None:
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down")
        app.type_burst("cAI summary\t9.1\tLi\r")
        app.press("ctrl+s")
        app.wait_for("Saved")
    entry = formats.load(path).node("shelf").changelog[0]
    assert (entry.summary, entry.version, entry.author) == ("AI summary", "9.1", "Li")


def test_a_suggestion_typed_in_bursts_keeps_its_order(tmp_path: Path) -> None:
    """An IME commits each phrase as one write; the form opens while they arrive."""
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down")
        app.send(b"s")
        app.send("支持".encode())
        app.send("按作者 分组".encode())
        app.type_burst("\r")
        app.press("ctrl+s")
        app.wait_for("Saved")
    assert [s.text for s in formats.load(path).node("shelf").suggestions] == ["支持按作者 分组"]


def test_arrows_in_a_burst_step_the_picker_they_were_typed_in(tmp_path: Path) -> None:
    """→ Tab → sent at once: each → steps the picker that had the focus when it was typed
    (the Tab between them runs as it arrives; the first → must not step the next one)."""
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down", "s")
        app.wait_for("Add suggestion")
        app.type_burst("abc\tdef\t\x1b[C\t\x1b[C")
        app.press("enter")
        app.press("ctrl+s")
        app.wait_for("Saved")
    suggestion = formats.load(path).node("shelf").suggestions[0]
    assert (suggestion.text, suggestion.rationale) == ("abc", "def")
    assert (suggestion.priority.value, suggestion.status.value) == ("P3", "accepted")
