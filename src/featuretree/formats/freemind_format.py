"""FreeMind and Freeplane mind maps (``.mm``).

Reading takes ``<map><node>…`` as nested, with:

* the title from ``TEXT``, else the rich ``<richcontent TYPE="NODE">`` (HTML → text),
  else ``LOCALIZED_TEXT``; a multi-line text gives its first line as the title and the
  rest, line breaks kept, at the top of the notes; an image-only node is titled
  ``[图片] name`` (other images are named in the notes, and counted as not imported);
* notes from ``<richcontent TYPE="DETAILS">`` and ``TYPE="NOTE"`` (HTML → text, or
  Freeplane's plain/Markdown text as written; in that order, a blank line between),
  or FreeMind 0.8's ``NodeNote`` hook, then one ``name: value`` line per
  ``<attribute>`` that featuretree does not use itself (values keep their line breaks);
* ``LINK`` to outside the map → the node's link (a link inside the map, ``#ID``, and
  arrow links are carried, see below);
* ``<attribute NAME="status">`` with a featuretree status → the status;
  ``<attribute NAME="tag">`` → a tag;
* icons → tags: ``full-N`` (FreeMind's priority icons) → ``priority-N``, any other
  ``<icon BUILTIN="x">`` → ``icon:x``;
* ``ID`` → the node id when valid and unique;
* what says how a node looks is not modelled but carried through the document
  (``Document.carried``, key ``"freemind"``) and written back when saving as FreeMind:
  every other attribute of ``<node>`` (``COLOR``, ``BACKGROUND_COLOR``, ``STYLE``,
  ``STYLE_REF``, ``POSITION``, gaps and shifts, ``FOLDED``, ``CREATED``,
  ``MODIFIED``...), ``<font>``, ``<edge>``, ``<cloud>`` and hooks (Freeplane's
  ``MapStyle`` with its style nodes, which never become nodes), a formatted note while
  its plain text is unchanged, a one-line rich-text title while the title is, and
  arrow links and links inside the map (``LINK="#ID"``) to a node of the map, written
  while that node is there;
* attributes other than ``status``/``tag`` are shown as ``name: value`` lines at the end
  of the notes and written back as attributes while those lines are there (a value
  edited on its line is the attribute's new value);
* what the writer cannot give back once edited (a rich title, a formatted note, attribute
  lines edited beyond their values: plain text then) is named for the save question by
  :func:`carried_losses`;
* counted in ``Document.not_imported``: other rich-text titles and formatted notes
  (kept as plain text), images, arrow links and links inside the map to no node;
  several top-level nodes go under a root "FreeMind" (with a warning).

A map read from a file is written back as that map but for the user's edits (its
``version`` and comment, each untouched node as read, an edited node in its own lines
with ``MODIFIED`` set: see :func:`~featuretree.formats._freemind_write._formed`); otherwise writing gives a FreeMind 1.0.1
map (Freeplane opens it too): ``TEXT`` escaped, notes
as simple HTML with the change log and suggestions in a readable block (see
:mod:`featuretree.formats.notes_block`, parsed back on reading), the first link as
``LINK`` (FreeMind holds one, without a title: more links, or a titled one, are listed
in full in the block too), status and tags as
attributes, ``priority-N``/``icon:x`` tags as icons. Both directions walk the tree
iteratively.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from featuretree.formats._freemind_carry import element_json
from featuretree.formats._freemind_html import element_text
from featuretree.formats._ids import IdPool
from featuretree.formats._util import gc_paused
from featuretree.formats._xml import local, parse_xml
from featuretree.formats.errors import FormatError, count_not_imported, warning_text
from featuretree.formats.notes_block import (
    links_to_write,
    merge_links,
    parse_notes,
    write_notes,
)
from featuretree.i18n import t
from featuretree.model import ids
from featuretree.model.annotations import DocumentMeta, FeatureStatus, Link
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.text import clean_line, clean_text
from featuretree.model.tree import attach

STATUS_ATTRIBUTE = "status"
TAG_ATTRIBUTE = "tag"
ICON_TAG = "icon:"
IMAGE_TITLE = "[图片]"
IMAGE_PREFIX = "图片："
_PRIORITY_TAG = re.compile(r"^priority-([1-9])$")
_PRIORITY_ICON = re.compile(r"^full-([1-9])$")
_STATUSES = {s.value: s for s in FeatureStatus}
FORMAT = "freemind"
"""This format's key in :attr:`Document.carried <featuretree.model.document.Document.carried>`."""
# Node attributes featuretree reads and writes itself; every other one (colours, STYLE,
# POSITION, gaps, FOLDED, CREATED, MODIFIED...) is carried through unchanged.
_OWN_ATTRIBUTES = frozenset(["ID", "TEXT", "LINK", "LOCALIZED_TEXT"])
_ATTRIBUTE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
# Child elements that say how a node looks: carried through unchanged.
_LOOK_ELEMENTS = frozenset(["font", "cloud", "edge", "attribute_layout"])
# HTML elements of a rich note that carry formatting its plain text cannot.
_FORMATTING_TAGS = frozenset(
    [
        "b",
        "strong",
        "i",
        "em",
        "u",
        "s",
        "strike",
        "del",
        "font",
        "code",
        "pre",
        "table",
        "ol",
        "ul",
        "sub",
        "sup",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
    ]
)


