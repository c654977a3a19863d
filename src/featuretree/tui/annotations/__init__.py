"""Screens and widgets for a node's annotations and the document-wide suggestions board.

They are independent of the editor's main screen: each takes the document (and the
:class:`~featuretree.operations.History` where it edits) and is shown with
``app.push_screen(screen, callback)``.
"""

from featuretree.tui.annotations.choice import Choice
from featuretree.tui.annotations.forms import (
    AnnotationForm,
    ChangeEntryForm,
    RevisionForm,
    SuggestionForm,
    TagsForm,
    parse_date,
    split_tags,
)
from featuretree.tui.annotations.notes import NotesEditor

__all__ = [
    "AnnotationForm",
    "ChangeEntryForm",
    "Choice",
    "NotesEditor",
    "RevisionForm",
    "SuggestionForm",
    "TagsForm",
    "parse_date",
    "split_tags",
]
