"""Mermaid mindmaps (``.mmd``, ``.mermaid``) — what GitHub, Notion and Typora render.

Reading follows Mermaid's own mindmap grammar (``mindmap.jison`` and ``mindmapDb``):
a node's depth is its count of leading whitespace characters (a tab counts as one,
as in Mermaid) and its parent is the nearest preceding node indented less; node shapes
(``id[..]``, ``id(..)``, ``id((..))``, ``id))..((``, ``id)..(``, ``id{{..}}``) are
stripped, quoted (``"..."``) and markdown (``"`...`"``) strings read, ``#quot;``-style
entities decoded, ``<br/>`` folded into a space; ``::icon(..)``, ``:::class`` and
``%%`` comments are skipped; an optional front matter gives the document title.
How every line was written is carried (``Document.carried``, ``"mermaid"``) and written
back by the same format (:func:`_as_read`): a colleague's mindmap saved over itself
changes only where it was edited. Only a file whose root is on the ``mindmap`` line is
written in featuretree's layout; for it, what the writer cannot give back is counted in
``Document.not_imported`` (saving over the file says so): icons, classes and
front-matter settings, comments, line breaks, markdown emphasis, and node shapes other
than the circle root and ``[box]`` nodes it writes (a bare node is not counted).

Otherwise, writing gives a mindmap Mermaid parses: the root as a circle, every other node as a
box ``nK[text]`` (the same shape everywhere, as in a feature structure diagram),
quoted when the text holds characters the grammar would take as syntax, with
``"``, ``#``, ``<``, ``>``, ``&`` and backticks written as Mermaid entities. Notes,
tags, status, change log and suggestions have no place in a Mermaid mindmap and are
not written.
"""

from __future__ import annotations

import codecs
import html.entities
import json
import re
from typing import Any

from featuretree.formats._util import decode_text, gc_paused
from featuretree.formats.errors import (
    FormatError,
    Problem,
    at_line,
    count_not_imported,
    warning_text,
)
from featuretree.model import ids
from featuretree.model.annotations import DocumentMeta
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.text import clean_line, clean_text
from featuretree.model.tree import preorder_with_depth

# JavaScript's \s, which is what Mermaid's lexer counts as indentation.
_INDENT = re.compile("[ \t\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]*")
_NODE_ID = re.compile(r"[^(\[\n\-){}]*")
_BARE_DESCR = re.compile(r"[^)\](}]+")
# Shape delimiters in the order Mermaid's lexer tries them (first match wins).
_OPENER = re.compile(r"-\)|\(-|\)\)|\)|\(\(|\{\{|\(|\[")
_CLOSER = re.compile(r"\)\)|\)|\]|\}\}|\(-|-\)|\(\(|\(")
_ENTITY = re.compile(r"#(?:(\d+)|([A-Za-z]\w*));")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_TITLE_LINE = re.compile(r"title\s*:\s*(.*)\Z")
# Text that may stand inside ``[...]`` without quotes: nothing the grammar or
# Mermaid's entity pass would read as syntax, and not starting with a quote.
_UNQUOTED_OK = re.compile(r"[^()\[\]{}\"#<>&`\s][^()\[\]{}\"#<>&`]*(?<!\s)")
_ESCAPES = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "`": "#96;"}
_ESCAPE = re.compile('[#"<>&`]')


CARRIED = "mermaid"
"""The format's key in ``Document.carried``."""


class _NeedMore(Exception):
    """A quoted string continues on the next line."""


def _entity(match: re.Match[str]) -> str:
    number, name = match.groups()
    if number is not None:
        code = int(number)
        return chr(code) if 0 < code < 0x110000 and not 0xD800 <= code <= 0xDFFF else match[0]
    return html.entities.html5.get(name + ";", match[0])


def _label(raw: str, markdown: bool = False, counts: dict[str, int] | None = None) -> str:
    """The text Mermaid shows for a node description, as one clean line.

    What a title cannot hold (line breaks, emphasis) is counted in ``counts``.
    """
    counts = {} if counts is None else counts
    # Mermaid breaks lines at <br> before its entities are decoded: "#lt;br#gt;" is text.
    text, breaks = _BR.subn(" ", raw)
    # A quoted text may also run over several lines: a title is one.
    count_not_imported(counts, "line_break", breaks + text.strip().count("\n"))
    text = _ENTITY.sub(_entity, text)
    if markdown:
        text, bold = _BOLD.subn(r"\1", text)
        text, italic = _ITALIC.subn(r"\1", text)
        count_not_imported(counts, "bold", bold)
        count_not_imported(counts, "italic", italic)
    return clean_line(text)


