"""The annotation forms, driven by real key presses."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, TextArea

from featuretree.model import ChangeEntry, Document
from featuretree.model.annotations import Priority, Suggestion, SuggestionStatus
from featuretree.operations import History
from featuretree.operations import annotate
from featuretree.tui.annotations import (
    ChangeEntryForm,
    NotesEditor,
    SuggestionForm,
    TagsForm,
    parse_date,
    split_tags,
)


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


async def test_escape_cancels(host) -> None:
    app = host(SuggestionForm())
    async with app.run_test() as pilot:
        await pilot.press(*"something", "escape")
        await pilot.pause()
    assert app.result is None


async def test_edit_prefills_the_entry(host) -> None:
    entry = ChangeEntry(summary="old", version="1.0", author="a", date=dt.date(2025, 1, 1))
    app = host(ChangeEntryForm(entry))
    async with app.run_test() as pilot:
        assert app.screen.query_one("#version", Input).value == "1.0"
        await pilot.press("end", *" text", "enter")
        await pilot.pause()
    assert app.result == {"summary": "old text", "version": "1.0", "author": "a",
                          "date": dt.date(2025, 1, 1)}


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
    s = Suggestion(id="s1", text="t", priority=Priority.P1, status=SuggestionStatus.DONE,
                   created=dt.date(2024, 5, 6))
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


async def test_notes_editor_keeps_text_on_escape_and_ctrl_s(host) -> None:
    app = host(NotesEditor("line one", node_title="首页"))
    async with app.run_test() as pilot:
        assert isinstance(app.focused, TextArea)
        await pilot.press("enter", *"第二行", "escape")
        await pilot.pause()
    assert app.result == "line one\n第二行"

    app = host(NotesEditor("same"))
    async with app.run_test() as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result is None  # unchanged: nothing to record


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
