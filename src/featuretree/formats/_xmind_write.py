"""Writing ``.xmind`` archives (see :mod:`featuretree.formats.xmind_format` for the mapping).

Both ``content.json`` (XMind Zen/2020+) and ``content.xml`` (XMind 8) are built as
text by an explicit-stack walk: ``json.dumps`` and ElementTree's serializer recurse
once per level and would fail on very deep trees.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import json
import mimetypes
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

import featuretree
from featuretree.formats import _xml
from featuretree.formats._util import gc_paused
from featuretree.formats._xmind_beside import BESIDE, held_of, spans, written_ids
from featuretree.formats._xmind_beside import groups as groups_beside
from featuretree.formats.notes_block import links_to_write, write_notes
from featuretree.model.annotations import FeatureStatus, Link
from featuretree.model.carried import Carried
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import preorder

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
TOPIC_KEYS = ("style", "customWidth", "branch", "extensions", "image")
"""What of a topic is carried through beside its layout, formatted note and attachment, in
this order (``image``: the topic's picture, its file an :data:`ENTRY_FOLDERS` entry)."""
THUMBNAILS = "Thumbnails/"
"""Where an archive keeps its preview picture: carried (document-level ``"thumbnail"``:
``"files"`` by name, and the ``"shows"`` of the map it shows, :func:`shown_digest`) and
written back while the map is as it was read, so that the picture still shows it."""
ARCHIVE = "archive"
"""Document-level key: how the archive of a map read from ``content.json`` was made, so
that it is written back so: ``"class"`` (whether its topics mostly had a ``"class"``;
those that differ carry theirs), :data:`CONTENT_XML` (its ``content.xml`` as read, base64
text, or ``None`` for none; absent: written from the map) and :data:`MANIFEST_XML`
(whether it had one). Absent for XMind 8 files and featuretree's own documents: both
files are written from the map."""
CONTENT_XML = "content.xml"
MANIFEST_XML = "META-INF/manifest.xml"
ENTRY_FOLDERS = ("resources/", "attachments/")
"""Where an archive keeps the files its topics show or attach (``xap:resources/…``):
carried (document-level ``"entries"``) and written back while a topic refers to them."""
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
)


def joins(relationship: object, *written: Document | set[str]) -> bool:
    """Whether an XMind relationship joins two topics that are ``written`` (nodes of a
    document, or ids of what is written beside them, see :func:`beside_ids`)."""
    if not isinstance(relationship, dict):
        return False
    ends = relationship.get("end1Id"), relationship.get("end2Id")
    return all(isinstance(end, str) and any(end in ids for ids in written) for end in ends)


def beside_ids(root: FeatureNode, carried: Carried) -> set[str]:
    """The ids of what is written beside the nodes under ``root`` (floating topics,
    callouts, summary topics, boundaries): a relationship may join them too."""
    topics = (
        ([kid.id for kid in node.kids], data)
        for node in preorder(root)
        if (data := carried.node(FORMAT, node.id)) and (BESIDE in data or "boundaries" in data)
    )
    return written_ids(topics)


def held(doc: Document) -> dict[str, int]:
    """What ``doc`` carries for XMind beside its nodes, by the kinds of
    ``Document.not_imported`` (floating topics, callouts, summary topics, boundaries,
    relationships): a file written from it holds as many, unless what they join or span
    is gone. The loss check compares it with what the file written holds (read back)."""
    counts: dict[str, int] = {}
    look = doc.carried.document(FORMAT)
    recorded = look.get("sheets")
    for sheet in recorded if isinstance(recorded, list) else [look]:
        relationships = sheet.get("relationships") if isinstance(sheet, dict) else None
        if isinstance(relationships, list) and relationships:
            counts["relationship"] = counts.get("relationship", 0) + len(relationships)
    for data in doc.carried.nodes(FORMAT).values():
        held_of(data, counts)
    return counts


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


