"""Questions about files: restore unsaved work, a file changed on disk, replacing another
file, writing a format that loses part of the document, a backup that failed.

All are :class:`ChoiceDialog`: a message and a row of buttons, each with a key; Enter
presses the focused button (the default choice is focused first). Everything shown
that came from the user (file names, paths, error messages) is ``rich.text.Text``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingsMap
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from featuretree.i18n import t
from featuretree.storage.recovery import RecoveryInfo
from featuretree.tui._textual.keys import set_node_bindings
from featuretree.tui.bindings import QUESTION_BINDINGS, button_label, localize_bindings
from featuretree.tui.widgets.dialog_frame import ButtonRows, DialogFrame
from featuretree.tui.widgets.wrapped_text import WrappedText


@dataclass(frozen=True)
class Option:
    """One answer: ``id`` is what the dialog dismisses with; its key is the binding
    ``question.<id>`` (:data:`~featuretree.tui.bindings.QUESTION_BINDINGS`, remappable)."""

    id: str
    label: str
    variant: str = "default"


class ChoiceDialog(ModalScreen[str]):
    """Ask a question; dismisses with the chosen :class:`Option`'s id.

    ``default`` is focused first (Enter chooses it); ``escape`` is the id Escape gives,
    or ``None`` when the question must be answered.
    """

    DEFAULT_CSS = """
    ChoiceDialog { align: center middle; }
    ChoiceDialog > DialogFrame { border: thick $warning; }
    /* a long difference scrolls: the buttons under it stay on the screen */
    ChoiceDialog #dialog-detail-box { height: auto; max-height: 50vh; margin-top: 1; }
    ChoiceDialog #dialog-detail-box.-empty { display: none; }
    ChoiceDialog #dialog-detail { color: $text-muted; }
    """

    def __init__(
        self,
        message: Text,
        options: Sequence[Option],
        *,
        default: str,
        escape: str | None = None,
        detail: Text | None = None,
    ) -> None:
        super().__init__()
        self.options = list(options)
        answers = [QUESTION_BINDINGS[option.id] for option in self.options]
        if escape is not None and all(option.id != escape for option in self.options):
            answers.append(
                dataclasses.replace(QUESTION_BINDINGS["cancel"], action=f"choose('{escape}')")
            )
        set_node_bindings(self, BindingsMap(answers))
        localize_bindings(self)
        self.message = message
        self.default = default
        self.escape = escape
        self.detail = detail or Text()

    def compose(self) -> ComposeResult:
        with DialogFrame():
            yield WrappedText(self.message, id="dialog-message")
            with VerticalScroll(id="dialog-detail-box", classes="" if self.detail else "-empty"):
                yield WrappedText(self.detail, id="dialog-detail")
            with ButtonRows():
                for option in self.options:
                    label = button_label(self.app, option.label, QUESTION_BINDINGS[option.id])
                    yield Button(label, id=f"choice-{option.id}", variant=option.variant)

    def on_mount(self) -> None:
        self.query_one(f"#choice-{self.default}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.choose((event.button.id or "").removeprefix("choice-"))

    def action_choose(self, choice: str) -> None:
        """An answer's key (``question.<id>``)."""
        self.choose(choice)

    def choose(self, choice: str) -> None:
        """Answer with ``choice`` (an option id)."""
        self.dismiss(choice)

    def show_detail(self, text: Text) -> None:
        """Replace the line under the message (e.g. with the difference)."""
        self.detail = text
        self.query_one("#dialog-detail", WrappedText).update(text)
        self.query_one("#dialog-detail-box").set_class(not text, "-empty")


class RecoveryDialog(ChoiceDialog):
    """Unsaved changes were kept for a document: restore (default), show the difference, discard.

    ``copy`` is (this copy, of how many) when several editors kept one each, ``nodes``
    how many nodes this copy holds (said when there are several). ``never_saved``: the
    copy is of a document never saved (``name`` is then a phrase, not a file name).

    ``difference`` returns what "Show difference" shows: a one-line summary, and a line
    per node added, removed, changed or moved (by title path), listed under it in a box
    that scrolls. That choice keeps the dialog open.
    """

    DEFAULT_CSS = """
    RecoveryDialog #recovery-diff { height: auto; max-height: 30vh; margin-top: 1; }
    """

    def __init__(
        self,
        info: RecoveryInfo,
        name: str,
        difference: Callable[[], tuple[str, list[Text]]],
        *,
        copy: tuple[int, int] = (1, 1),
        nodes: int = 0,
        never_saved: bool = False,
    ) -> None:
        # A document never saved is named by a phrase (一个从未保存的文档), not a file
        # name: the sentence that takes it reads differently in Chinese.
        intro = "file.recovery_intro_never_saved" if never_saved else "file.recovery_intro"
        message = Text(t(intro, name=name, time=f"{info.written:%Y-%m-%d %H:%M:%S}"))
        message.highlight_words([name], style="bold")
        index, count = copy
        if count > 1:  # several editors had the file: which copy this is, told apart
            message.append("\n" + t("file.recovery_copy", index=index, count=count, nodes=nodes))
        if info.document_changed_since_base():
            # Deleted or moved away is not "changed": said as what it is.
            gone = info.for_path is not None and not info.for_path.exists()
            message.append("\n" + t("file.recovery_gone" if gone else "file.recovery_changed"))
        if info.writer_running():
            message.append("\n" + t("file.recovery_running", pid=info.pid))
        message.append("\n" + t("file.recovery_question"))
        super().__init__(
            message,
            [
                Option("restore", t("file.restore"), "primary"),
                Option("diff", t("file.show_difference")),
                Option("discard", t("file.discard_kept"), "error"),
            ],
            default="restore",
        )
        self._difference = difference

    def choose(self, choice: str) -> None:
        if choice == "diff":
            summary, lines = self._difference()
            self.show_detail(Text(summary))
            if lines and not self.query("#recovery-diff"):
                listing = VerticalScroll(
                    Static(Text("\n").join(lines), id="recovery-diff-text"), id="recovery-diff"
                )
                self.query_one("#dialog-detail").parent.mount(listing, after="#dialog-detail")
            self.query_one("#choice-restore", Button).focus()
            return
        super().choose(choice)


