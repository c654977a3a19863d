"""Writing FreeMind / Freeplane maps (see :mod:`featuretree.formats.freemind_format`
for the mapping): featuretree's own FreeMind 1.0.1 map, or a colleague's map written
back as read but for the user's edits (:func:`_formed`)."""

from __future__ import annotations

import re
import threading
import time
from typing import Any

from featuretree.formats import _xml
from featuretree.formats._freemind_carry import json_xml
from featuretree.formats._freemind_html import text_to_html
from featuretree.formats.freemind_format import (
    _ATTRIBUTE_NAME,
    _COMMENT,
    _OWN_ATTRIBUTES,
    _PRIORITY_TAG,
    _VERSION,
    FORMAT,
    ICON_TAG,
    STATUS_ATTRIBUTE,
    TAG_ATTRIBUTE,
    _fingerprint,
    _note_text,
    _split_attributes,
)
from featuretree.formats.notes_block import links_to_write
from featuretree.model.annotations import FeatureStatus
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode


class _Style:
    """How a map writes characters: featuretree's own way (UTF-8 as it is) or, for a map
    read that was all ASCII (FreeMind's and Freeplane's way), every other character as a
    reference, so that an untouched node is written back as it was."""

    __slots__ = ("attr", "markup", "text")

    def __init__(self, look: dict[str, Any]) -> None:
        refs = look.get("refs")
        if refs not in ("hex", "decimal"):
            self.attr, self.text, self.markup = _xml.attr, _xml.text, _xml.markup
            return
        text_ref = _hex_ref if refs == "hex" else _decimal_ref
        apos = look.get("apos") is True

        def attr(value: str) -> str:
            value = _NON_ASCII.sub(_hex_ref, _xml.attr(value))
            return value.replace("'", "&apos;") if apos else value

        self.attr = attr
        # Their notes' HTML (Swing's) writes quotes as references too.
        self.text = lambda value: _NON_ASCII.sub(text_ref, _xml.text(value)).replace('"', "&quot;")
        self.markup = lambda value: _NON_ASCII.sub(text_ref, _xml.markup(value))


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_PLAIN = _Style({})
# Elements the writer writes from the model (a touched node's are written anew).
_MODELLED = frozenset(["richcontent", "attribute", "icon"])


def _hex_ref(match: re.Match[str]) -> str:
    return f"&#x{ord(match[0]):x};"


def _decimal_ref(match: re.Match[str]) -> str:
    return f"&#{ord(match[0])};"


def _map_link(carried: dict[str, Any], doc: Document) -> bool:
    """Whether the node links to a node of the map (``LINK="#ID"``) that is still there."""
    target = carried.get("map_link")
    return isinstance(target, str) and target in doc


def _link_value(node: FeatureNode, carried: dict[str, Any], doc: Document) -> str:
    """The node's ``LINK``: the node of the map it links to while that node is there (its
    own links are then all in the note's block: one ``LINK`` cannot hold both), else its
    first link."""
    if _map_link(carried, doc):
        return "#" + carried["map_link"]
    return links_to_write(node.links, reserved=("#",))[0]