def note_text(node: FeatureNode, carried: dict[str, Any] | None = None) -> str:
    """The plain text of the note written for ``node`` (annotations and all).

    ``carried``: what the node's topic carried; the lines the reader added to the notes
    to name a carried picture or attachment (``"lines"``) are left out while they are
    still there, since the picture or attachment itself is written back (and named
    again when the file is read).
    """
    notes = node.notes
    lines = carried.get("lines") if carried else None
    if isinstance(lines, list) and lines:
        text = notes.split("\n")
        for line in reversed(lines):
            for i in range(len(text) - 1, -1, -1):
                if text[i] == line:
                    del text[i]
                    break
        notes = "\n".join(text).strip("\n")
    block_links = _links(node, carried or {})[1]
    return write_notes(notes, node.changelog, node.suggestions, links=block_links)


def entry_name(reference: object) -> str:
    """The archive entry an ``xap:`` reference names (``""`` when it names none carried)."""
    if isinstance(reference, str) and reference.startswith("xap:"):
        name = reference[4:]
        parts = name.split("/")
        # Never a name that would climb out of the folder where the archive is unpacked.
        if name.startswith(ENTRY_FOLDERS) and parts[-1] and ".." not in parts and "\\" not in name:
            return name
    return ""


def references(carried: dict[str, Any]) -> list[str]:
    """The archive entries a topic's carried picture and attachment refer to."""
    image = carried.get("image")
    refs = [
        entry_name(image.get("src")) if isinstance(image, dict) else "",
        entry_name(carried.get("href")),
    ]
    return [name for name in refs if name]


# -- the sheets ----------------------------------------------------------------------------


@dataclass
class Sheet:
    """One sheet to write: its id, title, central topic and carried look."""

    id: str
    title: str
    root: FeatureNode
    look: dict[str, Any] = field(default_factory=dict)
    """Its theme, style, settings and relationships as carried (see ``SHEET_KEYS``)."""
    alone: bool = True
    """Whether it holds the whole document (else its relationships must stay inside it)."""


def sheets(doc: Document) -> list[Sheet]:
    """The sheets ``doc`` is written as.

    One, holding the whole tree, unless the document was read from several sheets
    (document-level ``"sheets"``, over the root ``"root"`` the reader made up) and that
    root still has several children: then each child is a sheet titled by it, in their
    order. A child that was a sheet's name over its central topic (``"topic"``) and still
    holds just that topic gives the topic as the sheet's; a child the user added is a new
    sheet; a sheet whose child was deleted is not written. With one child left the file
    has one sheet again, holding the whole tree as it shows in featuretree (read back, it
    is the same tree), with that child's sheet's look.
    """
    look = doc.carried.document(FORMAT)
    recorded = look.get("sheets")
    root = doc.root
    made_up = isinstance(recorded, list) and look.get("root") == root.id
    by_node = (
        {
            entry["node"]: entry
            for entry in recorded
            if isinstance(entry, dict) and isinstance(entry.get("node"), str)
        }
        if made_up
        else {}
    )
    if len(root.kids) < 2 or not made_up:
        if made_up and root.kids:
            look = by_node.get(root.kids[0].id, {})
        return [Sheet(f"{root.id}-sheet", doc.meta.title or root.title, root, look)]
    out = []
    for kid in root.kids:
        entry = by_node.get(kid.id, {})
        top = kid
        if (
            entry.get("topic") != kid.id
            and len(kid.kids) == 1
            and kid.kids[0].id == entry.get("topic")
        ):
            top = kid.kids[0]
        sheet_id = entry.get("id")
        if not isinstance(sheet_id, str) or not sheet_id:
            sheet_id = f"{top.id}-sheet"
        out.append(Sheet(sheet_id, kid.title, top, entry, alone=False))
    return out


