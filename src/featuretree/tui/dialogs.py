"""Small screens: ask for a path, confirm quitting, list every key."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import dataclasses

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from featuretree.config import config_path
from featuretree.i18n import binding_description, t
from featuretree.tui.annotations.localize import localize_bindings
from featuretree.tui.keys import GROUP_OF, TITLE_KEYS, key_label


class SavePathScreen(ModalScreen[Path | None]):
    """Ask where to save; dismisses with the path, or ``None`` on Escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]
    DEFAULT_CSS = """
    SavePathScreen { align: center middle; }
    SavePathScreen > Vertical {
        width: 70; height: auto; padding: 1 2; border: thick $accent; background: $panel;
    }
    SavePathScreen Label { margin-bottom: 1; }
    """

    def __init__(self, suggestion: str) -> None:
        super().__init__()
        localize_bindings(self)
        self.suggestion = suggestion

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("save.prompt"))
            yield Input(self.suggestion, id="save-path")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if value:
            self.dismiss(Path(value).expanduser())

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmQuitScreen(ModalScreen[str]):
    """Unsaved changes: dismisses with "save", "discard" or "cancel"."""

    BINDINGS = [
        Binding("escape", "choose('cancel')", "Cancel", id="dialog.cancel"),
        Binding("s", "choose('save')", "Save and quit", id="dialog.save"),
        Binding("d", "choose('discard')", "Quit without saving", id="dialog.discard"),
    ]
    DEFAULT_CSS = """
    ConfirmQuitScreen { align: center middle; }
    ConfirmQuitScreen > Vertical {
        width: 64; height: auto; padding: 1 2; border: thick $warning; background: $panel;
    }
    ConfirmQuitScreen Horizontal { height: auto; margin-top: 1; }
    ConfirmQuitScreen Button { margin-right: 2; }
    """

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("quit.unsaved"))
            with Horizontal():
                yield Button(f"{t('quit.save')} (s)", id="save", variant="primary")
                yield Button(f"{t('quit.discard')} (d)", id="discard", variant="error")
                yield Button(f"{t('quit.cancel')} (Esc)", id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


class HelpScreen(ModalScreen[None]):
    """Every key of the editor, by group, generated from the bindings.

    Descriptions and group names come from the i18n catalogue; keys remapped by the
    config's keymap show as remapped; the config file's path is at the end.
    """

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close", id="help.close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 80; height: 90%; padding: 0 2; border: thick $accent; background: $panel;
    }
    """

    def __init__(self, bindings: Iterable[Binding]) -> None:
        super().__init__()
        localize_bindings(self)
        self.bindings = list(bindings)

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        keymap = self.app._keymap
        groups: dict[object, list[Binding]] = {}
        for binding in self.bindings:  # one section per group, in first-seen order
            groups.setdefault(GROUP_OF.get(binding.id or ""), []).append(binding)
        for group, bindings in groups.items():
            if table.row_count:
                table.add_row("", "")
            name = group.description.lower() if isinstance(group, Binding.Group) else ""
            table.add_row(Text(t(f"help.group.{name}"), style="underline"), "")
            for binding in bindings:
                if (binding.id or "").startswith("tree.level_"):
                    # Nine "unfold to level N" bindings read better as one row.
                    if binding.id == "tree.level_1":
                        table.add_row(Text("1 … 9"), Text(t("help.levels")))
                    continue
                if binding.id in keymap:
                    binding = dataclasses.replace(binding, key=keymap[binding.id])
                label = Text(binding_description(binding.id or ""))
                if (binding.id or "").startswith("search."):
                    label.append(f"  ({t('help.search_keys')})", style="dim")
                table.add_row(Text(key_label(binding)), label)
        table.add_row("", "")
        table.add_row(Text("Ctrl+P"), Text(t("help.palette")))
        table.add_row("", "")
        table.add_row(Text(t("help.group.title_typing"), style="underline"), "")
        # overflow="fold": Chinese has no spaces to wrap at, and must not be cut with "…".
        for keys, description in TITLE_KEYS:
            table.add_row(Text(keys), Text(t(description), overflow="fold"))
        table.add_row(Text(t("help.typing.paste_key")), Text(t("help.typing.paste"), overflow="fold"))
        table.add_row("", "")
        table.add_row(Text(t("help.in_detail")), Text(t("help.in_detail_keys")))
        table.add_row(Text(t("help.in_forms")), Text(t("help.in_forms_keys")))
        table.add_row(Text(t("help.in_notes")), Text(t("help.in_notes_keys")))
        with VerticalScroll():
            yield Static(Text(t("help.title"), style="bold"))
            yield Static(table)
            yield Static(Text(t("help.config_path", path=str(config_path())), style="dim"),
                         id="help-config")

    def action_close(self) -> None:
        self.dismiss(None)