def _node_head(
    node: FeatureNode,
    carried: dict[str, Any],
    doc: Document,
    style: _Style = _PLAIN,
    stamps: str = "",
) -> str:
    """The ``<node>`` start tag and everything inside it except the child nodes.

    ``carried``: what the map this node came from had that featuretree does not model
    (its attributes, look elements, formatted note), given back as it was. ``stamps``:
    ``CREATED``/``MODIFIED`` attributes for a node added to a map that has them.
    """
    url = _link_value(node, carried, doc)
    link = f' LINK="{style.attr(url)}"' if url else ""
    attrs = carried.get("attrs")
    if isinstance(attrs, dict):
        link += "".join(
            f' {name}="{style.attr(value)}"'
            for name, value in attrs.items()
            if name not in _OWN_ATTRIBUTES
            and _ATTRIBUTE_NAME.match(name)
            and isinstance(value, str)
        )
    parts = [f'<node ID="{style.attr(node.id)}" TEXT="{style.attr(node.title)}"{link}{stamps}>\n']
    if carried.get("title_text") == node.title:
        parts.extend(_title_part(node, carried, style))
    elements = carried.get("elements")
    if isinstance(elements, list):
        parts.extend(_json_xml(element, style) + "\n" for element in elements)
    arrows = carried.get("arrows")
    if isinstance(arrows, list):
        # Arrows to nodes that are still there; a deleted node takes the arrows to it.
        parts.extend(
            _json_xml(arrow, style) + "\n"
            for arrow in arrows
            if isinstance(arrow, dict)
            and isinstance(arrow.get("attrs"), dict)
            and arrow["attrs"].get("DESTINATION") in doc
        )
    groups = _modelled_groups(node, carried, style, _map_link(carried, doc))
    parts += groups["richcontent"]
    parts += groups["attribute"]
    parts += groups["icon"]
    return "".join(parts)


def _json_xml(data: Any, style: _Style) -> str:
    return json_xml(data, attr=style.attr, text=style.text)


def _title_part(node: FeatureNode, carried: dict[str, Any], style: _Style) -> list[str]:
    """The title's formatting (a rich-text title), while the title is as read."""
    if carried.get("title_text") == node.title:
        title = _json_xml(carried.get("title"), style)
        if title:
            return [title + "\n"]
    return []


def _modelled_groups(
    node: FeatureNode,
    carried: dict[str, Any],
    style: _Style,
    map_link: bool = False,
    details: bool = False,
) -> dict[str, list[str]]:
    """The node's note (``richcontent``), attributes (``attribute``: status, the map's
    attributes, tags) and icons (``icon``), one element a line; ``map_link``: its
    ``LINK`` is to a node of the map, its own links all go in the note; ``details``: the
    map showed its text as Freeplane's details (under the node), which it stays while it
    holds no annotations (those are read from a note)."""
    notes_part: list[str] = []
    own_notes, attributes = _split_attributes(node, carried)
    notes = _note_text(node, own_notes, all_links=map_link)
    note = _json_xml(carried.get("note"), style) if notes else ""
    if note and carried.get("note_text") == notes:
        # The user has not changed the note: its formatting comes back with it.
        notes_part.append(note + "\n")
    elif notes:
        kind = "DETAILS" if details and notes == own_notes else "NOTE"
        notes_part.append(
            f'<richcontent TYPE="{kind}">{style.markup(text_to_html(notes))}</richcontent>\n'
        )
    parts = []
    if node.status is not FeatureStatus.EXISTING:
        parts.append(f'<attribute NAME="{STATUS_ATTRIBUTE}" VALUE="{node.status.value}"/>\n')
    parts.extend(
        f'<attribute NAME="{style.attr(pair[0])}" VALUE="{style.attr(pair[1])}"/>\n'
        for pair in attributes
        if isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)
    )
    icons = []
    for tag in node.tags:
        priority = _PRIORITY_TAG.match(tag)
        if priority:
            icons.append(f"full-{priority[1]}")
        elif tag.startswith(ICON_TAG) and len(tag) > len(ICON_TAG):
            icons.append(tag[len(ICON_TAG) :])
        else:
            parts.append(f'<attribute NAME="{TAG_ATTRIBUTE}" VALUE="{style.attr(tag)}"/>\n')
    return {
        "richcontent": notes_part,
        "attribute": parts,
        "icon": [f'<icon BUILTIN="{style.attr(icon)}"/>\n' for icon in icons],
    }


def _details_only(items: Any) -> bool:
    """Whether a node's elements as read (``form``'s ``items``) held its text as
    Freeplane's details and had no note (``TYPE="NOTE"`` or FreeMind 0.8's hook)."""
    if not isinstance(items, list):
        return False
    kinds = set()
    for item in items:
        if isinstance(item, dict) and _modelled_kind(item) == "richcontent":
            attrs = item.get("attrs")
            kinds.add(attrs.get("TYPE") if isinstance(attrs, dict) else None)
    return "DETAILS" in kinds and kinds <= {"DETAILS", "NODE"}


