"""Editing keys in a text field act where they were typed, also in one burst.

Ctrl+U, Backspace and the like are bindings in Textual's fields; they used to run only
once the key had bubbled up to the app, after the characters sent behind it were typed:
``Ctrl+U`` + ``新文件 name.md`` in one write left the path field empty.
"""

from __future__ import annotations

from pathlib import Path

from featuretree import formats
from terminal.screen import open_app
from terminal.test_bursts import one_node_document


def _field_row(app, label: str) -> str:
    """The text in the form's row labelled ``label``, after the label (up to the frame)."""
    row = next(line for line in app.lines() if label in line)
    return row.split(label, 1)[1].split("│")[0].strip()


def test_ctrl_u_then_a_name_in_one_burst_leaves_the_name_in_the_export_path(
    tmp_path: Path,
) -> None:
    path = one_node_document(tmp_path)
    target = tmp_path / "新文件 name.md"
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("ctrl+e")
        app.wait_for("Export")
        app.press("tab")
        app.type_burst("\x15新文件 name.md")
        app.wait_for("新文件 name.md")
        assert _field_row(app, "Save as") == "新文件 name.md"
        app.type_burst("\x15" + str(target) + "\r")  # what is written is what was typed
        app.wait_for("Exported")
    assert "书架" in target.read_text(encoding="utf-8")


def test_backspace_in_a_burst_deletes_the_character_before_it(tmp_path: Path) -> None:
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down", "c")
        app.wait_for("Add change-log entry")
        app.press("旧")
        app.type_burst("\x15改版号\x7f本\t10.2\x7f3\r")
        app.press("ctrl+s")
        app.wait_for("Saved")
    entry = formats.load(path).node("shelf").changelog[0]
    assert (entry.summary, entry.version) == ("改版本", "10.3")


def test_ctrl_u_then_a_path_in_one_burst_saves_there(tmp_path: Path) -> None:
    target = tmp_path / "新文件.json"
    with open_app(["--sample", "zhihu"], tmp_path) as app:
        app.press("ctrl+s")
        app.wait_for("Save")
        app.type_burst("\x15" + str(target) + "\r")
        app.wait_for("Saved")
    assert formats.load(target).root.title


def test_ctrl_u_then_text_in_one_burst_in_a_field_of_several_lines(tmp_path: Path) -> None:
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down", "s")
        app.wait_for("Add suggestion")
        app.press("旧的想法")
        app.type_burst("\x15支持按作者分组\r")
        app.press("ctrl+s")
        app.wait_for("Saved")
    assert [s.text for s in formats.load(path).node("shelf").suggestions] == ["支持按作者分组"]


def _notes_typed(tmp_path: Path, burst: str) -> str:
    """The notes saved after typing ``旧`` into the notes editor, then ``burst`` in one write."""
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down", "n")
        app.press("旧")
        app.type_burst(burst)
        app.wait_for("书架")
        app.press("ctrl+s")
        app.wait_for("Saved")
    return formats.load(path).node("shelf").notes


def test_text_and_ctrl_s_in_one_burst_keeps_all_of_the_notes(tmp_path: Path) -> None:
    assert _notes_typed(tmp_path, "很长的一段备注内容\x13") == "旧很长的一段备注内容"


def test_ctrl_u_then_text_in_one_burst_in_the_notes(tmp_path: Path) -> None:
    assert _notes_typed(tmp_path, "\x15新备注\x13") == "新备注"


def test_ctrl_u_then_a_new_query_in_one_burst_searches_for_the_new_query(
    tmp_path: Path,
) -> None:
    with open_app(["--sample", "zhihu"], tmp_path) as app:
        app.wait_for("知乎 App")
        app.press("/")
        app.press("推荐")
        app.wait_for("推荐")
        app.type_burst("\x15知乎直答")
        app.wait_for("知乎直答")
        bar = next(line for line in app.lines() if line.lstrip().startswith("/ "))
        # The old query was cleared before the new one was typed, not after.
        assert bar.lstrip().removeprefix("/ ").startswith("知乎直答  "), bar
        app.press("enter")
        # The cursor went to the match: the detail panel shows the node's title.
        app.wait_for("知乎直答")
