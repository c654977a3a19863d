"""FreeMind and Freeplane mind maps (``.mm``).

Reading takes ``<map><node>…`` as nested, with:

* the title from ``TEXT``, else the rich ``<richcontent TYPE="NODE">`` (HTML → one
  line of text), else ``LOCALIZED_TEXT``;
* notes from ``<richcontent TYPE="DETAILS">`` and ``TYPE="NOTE"`` (HTML → text, or
  Freeplane's plain/Markdown text as written; in that order, a blank line between),
  or FreeMind 0.8's ``NodeNote`` hook, then a ``链接：<url>`` line for a ``LINK`` to
  outside the map, then one ``name: value`` line per ``<attribute>`` that featuretree
  does not use itself;
* ``<attribute NAME="status">`` with a featuretree status → the status;
  ``<attribute NAME="tag">`` → a tag;
* icons → tags: ``full-N`` (FreeMind's priority icons) → ``priority-N``, any other
  ``<icon BUILTIN="x">`` → ``icon:x``;
* ``ID`` → the node id when valid and unique; ``FOLDED``, styles, colours, clouds,
  edges and hooks are ignored (so Freeplane's ``MapStyle`` style nodes never become
  nodes); several top-level nodes go under a root "FreeMind" (with a warning).

Writing gives a FreeMind 1.0.1 map (Freeplane opens it too): ``TEXT`` escaped, notes
as simple HTML with the change log and suggestions in a readable block (see
:mod:`featuretree.formats.notes_block`, parsed back on reading), status and tags as
attributes, ``priority-N``/``icon:x`` tags as icons. Both directions walk the tree
iteratively.
"""

from __future__ import annotations

import re
from typing import Any

from featuretree.formats import _xml
from featuretree.formats._freemind_html import element_text, text_to_html
from featuretree.formats._ids import IdPool
from featuretree.formats._util import gc_paused
from featuretree.formats._xml import local, parse_xml
from featuretree.formats.errors import FormatError
from featuretree.formats.notes_block import parse_notes, write_notes
from featuretree.formats.registry import Format, register
from featuretree.model.annotations import FeatureStatus
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.text import clean_line, clean_text
from featuretree.model.tree import attach

STATUS_ATTRIBUTE = "status"
TAG_ATTRIBUTE = "tag"
ICON_TAG = "icon:"
LINK_PREFIX = "链接："
_PRIORITY_TAG = re.compile(r"^priority-([1-9])$")
_PRIORITY_ICON = re.compile(r"^full-([1-9])$")
_STATUSES = {s.value: s for s in FeatureStatus}


# -- reading -------------------------------------------------------------------------


def _rich_text(part: Any) -> str:
    """The text of a ``<richcontent>``: HTML (FreeMind, Freeplane) or plain text.

    Freeplane 1.9+ may store plain or Markdown text (``CONTENT-TYPE="plain/…"``) in a
    ``<text>`` child, line breaks and all; that is kept as written.
    """
    for child in part:
        if local(child.tag) == "html":
            return element_text(part)
    holder = next((child for child in part if local(child.tag) == "text"), part)
    return "".join(holder.itertext()).strip("\n").rstrip()


