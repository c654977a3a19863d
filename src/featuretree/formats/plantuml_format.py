"""PlantUML mindmaps (``.puml``), for wikis that render PlantUML; written, not read.

``@startmindmap`` … ``@endmindmap`` with one ``*`` per level. A node's status is its
box colour (a legend explains the colours used); a node with notes or links becomes a
multi-line box (``*:title`` … ``;``) with the notes, then one ``[[url title]]`` line
per link, under a rule. Change log and suggestions are not written: a diagram is not
the place for them.

PlantUML reads node text as Creole and runs its preprocessor over every line, so
characters that would start markup (``**``, ``//``, ``--``, ``__``, ``~``, ``<``,
``[[``, ``\\``, ``%`` before a name, a leading ``:`` or list marker, a ``;`` ending a
line of a multi-line box) are written as ``<U+XXXX>`` code points, which PlantUML
shows as the character itself.
"""

from __future__ import annotations

import re

from featuretree.formats.errors import FormatError
from featuretree.formats.mermaid_format import MAX_INDENT_BYTES, indentation_bytes
from featuretree.model.annotations import FeatureStatus
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import preorder_with_depth

STATUS_COLOURS = {
    FeatureStatus.NEW: "#lightgreen",
    FeatureStatus.CHANGED: "#gold",
    FeatureStatus.DEPRECATED: "#lightgray",
}
_LEGEND = {
    FeatureStatus.NEW: "新增 new",
    FeatureStatus.CHANGED: "修改 changed",
    FeatureStatus.DEPRECATED: "废弃 deprecated",
}
# Always escaped: Creole's escape character, HTML-like tags and entities, backslash
# sequences such as \n.
_ALWAYS = re.compile(r"[~<>&\\]")
# Escaped where they form markup: doubled markers, links, preprocessor calls.
_PAIRS = re.compile(r"([*/\"\-_=^,.|#\[\]{}])\1+|%(?=[A-Za-z_$])|\$(?=[A-Za-z_])")
# A first character PlantUML or Creole would read as syntax (multi-line start,
# lists, headings, tables, separators, colour or stereotype).
_LEADING = frozenset(':*#-=|.+![_^,"')
# What a URL inside [[…]] cannot contain: it would end the link or the line.
_LINK_UNSAFE = re.compile(r"[\s\[\]<>;]")


def _code(ch: str) -> str:
    return f"<U+{ord(ch):04X}>"


def escape(text: str, *, line_end: bool = False) -> str:
    """``text`` as PlantUML node text showing exactly these characters.

    ``line_end`` also protects a final ``;``, which would end a multi-line box.
    """
    text = _ALWAYS.sub(lambda m: _code(m[0]), text)
    text = _PAIRS.sub(lambda m: "".join(_code(c) for c in m[0]), text)
    if text and text[0] in _LEADING:
        text = _code(text[0]) + text[1:]
    if line_end and text.endswith(";"):
        text = text[:-1] + _code(";")
    return text


def _link(title: str, url: str) -> str | None:
    """A Creole link ``[[url label]]``, or ``None`` for a URL Creole cannot hold."""
    if not url or _LINK_UNSAFE.search(url):
        return None
    label = escape(title, line_end=True) if title else ""
    return f"[[{url} {label}]]" if label else f"[[{url}]]"


def _node_lines(node: FeatureNode, depth: int, notes: bool, out: list[str]) -> None:
    stars = "*" * (depth + 1)
    colour = STATUS_COLOURS.get(node.status)
    head = f"{stars}[{colour}]" if colour else stars
    title = escape(node.title) or "<U+00A0>"
    body = node.notes.strip("\n") if notes else ""
    lines = [escape(line, line_end=True) for line in body.split("\n")] if body else []
    if notes:
        # Links are clickable lines under the notes (a URL with spaces or brackets,
        # which Creole cannot hold, is shown as text).
        for link in node.links:
            creole = _link(link.title, link.url)
            if creole is None:
                creole = escape(f"{link.title} {link.url}".strip(), line_end=True)
            lines.append(creole)
    if not lines:
        out.append(f"{head} {title}\n")
        return
    out.append(f"{head}:{escape(node.title, line_end=True) or '<U+00A0>'}\n----\n")
    for i, text in enumerate(lines):
        # An empty line would be fine, but a blank last line before ';' would hide it.
        out.append(text if text else "<U+00A0>")
        out.append(";\n" if i == len(lines) - 1 else "\n")


def write_plantuml(doc: Document, *, notes: bool = True) -> bytes:
    """The tree as a PlantUML mindmap; status as colours, notes in the boxes (``notes``)."""
    stars = indentation_bytes(doc, 1)
    if stars > MAX_INDENT_BYTES:
        raise FormatError(
            f"too deeply nested for a PlantUML mindmap: its level stars alone would take "
            f"{stars // 2**20:,} MiB; export to JSON, OPML or XMind instead"
        )
    out = ["@startmindmap\n"]
    if notes:
        # Long notes wrap instead of stretching a box across the page.
        out.append("<style>\nmindmapDiagram {\n  node {\n    MaximumWidth 320\n  }\n}\n</style>\n")
    title = doc.meta.title or doc.root.title
    if title:
        out.append(f"title {escape(title)}\n")
    used: set[FeatureStatus] = set()
    for node, depth in preorder_with_depth(doc.root):
        if node.status in STATUS_COLOURS:
            used.add(node.status)
        _node_lines(node, depth, notes, out)
    if used:
        out.append("legend right\n")
        for status, colour in STATUS_COLOURS.items():
            if status in used:
                out.append(f"  <back:{colour}>    </back> {_LEGEND[status]}\n")
        out.append("endlegend\n")
    out.append("@endmindmap\n")
    return "".join(out).encode("utf-8")
