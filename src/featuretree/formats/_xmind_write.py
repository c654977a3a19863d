"""Writing ``.xmind`` archives (see :mod:`featuretree.formats.xmind_format` for the mapping).

Both ``content.json`` (XMind Zen/2020+) and ``content.xml`` (XMind 8) are built as
text by an explicit-stack walk: ``json.dumps`` and ElementTree's serializer recurse
once per level and would fail on very deep trees.
"""

from __future__ import annotations

import io
import json
import re
import zipfile

import featuretree
from featuretree.formats import _xml
from featuretree.formats._util import gc_paused
from featuretree.formats.notes_block import links_to_write, write_notes
from featuretree.model.annotations import FeatureStatus
from featuretree.model.carried import Carried
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode

STATUS_LABEL = "status:"
MARKER_TAG = "marker:"
PRIORITY_MARKER = re.compile(r"^priority-[1-9]$")
XMIND_RESERVED = ("xap:", "xmind:")
"""``href`` prefixes XMind reads as an attachment or a link inside the file, not a link out."""
ROOT_STRUCTURE = "org.xmind.ui.logic.right"
FORMAT = "xmind"
"""This format's key in :attr:`Document.carried <featuretree.model.document.Document.carried>`."""
SHEET_KEYS = ("theme", "style", "settings")
"""What of a sheet is carried through (its look), written back in this order."""
TOPIC_KEYS = ("style", "customWidth", "branch", "extensions")
"""What of a topic is carried through beside its layout and formatted note, in this order."""
# A fixed timestamp keeps the archive byte-identical for the same document.
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
_XML_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>'
    '<xmap-content xmlns="urn:xmind:xmap:xmlns:content:2.0" '
    'xmlns:fo="http://www.w3.org/1999/XSL/Format" xmlns:svg="http://www.w3.org/2000/svg" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'version="2.0">'
)
_XML_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>'
    '<manifest xmlns="urn:xmind:xmap:xmlns:manifest:1.0">'
    '<file-entry full-path="content.xml" media-type="text/xml"/>'
    '<file-entry full-path="META-INF/" media-type=""/>'
    '<file-entry full-path="META-INF/manifest.xml" media-type="text/xml"/>'
    "</manifest>"
)


def joins(relationship: object, doc: Document) -> bool:
    """Whether an XMind relationship joins two nodes ``doc`` has (by their topic ids)."""
    if not isinstance(relationship, dict):
        return False
    ends = relationship.get("end1Id"), relationship.get("end2Id")
    return all(isinstance(end, str) and end in doc for end in ends)


def split_tags(node: FeatureNode) -> tuple[list[str], list[str]]:
    """The node's labels (tags, plus its status) and its marker ids."""
    labels, markers = [], []
    for tag in node.tags:
        if PRIORITY_MARKER.match(tag):
            markers.append(tag)
        elif tag.startswith(MARKER_TAG) and len(tag) > len(MARKER_TAG):
            markers.append(tag[len(MARKER_TAG) :])
        else:
            labels.append(tag)
    if node.status is not FeatureStatus.EXISTING:
        labels.append(STATUS_LABEL + node.status.value)
    return labels, markers


def note_text(node: FeatureNode) -> str:
    """The plain text of the note written for ``node`` (annotations and all)."""
    block_links = links_to_write(node.links, XMIND_RESERVED)[1]
    return write_notes(node.notes, node.changelog, node.suggestions, links=block_links)


# -- content.json ----------------------------------------------------------------------


def _structure(node: FeatureNode, is_root: bool, carried: dict[str, object]) -> str:
    """The topic's layout: the one it had, else the root's default."""
    structure = carried.get("structureClass")
    if isinstance(structure, str) and structure:
        return structure
    return ROOT_STRUCTURE if is_root else ""


def _topic_head(node: FeatureNode, is_root: bool, carried: dict[str, object]) -> str:
    """The topic as JSON without its children and its closing brace.

    ``carried``: what the file it came from had that featuretree does not model (its
    style, layout, fold...), given back as it was; the user's fields always win.
    """
    topic: dict[str, object] = {"id": node.id, "class": "topic", "title": node.title}
    structure = _structure(node, is_root, carried)
    if structure:
        topic["structureClass"] = structure
    url = links_to_write(node.links, XMIND_RESERVED)[0]
    if url:
        topic["href"] = url
    notes = note_text(node)
    formatted = carried.get("notes")
    if notes and carried.get("notes_text") == notes and isinstance(formatted, dict):
        # The note is as it was read: its formatting comes back with it.
        topic["notes"] = formatted
    elif notes:
        topic["notes"] = {"plain": {"content": notes}}
    labels, markers = split_tags(node)
    if labels:
        topic["labels"] = labels
    if markers:
        topic["markers"] = [{"markerId": marker} for marker in markers]
    for key in TOPIC_KEYS:
        if key in carried:
            topic[key] = carried[key]
    return json.dumps(topic, ensure_ascii=False)[:-1]