def _parse_node(
    text: str, line: int, counts: dict[str, int] | None = None
) -> tuple[str, str, tuple[int, int] | None]:
    """The label of the node written as ``text`` (its indentation removed), its shape,
    and where its description is in ``text`` (quotes included; ``None`` for a bare node).

    The shape is the opening delimiter (``"(("``, ``"["``…), ``""`` for a bare node.
    """
    ident = _NODE_ID.match(text).group()  # type: ignore[union-attr]
    pos = len(ident)
    if pos == len(text):
        return _label(ident, counts=counts), "", None
    found = _OPENER.match(text, pos)
    if found is None:
        # Mermaid refuses e.g. a bare "a-b"; keep the author's text rather than fail.
        return _label(text, counts=counts), "", None
    opener, pos = found.group(), found.end()
    start = pos
    markdown = False
    if text.startswith('"`', pos):
        end = text.find('`"', pos + 2)
        if end < 0:
            raise _NeedMore
        descr, pos, markdown = text[pos + 2 : end], end + 2, True
    elif text.startswith('"', pos):
        end = text.find('"', pos + 1)
        if end < 0:
            raise _NeedMore
        descr, pos = text[pos + 1 : end], end + 1
    else:
        match = _BARE_DESCR.match(text, pos)
        if match is None:
            raise FormatError(
                [Problem.keyed(at_line(line), "problem.shape_no_text", opener=repr(opener))]
            )
        descr, pos = match.group(), match.end()
    closer = _CLOSER.match(text, pos)
    if closer is None:
        raise FormatError(
            [Problem.keyed(at_line(line), "problem.shape_not_closed", opener=repr(opener))]
        )
    rest = text[closer.end() :].strip()
    if rest and not rest.startswith("%%"):
        raise FormatError(
            [Problem.keyed(at_line(line), "problem.text_after_node", text=repr(rest[:40]))]
        )
    if rest and counts is not None:
        count_not_imported(counts, "comment")
    return _label(descr, markdown, counts), opener, (start, pos)


def _front_matter_title(lines: list[str]) -> str:
    for raw in lines:
        match = _TITLE_LINE.match(raw.rstrip())
        if not match:
            continue
        value = match.group(1).strip()
        if value.startswith('"'):
            try:
                value = json.loads(value)
            except ValueError:
                value = value.strip('"')
        elif value.startswith("'") and value.endswith("'") and len(value) > 1:
            value = value[1:-1].replace("''", "'")
        else:
            value = value.split(" #", 1)[0]
        return clean_line(str(value))
    return ""


