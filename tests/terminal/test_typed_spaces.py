"""A full-width space (U+3000, what a Chinese IME types in full-width mode) and a
no-break space (U+00A0) typed in a real terminal are kept where they were typed: in a
title (outline and diagram), a form's one-line field, a suggestion and the notes.

Python's ``str.isprintable()`` says False for both, and Textual types only what it says
True for: the keys were dropped without a word, while pasting the same text kept them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from featuretree import formats
from terminal.screen import open_app
from terminal.test_bursts import one_node_document

TYPED = "甲\u3000乙\u00a0丙"
"""Typed key by key: 甲, a full-width space, 乙, a no-break space, 丙."""


def _type(app) -> None:
    for character in TYPED:  # one key each, as an IME commits them
        app.press(character)


@pytest.mark.parametrize("view", ["outline", "diagram"])
def test_spaces_typed_in_a_title_are_kept(tmp_path: Path, view: str) -> None:
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down")
        if view == "diagram":
            app.press("v")
            app.wait_for("╭")
        app.press("tab")  # a child of 书架
        _type(app)
        app.press("enter", "ctrl+s")
        app.wait_for("Saved")
    assert [kid.title for kid in formats.load(path).node("shelf").kids] == [TYPED]


def test_spaces_typed_in_a_form_field_are_kept(tmp_path: Path) -> None:
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down", "c")  # a change entry: its summary is a one-line field
        app.wait_for("Summary")
        _type(app)
        app.press("enter", "ctrl+s")
        app.wait_for("Saved")
    assert [entry.summary for entry in formats.load(path).node("shelf").changelog] == [TYPED]


def test_spaces_typed_in_a_suggestion_are_kept(tmp_path: Path) -> None:
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down", "s")
        app.wait_for("Add suggestion")
        _type(app)
        app.press("enter", "ctrl+s")
        app.wait_for("Saved")
    assert [s.text for s in formats.load(path).node("shelf").suggestions] == [TYPED]


def test_spaces_typed_in_the_notes_are_kept(tmp_path: Path) -> None:
    path = one_node_document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("down", "n")
        _type(app)
        app.press("ctrl+s")  # keeps the notes
        app.wait_for("书架")
        app.press("ctrl+s")
        app.wait_for("Saved")
    assert formats.load(path).node("shelf").notes == TYPED
