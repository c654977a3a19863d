"""Ctrl+Q while something is being typed, in a real pty: nothing typed is lost.

Ctrl+Q is a priority key: it arrives while a title is typed in the outline or the diagram,
or while the notes editor or a form is open. What is typed there is not in the document
yet, so quitting asks as for unsaved changes; "Save and quit" keeps it (as Enter or the
form's own save would) and writes it, "Quit without saving" leaves the file alone, and
Esc goes back to the typing, untouched.
"""

from __future__ import annotations

from pathlib import Path

from featuretree import formats
from terminal.screen import open_app
from terminal.test_bursts import one_node_document


def _quit_dialog(app) -> None:
    app.press("ctrl+q")
    app.wait_for("Quit anyway?")


def test_save_and_quit_keeps_the_title_being_typed(tmp_path: Path) -> None:
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down", "tab")
        app.type_burst("正在输入的 标题")
        app.wait_for("正在输入的 标题")
        _quit_dialog(app)
        app.press("s")
        assert app.wait_exit(10) == 0
    shelf = formats.load(path).node("shelf")
    assert [kid.title for kid in shelf.kids] == ["正在输入的 标题"]


def test_save_and_quit_keeps_a_title_typed_in_the_diagram(tmp_path: Path) -> None:
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down", "v")
        app.press("e", "ctrl+u")
        app.type_burst("书架 二")
        app.wait_for("书架 二")
        _quit_dialog(app)
        app.press("s")
        assert app.wait_exit(10) == 0
    assert formats.load(path).node("shelf").title == "书架 二"


def test_notes_being_typed_are_not_dropped_by_a_quit(tmp_path: Path) -> None:
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down", "n")
        app.type_burst("三十秒的备注")
        app.wait_for("三十秒的备注")
        _quit_dialog(app)  # the document itself has no changes: it used to quit at once
        app.press("s")
        assert app.wait_exit(10) == 0
    assert formats.load(path).node("shelf").notes == "三十秒的备注"


def test_a_suggestion_being_typed_is_saved_by_save_and_quit(tmp_path: Path) -> None:
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down", "s")
        app.type_burst("书架支持 分组")
        app.wait_for("书架支持 分组")
        _quit_dialog(app)
        app.press("s")
        assert app.wait_exit(10) == 0
    [suggestion] = formats.load(path).node("shelf").suggestions
    assert suggestion.text == "书架支持 分组"


def test_cancel_goes_back_to_the_typing_and_discard_leaves_the_file(tmp_path: Path) -> None:
    path = one_node_document(tmp_path)
    before = path.read_bytes()
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down", "n")
        app.type_burst("备注")
        app.wait_for("备注")
        _quit_dialog(app)
        app.press("escape")  # back to the notes, as typed
        app.type_burst("继续")
        app.wait_for("备注继续")
        _quit_dialog(app)
        app.press("d")
        assert app.wait_exit(10) == 0
    assert path.read_bytes() == before


def test_ctrl_s_in_the_same_burst_as_a_title_keeps_it_and_saves(tmp_path: Path) -> None:
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down", "tab")
        app.type_burst("新的 子功能\x13")  # typed, then Ctrl+S, in one write
        app.wait_for("read.json")
        app.settle()
    shelf = formats.load(path).node("shelf")
    assert [kid.title for kid in shelf.kids] == ["新的 子功能"]


def test_keys_typed_right_after_quit_without_saving_are_not_a_crash(tmp_path: Path) -> None:
    """ "Quit without saving" then, in the same burst, the next shell command's first keys
    ("/" opens the search): the editor crashed on its way out, printing a traceback."""
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down", "tab")
        app.type_burst("新节点")
        app.press("enter")
        _quit_dialog(app)
        app.type_burst("d/work/ls -la\r")
        assert app.wait_exit(10) == 0
        assert "Traceback" not in app.text() and "Error" not in app.text()
    assert [kid.title for kid in formats.load(path).node("shelf").kids] == []