def _sheet_head(sheet: Sheet, doc: Document) -> str:
    """The sheet as JSON without its topics and its closing brace."""
    head: dict[str, object] = {"id": sheet.id, "class": "sheet", "title": sheet.title}
    look = sheet.look
    head.update((key, look[key]) for key in SHEET_KEYS if key in look)
    kept = _relationships(sheet, doc)
    if kept:
        head["relationships"] = kept
    return json.dumps(head, ensure_ascii=False)[:-1]


def _relationships(sheet: Sheet, doc: Document, *, beside: bool = True) -> list[dict[str, Any]]:
    """The sheet's carried relationships that are written: only between topics that are
    still there. One deleted takes its arrows with it; one moved to another sheet too
    (XMind joins topics of one sheet only). The loss check names them (:func:`held`).
    ``beside``: to what is written beside the nodes too (a floating topic...), which
    ``content.xml`` does not have."""
    relationships = sheet.look.get("relationships")
    if not isinstance(relationships, list):
        return []
    inside: Document | set[str] = doc
    if not sheet.alone:
        inside = {node.id for node in preorder(sheet.root)}
    kept = [rel for rel in relationships if joins(rel, inside)]
    if beside and len(kept) < len(relationships):
        # Some end is not a node: a topic beside one (a floating topic...), or gone.
        beside = beside_ids(sheet.root, doc.carried)
        kept = [rel for rel in relationships if joins(rel, inside, beside)]
    return kept


# -- content.json ----------------------------------------------------------------------


def _structure(node: FeatureNode, is_root: bool, carried: dict[str, object]) -> str:
    """The topic's layout: the one it had, else the root's default (``is_root``)."""
    structure = carried.get("structureClass")
    if isinstance(structure, str) and structure:
        return structure
    return ROOT_STRUCTURE if is_root else ""


def _kept(doc: Document) -> dict[str, Any] | None:
    """How the archive the map was read from was made (:data:`ARCHIVE`), if it was read
    from a ``content.json``."""
    kept = doc.carried.document(FORMAT).get(ARCHIVE)
    return kept if isinstance(kept, dict) else None


def _title(node: FeatureNode, carried: dict[str, Any]) -> str:
    """The topic's title: empty again for a picture-only topic still titled as read."""
    made = carried.get("image_title")
    if made and node.title == made and "image" in carried:
        return ""
    return node.title


def _links(node: FeatureNode, carried: dict[str, Any]) -> tuple[str, tuple[Link, ...]]:
    """The topic's ``href`` and the links for the note's block (see ``links_to_write``).

    A topic has one ``href``: one that holds an attached file (carried) keeps it, and
    the node's links all go in the block, which gives them back on reading.
    """
    attached = carried.get("href")
    if isinstance(attached, str):
        return attached, node.links
    return links_to_write(node.links, XMIND_RESERVED)


def _topic_head(
    node: FeatureNode, is_root: bool, carried: dict[str, Any], classed: bool = True
) -> str:
    """The topic as JSON without its children and its closing brace.

    ``carried``: what the file it came from had that featuretree does not model (its
    style, layout, fold...), given back as it was; the user's fields always win.
    ``classed``: whether a topic has a ``"class"`` unless it carried its own (or none).
    ``is_root``: a root without a layout of its own gets the default one.
    """
    cls = carried.get("class", "topic" if classed else None)
    topic: dict[str, object] = {"id": node.id}
    if isinstance(cls, str):
        topic["class"] = cls
    topic["title"] = _title(node, carried)
    structure = _structure(node, is_root, carried)
    if structure:
        topic["structureClass"] = structure
    url = _links(node, carried)[0]
    if url:
        topic["href"] = url
    notes = note_text(node, carried)
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
    # Its boundaries and summaries, over the children they spanned where those are now
    # (each while they still stand side by side).
    if "boundaries" in carried or "summaries" in carried:
        boundaries, summaries = spans([kid.id for kid in node.kids], carried)
        if boundaries:
            topic["boundaries"] = boundaries
        if summaries:
            topic["summaries"] = summaries
    return json.dumps(topic, ensure_ascii=False)[:-1]


