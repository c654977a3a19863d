"""OPML 1.0/2.0 outlines (``.opml``): Workflowy, 幕布, Dynalist, OmniOutliner, Logseq.

Reading streams the XML through defusedxml's parser into feature nodes directly (no
element tree, no recursion), so depth is limited only by memory; entity declarations
and external references are refused. Any declared encoding is honoured (expat knows
only UTF-8/16, ISO-8859-1 and ASCII; others, e.g. GBK, are decoded here first).
Workflowy stores ``text`` and ``_note`` as HTML: display markup is reduced to plain
text (other tag-shaped text stays as typed); the ``url`` of an outline and the targets
of ``<a href>`` links in its text become the node's links. What the writer cannot give
back is counted in ``Document.not_imported`` (nodes inside unknown elements, several
top-level outlines put under one root).

Saving over a colleague's file gives it back as it was read, but for the edits
(``Document.carried``, format ``"opml"``): an outline whose attributes are not what
featuretree would write (HTML in ``text`` or ``_note``, ``_complete``, ``priority``…)
keeps them, in their order, each group while the node still holds what was read from
it: the ``text`` while the title is unchanged; ``_note`` and the link attributes while
the notes, links, status, change log and suggestions are (annotations added to an
unchanged note are appended to it as featuretree's block; links read from ``<a href>``
in a title or note written anew go where featuretree writes links); ``_tags`` while the
tags are; any other attribute always. An edited title or note is written as plain
text: :func:`carried_losses` names the formatting that drops for the save question
(``rich_text``, ``formatted_note``; ``<a href>`` links stay links). The head's fields (``ownerEmail``, ``dateCreated``…)
are written back in their order; ``<title>`` follows the root's title when it was the
root's title (``DocumentMeta.title`` is then empty), and is added only when the file
had one or the document has a title of its own. The XML declaration, the ``version``,
the style of empty elements and the last line break are kept too.

Writing gives OPML 2.0 in UTF-8. ``text`` and ``_note`` are written as Workflowy
expects (HTML, so ``<``, ``>`` and ``&`` are escaped twice); featuretree's annotations
(status, tags, change log, suggestions) go into ``_note`` as a readable block that
this reader parses back. The first link is the outline's ``url`` (``type="link"``);
more links, or a titled one, are listed in full in the block too.
"""

from __future__ import annotations

import codecs
import hashlib
import html
import json
import re
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml.ElementTree import DefusedXMLParser

from featuretree.formats import notes_block
from featuretree.formats._util import decode_text, gc_paused
from featuretree.formats.errors import FormatError, Problem, at_line
from featuretree.formats.html_text import html_to_text, looks_like_html
from featuretree.model import ids
from featuretree.model.annotations import DocumentMeta, FeatureStatus, Link, Suggestion
from featuretree.model.carried import Carried
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.text import clean_line, clean_text
from featuretree.model.tree import preorder_with_depth

_DECLARATION = re.compile(rb"^(\s*<\?xml[^>]*?encoding\s*=\s*[\"'])([A-Za-z0-9._:-]+)([\"'])")
# Encodings expat decodes itself; any other declared encoding is decoded in Python.
_EXPAT_NATIVE = frozenset(("utf-8", "utf-16", "utf-16-le", "utf-16-be", "iso8859-1", "ascii"))
_POSITION_SUFFIX = re.compile(r":\s*line \d+, column \d+$")
# Characters XML 1.0 cannot hold even as references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MAX_INDENT_DEPTH = 40
"""Beyond this depth the writer stops indenting: deep trees stay linear in size."""
_LINK_ATTRIBUTES = frozenset(("type", "url", "htmlUrl", "xmlUrl"))
_DECLARATION_LINE = re.compile(rb"<\?xml[^>]*\?>")
_UTF8_OR_NONE = re.compile(rb"encoding\s*=\s*[\"']utf-?8[\"']|^(?!.*encoding)", re.IGNORECASE)
_OUR_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
CARRIED = "opml"
"""The format's key in ``Document.carried``."""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if tag.startswith("{") else tag


def _plain(value: str, links: list[tuple[str, str]] | None = None) -> str:
    """Workflowy-style HTML to plain text; plain text from other tools is kept as is.

    The targets of ``<a href>`` links go to ``links`` as ``(text, url)``.
    """
    if not looks_like_html(value):
        return value
    # Without a tag only entities need decoding (always so in files we wrote); that is
    # many times faster than the HTML parser.
    return html_to_text(value, links) if "<" in value else html.unescape(value)


