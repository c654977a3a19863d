"""XMind (``.xmind``): XMind Zen / 2020+ and, when reading, XMind 8.

An ``.xmind`` file is a zip archive. XMind Zen and later keep the map in
``content.json``; XMind 8 kept it in ``content.xml`` (which newer versions fill with a
"please upgrade" notice). Reading uses ``content.json`` when present, else
``content.xml``; only those members are read, by name, with a size limit.

How featuretree's fields map (reading and writing alike):

* title, notes (``notes.plain``), hierarchy (``children.attached``), topic ids (kept
  when valid and unique);
* labels → tags, except a label ``status:<status>`` (``status:new``…), which sets the
  node's status (written only for a status other than ``existing``);
* markers: ``priority-N`` → the tag ``priority-N`` (a marker is not a suggestion, so
  none is invented); any other marker → the tag ``marker:<markerId>``
  (``marker:task-done``). On writing, such tags become markers again;
* change log and suggestions → a readable block at the end of the note (see
  :mod:`featuretree.formats.notes_block`), parsed back on reading;
* a link (``href``) to outside the file → a ``链接：<url>`` line in the notes;
* several sheets → a root "XMind" with each sheet's central topic as a top-level node
  (a warning says so). Floating topics, callouts, summaries, images, styles and
  relationships are not kept (a warning counts the topics skipped).

Writing produces ``content.json`` (one sheet), ``metadata.json``, ``manifest.json``
and, for XMind 8, an equivalent ``content.xml`` with ``META-INF/manifest.xml``.
"""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Any

from featuretree.formats import json_iterative
from featuretree.formats._ids import IdPool
from featuretree.formats._xmind_write import MARKER_TAG, PRIORITY_MARKER, STATUS_LABEL, write_xmind
from featuretree.formats._util import decode_text, gc_paused
from featuretree.formats._xml import local, parse_xml
from featuretree.formats.errors import FormatError, Problem
from featuretree.formats.html_text import html_to_text
from featuretree.formats.notes_block import parse_notes
from featuretree.formats.registry import Format, register
from featuretree.model.annotations import FeatureStatus
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.text import clean_line, clean_text
from featuretree.model.tree import attach

MAX_MEMBER_BYTES = 200 * 1024 * 1024
LINK_PREFIX = "链接："
_STATUSES = {s.value: s for s in FeatureStatus}


# -- the archive -------------------------------------------------------------------


