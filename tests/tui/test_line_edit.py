"""The in-row title editor's state: typing, selection, word motion, what fits on screen."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from textual import events

from featuretree.tui.widgets.line_edit import LineEdit


def press(edit: LineEdit, *keys: str) -> LineEdit:
    for key in keys:
        character = key if len(key) == 1 else (" " if key == "space" else None)
        edit.handle(events.Key(key, character))
    return edit


def test_spaces_typed_one_by_one_are_kept():
    assert press(LineEdit(""), "I", "P", "space", "属", "space", "space").text == "IP 属  "


def test_a_pasted_line_keeps_spaces_and_loses_controls():
    edit = LineEdit("a")
    edit.insert(" b\tc\x1b[0m \x07")
    assert edit.text == "a b c[0m "


def test_selecting_all_then_typing_replaces():
    assert press(LineEdit.selecting_all("搜索"), "找").text == "找"


def test_moves_collapse_the_selection_at_its_ends():
    assert press(LineEdit.selecting_all("搜索"), "left").caret == 0
    assert press(LineEdit.selecting_all("搜索"), "right").caret == 2
    edit = press(LineEdit.selecting_all("搜索"), "home")
    assert (edit.text, edit.caret, edit.selection) == ("搜索", 0, None)


def test_shift_selects_and_delete_removes_the_selection():
    edit = press(LineEdit("abcdef", 3), "shift+left", "shift+left")
    assert edit.selection == (1, 3)
    assert press(edit, "delete").text == "adef"
    edit = press(LineEdit("AI问书 v2"), "ctrl+shift+left", "ctrl+shift+left")
    assert edit.selection == (2, 7)


def test_ctrl_u_and_ctrl_k_take_the_selection_too():
    assert press(LineEdit.selecting_all("abc"), "ctrl+u").text == ""
    assert press(LineEdit.selecting_all("abc"), "ctrl+k").text == ""
    assert press(LineEdit("abcd", 2), "ctrl+k").text == "ab"
    assert press(LineEdit("abcd", 2), "ctrl+u").text == "cd"


def test_words_split_between_latin_cjk_punctuation_and_spaces():
    edit = LineEdit("知乎 App：首页v2", 0)
    stops = []
    for _ in range(6):
        press(edit, "ctrl+right")
        stops.append(edit.caret)
    assert stops == [2, 6, 7, 9, 11, 11]
    back = []
    for _ in range(6):
        press(edit, "alt+b")
        back.append(edit.caret)
    assert back == [9, 7, 6, 3, 0, 0]
    assert press(LineEdit("知乎 App"), "ctrl+w", "ctrl+w").text == ""


@given(st.text(st.sampled_from("ab 知乎😀"), max_size=40), st.integers(0, 40), st.integers(1, 30))
@settings(max_examples=300, deadline=None)
def test_the_caret_is_always_in_the_window_and_the_window_fits(text, caret, cells):
    edit = LineEdit(text, min(caret, len(text)))
    first, end = edit.window(cells)
    assert first <= edit.caret <= end
    if edit.caret < len(text):
        assert edit.caret < end  # the caret's own character is shown
    shown = cell_len(text[first:end]) + (1 if edit.caret == len(text) else 0)
    assert shown <= max(cells, cell_len(text[edit.caret : edit.caret + 1]) or 1)
