"""The author's name: set once in the app, remembered in the config file, offered by
every form that records who wrote something."""

from __future__ import annotations

from pathlib import Path

from editor_helpers import SIZE, editor, put_cursor
from textual.widgets import Input

from featuretree.config import config_path
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.forms import AuthorForm, ChangeEntryForm, RevisionForm, SuggestionForm
from featuretree.tui.screens.revisions import RevisionsScreen


async def _set_name_from_the_palette(pilot, name: str) -> None:
    await pilot.press("ctrl+p", *"Your name")
    await pilot.pause(0.3)  # the palette searches in the background
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, AuthorForm)
    await pilot.press("ctrl+u", *name, "enter")
    await pilot.pause()


async def _author_offered(pilot, key: str, form: type) -> str:
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(pilot.app.screen, form)
    value = pilot.app.screen.query_one("#author", Input).value
    await pilot.press("escape")
    return value


async def test_a_name_set_in_the_app_is_every_new_entrys_author_now_and_next_time(
    doc_path: Path, notes
) -> None:
    config = config_path()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        '# my settings\ntheme = "nord"\n\n[keymap]\n"node.add_change" = "c"\n', encoding="utf-8"
    )
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        put_cursor(app, "msg")
        await _set_name_from_the_palette(pilot, "林晓 Lin")
        assert any("林晓 Lin" in text and str(config) in text for text in seen)
        # this session's forms offer it at once
        assert await _author_offered(pilot, "c", ChangeEntryForm) == "林晓 Lin"
        assert await _author_offered(pilot, "s", SuggestionForm) == "林晓 Lin"
    # the rest of the user's file is as they wrote it
    text = config.read_text(encoding="utf-8")
    assert text.startswith('# my settings\ntheme = "nord"\n')
    assert '[keymap]\n"node.add_change" = "c"\n' in text

    app = FeatureTreeApp(doc_path)  # the next time the app starts
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "msg")
        assert await _author_offered(pilot, "c", ChangeEntryForm) == "林晓 Lin"
        assert await _author_offered(pilot, "s", SuggestionForm) == "林晓 Lin"
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        commands["Revision history (版本修订记录)"].callback()
        await pilot.pause()
        assert isinstance(app.screen, RevisionsScreen)
        assert await _author_offered(pilot, "a", RevisionForm) == "林晓 Lin"


async def test_the_name_form_shows_the_current_name_and_says_where_it_is_kept(doc_path: Path):
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text('author = "林晓"\n', encoding="utf-8")
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"Your name")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, AuthorForm)
        assert form.query_one("#author", Input).value == "林晓"
        shown = " ".join(str(w.render()) for w in form.query(".hint"))
        assert str(config_path()) in shown.replace("\n", "")
        await pilot.press("escape")  # nothing changed: closes at once
        await pilot.pause()
        assert app.screen is editor(app)


async def test_a_config_file_that_is_not_toml_is_left_alone_and_said_so(
    doc_path: Path, notes
) -> None:
    broken = 'author = "旧名"\ntheme = \n'  # the user's half-typed edit
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text(broken, encoding="utf-8")
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await _set_name_from_the_palette(pilot, "新名")
        assert any("not valid TOML" in text and str(config_path()) in text for text in seen)
        put_cursor(app, "msg")
        assert await _author_offered(pilot, "c", ChangeEntryForm) == ""  # nothing pretended
    assert config_path().read_text(encoding="utf-8") == broken


async def test_an_empty_author_field_says_where_to_set_the_name(doc_path: Path) -> None:
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "msg")
        await pilot.press("c")
        await pilot.pause()
        field = app.screen.query_one("#author", Input)
        assert field.value == "" and "Your name" in str(field.placeholder)
        await pilot.press("escape")
