"""OPML 1.0/2.0 outlines (``.opml``): Workflowy, 幕布, Dynalist, OmniOutliner, Logseq.

Reading streams the XML through defusedxml's parser into feature nodes directly (no
element tree, no recursion), so depth is limited only by memory; entity declarations
and external references are refused. Any declared encoding is honoured (expat knows
only UTF-8/16, ISO-8859-1 and ASCII; others, e.g. GBK, are decoded here first).
Workflowy stores ``text`` and ``_note`` as HTML: display markup is reduced to plain
text (other tag-shaped text stays as typed); the ``url`` of an outline and the targets
of ``<a href>`` links in its text become the node's links. What the writer cannot give
back is counted in ``Document.not_imported``: formatting markup (bold, italic,
underline, dates…), outline attributes featuretree does not use (``_complete``…) and
head fields other than the title and owner's name.

Writing gives OPML 2.0 in UTF-8. ``text`` and ``_note`` are written as Workflowy
expects (HTML, so ``<``, ``>`` and ``&`` are escaped twice); featuretree's annotations
(status, tags, change log, suggestions) go into ``_note`` as a readable block that
this reader parses back. The first link is the outline's ``url`` (``type="link"``);
more links, or a titled one, are listed in full in the block too.
"""

from __future__ import annotations

import codecs
import html
import json
import re
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml.ElementTree import DefusedXMLParser

from featuretree.formats import notes_block
from featuretree.formats._util import decode_text, gc_paused
from featuretree.formats.errors import FormatError, Problem, at_line, count_not_imported
from featuretree.formats.html_text import html_to_text, looks_like_html
from featuretree.model import ids
from featuretree.model.annotations import DocumentMeta, Link, Suggestion
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
# Outline attributes the writer gives back (``type`` only as "link", with ``url``).
_KEPT_ATTRIBUTES = frozenset(("text", "title", "_note", "_tags", "url", "htmlUrl", "xmlUrl"))
_KEPT_HEAD = frozenset(("title", "ownerName"))
# Formatting tags reduced to their text, by the kind counted as not imported.
_FORMATTING = re.compile(
    r"<(?:(?P<bold>b|strong)|(?P<italic>i|em)|(?P<strikethrough>s|del|strike)"
    r"|(?P<code_span>code)|(?P<html_tag>u|mark|font|time|span|sub|sup|big|small))"
    r"(?:\s[^<>]*)?>",
    re.IGNORECASE,
)
"""Beyond this depth the writer stops indenting: deep trees stay linear in size."""


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

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        name = _local(tag)
        parents = self.elements
        if not parents:
            if name != "opml":
                raise FormatError.keyed("problem.opml_top_element", name=name)
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
        for name, value in attrib.items():
            if name not in _KEPT_ATTRIBUTES and not (name == "type" and value == "link"):
                count_not_imported(self.not_imported, "attribute")
        for value in (title, note):
            if "<" in value and looks_like_html(value):
                for match in _FORMATTING.finditer(value):
                    count_not_imported(self.not_imported, match.lastgroup or "html_tag")
        anchors: list[tuple[str, str]] = []
        title = _plain(title, anchors)
        if "\n" in title or "\r" in title:
            # A title is one line: its line breaks (typed, or <br>) are not kept.
            breaks = clean_text(title).strip().count("\n")
            count_not_imported(self.not_imported, "line_break", breaks)
        title = clean_line(title)
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
        return node

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
        meta = DocumentMeta(title=head_title or root.title, author=builder.head_value("ownerName"))
        doc = Document(root, meta=meta)
    doc.root_from_file_name = len(builder.top) != 1 and not head_title
    doc.warnings.extend(builder.warnings)
    doc.not_imported.update(builder.not_imported)
    fields = sum(1 for name in builder.head if name not in _KEPT_HEAD)
    count_not_imported(doc.not_imported, "document_field", fields)
    return doc


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


def _outline_attrs(node: FeatureNode) -> str:
    attrs = f'text="{_attr(_html(node.title))}"'
    url, block_links = notes_block.links_to_write(node.links)
    if url:
        attrs += f' type="link" url="{_attr(url)}"'
    note = notes_block.write_notes(
        node.notes, node.changelog, node.suggestions, node.status, block_links
    )
    if note:
        attrs += f' _note="{_attr(_html(note))}"'
    if node.tags:
        attrs += f' _tags="{_attr(json.dumps(list(node.tags), ensure_ascii=False))}"'
    return attrs


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


def write_opml(doc: Document) -> bytes:
    """The document as OPML 2.0 (UTF-8): one top-level outline, annotations in ``_note``."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n  <head>\n',
        f"    <title>{_text(doc.meta.title or doc.root.title)}</title>\n",
    ]
    if doc.meta.author:
        out.append(f"    <ownerName>{_text(doc.meta.author)}</ownerName>\n")
    out.append("  </head>\n  <body>\n")
    # Closing tags wait on a stack of depths; a node closes the open ones at its depth or deeper.
    open_depths: list[int] = []
    for node, depth in preorder_with_depth(doc.root):
        while open_depths and open_depths[-1] >= depth:
            closed = open_depths.pop()
            out.append(f"{_pad(closed)}</outline>\n")
        if node.kids:
            out.append(f"{_pad(depth)}<outline {_outline_attrs(node)}>\n")
            open_depths.append(depth)
        else:
            out.append(f"{_pad(depth)}<outline {_outline_attrs(node)}/>\n")
    while open_depths:
        out.append(f"{_pad(open_depths.pop())}</outline>\n")
    out.append("  </body>\n</opml>\n")
    return "".join(out).encode("utf-8")


def _pad(depth: int) -> str:
    return "  " * (2 + min(depth, _MAX_INDENT_DEPTH))