class _Reader:
    def __init__(self) -> None:
        self.pool = IdPool()
        self.warnings: list[str] = []

    def node(self, elem: Any) -> tuple[FeatureNode, list[Any]]:
        """The node for a ``<node>`` element, and its child ``<node>`` elements."""
        rich: dict[str, str] = {}
        attributes: list[tuple[str, str]] = []
        icons: list[str] = []
        children = []
        for part in elem:
            kind = local(part.tag)
            if kind == "node":
                children.append(part)
            elif kind == "richcontent":
                kind_of = (part.get("TYPE") or "").upper()
                if kind_of in ("NODE", "NOTE", "DETAILS") and kind_of not in rich:
                    rich[kind_of] = _rich_text(part)
            elif kind == "attribute":
                attributes.append((part.get("NAME") or "", part.get("VALUE") or ""))
            elif kind == "icon":
                icons.append(part.get("BUILTIN") or "")
            elif kind == "hook" and (part.get("NAME") or "").endswith("NodeNote.properties"):
                # FreeMind 0.8 kept a plain-text note in a hook; later versions use richcontent.
                rich.setdefault("NOTE", _rich_text(part))

        title = elem.get("TEXT")
        if title is None:
            title = rich.get("NODE")
            if title is None:
                title = elem.get("LOCALIZED_TEXT", "")
        title = clean_line(title)

        annotations = parse_notes(clean_text(rich.get("NOTE", "")), self.pool.fresh)
        for warning in annotations.warnings:
            self.warnings.append(f"note of {title or '(untitled)'!r}: {warning}")
        status = annotations.status or FeatureStatus.EXISTING
        tags: list[str] = []
        extra: list[str] = []
        for name, value in attributes:
            name, value = clean_line(name), clean_line(value)
            if name == STATUS_ATTRIBUTE and value in _STATUSES:
                status = _STATUSES[value]
            elif name == TAG_ATTRIBUTE:
                if value:
                    tags.append(value)
            elif name or value:
                extra.append(f"{name}: {value}")
        for icon in icons:
            icon = clean_line(icon)
            if icon:
                priority = _PRIORITY_ICON.match(icon)
                tags.append(f"priority-{priority[1]}" if priority else ICON_TAG + icon)

        link = clean_line(elem.get("LINK") or "")
        if link and not link.startswith("#"):
            extra.insert(0, LINK_PREFIX + link)
        blocks = [clean_text(rich.get("DETAILS", "")), annotations.notes, "\n".join(extra)]
        notes = "\n\n".join(block for block in blocks if block)

        node = FeatureNode(
            title,
            id=self.pool.node_id(elem.get("ID")),
            notes=notes,
            tags=dict.fromkeys(tags),
            status=status,
            changelog=annotations.changelog,
            suggestions=self.pool.suggestions(annotations.suggestions),
        )
        return node, children

    def tree(self, top: Any) -> FeatureNode:
        root, children = self.node(top)
        stack = [(root, children)]
        while stack:
            parent, elements = stack.pop()
            for elem in elements:
                node, grandchildren = self.node(elem)
                attach(node, parent)
                if grandchildren:
                    stack.append((node, grandchildren))
        return root


def read_freemind(data: bytes) -> Document:
    """Read a FreeMind/Freeplane ``.mm`` map."""
    with gc_paused():
        root_elem = parse_xml(data, "")
    if local(root_elem.tag) != "map":
        raise FormatError(
            f"not a FreeMind/Freeplane map (the root element is <{local(root_elem.tag)}>, not <map>)"
        )
    tops = [child for child in root_elem if local(child.tag) == "node"]
    if not tops:
        raise FormatError("the map has no nodes")
    reader = _Reader()
    with gc_paused():
        roots = [reader.tree(top) for top in tops]
    if len(roots) == 1:
        root = roots[0]
    else:
        root = FeatureNode("FreeMind", id=reader.pool.fresh())
        for top in roots:
            attach(top, root)
        reader.warnings.insert(0, f"the map has {len(roots)} top-level nodes; they are under a new root")
    doc = Document(root)
    doc.warnings.extend(reader.warnings)
    return doc


# -- writing -------------------------------------------------------------------------


def _node_head(node: FeatureNode) -> str:
    """The ``<node>`` start tag and everything inside it except the child nodes."""
    parts = [f'<node ID="{_xml.attr(node.id)}" TEXT="{_xml.attr(node.title)}">\n']
    notes = write_notes(node.notes, node.changelog, node.suggestions)
    if notes:
        parts.append(f'<richcontent TYPE="NOTE">{_xml.markup(text_to_html(notes))}</richcontent>\n')
    if node.status is not FeatureStatus.EXISTING:
        parts.append(f'<attribute NAME="{STATUS_ATTRIBUTE}" VALUE="{node.status.value}"/>\n')
    icons = []
    for tag in node.tags:
        priority = _PRIORITY_TAG.match(tag)
        if priority:
            icons.append(f"full-{priority[1]}")
        elif tag.startswith(ICON_TAG) and len(tag) > len(ICON_TAG):
            icons.append(tag[len(ICON_TAG) :])
        else:
            parts.append(f'<attribute NAME="{TAG_ATTRIBUTE}" VALUE="{_xml.attr(tag)}"/>\n')
    parts.extend(f'<icon BUILTIN="{_xml.attr(icon)}"/>\n' for icon in icons)
    return "".join(parts)


def write_freemind(doc: Document) -> bytes:
    """The document as a FreeMind 1.0.1 map (UTF-8)."""
    with gc_paused():
        return _write(doc)


def _write(doc: Document) -> bytes:
    out = [
        '<map version="1.0.1">\n',
        "<!-- To view this file, download free mind mapping software FreeMind from "
        "http://freemind.sourceforge.net -->\n",
    ]
    stack: list[FeatureNode | str] = [doc.root]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        out.append(_node_head(item))
        stack.append("</node>\n")
        stack.extend(reversed(item.kids))
    out.append("</map>\n")
    return "".join(out).encode("utf-8")


register(
    Format(
        name="mm",
        label="FreeMind / Freeplane",
        extensions=(".mm",),
        reader=read_freemind,
        writer=write_freemind,
        aliases=("freemind", "freeplane"),
    )
)
