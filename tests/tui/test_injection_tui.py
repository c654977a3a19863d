"""Text is data in the editor: markup shows literally and control characters never reach the terminal.

The document's titles, notes, tags, change log and suggestions carry Rich markup and
ANSI/OSC escapes in the file, and it is opened the way a user opens it (the JSON reader
strips control characters on import, and nothing later does). Each surface (tree rows,
detail panel, suggestions board, notifications) is checked on the frame Textual would
write to the terminal.
"""

from __future__ import annotations

import re
from pathlib import Path

from rich.color import ColorSystem

from featuretree import formats
from featuretree.model.annotations import ChangeEntry, Suggestion
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach
from featuretree.operations import annotate
from featuretree.tui import FeatureTreeApp
from featuretree.tui._textual.render import screen_strips
from featuretree.tui.screens.board import SuggestionsBoard
from featuretree.tui.screens.editor.screen import EditorScreen

ESCAPES = (
    "\x1b[31mred\x1b[0m \x1b]8;;https://evil\x1b\\osc\x1b]8;;\x1b\\ \x1b[2J bell\x07 nul\x00 c1\x9b"
)
LINK = "[link=https://evil]L[/link]"
HOSTILE_BYTES = ("\x1b[31m", "\x1b]8;;https://evil", "\x1b[2J", "\x07", "\x00", "\x9b")
SIZE = (160, 40)


def raw(marker: str) -> str:
    """Hostile text whose markup would hide ``[bold]marker[/]`` if it were read as markup."""
    return f"[bold]{marker}[/] {LINK} {ESCAPES}"


def hostile_document() -> Document:
    """The hostile texts, saved and read back as a user's file is read."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hostile.json"
        formats.save(_hostile_in_memory(), path)
        assert "\\u001b" in path.read_text("utf-8")  # the file really holds the escapes
        return formats.load(path)


def _hostile_in_memory() -> Document:
    root = FeatureNode("App", id="root")
    node = FeatureNode(
        raw("T"),
        id="evil",
        notes=raw("N") + "\nsecond [red]line[/red]",
        tags=(f"[bold]G[/]{ESCAPES}",),
    )
    # model_construct: skip the models' own cleaning, as a careless reader might.
    node.changelog = (ChangeEntry.model_construct(version="[b]1.0[/b]", summary=raw("C")),)
    node.suggestions = (Suggestion.model_construct(id="s1", text=raw("S"), rationale=raw("R")),)
    attach(node, root)
    attach(FeatureNode("Other", id="other"), root)
    return Document(root)


def frame(app: FeatureTreeApp) -> tuple[str, str]:
    """What the app would write for the whole screen now: (terminal data, plain text)."""
    strips = screen_strips(app)
    data = "\n".join(
        "".join(
            style.render(text, color_system=ColorSystem.TRUECOLOR) if style else text
            for text, style, _ in strip
        )
        for strip in strips
    )
    return data, "\n".join(strip.text for strip in strips)


def assert_clean(data: str) -> None:
    for bad in HOSTILE_BYTES:
        assert bad not in data, f"{bad!r} reached the terminal"
    # Textual writes CSI sequences and nothing else; no OSC (links, titles) from the text.
    assert not re.search(r"\x1b\](?!0;|2;)", data), "an OSC sequence reached the terminal"


async def open_hostile(app: FeatureTreeApp, pilot) -> EditorScreen:
    screen = EditorScreen(hostile_document(), None)
    app.push_screen(screen)
    await pilot.pause()
    screen.tree.select(screen.doc.node("evil"))
    screen.refresh_detail()
    await pilot.pause()
    return screen


async def test_tree_rows_and_detail_panel_show_markup_literally(tmp_path: Path):
    app = FeatureTreeApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_hostile(app, pilot)
        data, text = frame(app)
        row = next(line for line in text.splitlines() if "[bold]T[/]" in line)
        assert LINK in row  # the title, in the tree (and the detail panel's heading)
        for marker in ("T", "N", "G", "C", "S"):
            assert f"[bold]{marker}[/]" in text, f"{marker} lost its brackets"
        assert "[red]line[/red]" in text and "[b]1.0[/b]" in text
        assert "red" in text and "osc" in text  # the words stay, the escapes go
        assert_clean(data)


async def test_suggestions_board_shows_markup_literally():
    app = FeatureTreeApp()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_hostile(app, pilot)
        # The node column keeps the end of a long path: a short title shows whole.
        screen.run_command(annotate.rename, "evil", "[b]T[/b]\x1b]8;;https://evil\x1b\\")
        app.push_screen(SuggestionsBoard(screen.history))
        await pilot.pause()
        data, text = frame(app)
        assert "[bold]S[/]" in text and LINK in text  # the suggestion
        assert "[b]T[/b]" in text  # the node it belongs to
        assert_clean(data)


async def test_notifications_show_markup_literally():
    app = FeatureTreeApp()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_hostile(app, pilot)
        await pilot.press("ctrl+c")  # "Copied “<title>” (1 node)"
        app.notify(raw("X"))  # and any other message, whoever sends it
        await pilot.pause(0.1)
        data, text = frame(app)
        assert "Copied" in text
        assert sum("[bold]T[/]" in line for line in text.splitlines()) >= 3  # row, panel, toast
        assert "[bold]X[/]" in text
        assert_clean(data)


async def test_a_hostile_file_keeps_the_layout_of_the_frame():
    # What the reader strips was zero cells wide: nothing on screen moves.
    app = FeatureTreeApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_hostile(app, pilot)
        _, text = frame(app)
        lines = text.splitlines()
        assert len(lines) == SIZE[1]
        bars = {line.index("▏") for line in lines[1:-1] if "▏" in line}
        assert len(bars) == 1  # the tree/detail border is straight on every row