def read_mermaid(data: bytes) -> Document:
    """Read a Mermaid mindmap; every problem names its line.

    How each line was written is carried (``Document.carried``, format ``"mermaid"``):
    saved back, the file keeps its front matter, comments, icons, classes, node shapes
    and ids, line breaks and indentation, changed only where the user edited it.
    """
    lines = clean_text(decode_text(data)).split("\n")
    i, title = 0, ""
    counts: dict[str, int] = {}
    if lines and lines[0].rstrip() == "---":
        end = next((j for j in range(1, len(lines)) if lines[j].rstrip() == "---"), None)
        if end is None:
            raise FormatError([Problem.keyed("line 1", "problem.front_matter_open")])
        title = _front_matter_title(lines[1:end])
        # Settings (config, theme…) beside the title: only carried back to Mermaid.
        settings = [
            line
            for line in lines[1:end]
            if line[:1].strip() and not line.startswith("#") and not _TITLE_LINE.match(line)
        ]
        count_not_imported(counts, "style_setting", len(settings))
        i = end + 1
    while i < len(lines) and (not lines[i].strip() or lines[i].lstrip().startswith("%%")):
        if lines[i].strip():
            count_not_imported(counts, "comment")
        i += 1
    header = lines[i].lstrip() if i < len(lines) else ""
    if header[:7].lower() != "mindmap":
        where = f"line {i + 1}" if i < len(lines) else "end of file"
        raise FormatError([Problem.keyed(where, "problem.not_mermaid_mindmap")])
    # What comes before the first node, as written (front matter, comments, keyword);
    # not when the keyword's line holds the root too (rare): then nothing is carried.
    head: list[str] | None = lines[: i + 1] if not header[7:].strip() else None
    # Anything after the keyword on its line is a node, as in Mermaid's grammar.
    lines[i] = header[7:]
    taken: set[str] = set()
    stack: list[tuple[int, FeatureNode]] = []
    root: FeatureNode | None = None
    tabs = spaces = False
    mixed_at = 0
    looks: dict[str, dict[str, Any]] = {}
    after: list[str] = []  # lines Mermaid skips, after the last node read
    before_root = after  # those before the first node: the head's
    with gc_paused():
        if head is not None:
            i += 1
        while i < len(lines):
            start = i
            text = lines[i]
            i += 1
            indent = _INDENT.match(text).end()  # type: ignore[union-attr]
            body = text[indent:]
            if not body.strip():
                after.append(text)
                continue
            if body.startswith("%%"):
                count_not_imported(counts, "comment")
                after.append(text)
                continue
            lowered = body.lower()
            if lowered.startswith("::icon("):
                count_not_imported(counts, "icon")
                after.append(text)
                continue
            if body.startswith(":::"):
                count_not_imported(counts, "style_setting")
                after.append(text)
                continue
            if indent and not mixed_at:
                tabs = tabs or "\t" in text[:indent]
                spaces = spaces or " " in text[:indent]
                if tabs and spaces:
                    mixed_at = start + 1
            while True:
                try:
                    label, shape, span = _parse_node(body, start + 1, counts)
                    break
                except _NeedMore:
                    if i >= len(lines):
                        raise FormatError(
                            [Problem.keyed(at_line(start + 1), "problem.quote_not_closed")]
                        ) from None
                    body += "\n" + lines[i]
                    i += 1
            while stack and stack[-1][0] >= indent:
                stack.pop()
            # Mermaid has no ids: each is derived from the node's place and label, the
            # same on every read.
            parent_id, index = (stack[-1][1].id, len(stack[-1][1].kids)) if stack else ("", 0)
            node_id = ids.derived_id(ids.node_key(parent_id, index, label), taken)
            taken.add(node_id)
            node = FeatureNode(label, id=node_id)
            if stack:
                parent = stack[-1][1]
                parent.kids.append(node)
                node._NodeMixin__parent = parent  # type: ignore[attr-defined]
            elif root is None:
                root = node
            else:
                raise FormatError(
                    [
                        Problem(
                            f"line {start + 1}",
                            f"a mindmap has one root, but {label[:40]!r} is not indented under {root.title[:40]!r}",
                        )
                    ]
                )
            stack.append((indent, node))
            after = []
            looks[node_id] = {
                "indent": text[:indent],
                "line": body,
                "title": label,
                "parent": parent_id or None,
                "text": list(span) if span is not None else None,
                "after": after,
            }
            # The writer draws the root as a circle and every other node as a box.
            if shape and shape != ("((" if node is root else "["):
                count_not_imported(counts, "node_shape")
        if root is None:
            raise FormatError.keyed("problem.mindmap_no_nodes")
        # Without a front-matter title the root's is the document's: left empty, it
        # follows a renamed root (a save over the file adds no title nor names one lost).
        doc = Document(root, meta=DocumentMeta(title=title))
        doc.title_is_root = not title
        if head is None:
            doc.not_imported.update(counts)
        else:
            # Blank lines at the end are the file's, not its last node's.
            end: list[str] = []
            while after and not after[-1].strip():
                end.insert(0, after.pop())
            for node_id, look in looks.items():
                if not look["after"]:
                    del look["after"]
                doc.carried.put_node(CARRIED, node_id, look)
            doc.carried.put_document(
                CARRIED,
                {
                    "head": head + before_root,
                    "title": doc.meta.title,
                    "end": "".join("\n" + line for line in end),
                    "crlf": b"\r\n" in data,
                    "bom": data.startswith(codecs.BOM_UTF8),
                },
            )
    if mixed_at:
        doc.warnings.append(warning_text("warning.mixed_indent", line=mixed_at))
    return doc


# -- writing ---------------------------------------------------------------------------


def _text(title: str) -> str:
    """``title`` as the inside of a node shape: plain when safe, else quoted and escaped."""
    if _UNQUOTED_OK.fullmatch(title):
        return title
    # Mermaid's quoted strings cannot be empty; a space reads back as an empty title.
    return '"' + (_ESCAPE.sub(lambda m: _ESCAPES[m[0]], title) or " ") + '"'


