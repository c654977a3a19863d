"""Screens and widgets for a node's annotations and the document-wide suggestions board.

They are independent of the editor's main screen: each takes the document's
:class:`~featuretree.operations.History` (edits are undoable steps there, so the editor's
history listener sees them like any other edit) and is shown with
``app.push_screen(screen, callback)``.

Wiring into the editor (see the tests in ``tests/tui/annotations`` for a miniature):

- start-up: ``config, warnings = load_config()``; ``apply_language(config)`` *before* any
  screen is created; in ``on_mount`` ``warnings += apply_to_app(app, config)`` and notify
  each warning (``markup=False``).
- ``EditorScreen.__init__``: ``self.annotations = AnnotationActions(self, self.history,
  author=config.author, on_done=lambda _: self.refresh_detail())``; replace
  ``tui.detail.DetailPanel`` by :class:`DetailPanel` (``DetailPanel(self.annotations)``,
  same ``show(node)``); on ``DetailPanel.Leave`` focus the tree.
- keys (tree focused): ``n`` edit_notes, ``c`` add_change, ``s`` add_suggestion, ``#``
  edit_tags, ``m`` cycle_status — all with the cursor node's id; ``p`` / ``t``:
  ``cycle_priority(pick_suggestion(node, panel.selected_suggestion))``; ``b``:
  ``open_board(on_jump=lambda node_id: tree.select(doc.node(node_id)))``; Ctrl+E:
  ``push_screen(ExportScreen(doc, path), lambda p: p and notify(t("app.exported", ...)))``;
  revisions: a palette command calling ``open_revisions()``.
- ``/``: mount a :class:`SearchBar`; on ``Changed`` build ``query.Matches(doc, text)`` and
  highlight ``query.title_spans``; on ``Step`` select ``matches.step(cursor_id, direction)``;
  while it is open (unfocused) bind ``n``/``N`` to the same step.
- ``f``: mount a :class:`FilterBar`; on ``Applied`` show only ``query.filter_nodes(doc,
  message.filter)`` (remember the folding first); on ``Cleared`` restore it.
- call :func:`localize_bindings` in the ``__init__`` of screens/widgets with ``BINDINGS``
  so the footer, help and palette use the catalogue (descriptions by binding id).
"""

from featuretree.tui.annotations.actions import AnnotationActions, pick_suggestion
from featuretree.tui.annotations.bars import FilterBar, SearchBar
from featuretree.tui.annotations.choice import Choice
from featuretree.tui.annotations.detail import DetailPanel
from featuretree.tui.annotations.export import ExportScreen
from featuretree.tui.annotations.forms import (
    AnnotationForm,
    ChangeEntryForm,
    LinkForm,
    RevisionForm,
    SuggestionForm,
    TagsForm,
    parse_date,
    split_tags,
)
from featuretree.tui.annotations.localize import localize_bindings
from featuretree.tui.annotations.revisions import RevisionsScreen
from featuretree.tui.annotations.settings import apply_language, apply_to_app
from featuretree.tui.annotations.table import Column, RowTable

__all__ = [
    "AnnotationActions",
    "AnnotationForm",
    "ChangeEntryForm",
    "Choice",
    "Column",
    "DetailPanel",
    "ExportScreen",
    "FilterBar",
    "LinkForm",
    "NotesEditor",
    "RevisionForm",
    "RevisionsScreen",
    "RowTable",
    "SearchBar",
    "SuggestionForm",
    "SuggestionsBoard",
    "TagsForm",
    "apply_language",
    "apply_to_app",
    "localize_bindings",
    "parse_date",
    "pick_suggestion",
    "split_tags",
]

_LATER = {
    "NotesEditor": "featuretree.tui.annotations.notes",
    "SuggestionsBoard": "featuretree.tui.annotations.board",
}
"""Imported on first use (see :mod:`.actions`): they cost ~70 ms of start-up."""


def __getattr__(name: str) -> object:
    module = _LATER.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
