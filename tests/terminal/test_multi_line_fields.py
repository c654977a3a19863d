"""A suggestion of several lines, typed and pasted in a real terminal, is kept as typed."""

from __future__ import annotations

from pathlib import Path

from featuretree import formats
from terminal.screen import open_app
from terminal.test_bursts import one_node_document


def _suggestions(path: Path) -> list[tuple[str, str | None]]:
    return [(s.text, s.rationale) for s in formats.load(path).node("shelf").suggestions]


def test_ctrl_j_starts_a_new_line_and_enter_saves(tmp_path: Path) -> None:
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down", "s")
        app.wait_for("Add suggestion")
        app.press("第一行")
        app.type_burst(b"\n")  # Ctrl+J: what every terminal sends for it
        app.press("第二行", "enter", "ctrl+s")
        app.wait_for("Saved")
    assert _suggestions(path) == [("第一行\n第二行", None)]


def test_ctrl_j_in_a_burst_stays_where_it_was_typed(tmp_path: Path) -> None:
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down", "s")
        app.wait_for("Add suggestion")
        app.type_burst("第一行\n第二行")
        app.press("enter", "ctrl+s")
        app.wait_for("Saved")
    assert _suggestions(path) == [("第一行\n第二行", None)]


def test_a_pasted_paragraph_keeps_its_lines(tmp_path: Path) -> None:
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down", "s")
        app.wait_for("Add suggestion")
        app.paste("书架按作者分组\n支持自定义排序")
        app.press("tab")
        app.paste("用户反馈：\n- 书太多找不到")
        app.press("enter", "ctrl+s")
        app.wait_for("Saved")
    assert _suggestions(path) == [("书架按作者分组\n支持自定义排序", "用户反馈：\n- 书太多找不到")]


def test_text_and_enter_in_one_burst_saves_all_of_the_text(tmp_path: Path) -> None:
    """Enter saves the form only after the characters sent before it are typed."""
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down", "s")
        app.wait_for("Add suggestion")
        app.type_burst("第一行\n第二行\r")
        app.press("c")
        app.wait_for("Add change-log entry")
        app.type_burst("改版\t10.2\r")
        app.press("ctrl+s")
        app.wait_for("Saved")
    assert _suggestions(path) == [("第一行\n第二行", None)]
    entry = formats.load(path).node("shelf").changelog[0]
    assert (entry.summary, entry.version) == ("改版", "10.2")


def test_lines_pasted_into_a_one_line_field_are_all_kept(tmp_path: Path) -> None:
    """A one-line field (a version, an author) typed only the first line of a paste."""
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down", "c")
        app.wait_for("Add change-log entry")
        app.press("改版", "tab")
        app.paste("10.2\n")
        app.press("tab")
        app.paste("林晓\n  王五\n\n赵六")
        app.press("enter", "ctrl+s")
        app.wait_for("Saved")
    entry = formats.load(path).node("shelf").changelog[0]
    assert (entry.summary, entry.version, entry.author) == ("改版", "10.2", "林晓 王五 赵六")


def test_a_change_log_summary_keeps_its_lines_typed_and_pasted(tmp_path: Path) -> None:
    """The summary was a one-line field: a pasted paragraph kept its first line only."""
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down", "c")
        app.wait_for("Add change-log entry")
        app.press("改版：")
        app.paste("书架改为网格\n支持按作者分组")
        app.type_burst(b"\n")  # Ctrl+J, as in a suggestion
        app.press("新增排序", "enter", "ctrl+s")
        app.wait_for("Saved")
    entry = formats.load(path).node("shelf").changelog[0]
    assert entry.summary == "改版：书架改为网格\n支持按作者分组\n新增排序"