MAX_INDENT_BYTES = 512 * 2**20
"""Mermaid nests by indentation, so a chain N deep costs N² bytes; past what
``formats.load`` reads (512 MiB) the writer refuses instead of exhausting memory."""


def indentation_bytes(doc: Document, per_level: int) -> int:
    """The bytes a level-by-indentation format spends on indentation alone."""
    return sum(per_level * (depth + 1) for _, depth in preorder_with_depth(doc.root))


def write_mermaid(doc: Document) -> bytes:
    """The tree as a Mermaid mindmap (titles and structure only).

    A document read from a Mermaid file is written as that file was, changed only
    where it was edited (:func:`_as_read`)."""
    indent = indentation_bytes(doc, 2)
    if indent > MAX_INDENT_BYTES:
        raise FormatError(
            f"too deeply nested for a Mermaid mindmap: its indentation alone would take "
            f"{indent // 2**20:,} MiB; export to JSON, OPML or XMind instead"
        )
    look = doc.carried.document(CARRIED)
    head = look.get("head")
    if isinstance(head, list) and head and all(isinstance(line, str) for line in head):
        text = _as_read(doc, look, head)
        if look.get("crlf") is True:
            text = text.replace("\n", "\r\n")
        return (codecs.BOM_UTF8 if look.get("bom") is True else b"") + text.encode("utf-8")
    out: list[str] = []
    if doc.meta.title and doc.meta.title != doc.root.title:
        out.append(f"---\ntitle: {json.dumps(doc.meta.title, ensure_ascii=False)}\n---\n")
    out.append("mindmap\n")
    number = 0
    for node, depth in preorder_with_depth(doc.root):
        pad = "  " * (depth + 1)
        if depth == 0:
            out.append(f"{pad}root(({_text(node.title)}))\n")
        else:
            number += 1
            out.append(f"{pad}n{number}[{_text(node.title)}]\n")
    return "".join(out).encode("utf-8")


# -- writing a file back as it was read ---------------------------------------------------

# A title that can stand as a bare node (no shape): nothing Mermaid's lexer would take as
# a shape, an entity, a comment (%%), an icon or a class (::), nor spaces at its ends.
_BARE_OK = re.compile(r"[^()\[\]{}\"#<>&`\s\-%:][^()\[\]{}\"#<>&`\-]*(?<!\s)")
_NUMBERED = re.compile(r"n(\d+)[\[({)]")


def _as_read(doc: Document, look: dict[str, Any], head: list[str]) -> str:
    """The mindmap written as the file it was read from (``Document.carried``): each node's
    line as written while its title is unchanged; an edited title in the node's own shape
    and id; new nodes as the writer makes them. Indentation is kept where the node's place
    is, and follows its siblings' where it moved; if that would not read back as the tree
    (Mermaid nests by indentation alone), every line is indented anew, keeping its text."""
    carried = doc.carried
    title = look.get("title")
    # An empty title is the root's: a front-matter title that was the root's follows it.
    shown = doc.meta.title or doc.root.title
    if doc.meta.title != title and shown != title:
        head = _retitled(head, shown, doc.root.title)
    # New lines are indented as the file is: by tabs or by spaces.
    root_indent = _node_look(carried, doc.root.id).get("indent", "")
    unit = "\t" if root_indent.startswith("\t") else "  "
    numbers = _Numbers(doc)
    rows: list[tuple[str, FeatureNode, str, list[str]]] = []
    written: dict[str, str] = {}  # indentation written, by node id
    kept: set[str] = set()  # nodes whose own indentation was kept
    last_child: dict[str | None, str] = {}  # the last child written so far, by parent id
    for node, depth in preorder_with_depth(doc.root):
        here = _node_look(carried, node.id)
        parent = node.parent
        parent_id = parent.id if parent is not None else None
        if (
            "indent" in here
            and here.get("parent") == parent_id
            and (parent_id is None or parent_id in kept)
        ):
            indent = here["indent"]
            kept.add(node.id)
        else:
            before = last_child.get(parent_id)  # preorder: the previous sibling, if any
            if before is not None:
                indent = written[before]
            else:
                indent = _siblings_indent(carried, parent, kept) or (
                    (written[parent_id] if parent_id is not None else "") + unit
                )
        written[node.id] = indent
        last_child[parent_id] = node.id
        rows.append((indent, node, _body(node, here, depth == 0, numbers), here.get("after", [])))
    if not _nests_as(rows):
        rows = [
            (unit * (depth + 1), node, body, after)
            for (_, node, body, after), (_, depth) in zip(rows, preorder_with_depth(doc.root))
        ]
    out = list(head)
    for indent, _, body, after in rows:
        out.append(indent + body)
        out.extend(after)
    end = look.get("end")
    return "\n".join(out) + (end if isinstance(end, str) else "\n")


