"""The annotation forms, driven by real key presses."""

from __future__ import annotations

import datetime as dt

import pytest
from textual import events
from textual.widgets import Input, TextArea

from featuretree.model import ChangeEntry, Document
from featuretree.model.annotations import Priority, Suggestion, SuggestionStatus
from featuretree.operations import History, annotate
from featuretree.tui.screens.forms import (
    ChangeEntryForm,
    SuggestionForm,
    TagsForm,
    UnsavedTypingScreen,
    parse_date,
    split_tags,
)
from featuretree.tui.screens.notes import NotesEditor


def _error(app) -> str:
    return str(app.screen.query_one("#error").render())


async def test_change_entry_quick_path_saves_with_defaults(host) -> None:
    app = host(ChangeEntryForm(author="林晓"))
    async with app.run_test() as pilot:
        await pilot.press(*"新增 Apple 订阅", "enter")
        await pilot.pause()
    assert app.result == {
        "summary": "新增 Apple 订阅",
        "version": None,
        "author": "林晓",
        "date": dt.date.today(),
    }
    # and the result feeds the operation directly
    doc = Document.new()
    History(doc).do(annotate.add_change(doc, doc.root.id, **app.result))
    assert doc.root.changelog[0].summary == "新增 Apple 订阅"


async def test_a_change_log_summary_of_several_lines_shows_each_line_to_edit(host) -> None:
    # A summary read from a file may have several lines; the one-line field drew them
    # over each other ("   ：书架改为网格"), so the entry could not be read to edit.
    from screen_text import screen_lines

    entry = ChangeEntry(summary="第一行：书架改为网格\n第二行：支持按作者分组", version="2.0")
    app = host(ChangeEntryForm(entry))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = screen_lines(app)
        first = next(i for i, line in enumerate(shown) if "第一行：书架改为网格" in line)
        assert "第二行：支持按作者分组" in shown[first + 1], shown
        await pilot.press(*" 新增排序", "enter")
        await pilot.pause()
    assert app.result["summary"] == "第一行：书架改为网格\n第二行：支持按作者分组 新增排序"


async def test_tab_walks_the_fields_in_order(host) -> None:
    app = host(ChangeEntryForm())
    async with app.run_test() as pilot:
        order = [app.focused.id]
        for _ in range(3):
            await pilot.press("tab")
            order.append(app.focused.id)
        assert order == ["summary", "version", "author", "date"]
        await pilot.press("shift+tab", "shift+tab", "shift+tab", *"Checkout", "enter")
        await pilot.pause()
    assert app.result["summary"] == "Checkout"
    assert app.result["version"] is None


async def test_invalid_date_is_refused_with_a_message(host) -> None:
    app = host(ChangeEntryForm())
    async with app.run_test() as pilot:
        await pilot.press(*"summary", "tab", "tab", "tab")
        app.focused.value = ""
        await pilot.press(*"2026-02-30", "enter")
        await pilot.pause()
        assert not app.dismissed
        assert "2026-02-30" in _error(app) and "YYYY-MM-DD" in _error(app)
        assert app.focused.id == "date"
        app.focused.value = ""
        await pilot.press(*"2026/2/28", "enter")
        await pilot.pause()
    assert app.result["date"] == dt.date(2026, 2, 28)


async def test_missing_summary_is_refused(host) -> None:
    app = host(ChangeEntryForm())
    async with app.run_test() as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert not app.dismissed
        assert "Summary is required" in _error(app)


def _screen_text(app) -> str:
    """Every label and static on the screen on top, as plain text."""
    return "\n".join(str(w.render()) for w in app.screen.query("Label, Static"))


async def test_escape_closes_an_untouched_form_at_once(host) -> None:
    app = host(SuggestionForm())
    async with app.run_test() as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert app.dismissed and app.result is None
        assert not isinstance(app.screen, UnsavedTypingScreen)


async def test_escape_after_typing_asks_and_discard_closes(host) -> None:
    app = host(SuggestionForm())
    async with app.run_test() as pilot:
        await pilot.press(*"something", "escape")
        await pilot.pause()
        assert not app.dismissed  # what was typed is not dropped silently
        assert isinstance(app.screen, UnsavedTypingScreen)
        assert "Save what you typed here?" in _screen_text(app)
        assert "d: Discard" in _screen_text(app) and "Esc: Keep editing" in _screen_text(app)
        await pilot.press("d")
        await pilot.pause()
    assert app.result is None


async def test_escape_after_typing_then_save_or_keep_editing(host) -> None:
    app = host(ChangeEntryForm(author="林晓"))
    async with app.run_test() as pilot:
        await pilot.press(*"新增", "escape", "escape")  # the second Escape: keep editing
        await pilot.pause()
        assert isinstance(app.screen, ChangeEntryForm) and not app.dismissed
        assert app.screen.query_one("#summary").value == "新增"
        await pilot.press(*"订阅", "escape", "s")
        await pilot.pause()
    assert app.result["summary"] == "新增订阅" and app.result["author"] == "林晓"