def _formatted(part: Any) -> bool:
    """Whether a ``<richcontent>`` holds formatting beyond paragraphs and line breaks."""
    for elem in part.iter():
        if not isinstance(elem.tag, str):
            continue
        tag = local(elem.tag).lower()
        if tag == "pre" and not len(elem) and not elem.get("style"):
            # Text-only <pre>: its lines, spaces and tabs are all kept (the writer uses
            # it for lines with tabs); only the typewriter font is not.
            continue
        if tag in _FORMATTING_TAGS or (tag not in ("head", "style") and elem.get("style")):
            return True
    return False


# -- reading -------------------------------------------------------------------------


def _rich_text(
    part: Any, images: list[str] | None = None, links: list[tuple[str, str]] | None = None
) -> str:
    """The text of a ``<richcontent>``: HTML (FreeMind, Freeplane) or plain text.

    Freeplane 1.9+ may store plain or Markdown text (``CONTENT-TYPE="plain/…"``) in a
    ``<text>`` child, line breaks and all; that is kept as written. The ``src`` of each
    image in HTML goes to ``images``, each ``<a href>`` as ``(text, url)`` to ``links``.
    """
    for child in part:
        if local(child.tag) == "html":
            return element_text(part, images, links)
    holder = next((child for child in part if local(child.tag) == "text"), part)
    return "".join(holder.itertext()).strip("\n").rstrip()


def image_name(src: str) -> str:
    """What a user recognises of an image reference: its file name (``a/b/c.png?x`` → ``c.png``)."""
    src = clean_line(src).split("?", 1)[0].split("#", 1)[0].rstrip("/")
    return src.rsplit("/", 1)[-1].rsplit("\\", 1)[-1] or src


def split_title(text: str) -> tuple[str, str]:
    """A multi-line node text as a title (its first non-blank line) and the rest.

    The rest keeps its line breaks (code, lists); it goes into the notes. A title is one
    line: folding twenty lines of code into it hid all but the first, and a ``//`` in
    the first line swallowed the others when read as a comment.
    """
    text = clean_text(text)
    if "\n" not in text:
        return clean_line(text), ""
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        return "", ""
    rest = "\n".join(lines[1:]).strip("\n")
    return clean_line(lines[0]), rest.rstrip()


def _with_anchors(links: tuple[Link, ...], anchors: list[tuple[str, str]]) -> tuple[Link, ...]:
    """``links`` and then the ``<a href>`` links of the rich text whose URL is not among them."""
    if not anchors:
        return links
    seen = {link.url for link in links}
    out = list(links)
    for text, url in anchors:
        url, text = clean_line(url), clean_line(text)
        if url and url not in seen:
            seen.add(url)
            out.append(Link(title="" if text == url else text, url=url))
    return tuple(out)


