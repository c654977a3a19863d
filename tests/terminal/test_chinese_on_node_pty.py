"""An IME commit on a node with no title open (one write: "热榜 Top 50") renames it, every
character in order; the ASCII after the first Chinese character is typed, not run."""

from __future__ import annotations

from pathlib import Path

from featuretree import formats
from terminal.screen import open_app
from terminal.test_bursts import one_node_document


def test_an_ime_commit_on_a_node_becomes_its_title(tmp_path: Path) -> None:
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down")
        app.type_burst("热榜 Top 50")
        app.wait_for("热榜 Top 50")
        app.press("enter")
        app.press("ctrl+s")
        app.wait_for("Saved")
    assert formats.load(path).node("shelf").title == "热榜 Top 50"


def test_latin_letters_then_an_ime_commit_rename_a_node_and_a_list_is_typed(
    tmp_path: Path,
) -> None:
    # Typed as a PM does: P, D, A one by one (p is a command), then 扫码 from the IME;
    # then a list under the node, each item's title kept by Enter and the next typed on.
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down", "P", "D", "A")
        app.type_burst("扫码")
        app.press("enter")
        app.wait_for("PDA扫码")
        app.press("tab")
        app.type_burst("入库管理")
        app.press("enter")
        app.type_burst("出库管理")
        app.press("enter")
        app.wait_for("出库管理")
        screen = app.text()
        app.press("ctrl+s")
        app.wait_for("Saved")
    node = formats.load(path).node("shelf")
    assert node.title == "PDA扫码"
    assert [kid.title for kid in node.kids] == ["入库管理", "出库管理"]
    assert "PDA扫码" in screen and "入库管理" in screen