def content_json(doc: Document) -> str:
    """The ``content.json`` text: one sheet holding the whole tree."""
    sheet: dict[str, object] = {
        "id": f"{doc.root.id}-sheet",
        "class": "sheet",
        "title": doc.meta.title or doc.root.title,
    }
    look = doc.carried.document(FORMAT)
    sheet.update((key, look[key]) for key in SHEET_KEYS if key in look)
    relationships = look.get("relationships")
    if isinstance(relationships, list):
        # Only between topics that are still there: one deleted takes its arrows with it.
        kept = [rel for rel in relationships if joins(rel, doc)]
        if kept:
            sheet["relationships"] = kept
    sheet_head = json.dumps(sheet, ensure_ascii=False)[:-1]
    carried = doc.carried
    out = ["[", sheet_head, ',"rootTopic":']
    stack: list[FeatureNode | str] = [doc.root]
    root = doc.root
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        out.append(_topic_head(item, item is root, carried.node(FORMAT, item.id)))
        kids = item.kids
        if not kids:
            out.append("}")
            continue
        out.append(',"children":{"attached":[')
        stack.append("]}}")
        for i in range(len(kids) - 1, -1, -1):
            stack.append(kids[i])
            if i:
                stack.append(",")
    out.append(',"topicPositioning":"fixed"}]')
    return "".join(out)


# -- content.xml (XMind 8) ------------------------------------------------------------------


def _xml_topic_head(node: FeatureNode, is_root: bool, carried: dict[str, object]) -> str:
    structure = _structure(node, is_root, carried)
    structure = f' structure-class="{_xml.attr(structure)}"' if structure else ""
    if carried.get("branch") == "folded":
        structure += ' branch="folded"'
    url = links_to_write(node.links, XMIND_RESERVED)[0]
    if url:
        structure += f' xlink:href="{_xml.attr(url)}"'
    parts = [f'<topic id="{_xml.attr(node.id)}"{structure}><title>{_xml.text(node.title)}</title>']
    labels, markers = split_tags(node)
    if markers:
        refs = "".join(f'<marker-ref marker-id="{_xml.attr(m)}"/>' for m in markers)
        parts.append(f"<marker-refs>{refs}</marker-refs>")
    if labels:
        parts.append(
            "<labels>" + "".join(f"<label>{_xml.text(t)}</label>" for t in labels) + "</labels>"
        )
    notes = note_text(node)
    if notes:
        parts.append(f"<notes><plain>{_xml.text(notes)}</plain></notes>")
    return "".join(parts)


def content_xml(doc: Document) -> str:
    """The XMind 8 ``content.xml`` text for the same single sheet."""
    root = doc.root
    carried: Carried = doc.carried
    out = [_XML_HEAD, f'<sheet id="{_xml.attr(root.id)}-sheet">']
    stack: list[FeatureNode | str] = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        out.append(_xml_topic_head(item, item is root, carried.node(FORMAT, item.id)))
        kids = item.kids
        if not kids:
            out.append("</topic>")
            continue
        out.append('<children><topics type="attached">')
        stack.append("</topics></children></topic>")
        stack.extend(reversed(kids))
    out.append(f"<title>{_xml.text(doc.meta.title or root.title)}</title></sheet></xmap-content>")
    return "".join(out)


# -- the archive -------------------------------------------------------------------------


def write_xmind(doc: Document) -> bytes:
    """The document as an ``.xmind`` archive that XMind Zen/2020+ and XMind 8 open."""
    with gc_paused():
        return _archive(doc)


def _archive(doc: Document) -> bytes:
    metadata = {"creator": {"name": "featuretree", "version": featuretree.__version__}}
    manifest = {"file-entries": {"content.json": {}, "metadata.json": {}}}
    members = [
        # Lone surrogates cannot be stored as UTF-8; "replace" keeps the rest intact.
        ("content.json", content_json(doc).encode("utf-8", "replace")),
        ("metadata.json", json.dumps(metadata).encode()),
        ("manifest.json", json.dumps(manifest).encode()),
        ("content.xml", content_xml(doc).encode("utf-8")),
        ("META-INF/manifest.xml", _XML_MANIFEST.encode()),
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()
