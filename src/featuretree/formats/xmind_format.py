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
  Floating topics, callouts, summaries (each with the topics under it), boundaries,
  relationships, images and attachments whose file is not in the archive are counted
  in ``Document.not_imported`` (the editor shows none of them). Floating topics,
  callouts, summaries, boundaries and relationships are carried too (see
  :mod:`._xmind_beside`: a summary or boundary with the children it spans, by id, and
  written back over them where they are now, while they stand side by side; a
  relationship while both its ends are written in its sheet; none that refers to a
  file of the archive): written back, they are not lost when the file is written over
  (see :mod:`.loss`), and what cannot be written is named there. XMind 8's boundaries
  and relationships are carried as XMind Zen has them (their styles and curves, ids
  into ``styles.xml``, are counted) and written in both files; its floating topics,
  callouts and summaries are counted only.

The look, which featuretree does not model, is carried through the document
(``Document.carried``, key ``"xmind"``) and written back when saving as XMind: a
topic's style, layout (``structureClass``), set width, fold (``branch: folded``) and
extensions (task info...); its image and attachment (``xap:`` references, written back
on the topic with their files: ``resources/``, ``attachments/``, while a topic that
refers to them is a node; the note lines naming them are left out of the note written
while they are as read); a formatted note while its plain text is unchanged; each
sheet's id, theme, style and settings; the archive's
``metadata.json`` (XMind's versions) and its preview picture (``Thumbnails/``, written
back only while the map is unchanged). XMind 8's layout and folds are carried too; its
topic styles and theme are ids into ``styles.xml``, not kept, and counted.

Writing produces ``content.json`` (the sheets), ``metadata.json``, ``manifest.json``
and, for XMind 8, an equivalent ``content.xml`` with ``META-INF/manifest.xml``, and
the files carried. A map read from ``content.json`` is written as its archive was made
(``ARCHIVE``, see :func:`_legacy_members`): its ``content.xml`` as read unless it was
the same map (XMind Zen's is a notice to use XMind 8 Update 3), ``META-INF`` only if it
had one, and each topic's ``"class"`` as it had it.

Where it is done: this module reads the archive (its members, files, preview, metadata)
and assembles the document; :mod:`._xmind_json` and :mod:`._xmind_xml` read the sheets
and topics of ``content.json`` and ``content.xml``; :mod:`._xmind_topic` builds the
nodes from either; :mod:`._xmind_write` writes the archive. What a save would lose is
found by :mod:`.loss` (a write and a read back), for XMind as for every format.
"""

from __future__ import annotations

import base64
import io
import json
import re
import zipfile
import zlib
from typing import Any

from featuretree.formats._util import decode_text, gc_paused
from featuretree.formats._xmind_json import json_sheets, json_topic
from featuretree.formats._xmind_topic import ATTACHMENT_PREFIX, Builder, Sheet, string
from featuretree.formats._xmind_write import (  # noqa: F401  (write_xmind, held: the registry finds them here)
    ARCHIVE,
    CONTENT_XML,
    FORMAT,
    MANIFEST_XML,
    THUMBNAILS,
    beside_ids,
    entry_name,
    held,
    joins,
    shown_digest,
    write_xmind,
)
from featuretree.formats._xmind_xml import comments, xml_sheets, xml_topic
from featuretree.formats.errors import FormatError, count_not_imported, warning_text
from featuretree.formats.freemind_format import IMAGE_PREFIX
from featuretree.model import ids
from featuretree.model.annotations import DocumentMeta
from featuretree.model.carried import json_depth_ok
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.text import clean_line
from featuretree.model.tree import attach, preorder

MAX_MEMBER_BYTES = 200 * 1024 * 1024
# What of a sheet's look is named when it cannot be carried (its settings never were).
_NAMED = frozenset(["theme", "style"])


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


# -- reading -------------------------------------------------------------------------


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
                sheets, extract = json_sheets(content), json_topic
            kept = _legacy_members(archive, sheets[0])
        else:
            xml = _member(archive, "content.xml")
            if xml is None:
                raise FormatError.keyed("problem.xmind_no_content")
            with gc_paused():
                sheets, extract = xml_sheets(xml), xml_topic
        builder = Builder(comments(_member(archive, "comments.xml")), classes=kept is not None)
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
            # (its relationships are counted with the sheet, carried or not)
            count_not_imported(
                builder.not_imported, "style_setting", len(sheet.look.keys() & _NAMED)
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
    for node_id, carry in builder.carried.items():
        doc.carried.put_node(FORMAT, node_id, carry)
        if carry.get("branch") == "folded":
            doc.folded.add(node_id)
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
    """A sheet's look with the relationships that join two of its topics written back.

    Kept when both its ends are nodes (their ids were kept) of that sheet, or topics
    carried beside them (a floating topic, a callout, a summary topic) or a boundary;
    written while they are. All were counted with the sheet (the editor shows none).
    """
    relationships = look.get("relationships", [])
    if not relationships:
        return look
    root = sheet.root if isinstance(sheet, Document) else sheet
    inside: Document | set[str] = (
        sheet if isinstance(sheet, Document) else {node.id for node in preorder(sheet)}
    )
    kept = [rel for rel in relationships if joins(rel, inside)]
    if len(kept) < len(relationships):
        beside = beside_ids(root, doc.carried)
        kept = [rel for rel in relationships if joins(rel, inside, beside)]
    look = {key: value for key, value in look.items() if key != "relationships"}
    if kept:
        look["relationships"] = kept
    return look


def _files(archive: zipfile.ZipFile, builder: Builder) -> dict[str, str]:
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


def _legacy_members(archive: zipfile.ZipFile, first: Sheet) -> dict[str, Any]:
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
    ids = {first.id, string(first.topic.get("id"))} - {""}
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
