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
* a link (``href``) to outside the file → the node's link (one per topic; more links,
  or a titled one, are listed in full in the note's block too); an attachment
  (``href`` to ``xap:``) → an ``附件：name`` note line; an image → an ``图片：name`` line,
  or the title ``[图片] name`` of an image-only topic (the attachment and the image
  themselves are carried, see below); XMind 8 comments (``comments.xml``) →
  ``批注（author，date）：text`` note lines;
* one sheet → its central topic is the root, the sheet's name the document's title;
  several sheets → each sheet a top-level node titled by its name (over its central
  topic; the topic itself when it has the sheet's name), under a root named after the
  file (``Document.root_from_file_name``). Written back as sheets while that root is
  the root (see :func:`featuretree.formats._xmind_write.sheets`): each child of it a
  sheet titled by the child, a child added a new sheet, one deleted a sheet removed.
  Floating topics, callouts, summaries (each with the topics under it), boundaries
  (they span children by index: an edit would make them span others), relationships
  that cannot be kept (see below), images and attachments whose file is not in the
  archive are counted in ``Document.not_imported``. Floating topics and callouts are
  carried too (:data:`BESIDE`, unless they refer to a file of the archive): written
  back, they are not lost when the file is written over (see :mod:`.loss`).

The look, which featuretree does not model, is carried through the document
(``Document.carried``, key ``"xmind"``) and written back when saving as XMind: a
topic's style, layout (``structureClass``), set width, fold (``branch: folded``) and
extensions (task info...); its image and attachment (``xap:`` references, written back
on the topic with their files: ``resources/``, ``attachments/``, while a topic that
refers to them is a node; the note lines naming them are left out of the note written
while they are as read); a formatted note while its plain text is unchanged; each
sheet's id, theme, style and settings, and its relationships between two of its topics
that are nodes, written while both still are and in the same sheet; the archive's
``metadata.json`` (XMind's versions) and its preview picture (``Thumbnails/``, written
back only while the map is unchanged). XMind 8's layout and folds are carried too; its
topic styles and theme are ids into ``styles.xml``, not kept, and counted.

Writing produces ``content.json`` (the sheets), ``metadata.json``, ``manifest.json``
and, for XMind 8, an equivalent ``content.xml`` with ``META-INF/manifest.xml``, and
the files carried. A map read from ``content.json`` is written as its archive was made
(``ARCHIVE``, see :func:`_legacy_members`): its ``content.xml`` as read unless it was
the same map (XMind Zen's is a notice to use XMind 8 Update 3), ``META-INF`` only if it
had one, and each topic's ``"class"`` as it had it.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Any

from featuretree.formats import json_iterative
from featuretree.formats._ids import IdPool
from featuretree.formats._util import decode_text, gc_paused
from featuretree.formats._xmind_write import (  # noqa: F401  (write_xmind: the registry finds it here)
    ARCHIVE,
    BESIDE,
    CONTENT_XML,
    FORMAT,
    MANIFEST_XML,
    MARKER_TAG,
    PRIORITY_MARKER,
    ROOT_STRUCTURE,
    SHEET_KEYS,
    STATUS_LABEL,
    THUMBNAILS,
    entry_name,
    joins,
    note_text,
    shown_digest,
    write_xmind,
)
from featuretree.formats._xml import local, parse_xml
from featuretree.formats.errors import FormatError, Problem, count_not_imported, warning_text
from featuretree.formats.freemind_format import IMAGE_PREFIX, IMAGE_TITLE, image_name
from featuretree.formats.html_text import html_to_text
from featuretree.formats.notes_block import merge_links, parse_notes
from featuretree.i18n import t
from featuretree.model import ids
from featuretree.model.annotations import DocumentMeta, FeatureStatus
from featuretree.model.carried import json_depth_ok
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.text import clean_line, clean_text
from featuretree.model.tree import attach, preorder

MAX_MEMBER_BYTES = 200 * 1024 * 1024
ATTACHMENT_PREFIX = "附件："
COMMENT_PREFIX = "批注"
# Detached topic groups XMind keeps beside the tree, by their kind of "children".
_SKIPPED_KINDS = {"detached": "floating_topic", "callout": "callout", "summary": "summary"}
KEPT_BESIDE = ("detached", "callout")
"""The groups of topics beside a topic's children that are carried (see :data:`BESIDE`)."""
_STATUSES = {s.value: s for s in FeatureStatus}
# What of a sheet's look is named when it cannot be carried (its settings never were).
_NAMED = frozenset(["theme", "style"])
# Markup in a note's HTML that says how it looks, beyond paragraphs and line breaks.
_FORMATTING_HTML = re.compile(
    r"<(?:b|strong|i|em|u|s|del|strike|font|mark|code|pre|h[1-6]|ul|ol|li|table)\b|\bstyle\s*=",
    re.IGNORECASE,
)


# -- the archive -------------------------------------------------------------------


def _member(archive: zipfile.ZipFile, name: str) -> bytes | None:
    """The bytes of member ``name`` (``None`` when absent), never more than the limit."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    limit_mib = MAX_MEMBER_BYTES // 2**20
    if info.file_size > MAX_MEMBER_BYTES:
        raise FormatError.keyed(
            "problem.member_too_large", name=name, size=info.file_size // 2**20, limit=limit_mib
        )
    try:
        with archive.open(info) as stream:
            # Bounded even if the header lies about the size.
            data = stream.read(MAX_MEMBER_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise FormatError.keyed("problem.member_damaged", name=name, detail=exc) from None
    except (NotImplementedError, RuntimeError) as exc:  # unknown compression, encryption
        raise FormatError.keyed("problem.member_unreadable", name=name, detail=exc) from None
    if len(data) > MAX_MEMBER_BYTES:
        raise FormatError.keyed("problem.member_over_limit", name=name, limit=limit_mib)
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
    images: list[str] = field(default_factory=list)
    children: list[Any] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    carry: dict[str, Any] = field(default_factory=dict)
    """What the topic has that featuretree does not model but gives back (its style...)."""
    formatted_notes: dict[str, Any] | None = None
    """A formatted note, to be carried if its plain text is what the writer would write."""
    cls: str | None = None
    """Its ``"class"`` in ``content.json`` (``"topic"``), ``None`` when it had none."""


def _carry(topic: _Topic, key: str, value: object, kind: str) -> None:
    """Carry ``value`` as the topic's ``key``; count it as ``kind`` when it cannot be."""
    if json_depth_ok(value):
        topic.carry[key] = value
    else:
        count_not_imported(topic.skipped, kind)


def _string(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


def _styled(style: object) -> bool:
    """Whether an XMind ``style`` object sets anything (``{"properties": {...}}``)."""
    return isinstance(style, dict) and bool(style.get("properties"))


def _formatted_json_note(notes: dict[str, Any]) -> bool:
    """Whether a Zen note has formatting beyond its plain text (bold, colours, lists…)."""
    ops = notes.get("ops")
    if (
        isinstance(ops, dict)
        and isinstance(ops.get("ops"), list)
        and any(isinstance(op, dict) and op.get("attributes") for op in ops["ops"])
    ):
        return True
    html = notes.get("html")
    if isinstance(html, dict) and isinstance(html.get("content"), dict):
        for paragraph in html["content"].get("paragraphs") or ():
            spans = paragraph.get("spans") if isinstance(paragraph, dict) else None
            if isinstance(paragraph, dict) and _styled(paragraph.get("style")):
                return True
            if isinstance(spans, list) and any(
                isinstance(span, dict) and _styled(span.get("style")) for span in spans
            ):
                return True
    real = notes.get("realHTML")
    return isinstance(real, dict) and bool(_FORMATTING_HTML.search(_string(real.get("content"))))


def _json_topic(raw: Any) -> _Topic:
    if not isinstance(raw, dict):
        return _Topic(title="?")
    topic = _Topic(id=raw.get("id"), title=_string(raw.get("title")), href=_string(raw.get("href")))
    cls = raw.get("class")
    topic.cls = cls if isinstance(cls, str) else None
    # How the topic looks (style, layout, width, fold) and its extensions (task info,
    # the unbalanced layout's own): not modelled, carried through to be written back.
    if _styled(raw.get("style")):
        _carry(topic, "style", raw["style"], "style_setting")
    structure = raw.get("structureClass")
    if isinstance(structure, str) and structure:
        _carry(topic, "structureClass", structure, "style_setting")
    if raw.get("customWidth"):
        _carry(topic, "customWidth", raw["customWidth"], "style_setting")
    boundaries = raw.get("boundaries")
    if isinstance(boundaries, list):
        # A boundary spans a range of children by index: an edit of the children would
        # make it span others. Not carried.
        count_not_imported(topic.skipped, "boundary", len(boundaries))
    if raw.get("branch") == "folded":
        topic.carry["branch"] = "folded"
    extensions = raw.get("extensions")
    if isinstance(extensions, list) and extensions:
        if json_depth_ok(extensions):
            topic.carry["extensions"] = extensions
        else:
            # Task info (assignee, progress…) is named; the unbalanced layout's own
            # extension goes with its structureClass.
            n = sum(
                1
                for ext in extensions
                if isinstance(ext, dict) and ext.get("provider") != "org.xmind.ui.map.unbalanced"
            )
            count_not_imported(topic.skipped, "attribute", n)
    image = raw.get("image")
    if isinstance(image, dict) and _string(image.get("src")):
        topic.images.append(_string(image.get("name")) or _string(image.get("src")))
        # The picture is written back on the topic (its file with it, see read_xmind).
        if json_depth_ok(image):
            topic.carry["image"] = image
    _carry_attachment(topic)
    notes = raw.get("notes")
    if isinstance(notes, dict):
        if _formatted_json_note(notes):
            # Carried when its plain text is the one the writer gives (_Builder.node).
            topic.formatted_notes = notes
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
            m["markerId"]
            for m in markers
            if isinstance(m, dict) and isinstance(m.get("markerId"), str)
        ]
    children = raw.get("children")
    if isinstance(children, dict):
        for kind, topics in children.items():
            if not isinstance(topics, list):
                continue
            if kind == "attached":
                topic.children = topics
                continue
            # Not in the editor (no node holds them), so counted; floating topics and
            # callouts are also carried on their topic and written back beside its
            # children, as read, while it is a node. A summary spans children by index
            # (as a boundary does): not carried.
            count_not_imported(
                topic.skipped, _SKIPPED_KINDS.get(kind, "floating_topic"), _json_count(topics)
            )
            if kind in KEPT_BESIDE and json_depth_ok(topics) and "xap:" not in json.dumps(topics):
                # (one with a picture or an attached file is not: its file would not be
                # written into the archive with it.)
                topic.carry.setdefault(BESIDE, {})[kind] = topics
    return topic


def _carry_attachment(topic: _Topic) -> None:
    """An attached file (``href`` to ``xap:``) is written back on the topic, with its file."""
    if topic.href.startswith("xap:"):
        topic.carry["href"] = topic.href


def _json_count(topics: list[Any]) -> int:
    """How many topics ``topics`` and everything under them hold (what a detached group loses)."""
    n, stack = 0, list(topics)
    while stack:
        raw = stack.pop()
        n += 1
        children = raw.get("children") if isinstance(raw, dict) else None
        if isinstance(children, dict):
            for group in children.values():
                if isinstance(group, list):
                    stack.extend(group)
    return n


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
    if elem.get("style-id"):
        count_not_imported(topic.skipped, "style_setting")
    if elem.get("branch") == "folded":
        topic.carry["branch"] = "folded"
    structure = elem.get("structure-class")
    if structure:
        topic.carry["structureClass"] = structure
    for part in elem:
        kind = local(part.tag)
        if kind == "img":  # <xhtml:img xhtml:src="xap:attachments/…"/>
            src = next((v for k, v in part.attrib.items() if local(k) == "src"), "")
            if src:
                topic.images.append(src)
                # The first is written back on the topic (a topic shows one picture).
                topic.carry.setdefault("image", {"src": src})
        elif kind == "title":
            topic.title = part.text or ""
        elif kind == "notes":
            plain = _xml_first(part, "plain")
            if plain is not None:
                topic.notes = "".join(plain.itertext())
            html = _xml_first(part, "html")
            if html is not None and any(
                local(e.tag) in ("strong", "em", "u", "s", "span", "a") or e.get("style-id")
                for e in html.iter()
            ):
                count_not_imported(topic.skipped, "formatted_note")
        elif kind == "boundaries":
            count_not_imported(topic.skipped, "boundary", len(_xml_children(part, "boundary")))
        elif kind == "labels":
            topic.labels = [label.text or "" for label in _xml_children(part, "label")]
        elif kind == "marker-refs":
            topic.markers = [ref.get("marker-id", "") for ref in _xml_children(part, "marker-ref")]
        elif kind == "children":
            for group in _xml_children(part, "topics"):
                topics = _xml_children(group, "topic")
                kind_of = group.get("type", "attached")
                if kind_of == "attached":
                    topic.children.extend(topics)
                else:
                    n = sum(1 for t in topics for e in t.iter() if local(e.tag) == "topic")
                    count_not_imported(
                        topic.skipped, _SKIPPED_KINDS.get(kind_of, "floating_topic"), n
                    )
    _carry_attachment(topic)
    return topic


def _line_breaks(text: str) -> int:
    """The line breaks inside ``text`` (not at its ends)."""
    return clean_text(text).strip().count("\n") if "\n" in text or "\r" in text else 0


class _Builder:
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
        """What each topic carries through, by node id (see :class:`_Topic`)."""

    def node(self, topic: _Topic, parent_id: str = "", index: int = 0) -> FeatureNode:
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
        return root


# -- reading -------------------------------------------------------------------------


def _sheet_counts(relationships: int, theme: bool, style: bool) -> dict[str, int]:
    """What a sheet holds beside its topics that featuretree does not keep."""
    counts: dict[str, int] = {}
    count_not_imported(counts, "relationship", relationships)
    count_not_imported(counts, "style_setting", int(theme) + int(style))
    return counts


def _sheet_look(sheet: dict[str, Any]) -> dict[str, Any]:
    """A Zen sheet's theme, style, settings and relationships: not modelled, carried."""
    look = {
        key: sheet[key]
        for key in SHEET_KEYS
        if isinstance(sheet.get(key), dict)
        and (sheet[key] if key != "style" else _styled(sheet[key]))
    }
    relationships = sheet.get("relationships")
    if isinstance(relationships, list) and relationships:
        look["relationships"] = relationships
    return look


@dataclass
class _Sheet:
    """One sheet as read: its title, central topic, what of it is not kept, its look, id."""

    title: str
    topic: Any
    counts: dict[str, int]
    look: dict[str, Any]
    id: str


def _json_sheets(data: bytes) -> list[_Sheet]:
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
        raise FormatError([Problem.keyed(where, "problem.invalid_json", detail=exc.msg)]) from None
    if isinstance(parsed, dict):
        parsed = [parsed]
    if not isinstance(parsed, list):
        raise FormatError.keyed("problem.xmind_not_sheets")
    sheets = [
        _Sheet(
            _string(sheet.get("title")),
            sheet["rootTopic"],
            {},  # what is not kept of the sheet is counted from its look (read_xmind)
            _sheet_look(sheet),
            _string(sheet.get("id")),
        )
        for sheet in parsed
        if isinstance(sheet, dict) and isinstance(sheet.get("rootTopic"), dict)
    ]
    if not sheets:
        raise FormatError.keyed("problem.no_central_topic", name="content.json")
    return sheets


def _xml_sheets(data: bytes) -> list[_Sheet]:
    root = parse_xml(data, "content.xml")
    if local(root.tag) != "xmap-content":
        raise FormatError.keyed("problem.xmind_xml_root", element=local(root.tag))
    sheets = []
    for sheet in _xml_children(root, "sheet"):
        topic = _xml_first(sheet, "topic")
        title = _xml_first(sheet, "title")
        relationships = _xml_first(sheet, "relationships")
        n = len(_xml_children(relationships, "relationship")) if relationships is not None else 0
        if topic is not None:
            # XMind 8's theme and style are ids into styles.xml, which is not kept: named.
            counts = _sheet_counts(n, bool(sheet.get("theme")), bool(sheet.get("style-id")))
            title_text = (title.text or "") if title is not None else ""
            sheets.append(_Sheet(title_text, topic, counts, {}, sheet.get("id") or ""))
    if not sheets:
        raise FormatError.keyed("problem.no_central_topic", name="content.xml")
    return sheets


def read_xmind(data: bytes) -> Document:
    """Read an ``.xmind`` file (XMind Zen/2020+ ``content.json`` or XMind 8 ``content.xml``)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        ValueError,
        NotImplementedError,
    ):
        if data.startswith(b"PK"):
            raise FormatError.keyed("problem.xmind_damaged") from None
        raise FormatError.keyed("problem.xmind_not_zip") from None
    with archive:
        content = _member(archive, "content.json")
        kept: dict[str, Any] | None = None
        if content is not None:
            with gc_paused():
                sheets, extract = _json_sheets(content), _json_topic
            kept = _legacy_members(archive, sheets[0])
        else:
            xml = _member(archive, "content.xml")
            if xml is None:
                raise FormatError.keyed("problem.xmind_no_content")
            with gc_paused():
                sheets, extract = _xml_sheets(xml), _xml_topic
        builder = _Builder(_comments(archive), classes=kept is not None)
        with gc_paused():
            roots = [builder.tree(sheet.topic, extract, i) for i, sheet in enumerate(sheets)]
        if kept is not None:
            kept["class"] = builder.carry_classes()
        files = _files(archive, builder)
        metadata = _metadata(archive)
        thumbnails = _thumbnails(archive)
    for sheet in sheets:
        for kind, n in sheet.counts.items():
            count_not_imported(builder.not_imported, kind, n)
    looks = []
    for sheet in sheets:
        if json_depth_ok(sheet.look):
            looks.append(sheet.look)
        else:
            looks.append({})
            count_not_imported(
                builder.not_imported, "style_setting", len(sheet.look.keys() & _NAMED)
            )
            count_not_imported(
                builder.not_imported, "relationship", len(sheet.look.get("relationships", ()))
            )
    # Without a sheet name of its own (none, the central topic's, or several sheets
    # under a root named after the file) the title is the root's and follows it.
    meta = DocumentMeta()
    tops = roots
    if len(roots) == 1:
        root = roots[0]
        sheet_title = clean_line(sheets[0].title)
        if sheet_title and sheet_title != root.title:
            # The sheet's name is the document's title (written back as the sheet's).
            meta = DocumentMeta(title=sheet_title)
    else:
        # Each sheet is a top-level node titled by its name, over its central topic; the
        # root is named after the file (formats.load) — there is no name in the archive.
        root = FeatureNode("XMind", id=builder.pool.fresh(ids.node_key("", 0, "XMind")))
        tops = []
        for i, (sheet, sheet_root) in enumerate(zip(sheets, roots, strict=True)):
            title = clean_line(sheet.title)
            top = sheet_root
            if title and title != sheet_root.title:
                top = FeatureNode(title, id=builder.pool.fresh(ids.node_key("sheet", i, title)))
                attach(sheet_root, top)
            attach(top, root)
            tops.append(top)
        names = "、".join(clean_line(sheet.title) or "?" for sheet in sheets)
        builder.warnings.insert(0, warning_text("warning.sheets", count=len(sheets), names=names))
    doc = Document(root, meta=meta)
    doc.title_is_root = not meta.title
    doc.root_from_file_name = len(roots) > 1
    doc.warnings.extend(builder.warnings)
    doc.not_imported.update(builder.not_imported)
    kept_looks = [
        _kept_look(look, doc if len(roots) == 1 else top, doc)
        for look, top in zip(looks, tops, strict=True)
    ]
    if len(roots) == 1:
        document = kept_looks[0]
    else:
        # Written back as sheets while the made-up root is the root (_xmind_write.sheets):
        # each child of it a sheet, with the look and id its sheet had.
        document = {
            "root": root.id,
            "sheets": [
                {"node": top.id, "topic": sheet_root.id, "id": sheet.id, **look}
                for sheet, top, sheet_root, look in zip(
                    sheets, tops, roots, kept_looks, strict=True
                )
            ],
        }
    if files:
        document["entries"] = files
    if metadata is not None:
        document["metadata"] = metadata
    if kept is not None:
        document[ARCHIVE] = kept
    doc.carried.put_document(FORMAT, document)
    for node_id, carry in builder.carried.items():
        doc.carried.put_node(FORMAT, node_id, carry)
        if carry.get("branch") == "folded":
            doc.folded.add(node_id)
    if thumbnails:
        # The preview shows the map as read: written back while the map is that one,
        # dropped once it is edited.
        shows = shown_digest(doc)
        document = {**document, "thumbnail": {"files": thumbnails, "shows": shows}}
        doc.carried.put_document(FORMAT, document)
    return doc


def _thumbnails(archive: zipfile.ZipFile) -> dict[str, str]:
    """The archive's preview pictures (``Thumbnails/…``) by name, as base64 text."""
    out: dict[str, str] = {}
    for name in archive.namelist():
        if name.startswith(THUMBNAILS) and not name.endswith("/"):
            try:
                data = _member(archive, name)
            except FormatError:
                continue  # a preview that cannot be read: XMind draws a new one
            if data is not None:
                out[name] = base64.b64encode(data).decode("ascii")
    return out


def _kept_look(
    look: dict[str, Any], sheet: Document | FeatureNode, doc: Document
) -> dict[str, Any]:
    """A sheet's look with the relationships that join two of its nodes (the rest counted).

    Kept when both its topics are nodes (their ids were kept) of that sheet; written
    while they are.
    """
    relationships = look.get("relationships", [])
    if not relationships:
        return look
    inside: Document | set[str] = (
        sheet if isinstance(sheet, Document) else {node.id for node in preorder(sheet)}
    )
    kept = [rel for rel in relationships if joins(rel, inside)]
    count_not_imported(doc.not_imported, "relationship", len(relationships) - len(kept))
    look = {key: value for key, value in look.items() if key != "relationships"}
    if kept:
        look["relationships"] = kept
    return look


def _files(archive: zipfile.ZipFile, builder: _Builder) -> dict[str, str]:
    """The pictures and attached files the topics refer to, by entry name (base64 text).

    Carried to be written back while a topic refers to them. One that is not in the
    archive, or cannot be read, costs that file, never the map: its topic no longer
    carries it, and it is counted.
    """
    files: dict[str, str] = {}
    missing: set[str] = set()
    for node_id, carry in list(builder.carried.items()):
        image = carry.get("image")
        for key, kind, prefix, ref in (
            ("image", "image", IMAGE_PREFIX, image.get("src") if isinstance(image, dict) else None),
            ("href", "attachment", ATTACHMENT_PREFIX, carry.get("href")),
        ):
            if not (isinstance(ref, str) and ref.startswith("xap:")):
                continue  # no reference, or one to outside the archive: nothing to carry
            name = entry_name(ref)
            if name and name not in files and name not in missing:
                try:
                    data = _member(archive, name)
                except FormatError:
                    data = None
                if data is None:
                    missing.add(name)
                else:
                    files[name] = base64.b64encode(data).decode("ascii")
            if not name or name in missing:
                # Its file is not there: nothing to show it with. Its line stays in the
                # notes for good.
                count_not_imported(builder.not_imported, kind)
                carry = _without(carry, key, prefix)
                if key == "image":
                    carry.pop("image_title", None)
                builder.carried[node_id] = carry
    return files


def _without(carry: dict[str, Any], key: str, prefix: str) -> dict[str, Any]:
    """``carry`` without ``key``, nor the note line (``prefix``…) that named it."""
    out = {k: v for k, v in carry.items() if k != key}
    lines = [line for line in out.get("lines", ()) if not line.startswith(prefix)]
    if lines:
        out["lines"] = lines
    else:
        out.pop("lines", None)
    return out


def _metadata(archive: zipfile.ZipFile) -> dict[str, Any] | None:
    """The archive's ``metadata.json`` (XMind's versions, the sheet it opens on), as read
    (``{}`` too: XMind Zen writes that); ``None`` when there is none to keep."""
    try:
        data = _member(archive, "metadata.json")
        parsed = json.loads(decode_text(data)) if data is not None else None
    except (FormatError, ValueError, RecursionError):
        return None
    return parsed if isinstance(parsed, dict) and json_depth_ok(parsed) else None


_FIRST_ID = re.compile(rb"""<(sheet|topic)\b[^>]*?\sid\s*=\s*["']([^"']*)["']""")
_HEAD_BYTES = 64 * 1024


def _legacy_members(archive: zipfile.ZipFile, first: _Sheet) -> dict[str, Any]:
    """What a ``content.json`` map's archive holds for XMind 8 (document-level ``ARCHIVE``).

    Its ``content.xml`` is kept as read (base64 text; ``None``: there was none) unless
    it is the same map again, which is written anew from the map (featuretree's own
    files): XMind Zen's is a notice to open the file in XMind 8 Update 3, which must not
    become a second copy of the map nobody asked for. A copy of the map begins with the
    sheet or central topic of ``content.json`` (its id); the notice has its own ids.
    """
    names = set(archive.namelist())
    kept: dict[str, Any] = {MANIFEST_XML: MANIFEST_XML in names}
    if "content.xml" not in names:
        kept[CONTENT_XML] = None
        return kept
    try:
        with archive.open("content.xml") as stream:
            head = stream.read(_HEAD_BYTES)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError):
        return kept  # unreadable: written anew from the map, as for XMind 8
    ids = {first.id, _string(first.topic.get("id"))} - {""}
    first_ids: dict[bytes, str] = {}
    for match in _FIRST_ID.finditer(head):
        first_ids.setdefault(match[1], match[2].decode("utf-8", "replace"))
        if len(first_ids) == 2:
            break
    if ids & set(first_ids.values()):
        return kept
    try:
        data = _member(archive, "content.xml")
    except FormatError:
        return kept
    if data is not None:
        kept[CONTENT_XML] = base64.b64encode(data).decode("ascii")
    return kept


def _comments(archive: zipfile.ZipFile) -> dict[str, list[str]]:
    """XMind 8's ``comments.xml`` as note lines by topic id: ``批注（作者，2024-03-01）：text``.

    An unreadable comments file costs the comments, never the map.
    """
    data = _member(archive, "comments.xml")
    if data is None:
        return {}
    try:
        root = parse_xml(data, "comments.xml")
    except FormatError:
        return {}
    out: dict[str, list[str]] = {}
    for comment in _xml_children(root, "comment"):
        content = _xml_first(comment, "content")
        text = clean_text("".join(content.itertext()) if content is not None else "").strip()
        if not text:
            continue
        who = [clean_line(comment.get("author") or "")]
        try:
            when = dt.datetime.fromtimestamp(int(comment.get("time") or "") / 1000, dt.UTC)
            who.append(when.date().isoformat())
        except (ValueError, OverflowError, OSError):
            pass
        byline = "，".join(part for part in who if part)
        head = f"{COMMENT_PREFIX}（{byline}）：" if byline else f"{COMMENT_PREFIX}："
        out.setdefault(comment.get("object-id") or "", []).append(head + text)
    return out