def _fingerprint(node: FeatureNode) -> str:
    """What the user can edit of ``node`` but its title, condensed: while it is the one
    the node was read with, the node's note, attributes and icons are written as read."""
    key = repr(
        (
            node.notes,
            node.tags,
            node.status.value,
            node.changelog,
            node.suggestions,
            node.links,
        )
    )
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def _form(
    elem: Any, node: FeatureNode, items: list[Any], tails: list[str], joined: bool
) -> dict[str, Any]:
    """How the map wrote ``<node>`` ``elem`` (read as ``node``): its attributes' order,
    the text of those featuretree sets itself, every element in it but the child nodes
    (:func:`element_json`) and the text around them; the node's title and
    :func:`_fingerprint` as read, to tell what the user edited. ``joined``: the notes
    hold part of what the map's title said (its other lines, images), so that a new
    title is written with the notes. Written back by :func:`~featuretree.formats._freemind_write._formed`."""
    form: dict[str, Any] = {
        "order": [name for name in elem.attrib if _ATTRIBUTE_NAME.match(name)],
        "title": node.title,
        "fp": _fingerprint(node),
    }
    if joined:
        form["joined"] = True
    own = {
        name: elem.get(name) for name in ("TEXT", "LOCALIZED_TEXT", "LINK") if name in elem.attrib
    }
    if own:
        form["own"] = own
    if elem.text is not None or len(elem):
        form["text"] = elem.text or ""  # none at all: an empty element, <node …/>
    if items:
        form["items"] = items
        form["tails"] = tails
    if elem.tail != "\n":
        form["tail"] = elem.tail or ""
    return form


# The order featuretree writes a node's elements in (_node_head), by kind.
_WRITTEN_ORDER = {"richcontent": 0, "arrowlink": 2, "attribute": 4, "icon": 5}


def _as_written(form: dict[str, Any], items: list[Any], tails: list[str]) -> bool:
    """Whether featuretree's writer writes the node as ``form`` says the map did: a map
    featuretree wrote itself, whose nodes need no form (nor its JSON the data)."""
    order = form["order"]
    if not items and set(order) <= {"ID", "TEXT", "LINK"}:
        return True  # a node with no look: written as featuretree writes one
    if order[:2] != ["ID", "TEXT"] or "tail" in form or form.get("text") != "\n":
        return False
    if "LOCALIZED_TEXT" in order or ("LINK" in order and order[2] != "LINK"):
        return False
    if any(tail != "\n" for tail in tails):
        return False
    ranks = []
    for item in items:
        tag = item["tag"]
        rank = _WRITTEN_ORDER.get(tag, 1)
        if tag == "richcontent" and (item.get("attrs") or {}).get("TYPE") != "NODE":
            rank = 3
        ranks.append(rank)
    return ranks == sorted(ranks)


