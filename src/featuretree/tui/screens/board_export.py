"""Ctrl+E on the suggestions board: the suggestions shown, as a Markdown table or CSV.

The rows are the board's as the user sees them (filtered and sorted); the table itself
is built by the Textual-free :mod:`featuretree.formats.prd`, in the document's language.
The board only calls :func:`export_suggestions` (one small block in ``board.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Input

from featuretree import formats
from featuretree.formats.prd import (
    WITH_RATIONALE,
    document_language,
    suggestion_rows,
    suggestions_csv,
    suggestions_markdown,
)
from featuretree.i18n import t, text_in
from featuretree.model.annotations import Suggestion
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.session.names import export_stem
from featuretree.tui.screens.delivery import deliver_export, path_typed
from featuretree.tui.screens.forms import AnnotationForm
from featuretree.tui.widgets.choice import Choice
from featuretree.tui.widgets.text_field import TextField

if TYPE_CHECKING:
    from featuretree.tui.screens.board import SuggestionsBoard

FORMATS = ("md", "csv")
"""The table's formats, by extension."""

EXTENSIONS = {".md": "md", ".markdown": "md", ".csv": "csv"}
"""A typed file name's extension → the table's format it stands for."""


def typed_table_format(path: Path, chosen: str) -> tuple[str | None, Path]:
    """What Enter writes for the typed ``path``: the table's format and the file's path.

    The file is what its name says: ``.csv`` is CSV, ``.md`` Markdown, whatever the
    chooser showed. With no extension, or one no format owns (``v2.0``), the chosen
    format is written and its extension added. The format is ``None`` when the extension
    is another format featuretree knows (``.svg``): the table cannot be written as that.
    """
    named = EXTENSIONS.get(path.suffix.lower())
    if named is not None:
        return named, path
    if formats.for_path(path) is not None:
        return None, path
    if not path.name or path.is_dir():  # a folder: the write says so
        return chosen, path
    return chosen, path.with_name(f"{path.name}.{chosen}")


def suggestions_file(
    doc: Document, pairs: Sequence[tuple[FeatureNode, Suggestion]], fmt: str
) -> bytes:
    """The suggestions ``pairs`` as a Markdown table (``md``) or CSV, in the document's language."""
    language = document_language(doc)
    rows = suggestion_rows(pairs, language)
    # With each suggestion's 理由: the table is read on its own, not next to the nodes.
    if fmt == "csv":
        return suggestions_csv(rows, language, WITH_RATIONALE)
    lines = suggestions_markdown(rows, language, WITH_RATIONALE)
    return ("\n".join(lines) + "\n").encode("utf-8")


class SuggestionsExportScreen(AnnotationForm):
    """Pick Markdown or CSV (←/→) and a path; Enter writes, asking once before replacing."""

    def __init__(
        self,
        doc: Document,
        pairs: Sequence[tuple[FeatureNode, Suggestion]],
        source: Path | None = None,
    ) -> None:
        super().__init__(t("board.export_title", count=len(pairs)))
        self.doc = doc
        self.pairs = list(pairs)
        stem = export_stem(doc, source)
        # Named in the document's language, like the table inside: 微信读书-优化建议.md
        suffix = text_in(document_language(doc), "board.export_suffix")
        self.base = (source.parent if source else Path.cwd()) / f"{stem}{suffix}"
        self._confirm: Path | None = None
        self.source = source
        """The open document's own file, which an export never replaces (Ctrl+S saves it)."""
        self.written_label: str | None = None
        """The format written (set on Enter), for the "Exported" notice."""

    def _default_path(self, fmt: str) -> str:
        return f"{self.base}.{fmt}"

    def compose_fields(self) -> ComposeResult:
        yield self.row(
            t("export.format"),
            Choice(list(FORMATS), "md", id="format", label=lambda name: t(f"board.export_{name}")),
        )
        yield self.row(t("export.path"), TextField(self._default_path("md"), id="path"))

    def on_mount(self) -> None:
        self.query_one("#format", Choice).focus()

    def on_choice_changed(self, event: Choice.Changed) -> None:
        if event.value != event.choice.value:  # stepped on since: the later one follows
            return
        path = self.query_one("#path", Input)
        if any(path.value == self._default_path(name) for name in FORMATS):
            path.value = self._default_path(event.value)
        else:
            # a name of the user's own keeps its name; a .md/.csv follows the format
            typed = Path(path.value.strip())
            named = EXTENSIONS.get(typed.suffix.lower())
            if named is not None and named != event.value:
                path.value = str(typed.with_suffix(f".{event.value}"))
        path_typed(self, self._target())

    def _target(self) -> Path | None:
        """The file Enter would write now (``None``: no name typed)."""
        text = self.value("path")
        if not text:
            return None
        choice = self.query_one("#format", Choice).value
        return typed_table_format(Path(text).expanduser(), choice)[1]

    def on_input_changed(self, event: Input.Changed) -> None:
        path_typed(self, self._target())  # a warning about another file is taken back
        # the chooser shows the format the typed name stands for, as it is typed (a
        # change the path has moved past since, stepping fast, is not acted on: it
        # would step the chooser back)
        choice = self.query_one("#format", Choice)
        if event.value.strip() and event.value == event.input.value:
            fmt, _ = typed_table_format(Path(event.value.strip()), choice.value)
            if fmt is not None and fmt != choice.value:
                choice.value = fmt

    def save_typed(self) -> None:
        """Write the table to the path typed (asking once before replacing a file)."""
        text = self.value("path")
        if not text:
            self.show_error(t("form.required", field=t("export.path")))
            return
        choice = self.query_one("#format", Choice)
        fmt, path = typed_table_format(Path(text).expanduser(), choice.value)
        if fmt is None:
            self.show_error(t("board.export_not_table", extension=path.suffix))
            return
        if fmt != choice.value:
            choice.value = fmt
        self.written_label = t(f"board.export_{fmt}")
        delivered = deliver_export(self, path, lambda: suggestions_file(self.doc, self.pairs, fmt))
        if delivered is not None:
            self.dismiss(delivered)


def export_suggestions(board: SuggestionsBoard) -> None:
    """Ask where, then write the suggestions ``board`` shows (its ``shown`` rows, in order)."""
    pairs = [(row.node, row.suggestion) for row in board.shown]
    editor = getattr(board.app, "editor", None)
    source = getattr(editor, "path", None)

    screen = SuggestionsExportScreen(board.history.doc, pairs, source)

    def done(path: Path | None) -> None:
        if path is not None:
            board.notify(
                t("app.exported", path=str(path), format=screen.written_label),
                markup=False,
                timeout=4,
            )

    board.app.push_screen(screen, done)
