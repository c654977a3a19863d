"""Keys typed right after the key that opens a form or the notes editor are typed there.

Keys that reach the app in one go (a busy moment, an IME commit) all go to the tree;
the ones after the key that opened a screen belong to that screen.
"""

from __future__ import annotations

from pathlib import Path

from editor_helpers import SIZE, burst, editor, put_cursor

from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.forms import SuggestionForm
from featuretree.tui.screens.notes import NotesEditor


async def test_a_suggestion_typed_right_after_s_is_saved(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "msg")
        await burst(pilot, ("s", "s"), ("支", "支"), ("持", "持"), ("enter", "\r"))
        assert app.screen is screen  # Enter saved the form
        assert [s.text for s in screen.doc.node("msg").suggestions] == ["支持"]


async def test_notes_typed_right_after_n_land_in_the_notes(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "msg")
        await burst(pilot, ("n", "n"), ("备", "备"), ("注", "注"))
        assert isinstance(app.screen, NotesEditor)
        assert app.screen.query_one("TextArea").text.endswith("备注")
        await pilot.press("ctrl+s")
        assert editor(app).doc.node("msg").notes.endswith("备注")


async def test_keys_after_a_form_opened_do_not_run_tree_commands(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "msg")
        before = len(screen.doc)
        await burst(pilot, ("s", "s"), ("tab", "\t"), ("delete", None))
        assert isinstance(app.screen, SuggestionForm)  # Tab moved in the form; no node added
        assert len(screen.doc) == before
        await pilot.press("escape")


async def test_tab_in_a_burst_moves_to_the_next_field_before_the_next_keys(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "msg")
        keys = [
            ("c", "c"),
            *[(ch, ch) for ch in "AI"],
            ("space", " "),
            *[(ch, ch) for ch in "sum"],
            ("tab", "\t"),
            *[(ch, ch) for ch in "9.1"],
            ("tab", "\t"),
            ("L", "L"),
            ("i", "i"),
            ("enter", "\r"),
        ]
        await burst(pilot, *keys)
        await pilot.pause()
        entry = screen.doc.node("msg").changelog[-1]
        assert (entry.summary, entry.version, entry.author) == ("AI sum", "9.1", "Li")


async def test_the_tree_stays_visible_behind_a_form_and_the_notes(doc_path: Path):
    """Taking typed-ahead keys does not make a form an opaque full screen: the tree is
    still drawn (dimmed) around it, as behind every other dialog."""
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "msg")
        for key in ("c", "s", "number_sign", "n"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is not editor(app)
            drawn = app.export_screenshot()
            assert "app.json" in drawn, key  # the title bar, above the form
            await pilot.press("escape")
            await pilot.pause()