class _Reader:
    def __init__(self) -> None:
        self.pool = IdPool()
        self.warnings: list[str] = []
        self.not_imported: dict[str, int] = {}
        self.carried: dict[str, dict[str, Any]] = {}
        """What each node carries through (see :func:`_carry`), by node id."""
        self.as_written = True
        """Whether featuretree's writer writes every node as the map has it (a map it
        wrote itself, or one made by hand): then no node's form is kept (:func:`_form`)."""
        self.links_out: list[tuple[str, str, dict[str, Any] | None]] = []
        """``(node id, target id, arrow link or None for a link inside the map)``: kept
        once the tree is read if the target is a node (:meth:`keep_links`)."""

    def node(self, elem: Any, parent_id: str = "", index: int = 0) -> tuple[FeatureNode, list[Any]]:
        """The node for a ``<node>`` element, and its child ``<node>`` elements.

        ``parent_id`` and ``index`` (its place under its parent) make the id of a node
        the file gives none (:func:`~featuretree.model.ids.node_key`).
        """
        rich: dict[str, str] = {}
        rich_title: Any = None
        arrows: list[dict[str, Any] | None] = []
        formatted_notes: dict[str, Any] = {}
        elements: list[dict[str, Any]] = []
        attributes: list[tuple[str, str]] = []
        icons: list[str] = []
        images: list[str] = []
        anchors: list[tuple[str, str]] = []
        children = []
        # Every other element as read, with what follows it: an untouched node is
        # written back as it was, a touched one keeps its look where it was (_formed).
        items: list[dict[str, Any] | None] = []
        tails: list[str] = []
        for part in elem:
            kind = local(part.tag)
            if kind == "node":
                children.append(part)
                continue
            data = element_json(part)
            items.append(data)
            tails.append(part.tail or "")
            if kind == "richcontent":
                kind_of = (part.get("TYPE") or "").upper()
                if kind_of in ("NODE", "NOTE", "DETAILS") and kind_of not in rich:
                    rich[kind_of] = _rich_text(part, images, anchors)
                    if kind_of == "NODE":
                        rich_title = part
                    elif _formatted(part):
                        formatted_notes[kind_of] = part
            elif kind == "attribute":
                attributes.append((part.get("NAME") or "", part.get("VALUE") or ""))
            elif kind == "icon":
                icons.append(part.get("BUILTIN") or "")
            elif kind == "arrowlink":
                arrows.append(data)  # kept if it points at a node (keep_links)
            elif kind in _LOOK_ELEMENTS:
                self.carry_element(data, elements)
            elif kind == "hook":
                name = part.get("NAME") or ""
                if name.endswith("NodeNote.properties"):
                    # FreeMind 0.8 kept a plain-text note in a hook; later versions use richcontent.
                    rich.setdefault("NOTE", _rich_text(part))
                elif name == "ExternalObject" and part.get("URI"):  # Freeplane's node image
                    images.append(part.get("URI") or "")
                else:  # map styles, automatic layout, edge colours...: carried
                    self.carry_element(data, elements)

        title = elem.get("TEXT")
        rich_title_kept = False
        if rich_title is not None and not images:
            plain, rest = split_title(rich.get("NODE", ""))
            # A one-line rich title saying what the title says: written back while it does.
            rich_title_kept = bool(plain) and not rest and plain == split_title(title or plain)[0]
        if title is None and rich.get("NODE", "").strip() and not rich_title_kept:
            # Formatted text (bold, colours, tables) kept as plain text: its look is lost.
            count_not_imported(self.not_imported, "rich_text")
        if title is None:
            title = rich.get("NODE")
            if title is None:
                title = elem.get("LOCALIZED_TEXT", "")
        title, more = split_title(title)
        names = [image_name(src) for src in images]
        if names:
            count_not_imported(self.not_imported, "image", len(names))
            if not title:
                # An image-only node: say what it showed instead of "(untitled)".
                title = f"{IMAGE_TITLE} {names.pop(0)}"
            more_images = "\n".join(IMAGE_PREFIX + name for name in names)
        else:
            more_images = ""

        key = ids.node_key(parent_id, index, title)
        annotations = parse_notes(clean_text(rich.get("NOTE", "")), self.pool.suggestion_ids(key))
        for warning in annotations.warnings:
            self.warnings.append(
                warning_text(
                    "warning.note_of",
                    title=repr(title) if title else t("app.untitled_row"),
                    warning=warning,
                )
            )
        status = annotations.status or FeatureStatus.EXISTING
        tags: list[str] = []
        extra: list[str] = []
        kept_attributes: list[list[str]] = []
        for name, value in attributes:
            # A value keeps its line breaks (a 160-line attribute stays 160 lines).
            name, value = clean_line(name), clean_text(value).strip("\n")
            if name == STATUS_ATTRIBUTE and value in _STATUSES:
                status = _STATUSES[value]
            elif name == TAG_ATTRIBUTE:
                value = clean_line(value)
                if value:
                    tags.append(value)
            elif name or value:
                extra.append(f"{name}: {value}")
                kept_attributes.append([name, value])
        for icon in icons:
            icon = clean_line(icon)
            if icon:
                priority = _PRIORITY_ICON.match(icon)
                tags.append(f"priority-{priority[1]}" if priority else ICON_TAG + icon)

        url = clean_line(elem.get("LINK") or "")
        map_link = ""
        if url.startswith("#"):  # a link to another node of the map: kept if it is a node
            map_link, url = url[1:], ""
        # The rest of a multi-line text comes first: it was part of what the node said.
        blocks = [
            more,
            more_images,
            clean_text(rich.get("DETAILS", "")),
            annotations.notes,
            "\n".join(extra),
        ]
        notes = "\n\n".join(block for block in blocks if block)

        node = FeatureNode(
            title,
            id=self.pool.node_id(elem.get("ID"), key),
            notes=notes,
            tags=dict.fromkeys(tags),
            status=status,
            changelog=annotations.changelog,
            suggestions=self.pool.suggestions(annotations.suggestions, key),
            links=_with_anchors(merge_links(url, annotations.links), anchors),
        )
        carry: dict[str, Any] = {}
        if kept_attributes:
            # Shown as the last lines of the notes; written back as attributes while those
            # lines are as they were (_split_attributes).
            carry["attributes"] = kept_attributes
            carry["attributes_text"] = "\n".join(extra)
        attrs = {
            name: value
            for name, value in elem.attrib.items()
            if name not in _OWN_ATTRIBUTES and _ATTRIBUTE_NAME.match(name)
        }
        if attrs:
            carry["attrs"] = attrs
        if elements:
            carry["elements"] = elements
        note = formatted_notes.get("NOTE")
        # What the writer would write as the note (the attribute lines go back as
        # attributes, see _split_attributes; with a link to a node of the map, the node's
        # own links all in the note).
        own_notes = _split_attributes(node, carry)[0]
        note_text = _note_text(node, own_notes, all_links=bool(map_link))
        if (
            note is not None
            and len(formatted_notes) == 1
            and "DETAILS" not in rich
            and not (more or images)
            and note_text == clean_text(rich["NOTE"])
        ):
            # The formatted note says exactly what the plain one the writer would write
            # says: it is given back while the node's note is unchanged (_node_head).
            data = element_json(note)
            if data is not None:
                carry["note"] = data
                carry["note_text"] = note_text
                formatted_notes.clear()
        count_not_imported(self.not_imported, "formatted_note", len(formatted_notes))
        if rich_title_kept:
            data = element_json(rich_title)
            if data is not None:
                carry["title"] = data
                carry["title_text"] = title
            elif elem.get("TEXT") is None:
                count_not_imported(self.not_imported, "rich_text")
        if None not in items:
            carry["form"] = form = _form(elem, node, items, tails, bool(more or images))
            if self.as_written and not _as_written(form, items, tails):
                self.as_written = False
        if carry:
            self.carried[node.id] = carry
        for arrow in arrows:
            target = (arrow or {}).get("attrs", {}).get("DESTINATION", "")
            self.links_out.append((node.id, target, arrow))
        if map_link:
            self.links_out.append((node.id, map_link, None))
        return node, children

    def keep_links(self, doc: Document) -> None:
        """Carry the arrow links and links inside the map whose target is a node of
        ``doc`` (its id kept from the file); count the others as not imported."""
        for node_id, target, arrow in self.links_out:
            if target not in doc:
                count_not_imported(self.not_imported, "arrow_link" if arrow else "map_link")
                continue
            carry = self.carried.setdefault(node_id, {})
            if arrow is None:
                carry["map_link"] = target
            else:
                carry.setdefault("arrows", []).append(arrow)

    def carry_element(self, data: dict[str, Any] | None, elements: list[dict[str, Any]]) -> None:
        """Carry ``data`` (a look element, :func:`element_json`) through; count it when it
        nested too deeply (``None``)."""
        if data is None:
            count_not_imported(self.not_imported, "style_setting")
        else:
            elements.append(data)

    def tree(self, top: Any, index: int = 0) -> FeatureNode:
        root, children = self.node(top, "", index)
        stack = [(root, children)]
        while stack:
            parent, elements = stack.pop()
            for i, elem in enumerate(elements):
                node, grandchildren = self.node(elem, parent.id, i)
                attach(node, parent)
                if grandchildren:
                    stack.append((node, grandchildren))
        return root


