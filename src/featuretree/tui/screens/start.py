"""The start screen shown by ``featuretree`` without a file: samples, recent files, new."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from featuretree.i18n import t
from featuretree.samples_catalog import UnknownSample, all_samples, sample_path
from featuretree.tui.bindings import START_BINDINGS, localize_bindings
from featuretree.tui.typed_ahead import HandsKeysOn
from featuretree.tui.widgets.key_bar import KeyBar
from featuretree.tui.widgets.text_field import TextField

RecentFiles = Callable[[], list[Path]]
"""Returns recently opened files, newest first (the next issue stores them)."""


class StartList(HandsKeysOn, OptionList):
    """The start screen's list: ``o`` and a path typed behind it in one write put the
    path in the field below (see :class:`HandsKeysOn`)."""


class StartScreen(Screen[None]):
    """Pick a sample, a recent file, or start a new document; the app opens what is picked."""

    class Open(Message):
        """Open ``path`` (``as_template``: a sample, saved elsewhere)."""

        def __init__(self, path: Path, *, as_template: bool = False) -> None:
            super().__init__()
            self.path = path
            self.as_template = as_template

    class New(Message):
        """Start an empty document."""

    BINDINGS = START_BINDINGS
    DEFAULT_CSS = """
    StartScreen { align: center middle; }
    StartScreen > Vertical { width: 72; max-width: 100%; height: auto; max-height: 90%; }
    StartScreen OptionList { height: auto; max-height: 24; }
    StartScreen #start-title { margin-bottom: 1; }
    StartScreen #open-path { margin-top: 1; }
    """

    def __init__(self, recent: RecentFiles | None = None) -> None:
        super().__init__()
        localize_bindings(self)
        self._recent = recent or (list)

    def compose(self) -> ComposeResult:
        options: list[Option | None] = [Option(Text(f"＋ {t('start.new')}"), id="new")]
        recent = [p for p in self._recent() if p.exists()]
        if recent:
            options.append(None)
            options += [Option(Text(f"↻ {p}"), id=f"file:{p}") for p in recent]
        samples = all_samples()
        if samples:
            options.append(None)
            # By what they are (知乎 App 功能结构图), not by file name (zhihu).
            options += [
                Option(
                    Text(f"◇ {t('start.sample', name=sample.title)}"), id=f"sample:{sample.name}"
                )
                for sample in samples
            ]
        yield Header()
        with Vertical():
            yield Static(Text(t("start.title"), style="bold"), id="start-title")
            yield StartList(*options, id="start-options")
            yield TextField(placeholder=t("start.open_placeholder"), id="open-path")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "featuretree"
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        choice = event.option.id or ""
        if choice == "new":
            self.action_new()
        elif choice.startswith("file:"):
            self.post_message(self.Open(Path(choice[5:])))
        elif choice.startswith("sample:"):
            try:
                path = sample_path(choice[7:])
            except UnknownSample:
                return  # removed since the list was drawn
            self.post_message(self.Open(path, as_template=True))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        if value:
            self.post_message(self.Open(Path(value).expanduser()))

    def action_new(self) -> None:
        self.post_message(self.New())

    def action_open(self) -> None:
        """Type the path of a file to open (Enter opens it)."""
        # At once, not after a refresh: the keys typed behind "o" go where the focus is.
        self.set_focus(self.query_one("#open-path", Input))

    def action_back_to_list(self) -> None:
        """Escape in the path field: back to the list."""
        self.query_one(OptionList).focus()
