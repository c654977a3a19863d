"""Commands that change what a node says: title, notes, tags, status, change log, suggestions,
links.

They all come down to :class:`SetNodeField`, which validates the new value, keeps the
old one and puts it back on undo. Annotations are frozen pydantic models held in
tuples, so an old value can never be changed behind the history's back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from pydantic import ValidationError

from featuretree.model.annotations import (
    ChangeEntry,
    DocumentMeta,
    FeatureStatus,
    Link,
    Priority,
    Revision,
    Suggestion,
    SuggestionStatus,
)
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.text import clean_line, clean_text
from featuretree.operations.base import Command, OperationError
from featuretree.operations.structure import _node


def _clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for tag in tags:
        tag = clean_line(str(tag))
        if tag:
            seen.setdefault(tag, None)
    return tuple(seen)


def _status(value: Any) -> FeatureStatus:
    try:
        return FeatureStatus(value)
    except ValueError:
        allowed = ", ".join(s.value for s in FeatureStatus)
        raise OperationError(f"unknown status {value!r} (use one of {allowed})") from None


_FIELDS: dict[str, Callable[[Any], Any]] = {
    "title": lambda v: clean_line(str(v)),
    "notes": lambda v: clean_text(str(v)),
    "tags": _clean_tags,
    "status": _status,
    "changelog": tuple,
    "suggestions": tuple,
    "links": tuple,
}


class SetNodeField(Command):
    """Replace one field of one node."""

    def __init__(self, node_id: str, field: str, value: Any, label: str | None = None) -> None:
        if field not in _FIELDS:
            raise OperationError(f"a node has no field {field!r}")
        self.node_id = node_id
        self.field = field
        self.value = _FIELDS[field](value)
        self.label = label or f"Set {field}"
        self._old: Any = None

    def apply(self, doc: Document) -> None:
        node = _node(doc, self.node_id)
        self._old = getattr(node, self.field)
        self._set(doc, node, self.value)

    def revert(self, doc: Document) -> None:
        self._set(doc, doc.node(self.node_id), self._old)

    def _set(self, doc: Document, node: FeatureNode, value: Any) -> None:
        if self.field == "suggestions":
            doc.set_suggestions(node, value)  # keeps suggestion lookups O(1)
        else:
            setattr(node, self.field, value)

    @property
    def focus_after(self) -> str:
        return self.node_id


def _validate(model: type, data: dict[str, Any]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        raise OperationError(f"{where}: {error['msg']}" if where else error["msg"]) from None


# -- node fields ----------------------------------------------------------------------


def rename(doc: Document, node_id: str, title: str) -> Command:
    """Give ``node_id`` a new title."""
    return SetNodeField(node_id, "title", title, label="Rename")


def set_notes(doc: Document, node_id: str, notes: str) -> Command:
    """Replace the notes of ``node_id``."""
    return SetNodeField(node_id, "notes", notes, label="Edit notes")


def set_tags(doc: Document, node_id: str, tags: Iterable[str]) -> Command:
    """Replace the tags of ``node_id`` (cleaned, duplicates dropped, order kept)."""
    return SetNodeField(node_id, "tags", tags, label="Edit tags")


def set_status(doc: Document, node_id: str, status: FeatureStatus | str) -> Command:
    """Set the feature status of ``node_id``."""
    return SetNodeField(node_id, "status", status, label="Set status")


def cycle_status(doc: Document, node_id: str) -> Command:
    """Move ``node_id`` to the next feature status (existing → new → changed → deprecated)."""
    order = list(FeatureStatus)
    current = _node(doc, node_id).status
    return set_status(doc, node_id, order[(order.index(current) + 1) % len(order)])


# -- change log -----------------------------------------------------------------------


def add_change(doc: Document, node_id: str, **fields: Any) -> Command:
    """Add a change-log entry (newest first) built and validated from ``fields``."""
    node = _node(doc, node_id)
    entry = _validate(ChangeEntry, fields)
    return SetNodeField(
        node_id, "changelog", (entry, *node.changelog), label="Add change-log entry"
    )


def edit_change(doc: Document, node_id: str, index: int, **fields: Any) -> Command:
    """Change some fields of change-log entry ``index``."""
    node = _node(doc, node_id)
    entries = list(node.changelog)
    if not 0 <= index < len(entries):
        raise OperationError(f"no change-log entry #{index + 1} on this node")
    entries[index] = _validate(ChangeEntry, {**entries[index].model_dump(), **fields})
    return SetNodeField(node_id, "changelog", entries, label="Edit change-log entry")


def delete_change(doc: Document, node_id: str, index: int) -> Command:
    """Remove change-log entry ``index``."""
    node = _node(doc, node_id)
    entries = list(node.changelog)
    if not 0 <= index < len(entries):
        raise OperationError(f"no change-log entry #{index + 1} on this node")
    del entries[index]
    return SetNodeField(node_id, "changelog", entries, label="Delete change-log entry")


# -- suggestions ----------------------------------------------------------------------


def add_suggestion(doc: Document, node_id: str, **fields: Any) -> Command:
    """Add a suggestion built and validated from ``fields``; a fresh id is given."""
    node = _node(doc, node_id)
    fields.setdefault("id", doc.new_id())
    suggestion = _validate(Suggestion, fields)
    return SetNodeField(
        node_id, "suggestions", (*node.suggestions, suggestion), label="Add suggestion"
    )


def _locate(doc: Document, suggestion_id: str) -> tuple[str, int, list[Suggestion]]:
    found = doc.find_suggestion(suggestion_id)
    if found is None:
        raise OperationError(f"there is no suggestion with id {suggestion_id!r}")
    node, index = found
    return node.id, index, list(node.suggestions)


def edit_suggestion(doc: Document, suggestion_id: str, **fields: Any) -> Command:
    """Change some fields of a suggestion (its id stays)."""
    node_id, index, items = _locate(doc, suggestion_id)
    fields.pop("id", None)
    items[index] = _validate(Suggestion, {**items[index].model_dump(), **fields})
    return SetNodeField(node_id, "suggestions", items, label="Edit suggestion")


def delete_suggestion(doc: Document, suggestion_id: str) -> Command:
    """Remove a suggestion."""
    node_id, index, items = _locate(doc, suggestion_id)
    del items[index]
    return SetNodeField(node_id, "suggestions", items, label="Delete suggestion")


def _next(enum: type, current: Any) -> Any:
    order = list(enum)
    return order[(order.index(current) + 1) % len(order)]


def cycle_priority(doc: Document, suggestion_id: str) -> Command:
    """P0 → P1 → P2 → P3 → P0."""
    _node_id, index, items = _locate(doc, suggestion_id)
    return edit_suggestion(doc, suggestion_id, priority=_next(Priority, items[index].priority))


def cycle_suggestion_status(doc: Document, suggestion_id: str) -> Command:
    """proposed → accepted → in_progress → done → rejected → proposed."""
    _node_id, index, items = _locate(doc, suggestion_id)
    return edit_suggestion(doc, suggestion_id, status=_next(SuggestionStatus, items[index].status))


# -- links --------------------------------------------------------------------------


def add_link(doc: Document, node_id: str, url: str, title: str = "") -> Command:
    """Add a link (``url``, shown as ``title`` when given) after the node's other links."""
    node = _node(doc, node_id)
    link = _validate(Link, {"title": title, "url": url})
    return SetNodeField(node_id, "links", (*node.links, link), label="Add link")


