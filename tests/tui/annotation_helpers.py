"""Reading what the editor shows, for the annotation tests (imported by them)."""

from __future__ import annotations

import io

from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.editor.screen import TitleBar
from featuretree.tui.widgets.detail import DetailPanel
from featuretree.tui.widgets.wrapped_text import WrappedText


def detail_text(app: FeatureTreeApp) -> str:
    """The detail panel's lines as drawn (all of them, not only the visible ones)."""
    panel = app.editor.query_one(DetailPanel)
    return "\n".join(strip.text.rstrip() for strip in panel._lines)


def title_bar(app: FeatureTreeApp) -> str:
    """The title bar's text (the ● shows unsaved changes)."""
    return "".join(segment.text for segment in app.editor.query_one(TitleBar).render_line(0))


def row_of(app: FeatureTreeApp, node_id: str) -> str:
    """The tree row drawn for ``node_id`` (which must be on screen)."""
    screen = app.editor
    tree = screen.tree
    index = tree.outline.index_of(screen.doc.node(node_id))
    assert index is not None, f"{node_id} is not shown"
    return tree.render_line(index - round(tree.scroll_y)).text.rstrip()


def statics_text(app: FeatureTreeApp) -> str:
    """The text of every ``Static`` and ``WrappedText`` on the current screen (tables
    included), as plain text."""
    from rich.console import Console

    console = Console(width=200, record=True, file=io.StringIO())
    for widget in app.screen.query("Static, WrappedText"):
        console.print(widget.text if isinstance(widget, WrappedText) else widget.content)
    return console.export_text()
