"""The document's own fields (title, product, platform, app version, author) in one form.

Opened from the command palette ("Document info"); dismisses with the changed fields for
:func:`featuretree.operations.annotate.edit_meta` (one undoable step), or ``None``.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult

from featuretree.i18n import t
from featuretree.model.annotations import DocumentMeta
from featuretree.tui.screens.forms import AnnotationForm
from featuretree.tui.widgets.text_field import TextField

FIELDS = ("title", "product", "platform", "app_version", "author")


class DocumentInfoForm(AnnotationForm):
    """Edit the document's meta fields; Enter saves, Escape cancels."""

    def __init__(self, meta: DocumentMeta, root_title: str = "") -> None:
        super().__init__(t("form.info.heading"))
        self.meta = meta
        self.root_title = root_title
        """The root's title: the document's while no title of its own is set."""

    def compose_fields(self) -> ComposeResult:
        for name in FIELDS:
            field = TextField(getattr(self.meta, name) or "", id=name)
            if name == "title" and self.root_title:
                # No title of its own: the root's stands for it (and follows a rename),
                # said in the empty field rather than an empty title with no word.
                field.placeholder = t("form.info.title_is_root", title=self.root_title)
            yield self.row(t(f"form.info.{name}"), field)

    def collect(self) -> dict[str, Any] | None:
        fields = {name: self.value(name) for name in FIELDS}
        changed = {k: v for k, v in fields.items() if v != (getattr(self.meta, k) or "")}
        if not self.validated(DocumentMeta, {**self.meta.model_dump(), **changed}):
            return None
        return changed