def edit_link(doc: Document, node_id: str, index: int, **fields: Any) -> Command:
    """Change the ``title`` and/or ``url`` of link ``index`` of ``node_id``."""
    node = _node(doc, node_id)
    links = list(node.links)
    if not 0 <= index < len(links):
        raise OperationError(f"no link #{index + 1} on this node")
    links[index] = _validate(Link, {**links[index].model_dump(), **fields})
    return SetNodeField(node_id, "links", links, label="Edit link")


def delete_link(doc: Document, node_id: str, index: int) -> Command:
    """Remove link ``index`` of ``node_id``."""
    node = _node(doc, node_id)
    links = list(node.links)
    if not 0 <= index < len(links):
        raise OperationError(f"no link #{index + 1} on this node")
    del links[index]
    return SetNodeField(node_id, "links", links, label="Delete link")


# -- the document itself --------------------------------------------------------------


class SetDocumentField(Command):
    """Replace the document's metadata or its revision history."""

    def __init__(self, field: str, value: Any, label: str) -> None:
        if field not in ("meta", "revisions"):
            raise OperationError(f"a document has no field {field!r}")
        self.field = field
        self.value = value
        self.label = label
        self._old: Any = None

    def apply(self, doc: Document) -> None:
        self._old = getattr(doc, self.field)
        setattr(doc, self.field, self.value)

    def revert(self, doc: Document) -> None:
        setattr(doc, self.field, self._old)


def edit_meta(doc: Document, **fields: Any) -> Command:
    """Change some fields of the document's metadata."""
    meta = _validate(DocumentMeta, {**doc.meta.model_dump(), **fields})
    return SetDocumentField("meta", meta, "Edit document info")


def add_revision(doc: Document, **fields: Any) -> Command:
    """Append a row to the revision history."""
    revision = _validate(Revision, fields)
    return SetDocumentField("revisions", (*doc.revisions, revision), "Add revision")


def edit_revision(doc: Document, index: int, **fields: Any) -> Command:
    """Change some fields of revision row ``index``."""
    rows = list(doc.revisions)
    if not 0 <= index < len(rows):
        raise OperationError(f"no revision #{index + 1}")
    rows[index] = _validate(Revision, {**rows[index].model_dump(), **fields})
    return SetDocumentField("revisions", tuple(rows), "Edit revision")


def delete_revision(doc: Document, index: int) -> Command:
    """Remove revision row ``index``."""
    rows = list(doc.revisions)
    if not 0 <= index < len(rows):
        raise OperationError(f"no revision #{index + 1}")
    del rows[index]
    return SetDocumentField("revisions", tuple(rows), "Delete revision")