def _siblings_indent(carried: Any, parent: FeatureNode | None, kept: set[str]) -> str:
    """The indentation a new first child takes: its siblings' as written, where they
    keep it (under a parent that kept its own); empty when none does."""
    if parent is None or parent.id not in kept:
        return ""
    for sibling in parent.kids:
        here = _node_look(carried, sibling.id)
        if here.get("parent") == parent.id and "indent" in here:
            return here["indent"]
    return ""


def _node_look(carried: Any, node_id: str) -> dict[str, Any]:
    """What was carried for a node, its values checked (a JSON may be edited by hand):
    ``{}`` when any is not what the reader writes."""
    here = carried.node(CARRIED, node_id)
    if not here:
        return here
    span = here.get("text")
    after = here.get("after", [])
    if (
        not isinstance(here.get("indent"), str)
        or not isinstance(here.get("line"), str)
        or not isinstance(here.get("title"), str)
        or not isinstance(here.get("parent"), str | None)
        or not isinstance(after, list)
        or not all(_skipped_line(line) for line in after)
        or (span is not None and not _span_in(span, here["line"]))
    ):
        return {}
    return here


def _skipped_line(line: object) -> bool:
    """A line Mermaid skips (blank, a comment, an icon, a class): one that can follow a
    node's line without changing the tree."""
    return isinstance(line, str) and (not line.strip() or line.lstrip().startswith(("%%", "::")))


def _span_in(span: object, line: str) -> bool:
    return (
        isinstance(span, list)
        and len(span) == 2
        and all(type(k) is int for k in span)
        and 0 <= span[0] <= span[1] <= len(line)
    )


class _Numbers:
    """Fresh ``nK`` ids for new nodes: after the highest the file's lines use."""

    def __init__(self, doc: Document) -> None:
        self._doc = doc
        self._next: int | None = None

    def take(self) -> int:
        if self._next is None:
            high = 0
            for node in self._doc.iter_nodes():
                line = self._doc.carried.node(CARRIED, node.id).get("line")
                match = _NUMBERED.match(line) if isinstance(line, str) else None
                if match is not None:
                    high = max(high, int(match.group(1)))
            self._next = high + 1
        number, self._next = self._next, self._next + 1
        return number


def _body(node: FeatureNode, here: dict[str, Any], is_root: bool, numbers: _Numbers) -> str:
    """A node's line without its indentation."""
    line = here.get("line")
    if line is not None:
        if here["title"] == node.title:
            return line  # as written: shape, id, quotes, line breaks, emphasis, comment
        span = here.get("text")
        if span is not None:  # the text in the node's own shape
            return line[: span[0]] + _text(node.title) + line[span[1] :]
        if _BARE_OK.fullmatch(node.title):
            return node.title  # a bare node stays bare
    if is_root:
        return f"root(({_text(node.title)}))"
    return f"n{numbers.take()}[{_text(node.title)}]"


def _nests_as(rows: list[tuple[str, FeatureNode, str, list[str]]]) -> bool:
    """Whether Mermaid, nesting each line under the nearest one above indented less,
    reads ``rows`` as the tree they come from."""
    stack: list[tuple[int, FeatureNode]] = []
    for indent, node, _, _ in rows:
        width = len(indent)
        while stack and stack[-1][0] >= width:
            stack.pop()
        if (stack[-1][1] if stack else None) is not node.parent:
            return False
        stack.append((width, node))
    return True


def _retitled(head: list[str], title: str, root_title: str) -> list[str]:
    """The lines before the root with the document's new title in the front matter."""
    line = f"title: {json.dumps(title, ensure_ascii=False)}"
    if head and head[0].rstrip() == "---":
        end = next((j for j in range(1, len(head)) if head[j].rstrip() == "---"), None)
        if end is not None:
            for j in range(1, end):
                if _TITLE_LINE.match(head[j].rstrip()):
                    return [*head[:j], line, *head[j + 1 :]]
            return [head[0], line, *head[1:]]
    if title == root_title:
        return head
    return ["---", line, "---", *head]