def read_freemind(data: bytes) -> Document:
    """Read a FreeMind/Freeplane ``.mm`` map."""
    with gc_paused():
        root_elem = parse_xml(data, "")
    if local(root_elem.tag) != "map":
        raise FormatError.keyed("problem.freemind_root", element=local(root_elem.tag))
    tops = [child for child in root_elem if local(child.tag) == "node"]
    if not tops:
        raise FormatError.keyed("problem.map_no_nodes")
    reader = _Reader()
    with gc_paused():
        roots = [reader.tree(top, i) for i, top in enumerate(tops)]
    if len(roots) == 1:
        root = roots[0]
    else:
        root = FeatureNode("FreeMind", id=reader.pool.fresh(ids.node_key("", 0, "FreeMind")))
        for top in roots:
            attach(top, root)
        reader.warnings.insert(0, warning_text("warning.top_level_nodes", count=len(roots)))
    # A map has no document title: the root's is the document's, and follows it when
    # renamed (kept apart, the old one would be named as lost by a save over the map).
    doc = Document(root, meta=DocumentMeta())
    doc.title_is_root = True
    doc.root_from_file_name = len(roots) > 1
    reader.keep_links(doc)
    doc.warnings.extend(reader.warnings)
    doc.not_imported.update(reader.not_imported)
    for node_id, carry in reader.carried.items():
        if reader.as_written:
            # Every node as featuretree writes it: nothing to keep (nor to put in its JSON).
            carry.pop("form", None)
        doc.carried.put_node(FORMAT, node_id, carry)
        if str(carry.get("attrs", {}).get("FOLDED", "")).lower() == "true":
            doc.folded.add(node_id)
    doc.carried.put_document(FORMAT, _map_look(data, root_elem, tops))
    return doc