def _groups(node: FeatureNode, carried: dict[str, Any]) -> dict[str, list[Any]]:
    """The topic's carried floating topics, callouts and summary topics to write (see
    :func:`~._xmind_beside.groups`), by kind."""
    if BESIDE not in carried:
        return {}
    return groups_beside([kid.id for kid in node.kids], carried)


def _beside(groups: dict[str, list[Any]]) -> str:
    """``groups`` as the JSON members that follow ``"attached"`` (each with its leading
    comma), or ``""``."""
    return "".join(
        f",{json.dumps(kind)}:{json.dumps(topics, ensure_ascii=False)}"
        for kind, topics in groups.items()
    )


def _closing(groups: dict[str, list[Any]], has_kids: bool) -> str:
    """What ends a topic written up to its head (and its children, ``has_kids``)."""
    beside = _beside(groups)
    if has_kids:
        return f"]{beside}}}}}"
    return f',"children":{{{beside[1:]}}}}}' if beside else "}"


def content_json(doc: Document) -> str:
    """The ``content.json`` text: the document's sheets (see :func:`sheets`)."""
    carried = doc.carried
    kept = _kept(doc)
    # A map read from content.json: its topics get the keys they had, no more (the
    # central topic no default layout, a topic a "class" as the file gave them).
    classed = kept.get("class") is not False if kept is not None else True
    default_layout = kept is None
    out = ["["]
    for n, sheet in enumerate(sheets(doc)):
        if n:
            out.append(",")
        out.extend((_sheet_head(sheet, doc), ',"rootTopic":'))
        root = sheet.root
        root_groups = _groups(root, carried.node(FORMAT, root.id))
        # Floating topics belong to the sheet's central topic: those of a topic that is
        # no longer one (a sheet's name over it now) go to the central topic, written
        # last (None on the stack), when every topic of the sheet has been seen.
        floating: list[Any] = list(root_groups.pop("detached", ()))
        stack: list[FeatureNode | str | None] = [root]
        while stack:
            item = stack.pop()
            if item is None:
                if floating:
                    root_groups["detached"] = floating
                out.append(_closing(root_groups, True))
                continue
            if isinstance(item, str):
                out.append(item)
                continue
            look = carried.node(FORMAT, item.id)
            out.append(_topic_head(item, default_layout and item is root, look, classed))
            if item is root:
                groups = root_groups
            else:
                groups = _groups(item, look)
                floating.extend(groups.pop("detached", ()))
            kids = item.kids
            if not kids:
                if item is root and floating:
                    groups["detached"] = floating
                out.append(_closing(groups, False))
                continue
            out.append(',"children":{"attached":[')
            stack.append(None if item is root else _closing(groups, True))
            for i in range(len(kids) - 1, -1, -1):
                stack.append(kids[i])
                if i:
                    stack.append(",")
        out.append(',"topicPositioning":"fixed"}')
    out.append("]")
    return "".join(out)


# -- content.xml (XMind 8) ------------------------------------------------------------------


def _xml_topic_head(node: FeatureNode, is_root: bool, carried: dict[str, Any]) -> str:
    structure = _structure(node, is_root, carried)
    structure = f' structure-class="{_xml.attr(structure)}"' if structure else ""
    if carried.get("branch") == "folded":
        structure += ' branch="folded"'
    url = _links(node, carried)[0]
    if url:
        structure += f' xlink:href="{_xml.attr(url)}"'
    title = _xml.text(_title(node, carried))
    parts = [f'<topic id="{_xml.attr(node.id)}"{structure}><title>{title}</title>']
    image = carried.get("image")
    if isinstance(image, dict) and isinstance(image.get("src"), str):
        parts.append(f'<xhtml:img xhtml:src="{_xml.attr(image["src"])}"/>')
    labels, markers = split_tags(node)
    if markers:
        refs = "".join(f'<marker-ref marker-id="{_xml.attr(m)}"/>' for m in markers)
        parts.append(f"<marker-refs>{refs}</marker-refs>")
    if labels:
        parts.append(
            "<labels>" + "".join(f"<label>{_xml.text(t)}</label>" for t in labels) + "</labels>"
        )
    notes = note_text(node, carried)
    if notes:
        parts.append(f"<notes><plain>{_xml.text(notes)}</plain></notes>")
    if "boundaries" in carried:
        boundaries = spans([kid.id for kid in node.kids], carried)[0]
        if boundaries:
            parts.append(f"<boundaries>{''.join(map(_xml_boundary, boundaries))}</boundaries>")
    return "".join(parts)