def _links(attrib: dict[str, str], found: list[tuple[str, str]]) -> list[Link]:
    """The outline's ``url`` (OPML 2.0 ``type="link"``), ``htmlUrl``/``xmlUrl`` (feed
    lists) and the ``<a href>`` links of its text, each URL once."""
    if not found and "url" not in attrib and "htmlUrl" not in attrib and "xmlUrl" not in attrib:
        return []  # the common outline: nothing to look at
    out: dict[str, Link] = {}
    for key in ("url", "htmlUrl", "xmlUrl"):
        url = clean_line(attrib.get(key, ""))
        if url:
            out.setdefault(url, Link(url=url))
    for text, url in found:
        url, text = clean_line(url), clean_line(text)
        if url:
            # A link whose text is its URL (Workflowy pastes) has no title of its own.
            out.setdefault(url, Link(title="" if text == url else text, url=url))
    return list(out.values())


class _OutlineBuilder:
    """Parser target: builds feature nodes as ``<outline>`` elements open."""

    def __init__(self) -> None:
        self.elements: list[str] = []
        self.is_outline: list[bool] = []  # per open element
        self.open_outlines: list[FeatureNode] = []
        self.top: list[FeatureNode] = []
        self.seen_body = False
        self.head: dict[str, list[str]] = {}
        self.taken: set[str] = set()
        self.warnings: list[str] = []
        self.not_imported: dict[str, int] = {}
        self.carried = Carried()
        self.version = "2.0"

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        name = _local(tag)
        parents = self.elements
        if not parents:
            if name != "opml":
                raise FormatError.keyed("problem.opml_top_element", name=name)
            self.version = attrib.get("version", "")
        elif name == "body" and len(parents) == 1:
            self.seen_body = True
        elif len(parents) == 2 and parents[1] == "head":
            self.head.setdefault(name, [])
        is_outline = name == "outline" and len(parents) >= 2 and parents[1] == "body"
        if is_outline:
            # An outline wrapped in some other element still belongs to the nearest outline.
            if self.open_outlines:
                parent = self.open_outlines[-1]
                node = self.outline(attrib, parent.id, len(parent.kids))
                parent.kids.append(node)
                node._NodeMixin__parent = parent  # type: ignore[attr-defined]
            else:
                node = self.outline(attrib, "", len(self.top))
                self.top.append(node)
            self.open_outlines.append(node)
        parents.append(name)
        self.is_outline.append(is_outline)

    def outline(self, attrib: dict[str, str], parent_id: str, index: int) -> FeatureNode:
        title = attrib.get("text")
        if title is None:
            title = attrib.get("title", "")
        note = attrib.get("_note", "")
        # Formatting, other attributes and line breaks in a title are not counted as
        # not imported: the outline's attributes are carried and written back (carry).
        anchors: list[tuple[str, str]] = []
        title = clean_line(_plain(title, anchors))
        # OPML has no ids: each is derived from the node's place and title, the same on every read.
        key = ids.node_key(parent_id, index, title)
        node_id = ids.derived_id(key, self.taken)
        self.taken.add(node_id)
        node = FeatureNode(title, id=node_id, tags=_read_tags(attrib.get("_tags", "")))
        block_links: tuple[Link, ...] = ()
        if note:
            count = iter(range(1 << 62))
            found = notes_block.parse_notes(
                clean_text(_plain(note, anchors)).strip("\n"),
                lambda: ids.derived_id(f"{key}#s{next(count)}", self.taken),
            )
            node.notes = found.notes
            node.changelog = found.changelog
            node.suggestions = tuple(self.unique(s, key) for s in found.suggestions)
            block_links = found.links
            if found.status is not None:
                node.status = found.status
            self.warnings.extend(f"{node.title!r}: {w}" for w in found.warnings)
        links = _links(attrib, anchors)
        if block_links:
            # Written by featuretree: the block lists every link; "url" is its first.
            url = links[0].url if links and "url" in attrib else ""
            node.links = notes_block.merge_links(url, block_links)
        else:
            node.links = tuple(links)
        self.carry(node, attrib)
        return node

    def carry(self, node: FeatureNode, attrib: dict[str, str]) -> None:
        """Keep ``attrib`` for the writer when it is not what the writer would write for
        ``node`` (a colleague's outline), with what the node held as read (see
        :func:`_carried_attrs`)."""
        if len(attrib) == 1 and attrib.get("text") == _html(node.title) and not node.notes:
            return  # the common plain outline (what the writer writes for it)
        original = list(attrib.items())
        if original == _default_attrs(node):
            return  # written by featuretree (or plain enough): nothing to give back
        self.carried.put_node(
            CARRIED,
            node.id,
            {
                "attrs": [list(pair) for pair in original],
                "title": node.title,
                "notes": _text_key(node.notes),
                "annotations": _annotations_key(node),
                "links": _links_key(node),
                "tags": list(node.tags),
            },
        )

    def unique(self, suggestion: Suggestion, key: str) -> Suggestion:
        """``suggestion`` with an id no other node or suggestion of the file uses."""
        if suggestion.id in self.taken:
            suggestion = suggestion.model_copy(
                update={"id": ids.derived_id(f"{key}#{suggestion.id}", self.taken)}
            )
        self.taken.add(suggestion.id)
        return suggestion

    def end(self, tag: str) -> None:
        self.elements.pop()
        if self.is_outline.pop():
            self.open_outlines.pop()

    def data(self, text: str) -> None:
        elements = self.elements
        if len(elements) == 3 and elements[1] == "head":
            self.head[elements[2]].append(text)

    def close(self) -> None:
        return None

    def head_value(self, name: str) -> str:
        return clean_line("".join(self.head.get(name, ())))