_VERSION = "1.0.1"
_COMMENT = (
    " To view this file, download free mind mapping software FreeMind from "
    "http://freemind.sourceforge.net "
)
_DECLARATION = re.compile(rb"(?:\xef\xbb\xbf)?\s*(<\?xml[^>]*\?>)")
_UTF8_OR_NONE = re.compile(rb"encoding\s*=\s*[\"']utf-?8[\"']|^(?!.*encoding)", re.IGNORECASE)
_LEADING_COMMENT = re.compile(rb"\A[^<]*(?:<\?xml[^>]*\?>\s*)?<map\b[^>]*>\s*<!--(.*?)-->", re.S)


def _map_look(data: bytes, root_elem: Any, tops: list[Any]) -> dict[str, Any]:
    """What the writer gives back of the map as a whole: its ``version`` (Freeplane's
    ``freeplane 1.6.0`` is not FreeMind's ``1.0.1``), its leading comment, how it wrote
    characters (FreeMind and Freeplane write every non-ASCII one as a reference) and
    whether its nodes have ``MODIFIED`` times (then an edited node's is set)."""
    look: dict[str, Any] = {"version": root_elem.get("version") or _VERSION}
    comment = _LEADING_COMMENT.match(data[:4096])
    if comment:
        look["comment"] = comment[1].decode("utf-8", "replace")
    if root_elem.get("version") is None and "comment" not in look:
        look["comment"] = _COMMENT  # a map made by hand: written as featuretree writes one
    theirs = look != {"version": _VERSION, "comment": _COMMENT}
    if data.isascii() and (theirs or b"&#" in data):
        # Element text (HTML notes) as decimal references when the map has any.
        look["refs"] = "decimal" if re.search(rb"&#[0-9]", data) else "hex"
        if b"&apos;" in data or b"'" not in data:
            look["apos"] = True
    if tops and tops[0].get("MODIFIED") is not None:
        look["stamps"] = True
    declaration = _DECLARATION.match(data)
    if declaration and _UTF8_OR_NONE.search(declaration[1]):
        # Written as it is only when it says UTF-8 (the writer's encoding) or nothing.
        look["declaration"] = declaration[1].decode("ascii", "replace")
    if look == {"version": _VERSION, "comment": _COMMENT}:
        return {}  # as featuretree writes a map: nothing to keep
    return look


# What the writer writes as a node's note: the reader compares with it (see _form).


