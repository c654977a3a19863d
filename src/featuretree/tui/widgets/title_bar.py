"""The editor's title line: the product and the file name, ``●`` while unsaved."""

from __future__ import annotations

from rich.text import Text

from featuretree.tui.widgets.one_line import OneLine


class TitleBar(OneLine):
    """One line: product and file name, ``●`` when unsaved.

    Textual's ``Header`` relayouts the whole screen whenever its title changes (a
    10-20 ms pause on the first edit after each save); this bar has a fixed size, and
    an update repaints it only when what it says changed (``show`` runs on every edit).
    """

    DEFAULT_CSS = """
    TitleBar {
        background: $panel;
        color: $foreground;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[str, str] = ("", "")

    def show(self, title: str, sub_title: str) -> None:
        """Display ``title — sub_title`` (user text, never markup)."""
        if (title, sub_title) != self._shown:
            self._shown = (title, sub_title)
            self.redraw()

    def line_text(self, width: int) -> Text:
        title, sub_title = self._shown
        text = Text(title, style="bold")
        text.append(" — ")
        text.append(sub_title, style="dim" if not sub_title.endswith("●") else "")
        if text.cell_len < width:  # centred
            text.pad_left((width - text.cell_len) // 2)
        else:
            text.truncate(width, overflow="ellipsis")
        return text
