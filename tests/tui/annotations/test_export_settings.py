"""Export from inside the app, and the config's theme and keymap taking effect."""

from __future__ import annotations

import json
from pathlib import Path

from screen_text import screen_lines
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widget import Widget

from featuretree import formats
from featuretree.config import load_config
from featuretree.i18n import set_language
from featuretree.model import Document
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.export import ExportScreen, format_label
from featuretree.tui.settings import apply_to_app
from featuretree.tui.widgets.choice import Choice


async def test_export_writes_the_chosen_format(host, tmp_path: Path) -> None:
    doc = Document.new("知乎")
    app = host(ExportScreen(doc, tmp_path / "zhihu.json", default_format="md"))
    async with app.run_test(size=(100, 30)) as pilot:
        path = app.screen.query_one("#path").value
        assert path == str(tmp_path / "zhihu.md")
        await pilot.press("enter")
        await pilot.pause()
    assert app.result == tmp_path / "zhihu.md"
    assert "知乎" in (tmp_path / "zhihu.md").read_text(encoding="utf-8")


async def test_export_offers_markdown_for_a_prd_right_after_markdown(host, tmp_path: Path) -> None:
    """Issue 11: the Ctrl+E dialog's choice for a PRD: no id comments, 优化建议 table."""
    import datetime as dt

    from featuretree.model.annotations import Priority, Suggestion, SuggestionStatus

    doc = Document.new("微信读书")
    doc.root.suggestions = (
        Suggestion(
            id="s1",
            text="听书倍速",
            priority=Priority.P1,
            status=SuggestionStatus.ACCEPTED,
            created=dt.date(2026, 11, 3),
        ),
    )
    app = host(ExportScreen(doc, tmp_path / "读书.json", default_format="md"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right")  # md → Markdown for a PRD
        assert app.screen.query_one("#path").value == str(tmp_path / "读书-PRD.md")
        await pilot.press("enter")
        await pilot.pause()
    text = (tmp_path / "读书-PRD.md").read_text(encoding="utf-8")
    assert "<!--" not in text
    assert "- **P1** · 已采纳 — 听书倍速" in text and "**优化建议汇总**" in text


async def test_export_switches_extension_with_format_and_confirms_overwrite(
    host, tmp_path: Path
) -> None:
    target = tmp_path / "zhihu.json"
    target.write_text("old", encoding="utf-8")
    app = host(ExportScreen(Document.new("知乎"), tmp_path / "zhihu.md", default_format="md"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("left")  # md → json (the format before it)
        assert app.screen.query_one("#path").value == str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert not app.dismissed and "exists" in str(app.screen.query_one("#error").render())
        assert target.read_text(encoding="utf-8") == "old"
        await pilot.press("enter")
        await pilot.pause()
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "featuretree"


async def test_export_error_stays_in_the_form(host, tmp_path: Path) -> None:
    app = host(ExportScreen(Document.new("x"), tmp_path / "x.json"))
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one("#path").value = str(tmp_path / "missing" / "x.md")
        await pilot.press("enter")
        await pilot.pause()
        assert not app.dismissed
        assert "cannot write" in str(app.screen.query_one("#error").render())


class KeyApp(App[None]):
    BINDINGS = [Binding("c", "add_change", "Add change", id="node.add_change")]

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def compose(self) -> ComposeResult:
        yield Widget()

    def action_add_change(self) -> None:
        self.calls += 1


async def test_config_keymap_and_theme_take_effect(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\n[keymap]\n"node.add_change" = "ctrl+k"\n', encoding="utf-8")
    monkeypatch.setenv("FEATURETREE_CONFIG", str(path))
    config, warnings = load_config()
    assert warnings == []
    app = KeyApp()
    async with app.run_test() as pilot:
        assert apply_to_app(app, config) == []
        assert app.theme == "nord"
        await pilot.press("c")
        assert app.calls == 0  # remapped away
        await pilot.press("ctrl+k")
        assert app.calls == 1


async def test_unknown_theme_is_a_warning() -> None:
    from featuretree.config import Config

    app = KeyApp()
    async with app.run_test():
        warnings = apply_to_app(app, Config(theme="no-such-theme"))
        assert len(warnings) == 1 and "no-such-theme" in warnings[0]


async def test_every_format_label_is_shown_whole_with_both_arrows(host, tmp_path: Path) -> None:
    """Stepping through the formats never cuts a label (``◀ FreeMind /``, ``◀`` alone for JSON)."""
    for language in ("en", "zh"):
        set_language(language)
        screen = ExportScreen(Document.new("知乎"), tmp_path / "zhihu.json", default_format="md")
        labels = [screen._label(name) for name in screen.choices]
        app = host(screen)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            seen = set()
            for _ in labels:
                line = next(line for line in screen_lines(app) if "◀" in line)
                shown = line[line.index("◀") + 1 : line.index("▶")].strip() if "▶" in line else line
                seen.add(shown)
                await pilot.press("right")
                await pilot.pause()
        assert seen == set(labels), language
        assert {format_label(f) for f in formats.all_formats() if f.writer is not None} <= seen


async def test_the_next_export_offers_the_format_written_last(
    doc_path: Path, tmp_path: Path
) -> None:
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert app.screen.query_one("#format", Choice).value == "md"
        while app.screen.query_one("#format", Choice).value != "xmind":
            await pilot.press("right")
        await pilot.press("enter")  # XMind, next to the document
        await pilot.pause()
        assert (doc_path.parent / "app.xmind").exists()
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert app.screen.query_one("#format", Choice).value == "xmind"
        assert app.screen.query_one("#path").value == str(doc_path.parent / "app.xmind")
        await pilot.press("escape")
        await pilot.pause()
        screen = app.editor
        export = ExportScreen(screen.doc, screen.path, default_format="md-prd")
        assert export.initial == "md-prd"  # Markdown for a PRD is offered again too