def _utf8_input(data: bytes) -> bytes:
    """``data`` in an encoding expat reads: other declared encodings are converted to UTF-8."""
    match = _DECLARATION.match(data)
    if match is None or data.startswith(codecs.BOM_UTF8):
        return data
    declared = match.group(2).decode("ascii")
    try:
        codec = codecs.lookup(declared).name
    except LookupError:
        raise FormatError(
            [Problem.keyed(at_line(1), "problem.unknown_encoding", encoding=repr(declared))]
        ) from None
    if codec in _EXPAT_NATIVE:
        return data
    text = decode_text(data, declared)
    return _DECLARATION.sub(rb"\1UTF-8\3", text.encode("utf-8"), count=1)


def _parse(data: bytes) -> _OutlineBuilder:
    builder = _OutlineBuilder()
    parser = DefusedXMLParser(target=builder)
    try:
        parser.feed(_utf8_input(data))
        parser.close()
    except ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        message = _POSITION_SUFFIX.sub("", str(exc))
        raise FormatError(
            [Problem.keyed(at_line(line, column + 1), "problem.invalid_xml", detail=message)]
        ) from None
    except LookupError as exc:  # expat meets an encoding Python does not know
        raise FormatError(
            [Problem.keyed(at_line(1), "problem.encoding_lookup", detail=exc)]
        ) from None
    except EntitiesForbidden:
        raise FormatError.keyed("problem.xml_entities") from None
    except DTDForbidden:
        raise FormatError.keyed("problem.xml_dtd") from None
    except DefusedXmlException:
        raise FormatError.keyed("problem.xml_external") from None
    if not builder.seen_body:
        raise FormatError.keyed("problem.opml_no_body")
    return builder


def read_opml(data: bytes) -> Document:
    """Read an OPML outline; several top-level outlines go under a root named after the file's title."""
    with gc_paused():
        builder = _parse(data)
        head_title = builder.head_value("title")
        if len(builder.top) == 1:
            root = builder.top[0]
        else:
            root_title = head_title or "OPML"
            root = FeatureNode(
                root_title, id=ids.derived_id(ids.node_key("", 0, root_title), builder.taken)
            )
            for node in builder.top:
                root.kids.append(node)
                node._NodeMixin__parent = root  # type: ignore[attr-defined]
        # The document's own title only when it is not the root's: a head title that is
        # the root's follows the root when it is renamed (the writer writes the root's).
        meta = DocumentMeta(
            title=head_title if head_title != root.title else "",
            author=builder.head_value("ownerName"),
        )
        doc = Document(root, meta=meta)
    doc.root_from_file_name = len(builder.top) != 1 and not head_title
    doc.title_is_root = not meta.title
    doc.warnings.extend(builder.warnings)
    doc.not_imported.update(builder.not_imported)
    doc.carried = builder.carried
    doc.carried.put_document(CARRIED, _file_look(data, builder))
    return doc


