"""A node's links in the editor: u adds one, the detail panel lists them (e edits, Del
deletes, o opens), every change is one undoable step, and a saved file keeps them."""

from __future__ import annotations

from pathlib import Path

from editor_helpers import SIZE, editor, put_cursor

from featuretree import formats
from featuretree.tui import FeatureTreeApp
from featuretree.tui.widgets.detail import DetailPanel


def panel_text(app: FeatureTreeApp) -> str:
    """The detail panel's lines as drawn."""
    panel = app.screen.query_one(DetailPanel)
    return "\n".join(strip.text.rstrip() for strip in panel._lines)


async def test_add_see_undo_edit_delete_a_link_and_it_survives_save(doc_path: Path) -> None:
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "search")
        await pilot.press("u", *"https://prd.example.com/search", "enter")
        await pilot.pause()
        node = screen.doc.node("search")
        assert [(link.title, link.url) for link in node.links] == [
            ("", "https://prd.example.com/search")
        ]
        assert "Links (1)" in panel_text(app)
        assert "https://prd.example.com/search" in panel_text(app)

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen.doc.node("search").links == ()
        assert "Links" not in panel_text(app)

        # URL, Tab, a title with markup-looking text: shown as typed
        await pilot.press("u", *"https://figma.com/x", "tab", *"[b]设计稿[/b]", "enter")
        await pilot.pause()
        assert screen.doc.node("search").links[0].title == "[b]设计稿[/b]"
        assert "[b]设计稿[/b]" in panel_text(app)

        await pilot.press("d")  # focus the panel: the link is the first entry
        panel = app.screen.query_one(DetailPanel)
        assert panel.selected is not None and panel.selected.kind == "link"
        await pilot.press("e", "tab", "ctrl+u", *"搜索设计稿", "enter")
        await pilot.pause()
        link = screen.doc.node("search").links[0]
        assert (link.title, link.url) == ("搜索设计稿", "https://figma.com/x")
        assert "搜索设计稿" in panel_text(app)

        await pilot.press("ctrl+s")
        await pilot.pause()
        reloaded = formats.load(doc_path).node("search").links
        assert [(x.title, x.url) for x in reloaded] == [("搜索设计稿", "https://figma.com/x")]

        await pilot.press("d", "delete")
        await pilot.pause()
        assert screen.doc.node("search").links == ()
        await pilot.press("ctrl+z")
        assert len(screen.doc.node("search").links) == 1


async def test_o_opens_the_selected_link_and_says_so(doc_path: Path, notes, monkeypatch) -> None:
    app = FeatureTreeApp(doc_path)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **kw: opened.append(url))
    seen = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "msg")
        await pilot.press("u", *"https://jira.example.com/MSG-1", "enter")
        await pilot.pause()
        await pilot.press("d", "o")
        await pilot.pause()
        assert opened == ["https://jira.example.com/MSG-1"]
        assert any("Opened https://jira.example.com/MSG-1" in m for m in seen)


async def test_a_link_that_cannot_be_opened_says_why(doc_path: Path, notes, monkeypatch) -> None:
    app = FeatureTreeApp(doc_path)

    def fail(url, **kw):
        raise OSError("no browser")

    monkeypatch.setattr(app, "open_url", fail)
    seen = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "msg")
        await pilot.press("u", *"https://x.example", "enter")
        await pilot.pause()
        await pilot.press("d", "o")
        await pilot.pause()
        assert any("Could not open https://x.example: no browser" in m for m in seen)


async def test_the_link_form_needs_a_url(doc_path: Path) -> None:
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        put_cursor(app, "msg")
        await pilot.press("u", "enter")
        await pilot.pause()
        assert editor(app).doc.node("msg").links == ()
        assert app.screen is not editor(app)  # the form stays, saying what is missing
