"""Small screens: ask for a path, confirm quitting, list every key."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.color import Color, ColorParseError
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from featuretree import formats
from featuretree.config import config_path
from featuretree.i18n import status_label, t
from featuretree.model.annotations import FeatureStatus
from featuretree.model.marks import CHANGES_MARK, STATUS_MARK, SUGGESTIONS_MARK
from featuretree.storage.completion import complete
from featuretree.tui._textual.keys import app_keymap
from featuretree.tui.bindings import (
    GROUP_OF,
    HELP_BINDINGS,
    PALETTE_BINDING,
    QUIT_BINDINGS,
    SAVE_PATH_BINDINGS,
    TITLE_KEYS,
    button_label,
    key_label,
    localize_bindings,
    spelled_out,
)
from featuretree.tui.typed_ahead import TypedAhead
from featuretree.tui.widgets.dialog_frame import ButtonRows, DialogFrame
from featuretree.tui.widgets.text_field import TextField
from featuretree.tui.widgets.wrapped_text import WrappedText

MATCHES_SHOWN = 8
"""File names listed under the path field when Tab finds several."""


def opens(name: str) -> bool:
    """Whether featuretree opens a file of this name (its extension is a format it reads:
    not the ``.png`` or ``.svg`` exported beside the document)."""
    fmt = formats.for_path(name)
    return fmt is not None and fmt.can_read


class SavePathScreen(ModalScreen[Path | None], TypedAhead):
    """Ask where to save (or, with another ``prompt``, which file to open); dismisses
    with the path, or ``None`` on Escape.

    A path typed right behind Ctrl+S or Ctrl+O, in one write, lands in the field
    (:class:`TypedAhead`; ModalScreen first for its CSS, as the forms)."""

    BINDINGS = SAVE_PATH_BINDINGS
    DEFAULT_CSS = """
    SavePathScreen { align: center middle; }
    SavePathScreen > DialogFrame { width: 76; border: thick $accent; }
    SavePathScreen #save-prompt { margin-bottom: 1; }
    SavePathScreen #save-matches { color: $text-muted; margin-top: 1; display: none; }
    """

    def __init__(
        self,
        suggestion: str,
        prompt: str | None = None,
        *,
        select_all: bool = True,
        offer: Callable[[str], bool] | None = None,
    ) -> None:
        super().__init__()
        localize_bindings(self)
        self.suggestion = suggestion
        self.prompt = prompt
        self.offer = offer
        """Which file names Tab offers (Open…: the files featuretree reads); folders always."""
        self.select_all = select_all
        """Whether the suggestion starts selected (typing replaces it); else the cursor
        waits at its end (a folder to type a file name after)."""

    def compose(self) -> ComposeResult:
        with DialogFrame():
            yield WrappedText(self.prompt or t("save.prompt"), id="save-prompt")
            yield TextField(self.suggestion, id="save-path", select_on_focus=self.select_all)
            yield WrappedText("", id="save-matches")

    def action_complete(self) -> None:
        """Tab: complete the file name typed from the files there (as a shell does);
        several matches grow it to what they share and are listed below the field."""
        field = self.query_one("#save-path", TextField)
        done = complete(field.value, keep=self.offer)
        field.value = done.text
        field.cursor_position = len(done.text)
        if not done.names:
            typed = done.text.rpartition("/")[2]
            shown = t("save.no_match", typed=typed)
        elif len(done.names) == 1:
            shown = ""
        else:
            names = "、".join(done.names[:MATCHES_SHOWN])
            if len(done.names) > MATCHES_SHOWN:
                names += "…"
            shown = t("save.matches", count=len(done.names), names=names)
        matches = self.query_one("#save-matches", WrappedText)
        matches.update(shown)
        matches.display = bool(shown)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if value:
            self.dismiss(typed_path(value, self.suggestion))

    def action_cancel(self) -> None:
        """Escape: close without a path (``None``)."""
        self.dismiss(None)


def typed_path(value: str, offered: str) -> Path:
    """The path meant by ``value``, typed after the folder ``offered`` in the field.

    A whole path typed there (``/home/me/x.xmind``, ``~/x.mm``, ``D:\\x.json``) starts
    again from it, as in a file chooser: joined to the folder it named a file inside
    it (``.//home/me/x.xmind`` is ``home/me/x.xmind`` under the current folder).
    """
    if offered and value.startswith(offered):
        rest = value[len(offered) :]
        if rest.startswith("~") or Path(rest).is_absolute():
            value = rest
    return Path(value).expanduser()


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


def diagram_legend(app: App) -> Table:
    """What the diagram's boxes show (``view/diagram.py``): the status as the box's colour,
    the node's own counts, and ``+N`` on a folded box."""
    legend = Table.grid(padding=(0, 2))
    legend.add_column(no_wrap=True)
    legend.add_column()
    legend.add_row(Text(t("help.group.diagram_marks"), style="underline"), "")
    # The words in the colours the boxes have (diagram_view.py: $success, $warning, $error).
    colours = app.get_css_variables()
    statuses = Text()
    for status, variable in (
        (FeatureStatus.NEW, "success"),
        (FeatureStatus.CHANGED, "warning"),
        (FeatureStatus.DEPRECATED, "error"),
    ):
        if statuses:
            statuses.append(" · ")
        try:
            style = Style(color=Color.parse(colours.get(variable, "")).rich_color)
        except ColorParseError:
            style = Style()
        statuses.append(status_label(status.value), style=style)
    rows = [
        (statuses, "help.diagram_marks.status"),
        (Text(f"{CHANGES_MARK}2"), "help.marks.changes"),
        (Text(f"{SUGGESTIONS_MARK}3"), "help.marks.suggestions"),
        (Text("+5"), "help.diagram_marks.folded"),
    ]
    for mark, key in rows:
        legend.add_row(mark, Text(t(key), overflow="fold"))
    legend.add_row("", "")
    return legend


class HelpScreen(ModalScreen[None]):
    """Every key of the editor, by group, generated from the bindings.

    ``bindings``: as they work now, with the keys that reach them (``working_bindings``:
    the config's keymap applied). Descriptions and group names come from the i18n
    catalogue; the config file's path is at the end. ``diagram``: the keys are the
    diagram's, and so are the title and the marks explained.
    """

    BINDINGS = HELP_BINDINGS
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 80; max-width: 100%; height: 90%; padding: 0 2; border: thick $accent;
        background: $panel;
    }
    """

    def __init__(self, bindings: Iterable[Binding], *, diagram: bool = False) -> None:
        super().__init__()
        localize_bindings(self)
        self.bindings = list(bindings)
        self.diagram = diagram

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
                        levels = Text(t("help.levels"), overflow="fold")
                        levels.append("  tree.level_1 … 9", style="dim")
                        table.add_row(Text("1 … 9"), levels)
                    continue
                label = Text(spelled_out(binding.id or ""), overflow="fold")
                if (binding.id or "").startswith("search."):
                    # the parentheses are the catalog's: full-width ones in Chinese
                    label.append(f"  {t('help.search_keys')}", style="dim")
                # The id is what the config's [keymap] names to move the key: shown here
                # so that a key can be moved without reading the source.
                label.append(f"  {binding.id}", style="dim")
                table.add_row(Text(key_label(binding)), label)
        table.add_row("", "")
        palette_key = keymap.get("app.command_palette", App.COMMAND_PALETTE_BINDING)
        palette = Text(t("help.palette"), overflow="fold")
        palette.append(f"  {PALETTE_BINDING.id}", style="dim")
        table.add_row(Text(key_label(Binding(palette_key, ""))), palette)
        table.add_row("", "")
        table.add_row(Text(t("help.group.title_typing"), style="underline"), "")
        # overflow="fold": Chinese has no spaces to wrap at, and must not be cut with "…".
        for keys, description in TITLE_KEYS:
            table.add_row(Text(keys), Text(t(description), overflow="fold"))
        table.add_row(
            Text(t("help.typing.paste_key")), Text(t("help.typing.paste"), overflow="fold")
        )
        table.add_row("", "")
        # fold here too: with "…" (the default) Rich cut "p" out of the Chinese row.
        for where in ("detail", "forms", "notes"):
            keys = Text(t(f"help.in_{where}_keys"), overflow="fold")
            table.add_row(Text(t(f"help.in_{where}")), keys)
        with VerticalScroll():
            title = t("help.title.diagram") if self.diagram else t("help.title")
            yield Static(Text(title, style="bold"))
            # The key bar under the dialog is the editor's: say here how to leave, with the
            # keys as the keymap has them and named as everywhere else (Esc, not Escape).
            (leave,) = HELP_BINDINGS
            keys = key_label(Binding(keymap.get(leave.id or "", leave.key), ""))
            close = t("help.close", keys=keys)
            yield Static(Text(close, style="dim"), id="help-close")
            yield Static(diagram_legend(self.app) if self.diagram else marks_legend())
            yield Static(table)
            yield Static(
                Text(t("help.config_path", path=str(config_path())), style="dim"), id="help-config"
            )

    def action_close(self) -> None:
        self.dismiss(None)
