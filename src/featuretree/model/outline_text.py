"""Indented lines of text (a pasted list) read as an outline: one node per line.

What PMs paste comes from a PRD, 幕布, Workflowy, XMind, a Markdown list or a plain
text file: lines indented with tabs or spaces, often behind a list marker (``-``,
``*``, ``1.``, ``•``, ``- [ ]``...). :func:`parse_outline` turns such text into
``(level, title)`` pairs, the way XMind builds topics from pasted text:

* a line indented more than the line before is its child (by any amount: 2 spaces,
  4 spaces and a tab are all one level); a line indented less goes back to the last
  line that was indented as little or less, so a ragged list still reads sensibly;
* Markdown headings (``#`` … ``######``) nest by their number of ``#``, and the lines
  under a heading nest under it;
* list markers and check boxes in front of a title are dropped, spaces inside it are
  kept, the ends are trimmed, control characters are removed (it is imported text);
* blank lines, and lines that are nothing but a marker, make no node.

Nothing here recurses or knows about Textual: levels are found with a stack, and
:func:`outline_forest` builds the nodes with another.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from featuretree.model.node import FeatureNode
from featuretree.model.text import clean_line
from featuretree.model.tree import attach

TAB_SIZE = 4
"""Columns a tab in the indentation stands for (only the comparison between lines matters)."""

_HEADING = re.compile(r"(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
# A list marker and what may follow it: "-", "*", "+" (Markdown, Workflowy), bullets
# that word processors and 幕布 copy ("•", "◦", "▪", "●", "○", "■", "□", "‣", "⁃", "·"),
# numbers "1." "1)" "1、" "(1)" "（1）" "1.2.3", Chinese "一、", and a check box
# "[ ]" / "[x]" / "☐" / "☑" / "☒". ASCII markers need a space after them ("-5%" and
# "+1 按钮" stay titles); a number needs one unless it ends in "、" or ")" or is "1."
# before a non-digit ("1.首页", not "2.0版本"); "1.2 小节" stays whole ("3.5 寸屏" could
# be a title). A list number has at most three digits: "2024. 年度账单" is a year, and a
# title that lost it would be silently changed.
_MARKER = re.compile(
    r"""(?:
        [-*+](?:[ \t]+|$)
      | [•◦▪▫●○■□‣⁃·][ \t]*
      | \d{1,3}(?:\.\d{1,3})*[.)][ \t]+
      | \d{1,3}[.](?=[^\d\s])
      | \d{1,3}[)、][ \t]*
      | [(（]\d{1,3}[)）][ \t]*
      | [一二三四五六七八九十]+、[ \t]*
    )""",
    re.VERBOSE,
)
_CHECKBOX = re.compile(r"(?:\[[ xX]\](?:[ \t]+|$)|[☐☑☒][ \t]*)")

_INDENT = " \t\u3000\xa0"
"""What indents a line: spaces, tabs, ideographic and no-break spaces."""

_HEADING_BASE = -1000
"""Headings sit left of any indentation (and deeper headings right of shallower ones)."""


def _indent_width(line: str) -> int:
    """Columns of leading whitespace, a tab reaching the next multiple of ``TAB_SIZE``."""
    width = 0
    for ch in line:
        if ch == " " or ch == "\xa0":  # a no-break space, as web pages copy indentation
            width += 1
        elif ch == "\u3000":  # an ideographic space, as Chinese editors indent
            width += 2
        elif ch == "\t":
            width += TAB_SIZE - width % TAB_SIZE
        else:
            break
    return width


def strip_marker(text: str) -> str:
    """``text`` without a list marker or check box in front (one of each at most)."""
    match = _MARKER.match(text)
    if match:
        text = text[match.end() :]
    match = _CHECKBOX.match(text)
    if match:
        text = text[match.end() :]
    return text


def _entries(text: str) -> list[tuple[int, str]]:
    """``(indentation, title)`` of each line that makes a node."""
    if text.startswith("\ufeff"):  # a byte-order mark copied from a file
        text = text[1:]
    entries: list[tuple[int, str]] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        body = line.lstrip(_INDENT)
        if not body:
            continue
        heading = _HEADING.match(body) if body.startswith("#") else None
        if heading is not None:
            indent = _HEADING_BASE + len(heading.group(1))
            title = heading.group(2)
        else:
            indent = _indent_width(line)
            title = strip_marker(body)
        title = clean_line(title)
        if title:
            entries.append((indent, title))
    return entries


def parse_outline(text: str) -> list[tuple[int, str]]:
    """The lines of ``text`` that make nodes, as ``(level, title)`` in order.

    The first has level 0; each level is at most one more than the level before it.
    """
    result: list[tuple[int, str]] = []
    open_indents: list[int] = []  # indentation of the last line at each level
    for indent, title in _entries(text):
        # Back out of every level indented more than this line; a line between two
        # levels ("0, 4, 2") becomes a child of the shallower one.
        while open_indents and open_indents[-1] > indent:
            open_indents.pop()
        if not open_indents or open_indents[-1] < indent:
            open_indents.append(indent)
        result.append((len(open_indents) - 1, title))
    return result


def outline_forest(items: list[tuple[int, str]], new_id: Callable[[], str]) -> list[FeatureNode]:
    """Detached nodes for ``items`` (from :func:`parse_outline`): the top-level ones, in
    order, each with its lines below it as children; ``new_id()`` names each node."""
    forest: list[FeatureNode] = []
    path: list[FeatureNode] = []  # the last node at each level
    for level, title in items:
        node = FeatureNode(title, id=new_id())
        del path[level:]
        if path:
            attach(node, path[-1])
        else:
            forest.append(node)
        path.append(node)
    return forest