def _modelled_kind(item: dict[str, Any]) -> str:
    """Which of :func:`_modelled_groups` the writer writes in the place of a carried
    element; ``""`` for an element written as it is (a look element)."""
    tag = item.get("tag")
    if tag in _MODELLED:
        return str(tag)
    attrs = item.get("attrs")
    if tag != "hook" or not isinstance(attrs, dict):
        return ""
    name = attrs.get("NAME")
    if isinstance(name, str) and (
        name.endswith("NodeNote.properties") or (name == "ExternalObject" and "URI" in attrs)
    ):
        return "richcontent"
    return ""


_STAMPS: dict[int, tuple[dict[str, Any], str, str, str]] = {}
"""By a node's form (its id, the form kept alive with it): the node's title and
:func:`_fingerprint` when it was first written edited so, and that time."""
_STAMPS_KEPT = 10_000
_STAMPS_LOCK = threading.Lock()


def _edited_at(form: dict[str, Any], title: str, fingerprint: str, now: str) -> str:
    """The ``MODIFIED`` time of an edited node: when it was first written as it is, so
    that saving again with no edit gives the same file (``now`` the first time)."""
    with _STAMPS_LOCK:
        entry = _STAMPS.get(id(form))
        if entry is not None and entry[0] is form and entry[1:3] == (title, fingerprint):
            return entry[3]
        _STAMPS[id(form)] = (form, title, fingerprint, now)
        while len(_STAMPS) > _STAMPS_KEPT:
            del _STAMPS[next(iter(_STAMPS))]
        return now


