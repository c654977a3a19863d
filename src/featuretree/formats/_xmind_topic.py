"""One XMind topic as read, whichever file it came from, and the tree built from them.

The readers of ``content.json`` (:mod:`._xmind_json`) and of XMind 8's ``content.xml``
(:mod:`._xmind_xml`) each turn a topic into a :class:`Topic`; :class:`Builder` makes
the nodes, names what is not kept and gathers what each topic carries through (see
:mod:`featuretree.formats.xmind_format` for the mapping).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from featuretree.formats._ids import IdPool
from featuretree.formats._xmind_beside import carry_spans
from featuretree.formats._xmind_write import MARKER_TAG, PRIORITY_MARKER, STATUS_LABEL, note_text
from featuretree.formats.errors import count_not_imported, warning_text
from featuretree.formats.freemind_format import IMAGE_PREFIX, IMAGE_TITLE, image_name
from featuretree.formats.notes_block import merge_links, parse_notes
from featuretree.i18n import t
from featuretree.model import ids
from featuretree.model.annotations import FeatureStatus
from featuretree.model.carried import json_depth_ok
from featuretree.model.node import FeatureNode
from featuretree.model.text import clean_line, clean_text
from featuretree.model.tree import attach

ATTACHMENT_PREFIX = "附件："
COMMENT_PREFIX = "批注"
# Detached topic groups XMind keeps beside the tree, by their kind of "children".
SKIPPED_KINDS = {"detached": "floating_topic", "callout": "callout", "summary": "summary"}
KEPT_BESIDE = ("detached", "callout", "summary")
"""The groups of topics beside a topic's children that are carried (see :data:`BESIDE`)."""
_STATUSES = {s.value: s for s in FeatureStatus}


@dataclass
class Topic:
    """What featuretree takes from one XMind topic."""

    id: object = None
    title: str = ""
    notes: str = ""
    labels: list[str] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)
    href: str = ""
    images: list[str] = field(default_factory=list)
    children: list[Any] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    carry: dict[str, Any] = field(default_factory=dict)
    """What the topic has that featuretree does not model but gives back (its style...)."""
    formatted_notes: dict[str, Any] | None = None
    """A formatted note, to be carried if its plain text is what the writer would write."""
    cls: str | None = None
    """Its ``"class"`` in ``content.json`` (``"topic"``), ``None`` when it had none."""


def carry_as(topic: Topic, key: str, value: object, kind: str) -> None:
    """Carry ``value`` as the topic's ``key``; count it as ``kind`` when it cannot be."""
    if json_depth_ok(value):
        topic.carry[key] = value
    else:
        count_not_imported(topic.skipped, kind)