async def test_escape_asks_after_a_choice_changed_too(host) -> None:
    app = host(SuggestionForm())
    async with app.run_test() as pilot:
        await pilot.press("tab", "tab", "0", "escape")  # only the priority changed
        await pilot.pause()
        assert isinstance(app.screen, UnsavedTypingScreen)
        await pilot.press("enter")  # Enter picks Save, the choice that loses nothing
        await pilot.pause()
        # the text is required: the form stays, saying so, with everything still in it
        assert isinstance(app.screen, SuggestionForm) and not app.dismissed
        assert "Suggestion is required" in _error(app)
        assert app.screen.query_one("#priority").value == "P0"


async def test_ctrl_s_saves_a_form(host) -> None:
    app = host(ChangeEntryForm())
    async with app.run_test() as pilot:
        await pilot.press(*"订阅", "tab", *"1.2", "ctrl+s")
        await pilot.pause()
    assert (app.result["summary"], app.result["version"]) == ("订阅", "1.2")


async def test_the_hint_says_what_escape_and_enter_do(host) -> None:
    from featuretree.i18n import set_language

    for language, words in (
        ("en", ("Enter or Ctrl+S saves", "Esc closes (asks first")),
        ("zh", ("Enter 或 Ctrl+S 保存", "Esc 关闭（有改动时先询问）")),
    ):
        set_language(language)
        app = host(ChangeEntryForm())
        async with app.run_test():
            hint = str(app.screen.query_one(".hint").render())
            assert all(word in hint for word in words), hint
        app = host(NotesEditor("x"))
        async with app.run_test():
            hint = str(app.screen.query_one(".hint").render())
            assert words[1] in hint and "Ctrl+S" in hint, hint


async def test_edit_prefills_the_entry(host) -> None:
    entry = ChangeEntry(summary="old", version="1.0", author="a", date=dt.date(2025, 1, 1))
    app = host(ChangeEntryForm(entry))
    async with app.run_test() as pilot:
        assert app.screen.query_one("#version", Input).value == "1.0"
        await pilot.press("end", *" text", "enter")
        await pilot.pause()
    assert app.result == {
        "summary": "old text",
        "version": "1.0",
        "author": "a",
        "date": dt.date(2025, 1, 1),
    }


async def test_suggestion_quick_path_defaults_to_p2_proposed(host) -> None:
    app = host(SuggestionForm(author="me"))
    async with app.run_test() as pilot:
        await pilot.press(*"续费前三天提醒", "enter")
        await pilot.pause()
    assert app.result["text"] == "续费前三天提醒"
    assert app.result["priority"] is Priority.P2
    assert app.result["status"] is SuggestionStatus.PROPOSED
    assert app.result["author"] == "me"


async def test_suggestion_priority_and_status_by_keyboard(host) -> None:
    app = host(SuggestionForm())
    async with app.run_test() as pilot:
        await pilot.press(*"text", "tab", *"because", "tab")
        assert app.focused.id == "priority"
        await pilot.press("0", "tab")  # type the priority's digit
        assert app.focused.id == "status"
        await pilot.press("right", "right")  # proposed → accepted → in_progress
        await pilot.press("enter")  # Enter saves from the picker too
        await pilot.pause()
    assert app.result["rationale"] == "because"
    assert app.result["priority"] is Priority.P0
    assert app.result["status"] is SuggestionStatus.IN_PROGRESS


async def test_edit_suggestion_keeps_its_values(host) -> None:
    s = Suggestion(
        id="s1",
        text="t",
        priority=Priority.P1,
        status=SuggestionStatus.DONE,
        created=dt.date(2024, 5, 6),
    )
    app = host(SuggestionForm(s))
    async with app.run_test() as pilot:
        await pilot.press("enter")
        await pilot.pause()
    assert app.result["priority"] is Priority.P1
    assert app.result["status"] is SuggestionStatus.DONE
    assert app.result["created"] == dt.date(2024, 5, 6)


async def test_tags_form_splits_cjk_and_ascii(host) -> None:
    app = host(TagsForm(("会员",), node_title="续费"))
    async with app.run_test() as pilot:
        # full-width punctuation cannot be typed through Pilot: set it as an IME would
        field = app.screen.query_one("#tags", Input)
        field.value += "，收入 支付、vip"
        await pilot.press("enter")
        await pilot.pause()
    assert app.result == {"tags": ["会员", "收入", "支付", "vip"]}


async def test_tags_pasted_one_per_line_are_every_tag(host) -> None:
    # A one-line field typed only the first line of a paste: the other tags were lost.
    app = host(TagsForm((), node_title="续费"))
    async with app.run_test() as pilot:
        app.screen.query_one("#tags", Input).post_message(events.Paste("会员\n收入\n自动 续费\n"))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    assert app.result == {"tags": ["会员", "收入", "自动", "续费"]}