def _file_look(data: bytes, builder: _OutlineBuilder) -> dict[str, Any]:
    """What the writer gives back of the file as a whole (see the module's docstring)."""
    look: dict[str, Any] = {
        "head": [[name, "".join(texts)] for name, texts in builder.head.items()],
    }
    start = data.removeprefix(codecs.BOM_UTF8).lstrip()
    declaration = _DECLARATION_LINE.match(start)
    if declaration is None:
        look["declaration"] = ""
    elif _UTF8_OR_NONE.search(declaration.group()):
        # Written as it is only when it says UTF-8 (the writer's encoding) or nothing.
        look["declaration"] = declaration.group().decode("ascii", "replace")
    if builder.version != "2.0":
        look["version"] = builder.version
    if b" />" in data and b'"/>' not in data:
        look["empty"] = " />"
    if not data.endswith(b"\n"):
        look["newline"] = False
    return look


# -- writing ---------------------------------------------------------------------------


def _attr(value: str) -> str:
    """``value`` as an XML attribute body; line breaks and tabs survive as references."""
    value = _NOT_XML.sub("", value)
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\n", "&#10;")
        .replace("\t", "&#9;")
        .replace("\r", "&#13;")
    )


def _text(value: str) -> str:
    value = _NOT_XML.sub("", value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _html(value: str) -> str:
    """Plain text as the HTML Workflowy keeps in ``text``/``_note``."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _default_attrs(node: FeatureNode) -> list[tuple[str, str]]:
    """The attributes featuretree writes for ``node`` (values before XML escaping)."""
    attrs = [("text", _html(node.title))]
    url, block_links = notes_block.links_to_write(node.links)
    if url:
        attrs += [("type", "link"), ("url", url)]
    note = notes_block.write_notes(
        node.notes, node.changelog, node.suggestions, node.status, block_links
    )
    if note:
        attrs.append(("_note", _html(note)))
    if node.tags:
        attrs.append(("_tags", json.dumps(list(node.tags), ensure_ascii=False)))
    return attrs


def carried_losses(doc: Document, back: Document) -> dict[str, int]:
    """What ``back`` (``doc`` written as OPML and read again) lost of the outlines' HTML
    (``rich_text``: a title; ``formatted_note``: a note) and of the line breaks in their
    titles (``line_break``) that ``doc`` carried: given back while unedited, an edited
    title or note is written as plain text (the round trip of :mod:`.loss` compares only
    the text, which is the same)."""
    carried, again = doc.carried, back.carried
    lost: dict[str, int] = {}
    for old, new in zip(doc.iter_nodes(), back.iter_nodes()):
        was = carried.node(CARRIED, old.id).get("attrs")
        if not was:
            continue
        try:
            before = {str(name): str(value) for name, value in was}
            after = {str(name): str(value) for name, value in again.node(CARRIED, new.id)["attrs"]}
        except (KeyError, TypeError, ValueError):
            after = {}
        for name, kind in (("text", "rich_text"), ("_note", "formatted_note")):
            value = before.get(name, "")
            if not value:
                continue
            kept = after.get(name, "")
            # Annotations added to an unchanged note follow it: the note is kept.
            if kept == value or (name == "_note" and kept.startswith(value + "\n")):
                continue
            found = [kind] if _formatted(value) else []
            if name == "text" and _LINE_BREAK.search(value):
                found.append("line_break")  # a title is one line in the editor
            for lost_kind in found:
                lost[lost_kind] = lost.get(lost_kind, 0) + 1
    return lost


_ANCHOR_OR_BREAK = re.compile(r"</?a(?:\s[^>]*)?>|<br\s*/?>", re.IGNORECASE)
_LINE_BREAK = re.compile(r"[\r\n]|<br\s*/?>", re.IGNORECASE)


def _formatted(value: str) -> bool:
    """Whether a ``text``/``_note`` value has formatting (HTML other than what plain
    text escapes to): its ``<a href>`` links are not, they stay links when it is
    written anew, nor line breaks (a note keeps them; a title's are named apart)."""
    if not looks_like_html(value):
        return False
    plain = _ANCHOR_OR_BREAK.sub("", value)
    return plain != _html(_plain(plain))


def _text_key(text: str) -> str:
    """A short fingerprint of ``text`` (notes can be long; the JSON beside keeps this)."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16] if text else ""


def _annotations_key(node: FeatureNode) -> str:
    """A fingerprint of the node's status, change log and suggestions ("" for none)."""
    if node.status is FeatureStatus.EXISTING and not node.changelog and not node.suggestions:
        return ""  # a colleague's outline: none (no JSON encoding per node)
    value = [
        node.status.value,
        [entry.model_dump(mode="json") for entry in node.changelog],
        [s.model_dump(mode="json") for s in node.suggestions],
    ]
    return _text_key(json.dumps(value, ensure_ascii=False, sort_keys=True))


def _links_key(node: FeatureNode) -> list[list[str]]:
    return [[link.title, link.url] for link in node.links]


def _group(name: str, title_attr: str) -> str:
    """Which part of the node an outline attribute holds (what decides it is kept)."""
    if name == title_attr:
        return "title"
    if name == "_note":
        return "note"
    if name in _LINK_ATTRIBUTES:
        return "links"
    if name == "_tags":
        return "tags"
    return "other"


def _outline_attrs(node: FeatureNode, carried: dict[str, Any]) -> str:
    if carried:
        pairs = _carried_attrs(node, carried)
        return " ".join(f'{name}="{_attr(value)}"' for name, value in pairs)
    # What _default_attrs gives, spelled straight into the text (the common case, and
    # 100,000 nodes of it for a big outline).
    attrs = f'text="{_attr(_html(node.title))}"'
    if node.links:
        url, block_links = notes_block.links_to_write(node.links)
        if url:
            attrs += f' type="link" url="{_attr(url)}"'
    else:
        block_links = ()
    note = notes_block.write_notes(
        node.notes, node.changelog, node.suggestions, node.status, block_links
    )
    if note:
        attrs += f' _note="{_attr(_html(note))}"'
    if node.tags:
        attrs += f' _tags="{_attr(json.dumps(list(node.tags), ensure_ascii=False))}"'
    return attrs


def _carried_attrs(node: FeatureNode, carried: dict[str, Any]) -> list[tuple[str, str]]:
    """The outline's attributes as read, in their order, but for the parts the user
    changed since (the title, the notes and annotations, the links, the tags): those
    are written as featuretree writes them, where the part was."""
    try:
        original = [(str(name), str(value)) for name, value in carried["attrs"]]
    except (KeyError, TypeError, ValueError):
        return _default_attrs(node)  # not what the reader carried (a hand-edited JSON)
    if not all(_NAME.fullmatch(name) for name, _ in original):
        return _default_attrs(node)  # a name that would break the XML (a hand-edited JSON)
    same = {
        "title": node.title == carried.get("title"),
        "links": _links_key(node) == carried.get("links"),
        "tags": list(node.tags) == carried.get("tags"),
        "other": True,
    }
    notes_same = _text_key(node.notes) == carried.get("notes")
    same["note"] = (
        same["links"] and notes_same and _annotations_key(node) == carried.get("annotations")
    )
    if all(same.values()):
        return original  # untouched since it was read
    out = _assemble(node, original, same, notes_same)
    if same["links"] and node.links and _links_key_of(out) != _links_key(node):
        # The links were read from HTML in the title or the note (Workflowy's <a href>)
        # and that part is written anew as plain text: the links go where featuretree
        # writes them (``url``, the note's block), as for links added in the editor.
        same["links"] = same["note"] = False
        out = _assemble(node, original, same, notes_same)
    return out


def _links_key_of(attrs: list[tuple[str, str]]) -> list[list[str]]:
    """The links the reader takes from an outline with ``attrs`` (values as read)."""
    builder = _OutlineBuilder()
    return _links_key(builder.outline(dict(attrs), "", 0))


def _assemble(
    node: FeatureNode,
    original: list[tuple[str, str]],
    same: dict[str, bool],
    notes_same: bool,
) -> list[tuple[str, str]]:
    """``original`` with each group of attributes whose part of ``node`` is not ``same``
    written as featuretree writes it, in the place the group had."""
    names = {name for name, _ in original}
    title_attr = "text" if "text" in names or "title" not in names else "title"
    replaced: dict[str, list[tuple[str, str]]] = {}
    for name, value in _default_attrs(node):
        replaced.setdefault(_group(name, "text"), []).append((name, value))
    raw_note = next((value for name, value in original if name == "_note"), "")
    if not same["note"] and raw_note and notes_same:
        # Only annotations (or links) were added to a colleague's note: it stays as
        # written, featuretree's block after it.
        _url, block_links = notes_block.links_to_write(node.links)
        block = notes_block.write_notes(
            "", node.changelog, node.suggestions, node.status, () if same["links"] else block_links
        )
        replaced["note"] = [("_note", raw_note + ("\n\n" + _html(block) if block else ""))]
    out: list[tuple[str, str]] = []
    done: set[str] = set()
    for name, value in original:
        group = _group(name, title_attr)
        if same[group]:
            out.append((name, value))
        elif group not in done:
            done.add(group)
            out.extend(replaced.get(group, ()))
    for group, pairs in replaced.items():
        if not same[group] and group not in done:
            out.extend(pairs)
    return out


def _read_tags(raw: str) -> list[str]:
    """Tags from our ``_tags`` attribute (a JSON list); anything else is ignored."""
    if not raw:
        return []
    try:
        value = json.loads(raw)
    except ValueError:
        value = None
    if not isinstance(value, list):
        value = raw.split(",")
    return [t for t in (clean_line(v) for v in value if isinstance(v, str)) if t]


def _head(doc: Document, look: dict[str, Any]) -> list[str]:
    """The head's lines: the file's fields as read (see the module's docstring), the
    title and owner as they are now."""
    title = doc.meta.title or doc.root.title
    fields = look.get("head")
    if not isinstance(fields, list):
        fields = [["title", title]]  # written by featuretree: the title, the owner
    out: list[str] = []
    seen: set[str] = set()
    for entry in fields:
        if not (isinstance(entry, list) and len(entry) == 2 and _NAME.fullmatch(str(entry[0]))):
            continue
        name, raw = str(entry[0]), str(entry[1])
        seen.add(name)
        if name == "title":
            value = title
        elif name == "ownerName":
            value = doc.meta.author
            if not value:
                continue  # the author was cleared
        else:
            out.append(f"    <{name}>{_text(raw)}</{name}>\n")
            continue
        text = raw if clean_line(raw) == value else value
        out.append(f"    <{name}>{_text(text)}</{name}>\n")
    if "title" not in seen and doc.meta.title:
        out.insert(0, f"    <title>{_text(title)}</title>\n")
    if "ownerName" not in seen and doc.meta.author:
        out.append(f"    <ownerName>{_text(doc.meta.author)}</ownerName>\n")
    return out


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.:-]*")
"""An XML name as the writer accepts it from carried data (a JSON may be edited by hand)."""


def write_opml(doc: Document) -> bytes:
    """The document as OPML 2.0 (UTF-8): one top-level outline, annotations in ``_note``.

    A document read from OPML is written as the file was, but for the edits (see the
    module's docstring)."""
    look = doc.carried.document(CARRIED)
    declaration = look.get("declaration", _OUR_DECLARATION)
    if declaration and not (
        isinstance(declaration, str)
        and _DECLARATION_LINE.fullmatch(declaration.encode("utf-8", "replace"))
        and _UTF8_OR_NONE.search(declaration.encode("utf-8", "replace"))
    ):
        declaration = _OUR_DECLARATION  # not one the reader carried (a hand-edited JSON)
    version = look.get("version", "2.0")
    out = [
        f"{declaration}\n" if declaration else "",
        f'<opml version="{_attr(str(version))}">\n  <head>\n',
        *_head(doc, look),
    ]
    out.append("  </head>\n  <body>\n")
    empty = "/>" if look.get("empty") != " />" else " />"
    carried = doc.carried
    # Closing tags wait on a stack of depths; a node closes the open ones at its depth or deeper.
    open_depths: list[int] = []
    for node, depth in preorder_with_depth(doc.root):
        while open_depths and open_depths[-1] >= depth:
            closed = open_depths.pop()
            out.append(f"{_pad(closed)}</outline>\n")
        attrs = _outline_attrs(node, carried.node(CARRIED, node.id))
        if node.kids:
            out.append(f"{_pad(depth)}<outline {attrs}>\n")
            open_depths.append(depth)
        else:
            out.append(f"{_pad(depth)}<outline {attrs}{empty}\n")
    while open_depths:
        out.append(f"{_pad(open_depths.pop())}</outline>\n")
    out.append("  </body>\n</opml>\n" if look.get("newline", True) else "  </body>\n</opml>")
    return "".join(out).encode("utf-8")


def _pad(depth: int) -> str:
    return "  " * (2 + min(depth, _MAX_INDENT_DEPTH))