def _formed(
    node: FeatureNode,
    carried: dict[str, Any],
    form: dict[str, Any],
    doc: Document,
    style: _Style,
    now: str,
) -> tuple[str, str]:
    """A node read from a map (:func:`_form`), written as the map wrote it: what comes
    before its child nodes and what comes after them.

    Untouched (the user edited nothing of it), it is written back as read: attributes
    in their order with their values, every element, the line breaks between. Edited,
    its attributes keep their order, ``MODIFIED`` is now, and only what was edited is
    written anew: a new title is ``TEXT``; a new note, link, status, tags... are written
    from the model in the place of the first such element the map had (title
    formatting, note, attributes, icons), the look elements staying where they were.
    Arrows and links to a deleted node go with it.
    """
    title_same = form.get("title") == node.title
    fingerprint = _fingerprint(node)
    body_same = form.get("fp") == fingerprint and (title_same or not form.get("joined"))
    untouched = title_same and body_same
    if not untouched:
        now = _edited_at(form, node.title, fingerprint, now)
    attrs = carried.get("attrs")
    attrs = attrs if isinstance(attrs, dict) else {}
    own = form.get("own")
    own = own if isinstance(own, dict) else {}
    order = form.get("order")
    order = order if isinstance(order, list) else []
    url = _link_value(node, carried, doc)
    pairs: list[tuple[str, Any]] = []
    done: set[str] = set()
    for name in order:
        if not isinstance(name, str) or name in done or not _ATTRIBUTE_NAME.match(name):
            continue
        done.add(name)
        value: Any
        if name == "ID":
            value = node.id
        elif name in ("TEXT", "LOCALIZED_TEXT"):
            if title_same:
                value = own.get(name)
            elif name == "TEXT" or "TEXT" not in order:
                name, value = "TEXT", node.title
                done.add(name)
            else:
                continue
        elif name == "LINK":
            value = own.get(name) if body_same else url
            if body_same and isinstance(value, str) and value.startswith("#"):
                value = value if value[1:] in doc else ""
        elif name == "MODIFIED" and not untouched:
            value = now
        else:
            value = attrs.get(name)
        if isinstance(value, str) and (value or name != "LINK"):
            pairs.append((name, value))
    if "ID" not in done:
        pairs.append(("ID", node.id))
    # A rich title the map had is written again only while the node's body is untouched
    # or that title is carried (one line): else the title is TEXT, or the node had none.
    rich_title_gone = not body_same and carried.get("title_text") != node.title
    if "TEXT" not in done and (
        not title_same or (rich_title_gone and "LOCALIZED_TEXT" not in done)
    ):
        pairs.append(("TEXT", node.title))
    if not body_same and url and "LINK" not in done:
        pairs.append(("LINK", url))
    start = "<node" + "".join(f' {name}="{style.attr(value)}"' for name, value in pairs)

    fresh: dict[str, list[str]] = {}
    if not body_same:
        # Each kind where the map had its first element of that kind (the others of it
        # go); a kind it had none of after the node's other elements.
        fresh = _modelled_groups(
            node, carried, style, _map_link(carried, doc), _details_only(form.get("items"))
        )
        fresh["richcontent"][:0] = _title_part(node, carried, style)
    body: list[str] = []
    items, tails = form.get("items"), form.get("tails")
    if isinstance(items, list) and isinstance(tails, list):
        for item, tail in zip(items, tails, strict=False):
            if not isinstance(item, dict):
                continue
            tag, attrs_of = item.get("tag"), item.get("attrs")
            attrs_of = attrs_of if isinstance(attrs_of, dict) else {}
            if tag == "arrowlink" and attrs_of.get("DESTINATION") not in doc:
                continue
            kind = "" if body_same else _modelled_kind(item)
            if kind:
                body.extend(fresh.pop(kind, ()))
                continue
            if not title_same and tag == "richcontent" and attrs_of.get("TYPE") == "NODE":
                continue  # the formatted title that was: the new one is TEXT
            after = style.text(tail) if isinstance(tail, str) else "\n"
            body.append(_json_xml(item, style) + after)
    for rest in fresh.values():
        body.extend(rest)
    text, tail = form.get("text"), form.get("tail", "\n")
    tail = style.text(tail) if isinstance(tail, str) else "\n"
    if text is None and not body and not node.kids:
        return f"{start}/>{tail}", ""  # written as an empty element, as read
    text = style.text(text) if isinstance(text, str) else "\n"
    return start + ">" + text + "".join(body), "</node>" + tail


_SAFE_DECLARATION = re.compile(r"\A<\?xml[ \w.=\"'-]*\?>\Z")


def write_map(doc: Document) -> bytes:
    """``doc`` as a map's bytes (see :func:`~.freemind_format.write_freemind`)."""
    look = doc.carried.document(FORMAT)
    version = look.get("version")
    if isinstance(version, str):
        out = [f'<map version="{_xml.attr(version)}">\n']
        declaration = look.get("declaration")
        if isinstance(declaration, str) and _SAFE_DECLARATION.match(declaration):
            out.insert(0, declaration + "\n")
        comment = look.get("comment")
        if isinstance(comment, str) and "--" not in comment and not comment.endswith("-"):
            out.append(f"<!--{_xml.markup(comment)}-->\n")
    else:
        out = [f'<map version="{_VERSION}">\n', f"<!--{_COMMENT}-->\n"]
    style = _Style(look) if look else _PLAIN
    now = str(time.time_ns() // 1_000_000)
    # A node added to a map that has times gets them, as FreeMind would give it.
    stamps = f' CREATED="{now}" MODIFIED="{now}"' if look.get("stamps") is True else ""
    carried = doc.carried
    stack: list[FeatureNode | str] = [doc.root]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        mine = carried.node(FORMAT, item.id)
        form = mine.get("form")
        if isinstance(form, dict):
            head, closing = _formed(item, mine, form, doc, style, now)
            out.append(head)
            if closing:
                stack.append(closing)
        else:
            out.append(_node_head(item, mine, doc, style, "" if mine else stamps))
            stack.append("</node>\n")
        stack.extend(reversed(item.kids))
    out.append("</map>\n")
    return "".join(out).encode("utf-8")