def string(value: object) -> str:
    """A JSON scalar as text (a number too); ``""`` for anything else."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


def styled(style: object) -> bool:
    """Whether an XMind ``style`` object sets anything (``{"properties": {...}}``)."""
    return isinstance(style, dict) and bool(style.get("properties"))


def carry_attachment(topic: Topic) -> None:
    """An attached file (``href`` to ``xap:``) is written back on the topic, with its file."""
    if topic.href.startswith("xap:"):
        topic.carry["href"] = topic.href


def _line_breaks(text: str) -> int:
    """The line breaks inside ``text`` (not at its ends)."""
    return clean_text(text).strip().count("\n") if "\n" in text or "\r" in text else 0


class Builder:
    """Makes the nodes of a file's topics, gathering what they carry and what is not kept."""

    def __init__(
        self, comments: dict[str, list[str]] | None = None, *, classes: bool = False
    ) -> None:
        self.pool = IdPool()
        self.classes: list[tuple[str, str | None]] | None = [] if classes else None
        """(node id, its topic's ``"class"``) for each topic of a ``content.json``."""
        self.warnings: list[str] = []
        self.not_imported: dict[str, int] = {}
        self.comments = comments or {}
        self.carried: dict[str, dict[str, Any]] = {}
        """What each topic carries through, by node id (see :class:`Topic`)."""

    def node(self, topic: Topic, parent_id: str = "", index: int = 0) -> FeatureNode:
        """The node of ``topic`` (without its children), the ``index``-th under ``parent_id``."""
        # A title is one line: the line breaks typed into it (Shift+Enter) are not kept.
        count_not_imported(self.not_imported, "line_break", _line_breaks(topic.title))
        title = clean_line(topic.title)
        key = ids.node_key(parent_id, index, title)
        annotations = parse_notes(clean_text(topic.notes), self.pool.suggestion_ids(key))
        for warning in annotations.warnings:
            self.warnings.append(
                warning_text(
                    "warning.note_of",
                    title=repr(title) if title else t("app.untitled_row"),
                    warning=warning,
                )
            )
        carry = topic.carry
        # Pictures and attached files are named in the notes. Those written back on the
        # topic (carried, with their files) are named last, in lines the writer leaves
        # out again while they are there as read; the others are not imported.
        lines: list[str] = []
        kept: list[str] = []
        url = clean_line(topic.href)
        if url.startswith("xap:"):
            line = ATTACHMENT_PREFIX + (title or image_name(url))
            if "href" in carry:
                kept.append(line)
            else:
                lines.append(line)
                count_not_imported(self.not_imported, "attachment")
            url = ""
        elif url.startswith("xmind:"):
            count_not_imported(self.not_imported, "map_link")
            url = ""
        names = [image_name(src) for src in topic.images]
        if names:
            n_kept = 1 if "image" in carry else 0
            count_not_imported(self.not_imported, "image", len(names) - n_kept)
            if not title:
                # An image-only topic: say what it showed instead of "(untitled)".
                title = f"{IMAGE_TITLE} {names.pop(0)}"
                if n_kept:
                    carry = {**carry, "image_title": title}
                    n_kept = 0
            kept.extend(IMAGE_PREFIX + name for name in names[:n_kept])
            lines.extend(IMAGE_PREFIX + name for name in names[n_kept:])
        # Comments are the team's words: kept as note lines (author, date, text).
        lines.extend(self.comments.get(topic.id, ()) if isinstance(topic.id, str) else ())
        if kept:
            carry = {**carry, "lines": kept}
        lines.extend(kept)
        notes = "\n\n".join(part for part in (annotations.notes, "\n".join(lines)) if part)
        status = annotations.status or FeatureStatus.EXISTING
        tags: list[str] = []
        for label in topic.labels:
            label = clean_line(label)
            if label.startswith(STATUS_LABEL) and label[len(STATUS_LABEL) :] in _STATUSES:
                status = _STATUSES[label[len(STATUS_LABEL) :]]
            elif label:
                tags.append(label)
        for marker in topic.markers:
            marker = clean_line(marker)
            if marker:
                tags.append(marker if PRIORITY_MARKER.match(marker) else MARKER_TAG + marker)
        node = FeatureNode(
            title,
            id=self.pool.node_id(topic.id, key),
            notes=notes,
            tags=dict.fromkeys(tags),
            status=status,
            changelog=annotations.changelog,
            suggestions=self.pool.suggestions(annotations.suggestions, key),
            links=merge_links(url, annotations.links),
        )
        formatted = topic.formatted_notes
        if formatted is not None:
            if json_depth_ok(formatted) and note_text(node, carry) == clean_text(topic.notes):
                # Written back whole while the node's note text stays what it is now.
                carry = {**carry, "notes": formatted, "notes_text": note_text(node, carry)}
            else:
                count_not_imported(topic.skipped, "formatted_note")
        for kind, n in topic.skipped.items():
            count_not_imported(self.not_imported, kind, n)
        if carry:
            self.carried[node.id] = carry
        if self.classes is not None:
            self.classes.append((node.id, topic.cls))
        return node

    def carry_classes(self) -> bool:
        """Whether the topics of the ``content.json`` read mostly had a ``"class"``: a
        topic then gets one on writing; those that differ carry theirs (``None``: none),
        so an untouched topic is written with the keys it had. Nothing is carried for a
        file whose topics all agree (XMind 2020+ gives every topic one)."""
        classes = self.classes or []
        classed = sum(1 for _, cls in classes if cls is not None)
        most = classed * 2 >= len(classes)
        for node_id, cls in classes:
            if (cls is not None) != most or (cls is not None and cls != "topic"):
                self.carried[node_id] = {**self.carried.get(node_id, {}), "class": cls}
        return most

    def tree(self, raw: Any, extract: Any, index: int = 0) -> FeatureNode:
        """The tree under a sheet's central topic ``raw``, each raw topic read by ``extract``
        (walked with a stack: maps can be deeper than Python recurses)."""
        first = extract(raw)
        root = self.node(first, "", index)
        stack = [(root, first.children)]
        while stack:
            parent, children = stack.pop()
            for i, raw_child in enumerate(children):
                topic = extract(raw_child)
                node = self.node(topic, parent.id, i)
                attach(node, parent)
                if topic.children:
                    stack.append((node, topic.children))
                else:
                    self._spans(node)
            self._spans(parent)
        return root

    def _spans(self, node: FeatureNode) -> None:
        """Its boundaries and summaries carried with the children they span, now that
        they are its nodes (see :func:`~._xmind_beside.carry_spans`)."""
        carry = self.carried.get(node.id)
        if carry:
            carry = carry_spans(carry, [kid.id for kid in node.kids])
            if carry:
                self.carried[node.id] = carry
            else:
                del self.carried[node.id]


@dataclass
class Sheet:
    """One sheet as read: its title, central topic, what of it is not kept, its look, id."""

    title: str
    topic: Any
    counts: dict[str, int]
    look: dict[str, Any]
    id: str