def _note_text(node: FeatureNode, notes: str | None = None, *, all_links: bool = False) -> str:
    """The plain text of the note the writer gives ``node`` (annotations and all), with
    ``notes`` instead of the node's own when given; ``all_links``: every link of the
    node in its block (its ``LINK`` is to a node of the map)."""
    block_links = node.links if all_links else links_to_write(node.links, reserved=("#",))[1]
    notes = node.notes if notes is None else notes
    return write_notes(notes, node.changelog, node.suggestions, links=block_links)


def _split_attributes(node: FeatureNode, carried: dict[str, Any]) -> tuple[str, list[Any]]:
    """The node's notes without the attribute lines its map had, and those attributes.

    The reader shows a map's attributes (``负责人: 王芳``) as the last lines of the notes;
    while they are still there as read, they are written back as attributes, not as
    note text. A value edited on its line (``负责人: 李雷``, the names as read, in their
    order, each value one line) is written as the attribute's value. Otherwise edited,
    they are the user's note text (and no attributes are written: the save question
    names them, :func:`carried_losses`).
    """
    text, pairs = carried.get("attributes_text"), carried.get("attributes")
    notes = node.notes
    if not (isinstance(text, str) and text and isinstance(pairs, list)):
        return notes, []
    if notes == text:
        return "", pairs
    if notes.endswith("\n\n" + text):
        return notes[: -len(text) - 2], pairs
    return _edited_values(notes, pairs)


def _edited_values(notes: str, pairs: list[Any]) -> tuple[str, list[Any]]:
    """``notes`` without their last lines and the attributes ``pairs`` with the values
    those lines give, when they are ``name: value`` lines of those names in that order
    (one line each, after a blank line or alone); else ``notes`` and no attributes."""
    try:
        names = [str(name) for name, _value in pairs]
    except (TypeError, ValueError):
        return notes, []
    lines = notes.split("\n")
    count = len(names)
    above, tail = lines[: len(lines) - count], lines[len(lines) - count :]
    if not names or len(tail) != count or (above and (len(above) < 2 or above[-1])):
        return notes, []
    values = []
    for name, line in zip(names, tail):
        if not line.startswith(f"{name}: "):
            return notes, []
        values.append(line[len(name) + 2 :])
    return "\n".join(above[:-1]), [[name, value] for name, value in zip(names, values)]


def carried_losses(doc: Document, back: Document) -> dict[str, int]:
    """What ``back`` (``doc`` written as FreeMind and read again) lost of what ``doc``
    carried for its nodes: a one-line rich-text title (``rich_text``) or a formatted note
    (``formatted_note``), given back while unedited and written as plain text once
    edited, and attributes (``attribute``) whose lines in the notes were edited beyond
    their values (they are note text then). The round trip of :mod:`.loss` compares the
    text only, which is the same."""
    carried, again = doc.carried, back.carried
    lost: dict[str, int] = {}
    for old, new in zip(doc.iter_nodes(), back.iter_nodes()):
        was = carried.node(FORMAT, old.id)
        if not was:
            continue
        now = again.node(FORMAT, new.id)
        for key, kind in (("title", "rich_text"), ("note", "formatted_note")):
            if was.get(key) is not None and now.get(key) != was.get(key):
                lost[kind] = lost.get(kind, 0) + 1
        names = _names(now.get("attributes"))
        missing = sum(1 for name in _names(was.get("attributes")) if name not in names)
        if missing:
            lost["attribute"] = lost.get("attribute", 0) + missing
    return lost


def _names(pairs: Any) -> list[str]:
    """The names of carried attribute pairs (none when they are not pairs: a hand-edited
    JSON)."""
    if not isinstance(pairs, list):
        return []
    return [str(pair[0]) for pair in pairs if isinstance(pair, list) and pair]


# -- writing (formats/_freemind_write.py) ---------------------------------------------


def write_freemind(doc: Document) -> bytes:
    """The document as a FreeMind 1.0.1 map (UTF-8); a map read from a FreeMind or
    Freeplane file is written as that map (its version, comment and way of writing
    characters, each node as read but for the user's edits: :func:`~featuretree.formats._freemind_write._formed`)."""
    # The writer's own module, imported when a map is written (see _freemind_write).
    from featuretree.formats._freemind_write import write_map

    with gc_paused():
        return write_map(doc)