def _member(archive: zipfile.ZipFile, name: str) -> bytes | None:
    """The bytes of member ``name`` (``None`` when absent), never more than the limit."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    limit_mib = MAX_MEMBER_BYTES // 2**20
    if info.file_size > MAX_MEMBER_BYTES:
        raise FormatError(f"{name} is too large ({info.file_size // 2**20} MiB; the limit is {limit_mib} MiB)")
    try:
        with archive.open(info) as stream:
            # Bounded even if the header lies about the size.
            data = stream.read(MAX_MEMBER_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise FormatError(f"{name} is damaged inside the archive ({exc})") from None
    except (NotImplementedError, RuntimeError) as exc:  # unknown compression, encryption
        raise FormatError(f"{name} cannot be read ({exc})") from None
    if len(data) > MAX_MEMBER_BYTES:
        raise FormatError(f"{name} is too large (over {limit_mib} MiB)")
    return data


# -- topics, whichever file they came from -------------------------------------------


@dataclass
class _Topic:
    """What featuretree takes from one XMind topic."""

    id: object = None
    title: str = ""
    notes: str = ""
    labels: list[str] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)
    href: str = ""
    children: list[Any] = field(default_factory=list)
    skipped: int = 0


def _string(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


def _json_topic(raw: Any) -> _Topic:
    if not isinstance(raw, dict):
        return _Topic(title="?")
    topic = _Topic(id=raw.get("id"), title=_string(raw.get("title")), href=_string(raw.get("href")))
    notes = raw.get("notes")
    if isinstance(notes, dict):
        if isinstance(notes.get("plain"), dict):
            topic.notes = _string(notes["plain"].get("content"))
        elif isinstance(notes.get("realHTML"), dict):  # newer XMind, when plain is missing
            topic.notes = html_to_text(_string(notes["realHTML"].get("content")))
    labels = raw.get("labels")
    if isinstance(labels, list):
        topic.labels = [label for label in labels if isinstance(label, str)]
    markers = raw.get("markers")
    if isinstance(markers, list):
        topic.markers = [
            m["markerId"] for m in markers if isinstance(m, dict) and isinstance(m.get("markerId"), str)
        ]
    children = raw.get("children")
    if isinstance(children, dict):
        for kind, topics in children.items():
            if not isinstance(topics, list):
                continue
            if kind == "attached":
                topic.children = topics
            else:
                topic.skipped += len(topics)
    return topic


def _xml_children(elem: Any, name: str) -> list[Any]:
    return [child for child in elem if local(child.tag) == name]


def _xml_first(elem: Any, name: str) -> Any:
    for child in elem:
        if local(child.tag) == name:
            return child
    return None


def _xml_topic(elem: Any) -> _Topic:
    topic = _Topic(id=elem.get("id"))
    for key, value in elem.attrib.items():
        if local(key) == "href":
            topic.href = value
    for part in elem:
        kind = local(part.tag)
        if kind == "title":
            topic.title = part.text or ""
        elif kind == "notes":
            plain = _xml_first(part, "plain")
            if plain is not None:
                topic.notes = "".join(plain.itertext())
        elif kind == "labels":
            topic.labels = [label.text or "" for label in _xml_children(part, "label")]
        elif kind == "marker-refs":
            topic.markers = [
                ref.get("marker-id", "") for ref in _xml_children(part, "marker-ref")
            ]
        elif kind == "children":
            for group in _xml_children(part, "topics"):
                topics = _xml_children(group, "topic")
                if group.get("type", "attached") == "attached":
                    topic.children.extend(topics)
                else:
                    topic.skipped += len(topics)
    return topic


class _Builder:
    def __init__(self) -> None:
        self.pool = IdPool()
        self.warnings: list[str] = []
        self.skipped = 0

    def node(self, topic: _Topic) -> FeatureNode:
        title = clean_line(topic.title)
        annotations = parse_notes(clean_text(topic.notes), self.pool.fresh)
        notes = annotations.notes
        for warning in annotations.warnings:
            self.warnings.append(f"note of {title or '(untitled)'!r}: {warning}")
        href = clean_line(topic.href)
        if href and not href.startswith(("xap:", "xmind:")):
            notes = f"{notes}\n{LINK_PREFIX}{href}" if notes else f"{LINK_PREFIX}{href}"
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
        self.skipped += topic.skipped
        return FeatureNode(
            title,
            id=self.pool.node_id(topic.id),
            notes=notes,
            tags=dict.fromkeys(tags),
            status=status,
            changelog=annotations.changelog,
            suggestions=self.pool.suggestions(annotations.suggestions),
        )

    def tree(self, raw: Any, extract: Any) -> FeatureNode:
        first = extract(raw)
        root = self.node(first)
        stack = [(root, first.children)]
        while stack:
            parent, children = stack.pop()
            for raw_child in children:
                topic = extract(raw_child)
                node = self.node(topic)
                attach(node, parent)
                if topic.children:
                    stack.append((node, topic.children))
        return root


# -- reading -------------------------------------------------------------------------


def _json_sheets(data: bytes) -> list[tuple[str, Any]]:
    try:
        text = decode_text(data)
    except FormatError as exc:
        raise FormatError(f"content.json: {exc.problems[0]}") from None
    try:
        try:
            parsed = json.loads(text)
        except RecursionError:  # three levels per topic: deep maps overflow the C parser
            parsed = json_iterative.loads(text)
    except json.JSONDecodeError as exc:
        where = f"content.json, line {exc.lineno}, column {exc.colno}"
        raise FormatError([Problem(where, f"invalid JSON: {exc.msg}")]) from None
    if isinstance(parsed, dict):
        parsed = [parsed]
    if not isinstance(parsed, list):
        raise FormatError("content.json: not an XMind map (expected a list of sheets)")
    sheets = [
        (_string(sheet.get("title")), sheet["rootTopic"])
        for sheet in parsed
        if isinstance(sheet, dict) and isinstance(sheet.get("rootTopic"), dict)
    ]
    if not sheets:
        raise FormatError("content.json: no sheet with a central topic")
    return sheets


def _xml_sheets(data: bytes) -> list[tuple[str, Any]]:
    root = parse_xml(data, "content.xml")
    if local(root.tag) != "xmap-content":
        raise FormatError(f"content.xml: not an XMind map (root element <{local(root.tag)}>)")
    sheets = []
    for sheet in _xml_children(root, "sheet"):
        topic = _xml_first(sheet, "topic")
        title = _xml_first(sheet, "title")
        if topic is not None:
            sheets.append(((title.text or "") if title is not None else "", topic))
    if not sheets:
        raise FormatError("content.xml: no sheet with a central topic")
    return sheets


def read_xmind(data: bytes) -> Document:
    """Read an ``.xmind`` file (XMind Zen/2020+ ``content.json`` or XMind 8 ``content.xml``)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError):
        if data.startswith(b"PK"):
            raise FormatError("the XMind archive is damaged or incomplete (cut short?)") from None
        raise FormatError("not an XMind file (not a zip archive)") from None
    with archive:
        content = _member(archive, "content.json")
        if content is not None:
            with gc_paused():
                sheets, extract = _json_sheets(content), _json_topic
        else:
            xml = _member(archive, "content.xml")
            if xml is None:
                raise FormatError("not an XMind file (no content.json or content.xml inside)")
            with gc_paused():
                sheets, extract = _xml_sheets(xml), _xml_topic
    builder = _Builder()
    with gc_paused():
        roots = [builder.tree(topic, extract) for _, topic in sheets]
    if len(roots) == 1:
        root = roots[0]
    else:
        root = FeatureNode("XMind", id=builder.pool.fresh())
        for sheet_root in roots:
            attach(sheet_root, root)
        names = "、".join(clean_line(title) or "?" for title, _ in sheets)
        builder.warnings.insert(
            0, f"the file has {len(sheets)} sheets ({names}); each is a top-level node under a new root"
        )
    if builder.skipped:
        builder.warnings.append(
            f"{builder.skipped} floating, callout or summary topic(s) were not imported"
        )
    doc = Document(root)
    doc.warnings.extend(builder.warnings)
    return doc


register(
    Format(
        name="xmind",
        label="XMind",
        extensions=(".xmind",),
        reader=read_xmind,
        writer=write_xmind,
        binary=True,
    )
)
