"""Screens and widgets for a node's annotations and the document-wide suggestions board.

They are independent of the editor's main screen: each takes the document (and the
:class:`~featuretree.operations.History` where it edits) and is shown with
``app.push_screen(screen, callback)``.
"""

from featuretree.tui.annotations.actions import AnnotationActions, pick_suggestion
from featuretree.tui.annotations.bars import FilterBar, SearchBar
from featuretree.tui.annotations.board import SuggestionsBoard
from featuretree.tui.annotations.choice import Choice
from featuretree.tui.annotations.detail import DetailPanel
from featuretree.tui.annotations.export import ExportScreen
from featuretree.tui.annotations.forms import (
    AnnotationForm,
    ChangeEntryForm,
    RevisionForm,
    SuggestionForm,
    TagsForm,
    parse_date,
    split_tags,
)
from featuretree.tui.annotations.localize import localize_bindings
from featuretree.tui.annotations.notes import NotesEditor
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