def external_change_dialog(
    name: str, *, merge: bool = False, detail: str | None = None
) -> ChoiceDialog:
    """The file being saved over changed on disk: merge both (``merge``: offered, first
    and the default, as it loses nobody's edits), overwrite, save as, reload, or cancel.
    ``detail``: a line under the question (why "merge both" is no longer offered);
    with ``merge``, by default what merging does."""
    message = Text(t("file.changed_on_disk", name=name))
    message.highlight_words([name], style="bold")
    options = [Option("merge", t("file.merge"), "primary")] if merge else []
    options += [
        Option("overwrite", t("file.overwrite"), "error"),
        Option("save_as", t("file.save_as"), "default" if merge else "primary"),
        Option("reload", t("file.reload")),
        Option("cancel", t("file.cancel")),
    ]
    return ChoiceDialog(
        message,
        options,
        default="merge" if merge else "save_as",
        escape="cancel",
        detail=Text(detail or (t("file.merge_hint") if merge else "")),
    )


def replace_file_dialog(name: str) -> ChoiceDialog:
    """Saving as ``name``, which exists and is another file: replace it, or cancel."""
    message = Text(t("file.replace_question", name=name))
    message.highlight_words([name], style="bold")
    return ChoiceDialog(
        message,
        [
            Option("replace", t("file.replace"), "error"),
            Option("cancel", t("file.cancel")),
        ],
        default="cancel",
        escape="cancel",
    )


def loss_dialog(name: str, format_label: str, lost: str, json_name: str) -> ChoiceDialog:
    """Writing ``name`` (a ``format_label`` file) would lose ``lost``: keep working in
    ``json_name`` beside it (the default), write the format anyway, or cancel."""
    message = Text(t("loss.question", name=name, format=format_label))
    message.highlight_words([name], style="bold")
    return ChoiceDialog(
        message,
        [
            Option("json", t("loss.keep_json", name=json_name), "primary"),
            Option("write", t("loss.write_anyway", format=format_label), "error"),
            Option("cancel", t("file.cancel")),
        ],
        default="json",
        escape="cancel",
        detail=Text(lost),
    )


def unsaved_dialog(name: str | None, other: str) -> ChoiceDialog:
    """Opening ``other`` while ``name`` (``None``: a document never saved) has unsaved
    changes: save first (the default), discard them, or cancel (stay in the document)."""
    if name is None:
        message = Text(t("file.unsaved_question_untitled", other=other))
    else:
        message = Text(t("file.unsaved_question", name=name, other=other))
    message.highlight_words([word for word in (name, other) if word], style="bold")
    return ChoiceDialog(
        message,
        [
            Option("save_first", t("file.save_first"), "primary"),
            Option("discard_changes", t("file.discard_changes"), "error"),
            Option("cancel", t("file.cancel")),
        ],
        default="save_first",
        escape="cancel",
    )


def reload_dialog(name: str) -> ChoiceDialog:
    """Reloading ``name`` from disk would lose the unsaved changes: reload, or cancel (the default)."""
    message = Text(t("file.reload_question", name=name))
    message.highlight_words([name], style="bold")
    return ChoiceDialog(
        message,
        [
            Option("reload", t("file.reload"), "error"),
            Option("cancel", t("file.cancel")),
        ],
        default="cancel",
        escape="cancel",
    )


def backup_failed_dialog(error: str) -> ChoiceDialog:
    """The backup ``FILE~`` could not be made (nothing was written): save without one?"""
    return ChoiceDialog(
        Text(error),
        [
            Option("no_backup", t("file.save_without_backup"), "warning"),
            Option("cancel", t("file.cancel")),
        ],
        default="cancel",
        escape="cancel",
    )