def _xml_boundary(boundary: dict[str, Any]) -> str:
    """A carried boundary as XMind 8 writes it (its style, XMind Zen's, is not)."""
    return (
        f"<boundary{_xml_ids(boundary, id='id', range='range')}>{_xml_title(boundary)}</boundary>"
    )


def _xml_relationship(relationship: dict[str, Any]) -> str:
    """A carried relationship as XMind 8 writes it (its look, XMind Zen's, is not)."""
    names = _xml_ids(relationship, id="id", end1="end1Id", end2="end2Id")
    return f"<relationship{names}>{_xml_title(relationship)}</relationship>"


def _xml_ids(item: dict[str, Any], **names: str) -> str:
    """``item``'s string values as XML attributes (``attribute=key``)."""
    return "".join(
        f' {attribute}="{_xml.attr(item[key])}"'
        for attribute, key in names.items()
        if isinstance(item.get(key), str)
    )


def _xml_title(item: dict[str, Any]) -> str:
    title = item.get("title")
    return f"<title>{_xml.text(title)}</title>" if isinstance(title, str) and title else ""


def content_xml(doc: Document) -> str:
    """The XMind 8 ``content.xml`` text for the same sheets."""
    carried: Carried = doc.carried
    out = [_XML_HEAD]
    for sheet in sheets(doc):
        root = sheet.root
        out.append(f'<sheet id="{_xml.attr(sheet.id)}">')
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
        relationships = _relationships(sheet, doc, beside=False)
        if relationships:
            rels = "".join(map(_xml_relationship, relationships))
            out.append(f"<relationships>{rels}</relationships>")
        out.append(f"<title>{_xml.text(sheet.title)}</title></sheet>")
    out.append("</xmap-content>")
    return "".join(out)


# -- the archive -------------------------------------------------------------------------


def write_xmind(doc: Document) -> bytes:
    """The document as an ``.xmind`` archive that XMind Zen/2020+ and XMind 8 open."""
    with gc_paused():
        return _archive(doc)


def shown_digest(doc: Document) -> str:
    """What identifies the map a preview picture shows: each node's place, title, tags,
    status, whether it has notes or links (the icons), in document order; the look is
    carried unchanged. A fraction of the cost of writing the map (it is taken on reading
    a file that has a preview, and on writing it back)."""
    parts = [
        f"{node.id}\x1f{node.title}\x1f{len(node.kids)}\x1f{node.status.value}\x1f"
        f"{chr(30).join(node.tags)}\x1f{bool(node.notes or node.changelog or node.suggestions)}"
        f"\x1f{len(node.links)}"
        for node in doc.iter_nodes()
    ]
    if doc.carried.document(FORMAT).get("root") == doc.root.id:
        # Several sheets: the root the reader made up (named after the file) is not drawn.
        parts[0] = f"{doc.root.id}\x1f{len(doc.root.kids)}"
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _decoded(stored: dict[str, Any], names: list[str]) -> list[tuple[str, bytes]]:
    out = []
    for name in names:
        encoded = stored.get(name)
        if isinstance(encoded, str):
            try:
                out.append((name, base64.b64decode(encoded, validate=True)))
            except (binascii.Error, ValueError):
                continue  # a hand-edited JSON file: that picture is gone, the map is not
    return out


