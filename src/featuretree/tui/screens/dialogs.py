"""Small screens: ask for a path, confirm quitting, list every key."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from featuretree.config import config_path
from featuretree.i18n import binding_description, t
from featuretree.model.annotations import FeatureStatus
from featuretree.tui._textual.keys import app_keymap
from featuretree.tui.bindings import (
    GROUP_OF,
    HELP_BINDINGS,
    QUIT_BINDINGS,
    SAVE_PATH_BINDINGS,
    TITLE_KEYS,
    button_label,
    key_label,
    localize_bindings,
)
from featuretree.tui.widgets.dialog_frame import ButtonRows, DialogFrame
from featuretree.tui.widgets.text_field import TextField
from featuretree.tui.widgets.wrapped_text import WrappedText
from featuretree.view.marks import CHANGES_MARK, STATUS_MARK, SUGGESTIONS_MARK


class SavePathScreen(ModalScreen[Path | None]):
    """Ask where to save (or, with another ``prompt``, which file to open); dismisses
    with the path, or ``None`` on Escape."""

    BINDINGS = SAVE_PATH_BINDINGS
    DEFAULT_CSS = """
    SavePathScreen { align: center middle; }
    SavePathScreen > DialogFrame { width: 76; border: thick $accent; }
    SavePathScreen WrappedText { margin-bottom: 1; }
    """

    def __init__(
        self, suggestion: str, prompt: str | None = None, *, select_all: bool = True
    ) -> None:
        super().__init__()
        localize_bindings(self)
        self.suggestion = suggestion
        self.prompt = prompt
        self.select_all = select_all
        """Whether the suggestion starts selected (typing replaces it); else the cursor
        waits at its end (a folder to type a file name after)."""

    def compose(self) -> ComposeResult:
        with DialogFrame():
            yield WrappedText(self.prompt or t("save.prompt"), id="save-prompt")
            yield TextField(self.suggestion, id="save-path", select_on_focus=self.select_all)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if value:
            self.dismiss(Path(value).expanduser())

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmQuitScreen(ModalScreen[str]):
    """Unsaved changes: dismisses with "save", "discard" or "cancel"."""

    BINDINGS = QUIT_BINDINGS
    DEFAULT_CSS = """
    ConfirmQuitScreen { align: center middle; }
    ConfirmQuitScreen > DialogFrame { border: thick $warning; }
    """

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        with DialogFrame():
            yield WrappedText(t("quit.unsaved"))
            with ButtonRows():
                yield Button(self._label("save"), id="save", variant="primary")
                yield Button(self._label("discard"), id="discard", variant="error")
                yield Button(self._label("cancel"), id="cancel")

    def _label(self, choice: str) -> str:
        """``Save and quit (s)``: the key as the active keymap has it, not as written here."""
        binding = next(b for b in QUIT_BINDINGS if b.id == f"dialog.{choice}")
        return button_label(self.app, t(f"quit.{choice}"), binding)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


def marks_legend() -> Table:
    """What the marks in the tree's rows mean (the same marks ``featuretree show`` prints)."""
    legend = Table.grid(padding=(0, 2))
    legend.add_column(no_wrap=True)
    legend.add_column()
    legend.add_row(Text(t("help.group.marks"), style="underline"), "")
    rows = [
        (
            f"{STATUS_MARK[FeatureStatus.NEW]} {STATUS_MARK[FeatureStatus.CHANGED]} "
            f"{STATUS_MARK[FeatureStatus.DEPRECATED]}",
            "help.marks.status",
        ),
        (f"{CHANGES_MARK}2", "help.marks.changes"),
        (f"{SUGGESTIONS_MARK}3", "help.marks.suggestions"),
        (f"▸ {CHANGES_MARK}4 {SUGGESTIONS_MARK}3", "help.marks.folded"),
        ("#tag", "help.marks.tags"),
    ]
    for mark, key in rows:
        legend.add_row(Text(mark), Text(t(key), overflow="fold"))
    legend.add_row("", "")
    return legend


class HelpScreen(ModalScreen[None]):
    """Every key of the editor, by group, generated from the bindings.

    Descriptions and group names come from the i18n catalogue; keys remapped by the
    config's keymap show as remapped; the config file's path is at the end.
    """

    BINDINGS = HELP_BINDINGS
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 80; max-width: 100%; height: 90%; padding: 0 2; border: thick $accent;
        background: $panel;
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
        keymap = app_keymap(self.app)
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
        palette_key = keymap.get("app.command_palette", App.COMMAND_PALETTE_BINDING)
        table.add_row(Text(key_label(Binding(palette_key, ""))), Text(t("help.palette")))
        table.add_row("", "")
        table.add_row(Text(t("help.group.title_typing"), style="underline"), "")
        # overflow="fold": Chinese has no spaces to wrap at, and must not be cut with "…".
        for keys, description in TITLE_KEYS:
            table.add_row(Text(keys), Text(t(description), overflow="fold"))
        table.add_row(
            Text(t("help.typing.paste_key")), Text(t("help.typing.paste"), overflow="fold")
        )
        table.add_row("", "")
        table.add_row(Text(t("help.in_detail")), Text(t("help.in_detail_keys")))
        table.add_row(Text(t("help.in_forms")), Text(t("help.in_forms_keys")))
        table.add_row(Text(t("help.in_notes")), Text(t("help.in_notes_keys")))
        with VerticalScroll():
            yield Static(Text(t("help.title"), style="bold"))
            yield Static(marks_legend())
            yield Static(table)
            yield Static(
                Text(t("help.config_path", path=str(config_path())), style="dim"), id="help-config"
            )

    def action_close(self) -> None:
        self.dismiss(None)