async def test_tags_typed_with_the_hash_they_show_with_are_the_same_tags(host) -> None:
    # Rows and the detail panel show tags as ``#会员``: typed that way, the tag is 会员
    # (it became ``#会员``, shown ``##会员``, and ``tag:会员`` did not find it).
    app = host(TagsForm((), node_title="续费"))
    async with app.run_test() as pilot:
        await pilot.press(*"#会员 #P0 c#", "enter")
        await pilot.pause()
    assert app.result == {"tags": ["会员", "P0", "c#"]}


async def test_notes_editor_ctrl_s_keeps_the_text(host) -> None:
    app = host(NotesEditor("line one", node_title="首页"))
    async with app.run_test() as pilot:
        assert isinstance(app.focused, TextArea)
        await pilot.press("enter", *"第二行", "ctrl+s")  # Enter is a new line in notes
        await pilot.pause()
    assert app.result == "line one\n第二行"

    app = host(NotesEditor("same"))
    async with app.run_test() as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result is None  # unchanged: nothing to record


async def test_notes_editor_escape_follows_the_forms_rule(host) -> None:
    app = host(NotesEditor("same"))
    async with app.run_test() as pilot:
        await pilot.press("escape")  # nothing changed: closes at once
        await pilot.pause()
        assert app.dismissed and app.result is None

    app = host(NotesEditor("line one"))
    async with app.run_test() as pilot:
        await pilot.press("enter", *"第二行", "escape")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedTypingScreen)  # asks, as a form does
        await pilot.press("escape")  # keep editing: the text is still there
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == "line one\n第二行"
        await pilot.press("escape", "s")
        await pilot.pause()
    assert app.result == "line one\n第二行"

    app = host(NotesEditor("line one"))
    async with app.run_test() as pilot:
        await pilot.press(*"草稿", "escape", "d")
        await pilot.pause()
    assert app.dismissed and app.result is None  # discarded, as asked


async def test_markup_in_user_text_is_shown_literally(host) -> None:
    app = host(TagsForm((), node_title="[bold red]x[/]"))
    async with app.run_test():
        title = app.screen.query_one(".form-title")
        assert "[bold red]x[/]" in str(title.render())


def test_parse_date_and_split_tags() -> None:
    assert parse_date("2026年11月25日") == dt.date(2026, 11, 25)
    assert parse_date("2026.1.5") == dt.date(2026, 1, 5)
    assert parse_date("yesterday") is None
    assert parse_date("2026-13-01") is None
    assert split_tags(" a ,b，c、d;e ") == ["a", "b", "c", "d", "e"]
    assert split_tags("#会员 ＃大促, # ,c#") == ["会员", "大促", "c#"]


# -- the focused field is plain to see -------------------------------------------------------


def _distance(a, b) -> float:
    return sum((x - y) ** 2 for x, y in zip(a, b)) ** 0.5


def _label_backgrounds(app) -> list[tuple[int, int, int]]:
    """The background drawn under each field label's first cell, as the terminal shows it."""
    colours = []
    for label in app.screen.query(".field-label"):
        style = app.screen.get_style_at(label.region.x, label.region.y)
        colours.append(style.bgcolor.get_truecolor())
    return colours


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_the_focused_fields_label_stands_out(host, theme) -> None:
    app = host(SuggestionForm())
    async with app.run_test(size=(80, 40)) as pilot:
        app.theme = theme
        fields = ["text", "rationale", "priority", "status", "author", "created"]
        for index, field in enumerate(fields):
            await pilot.pause()
            assert app.focused.id == field
            colours = _label_backgrounds(app)
            others = [c for i, c in enumerate(colours) if i != index]
            assert len(set(others)) == 1  # every other label looks alike
            # the focused one is a block of another colour, not a slightly different shade
            assert _distance(colours[index], others[0]) > 120, (field, colours)
            await pilot.press("tab")


# -- suggestion and rationale take several lines ---------------------------------------------


async def test_suggestion_and_rationale_take_several_lines_and_enter_saves(host) -> None:
    app = host(SuggestionForm())
    async with app.run_test() as pilot:
        await pilot.press(
            *"书架分组", "ctrl+j", *"按作者", "tab", *"反馈多", "ctrl+j", *"留存", "enter"
        )
        await pilot.pause()
    assert app.result["text"] == "书架分组\n按作者"
    assert app.result["rationale"] == "反馈多\n留存"


async def test_pasted_lines_are_kept_in_a_suggestion(host) -> None:
    from textual import events

    app = host(SuggestionForm())
    async with app.run_test() as pilot:
        app.post_message(events.Paste("书架分组\n- 按作者\n- 按分类"))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    assert app.result["text"] == "书架分组\n- 按作者\n- 按分类"


async def test_a_long_suggestion_is_shown_whole_while_edited(host) -> None:
    s = Suggestion(
        id="s1", text="第一行\n第二行\n第三行", rationale="因为", created=dt.date(2024, 5, 6)
    )
    app = host(SuggestionForm(s))
    async with app.run_test(size=(80, 40)) as pilot:
        field = app.screen.query_one("#text")
        assert field.region.height == 3  # it grows with the text
        await pilot.press(*"呢", "enter")  # the cursor starts at the end, as in one line
        await pilot.pause()
    assert app.result["text"] == "第一行\n第二行\n第三行呢"