def _thumbnail(doc: Document) -> list[tuple[str, bytes]]:
    """The preview picture read with the map, while the map is still the one it shows."""
    thumbnail = doc.carried.document(FORMAT).get("thumbnail")
    if not isinstance(thumbnail, dict) or thumbnail.get("shows") != shown_digest(doc):
        # Edited since: XMind draws a new one when it next saves; an old one would
        # show a map the file no longer holds.
        return []
    files = thumbnail.get("files")
    if not isinstance(files, dict):
        return []
    return _decoded(files, sorted(name for name in files if name.startswith(THUMBNAILS)))


def _entries(doc: Document) -> list[tuple[str, bytes]]:
    """The carried files (pictures, attachments) a node of ``doc`` still refers to."""
    stored = doc.carried.document(FORMAT).get("entries")
    if not isinstance(stored, dict) or not stored:
        return []
    carried = doc.carried
    wanted: set[str] = set()
    for node in doc.iter_nodes():
        data = carried.node(FORMAT, node.id)
        if data:
            wanted.update(references(data))
    return _decoded(stored, sorted(wanted))


def _metadata(doc: Document, written: list[Sheet]) -> bytes:
    """``metadata.json``: the file's own as read (XMind's versions), else featuretree's."""
    metadata = doc.carried.document(FORMAT).get("metadata")
    if not isinstance(metadata, dict):
        metadata = {"creator": {"name": "featuretree", "version": featuretree.__version__}}
        return json.dumps(metadata).encode()
    if "activeSheetId" in metadata and metadata["activeSheetId"] not in {s.id for s in written}:
        # That sheet is gone: XMind opens on its first sheet instead.
        metadata = {key: value for key, value in metadata.items() if key != "activeSheetId"}
    return json.dumps(metadata, ensure_ascii=False).encode("utf-8")


def _legacy(doc: Document) -> tuple[bytes | None, bool]:
    """``content.xml`` (``None``: none) and whether ``META-INF/manifest.xml`` is written:
    the map for XMind 8, unless the file read had a ``content.xml`` that was not (XMind
    Zen's notice to use XMind 8 Update 3), or none, which is written back so."""
    kept = _kept(doc)
    if kept is None:
        return content_xml(doc).encode("utf-8"), True
    manifest = kept.get(MANIFEST_XML) is not False
    if CONTENT_XML not in kept:
        return content_xml(doc).encode("utf-8"), manifest
    stored = kept[CONTENT_XML]
    if stored is None:
        return None, manifest
    decoded = _decoded({CONTENT_XML: stored}, [CONTENT_XML])
    # A hand-edited JSON whose copy cannot be decoded: the map itself, for XMind 8.
    return (decoded[0][1] if decoded else content_xml(doc).encode("utf-8")), manifest


def _archive(doc: Document) -> bytes:
    entries = _entries(doc) + _thumbnail(doc)
    manifest: dict[str, Any] = {"file-entries": {"content.json": {}, "metadata.json": {}}}
    manifest["file-entries"].update((name, {}) for name, _ in entries)
    xml_manifest = _XML_MANIFEST + "".join(
        f'<file-entry full-path="{_xml.attr(name)}" '
        f'media-type="{_xml.attr(mimetypes.guess_type(name)[0] or "")}"/>'
        for name, _ in entries
    )
    members = [
        # Lone surrogates cannot be stored as UTF-8; "replace" keeps the rest intact.
        ("content.json", content_json(doc).encode("utf-8", "replace")),
        ("metadata.json", _metadata(doc, sheets(doc))),
        ("manifest.json", json.dumps(manifest).encode()),
    ]
    legacy, with_manifest = _legacy(doc)
    if legacy is not None:
        members.append((CONTENT_XML, legacy))
    if with_manifest:
        members.append((MANIFEST_XML, (xml_manifest + "</manifest>").encode()))
    members.extend(entries)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()
