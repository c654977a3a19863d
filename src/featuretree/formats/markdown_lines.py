"""Reading featuretree's own Markdown layout line by line, without markdown-it's block parser.

markdown-it-py's block parser is pure Python and tries every block rule at every line:
for a 100,000-node export it is most of a read that takes many seconds and about a
gigabyte (a token object for every list item, paragraph and table cell). The layout
featuretree writes (:mod:`markdown_format`) is much narrower: headings, ``-`` items
indented two spaces a level, and under each node one blockquote of paragraphs, tables
and one bullet list. :class:`LineReader` reads exactly that shape straight into the
reader's :class:`~featuretree.formats.markdown_annotations.NodeData`, with the same
functions the token walk uses for each part, and markdown-it's own inline parser for any
run of text that has markup.

Anything outside that shape (another list marker, a code fence, raw HTML, a paragraph
under a heading, a lazy continuation line, a tab in the indentation...) raises
:class:`NotSimple` at once and the whole text is read by markdown-it as before: for
every text this reader accepts, the document is the one the token walk builds.
tests/formats/test_markdown_lines.py holds the two readers to each other.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from featuretree.formats.markdown_annotations import NodeData, count
from featuretree.formats.markdown_plain import (
    BLOCK_START,
    PLAIN_CHAR,
    PLAIN_RUN,
    PLAIN_THEN_MARKER,
    TRIM_CHARS,
    plain_lines,
)
from featuretree.formats.markdown_syntax import (
    CAPTION_CHANGELOG,
    CAPTION_META,
    CAPTION_REVISIONS,
    CAPTION_SUGGESTIONS,
    CAPTIONS,
    parse_comment,
    plain_text,
    split_lines,
    table_source,
    title_links,
)
from featuretree.formats.markdown_writers_quote import (
    STATUS_LINE_STARTS,
    WritersQuote,
    status_fields,
)
from featuretree.model.text import clean_line

if TYPE_CHECKING:
    from markdown_it.token import Token

    from featuretree.formats.markdown_annotations import DocData, QuoteReader

MAX_ITEM_LEVELS = 50
"""Deeper list nesting goes to markdown-it, which refuses what it cannot read."""


_TRIM = TRIM_CHARS
"""What markdown-it's ``mdTrim`` strips (called inline: a function call per cell adds up)."""


class NotSimple(Exception):
    """The text has something :class:`LineReader` does not read; markdown-it reads it."""


_BLOCK_START = re.compile(BLOCK_START)
"""A line that could start a block (:data:`.markdown_plain.BLOCK_START`): left to markdown-it."""
_BLOCK_START_FIRST = re.compile(_BLOCK_START.pattern, re.M)
_BLOCK_START_LATER = re.compile("\n(?:" + _BLOCK_START.pattern + ")", re.M)
""":data:`_BLOCK_START` at the start of the first line of a block, or of a later one."""
_PLAIN_TABLE = re.compile(r"[^\\`~_*\[!<&]*")
"""A table none of whose cells has a character at which an inline rule can fire."""
_PLAIN = PLAIN_CHAR
_ITEM_LINE = f"(?![ \\t]){_PLAIN}+(?<!\\s)"
_SUGGESTION_ITEM = re.compile(
    r"- \*\*(P[0-3])\*\*"
    # in\_progress: an escaped "_"; else the status is part of the plain text after
    r"(?: · ([A-Za-z]+(?:\\_[A-Za-z]+)+) — )?"
    rf"((?(2)|(?= )){_PLAIN}+)"
    r"(?:<!-- id: ([A-Za-z0-9_.:]+(?:-[A-Za-z0-9_.:]+)*) -->)?(?<!\s)"
    rf"((?:\\?\n  {_ITEM_LINE})*)"
    r"(?:\n|\Z)"
)
"""One suggestion item as the writer puts it: ``**P1**``, plain text, the id marker, then
plain ``理由:``/``提出:`` lines, each line ended by a hard break."""
_CONTINUATION_BREAK = re.compile(r"\\?\n  ")
_BLOCK_START_CONTINUED = re.compile("\n  (?:" + _BLOCK_START.pattern + ")", re.M)
_QUOTE_MARKERS: dict[int, re.Pattern[str]] = {}
_QUOTE_ENDS: dict[int, re.Pattern[str]] = {}


def _quote_end(pad: int) -> re.Pattern[str]:
    """The line break that ends a quote at column ``pad``: the next line does not start
    with its ``>`` there."""
    pattern = _QUOTE_ENDS.get(pad)
    if pattern is None:
        pattern = _QUOTE_ENDS[pad] = re.compile("\n(?!" + " " * pad + ">)")
    return pattern


def _quote_marker(pad: int) -> re.Pattern[str]:
    """A line break and the ``>`` (and the space after it) that starts every line of a
    quote at column ``pad``; a line of only spaces after it goes whole (a blank line of
    the quote). Led by the line break, not ``^``: a literal start is searched for fast."""
    pattern = _QUOTE_MARKERS.get(pad)
    if pattern is None:
        pattern = _QUOTE_MARKERS[pad] = re.compile("\n" + " " * pad + "(?:> *$|> ?)", re.M)
    return pattern


_DELIMITER_ROW = re.compile(r"\|(?:[ ]*:?-+:?[ ]*\|)+")
_HEADING = re.compile(r"(#{1,6})(?:[ \t](.*))?")
_ONE_COMMENT = re.compile(r"<!--(?:(?!-->).)*-->")
# A plain title and the writer's id comment: what PLAIN_THEN_MARKER and parse_comment
# make of it, in one match.
_TITLE_WITH_ID = re.compile(
    "(" + PLAIN_RUN.pattern + r")<!-- id: ([A-Za-z0-9_.:]+(?:-[A-Za-z0-9_.:]+)*) -->"
)
_CAPTION_LINES = {f"**{caption}**": caption for caption in CAPTIONS}
"""A paragraph that is only a caption in bold: markdown-it's strong text, read as one."""
# The head of a suggestion as the writer puts it: ``**P1**`` (strong) then plain text.
_SUGGESTION_PRIORITY = re.compile(r"\*\*(P[0-3])\*\*(?= )")
_ESCAPED_STATUS = re.compile(r" · ([A-Za-z]+(?:\\_[A-Za-z]+)+) — ")


def _suggestion_texts(content: str) -> tuple[list[str], dict[str, str]] | None:
    """What :meth:`QuoteReader.suggestion` reads of an item's run (its lines' plain text
    and the marker's fields) when it is the writer's plain form; None otherwise."""
    lines = content.split("\n")
    last = len(lines) - 1
    markers: dict[str, str] = {}
    texts: list[str] = []
    for number, line in enumerate(lines):
        if number < last and line.endswith("\\"):
            line = line[:-1]
        if number == 0:
            head = _SUGGESTION_PRIORITY.match(line)
            if head is None:
                return None
            rest = line[head.end() :]
            if rest.endswith((" ", "\t")):
                return None
            status = _ESCAPED_STATUS.match(rest)
            if status is not None:  # in\_progress: an escaped "_", one text token
                texts_head = " · " + status.group(1).replace("\\_", "_") + " — "
                rest = rest[status.end() :]
            else:
                texts_head = ""
            if PLAIN_RUN.fullmatch(rest) is None:
                marked = PLAIN_THEN_MARKER.fullmatch(rest)
                if marked is None:
                    return None
                fields = parse_comment(marked.group(2))
                if fields:
                    markers.update(fields)
                rest = marked.group(1)
            texts.append(head.group(1) + texts_head + rest)
        elif line and line[0] not in " \t" and line[-1] not in " \t" and PLAIN_RUN.fullmatch(line):
            texts.append(line)
        else:
            return None
    return texts, markers


class LineReader:
    """Reads the lines of featuretree's Markdown layout into the tree of a token reader.

    ``tree`` is the ``_TreeReader`` whose ``top``, ``place``, ``settle``, ``doc`` and
    ``quotes`` (a :class:`QuoteReader`) are filled as its token walk fills them;
    ``inline(content)`` gives the inline tokens markdown-it makes of a run.
    """

    def __init__(self, tree: Any, inline: Callable[[str], list[Token]], line_offset: int) -> None:
        self.tree = tree
        self.inline = inline
        self.line_offset = line_offset
        self.quotes: QuoteReader = tree.quotes
        self.doc: DocData = tree.doc
        self.writers_quote = WritersQuote(line_offset)
        """Reads a quote in the writer's own shape in one match (most of them)."""

    # -- titles -------------------------------------------------------------------

    def title(self, content: str) -> tuple[str, dict[str, str], list[tuple[str, str]]]:
        """``(title, marker fields, links)`` of a heading's or an item's inline run."""
        if not content:
            return "", {}, []
        with_id = _TITLE_WITH_ID.fullmatch(content)
        if with_id is not None:
            return clean_line(with_id.group(1)), {"id": with_id.group(2)}, []
        if PLAIN_RUN.fullmatch(content):
            return clean_line(content), {}, []
        marked = PLAIN_THEN_MARKER.fullmatch(content)
        if marked is not None:
            return clean_line(marked.group(1)), parse_comment(marked.group(2)) or {}, []
        children = self.inline(content)
        markers: dict[str, str] = {}
        title = clean_line(
            plain_text(children, line_break=" ", markers=markers, lost=self.tree.not_imported)
        )
        return title, markers, title_links(children, content)

    # -- the outline ----------------------------------------------------------------

    def read(self, source: str) -> None:
        """Read every line of ``source`` (with markdown-it's line endings), or raise
        :class:`NotSimple` (the tree is then half built).

        The text is walked by position, not cut into lines first: a quote's lines (most
        of them) are found and taken whole by :meth:`quote`, never one string each."""
        tree = self.tree
        headings: list[tuple[int, NodeData]] = []
        items: list[tuple[int, NodeData]] = []  # (column of the "-", node)
        offset = self.line_offset + 1
        find = source.find
        pos, n = 0, len(source)
        i = -1  # the index of the line read
        while pos <= n:
            end = find("\n", pos)
            if end < 0:
                end = n
            at, line, pos = pos, source[pos:end], end + 1
            i += 1
            if not line:
                continue
            first = line[0]
            if first == "#":
                match = _HEADING.fullmatch(line)
                if match is None:
                    raise NotSimple
                rest = match.group(2) or ""
                if rest.rstrip(" \t").endswith("#"):
                    raise NotSimple  # a closing sequence: markdown-it's rules decide
                level = len(match.group(1))
                items.clear()
                while headings and headings[-1][0] >= level:
                    headings.pop()
                node = NodeData(line=i + offset)
                content = rest.strip(_TRIM)
                node.node_id = node.set_title(content, *self.title(content)).get("id")
                tree.place(node, headings[-1][1] if headings else tree.top)
                headings.append((level, node))
                continue
            if first == " ":
                rest = line.lstrip(" ")
                if not rest:
                    continue  # a blank line
                pad = len(line) - len(rest)
                marker = rest[0]
            else:
                rest, pad, marker = line, 0, first
            if marker == "-":
                if len(rest) < 3 or rest[1] != " " or rest[2] in " \t":
                    raise NotSimple
                while items and items[-1][0] > pad:
                    items.pop()
                if items and items[-1][0] == pad:
                    items.pop()
                elif pad != (items[-1][0] + 2 if items else 0):
                    raise NotSimple
                if len(items) >= MAX_ITEM_LEVELS:
                    raise NotSimple
                parent = items[-1][1] if items else headings[-1][1] if headings else tree.top
                node = NodeData(line=i + offset, parent=parent, item=True)
                items.append((pad, node))
                text = rest[2:]
                if _BLOCK_START.match(text):
                    if not _ONE_COMMENT.fullmatch(text):
                        raise NotSimple
                    # An item that is only its marker comment: an HTML block.
                    fields = parse_comment(text)
                    tree.settle(node, fields)
                    if fields is None:
                        count(tree.not_imported, "html_block")
                        node.notes.append(text.strip())
                else:
                    content = text.strip(_TRIM)
                    tree.settle(node, node.set_title(content, *self.title(content)))
                continue
            if marker == ">":
                if pad != (items[-1][0] + 2 if items else 0):
                    raise NotSimple
                current = items[-1][1] if items else headings[-1][1] if headings else tree.top
                pos, i = self.quote(source, at, i, pad, current)
                continue
            raise NotSimple

    # -- a blockquote -----------------------------------------------------------------

    def quote(self, text: str, at: int, start: int, pad: int, node: NodeData) -> tuple[int, int]:
        """Read the blockquote whose ``>`` is at column ``pad`` from line ``start`` (at
        ``at`` in ``text``); returns the position after it and the index of its last line."""
        prefix = " " * pad + ">"
        # Its lines: up to the first line break not followed by the marker, found by one
        # search in C rather than a Python step per line.
        found = _quote_end(pad).search(text, at)
        end = found.start() if found is not None else len(text)
        quoted = text[at:end]
        if found is not None:
            after = text.find("\n", end + 1)
            following = text[end + 1 : after if after >= 0 else len(text)]
            if following.strip(" ") and following.lstrip(" ")[0] not in "#->":
                raise NotSimple  # a lazy continuation line, or something else to be judged
        # The quote's text without its markers, cut into blocks at blank lines, by a few
        # passes of C over the whole quote rather than a Python step per line.
        joined = "\n" + quoted
        if "\n" + prefix + " " + prefix in joined:
            raise NotSimple  # a quote in the quote, or an indented line: for markdown-it
        inner = joined.replace("\n" + prefix + " ", "\n").replace("\n" + prefix, "\n")
        if " \n" in inner or inner.endswith(" "):
            # A line ending in a space: it may be a blank line of the quote ("> " and more
            # spaces); the marker then goes with every space after it.
            inner = _quote_marker(pad).sub("\n", joined)
        last = start + quoted.count("\n")
        if self.writers_quote.read(inner, start, node):
            return end + 1, last
        section: str | None = None
        was_list = False
        first_line = start - 1  # the index of a piece's first line (inner starts with "\n")
        for piece in inner.split("\n\n"):
            piece_line = first_line
            first_line += piece.count("\n") + 2
            text = piece.strip("\n")
            if not text:
                continue
            piece_line += len(piece) - len(piece.lstrip("\n"))
            if text.startswith("- "):
                if was_list:
                    raise NotSimple  # a blank line inside one list
                was_list = True
                self.bullet_list(piece_line, text, section, node)
                continue
            was_list = False
            if text[0] == "|":
                self.table(piece_line, text, section, node)
                continue
            # A caption or a status line (a letter first) cannot start another block.
            caption = _CAPTION_LINES.get(text)
            if caption is not None:
                section = caption
                continue
            if text[0] in STATUS_LINE_STARTS and self.status_line(text, node):
                continue
            if _BLOCK_START_FIRST.match(text) or ("\n" in text and _BLOCK_START_LATER.search(text)):
                raise NotSimple
            content = text.strip(_TRIM)
            caption = _CAPTION_LINES.get(content)
            if caption is not None:
                section = caption
                continue
            plain = plain_lines(content)
            if plain is not None:
                # No caption, status, tags or links: a paragraph of the notes.
                node.notes.append(plain)
                continue
            from markdown_it.token import Token  # markup in the notes: markdown-it's tokens

            inline = Token(
                "inline",
                "",
                0,
                content=content,
                map=[piece_line, piece_line + text.count("\n") + 1],
                children=self.inline(content),
            )
            section = self.quotes.paragraph(inline, node, section)
        return end + 1, last

    def status_line(self, content: str, node: NodeData) -> bool:
        """Read a status/tags line in the writer's plain form (a known status, tags in
        single backticks): what the token walk's ``status_line`` makes of it. False,
        nothing read, for any other line."""
        fields = status_fields(content)
        if fields is None:
            return False  # the token walk says what is wrong with it
        status, tags = fields
        if status is not None:
            node.status = status
        node.tags.extend(tags)
        return True

    def table(self, first_line: int, block: str, section: str | None, node: NodeData) -> None:
        """A GFM table: rows as the token walk collects them."""
        texts = block.split("\n")
        if len(texts) < 2 or not _DELIMITER_ROW.fullmatch(texts[1].rstrip(" ")):
            raise NotSimple
        width = texts[1].count("|") - 1
        # A table in the notes is kept as written (markdown-it's walk keeps the same).
        captioned = section in (CAPTION_CHANGELOG, CAPTION_REVISIONS, CAPTION_META)
        kept = None if captioned else table_source(texts)
        # Cells without any inline markup (the usual change log) are their own text.
        plain = kept is not None or _PLAIN_TABLE.fullmatch(block) is not None
        rows: list[tuple[int, list[str]]] = []
        line = first_line + self.line_offset + 1
        for number, text in enumerate(texts, line):
            if text[0] != "|":
                raise NotSimple
            if number == line + 1:
                continue
            trimmed = text.strip(_TRIM)
            if "\\" in trimmed:
                from markdown_it.rules_block.table import escapedSplit  # when first needed

                cells = escapedSplit(trimmed)
            else:
                cells = trimmed.split("|")
            if cells and cells[0] == "":
                cells.pop(0)
            if cells and cells[-1] == "":
                cells.pop()
            if number == line and len(cells) != width:
                raise NotSimple  # not a table for markdown-it
            row = [cell.strip(_TRIM) for cell in cells[:width]]
            if len(row) < width:
                row.extend([""] * (width - len(row)))
            rows.append((number, row if plain else [self.cell_text(cell) for cell in row]))
        if captioned:
            self.quotes.table_rows(rows, section, node, self.doc)
            return
        if kept is not None:
            node.notes.append(kept)
            return
        count(self.tree.not_imported, "table")
        text = "\n".join("| " + " | ".join(cells) + " |" for _, cells in rows)
        if text:
            node.notes.append(text)

    def cell_text(self, content: str) -> str:
        """The plain text of a table cell."""
        if not content or PLAIN_RUN.fullmatch(content):
            return content
        return plain_text(self.inline(content), lost=self.tree.not_imported)

    def writers_suggestions(
        self, first_line: int, block: str
    ) -> list[tuple[int, dict[str, Any]]] | None:
        """The suggestions of a list whose items are all in the writer's plain form, one
        match each; None when any is not (:meth:`bullet_list` reads it item by item).

        Each item gives the texts and marker :func:`_suggestion_texts` gives for it."""
        found: list[tuple[int, dict[str, Any]]] = []
        record = self.quotes.suggestion_record
        line = first_line + self.line_offset + 1
        pos, end = 0, len(block)
        while pos < end:
            match = _SUGGESTION_ITEM.match(block, pos)
            if match is None:
                return None
            priority, escaped, rest, marker, more = match.groups()
            if more and _BLOCK_START_CONTINUED.search(more):
                return None  # bullet_list leaves such an item to markdown-it
            if escaped is not None:
                rest = f" · {escaped.replace(chr(92) + '_', '_')} — {rest}"
            texts = [priority + rest]
            if more:
                texts.extend(_CONTINUATION_BREAK.split(more)[1:])
            found.append((line, record(texts, {"id": marker} if marker else {})))
            line += match.group().count("\n")
            pos = match.end()
        return found

    def bullet_list(self, first_line: int, block: str, section: str | None, node: NodeData) -> None:
        """A ``-`` list of one-paragraph items: suggestions, or text for the notes."""
        if section == CAPTION_SUGGESTIONS:
            quick = self.writers_suggestions(first_line, block)
            if quick is not None:
                node.suggestions.extend(quick)
                return
        items: list[tuple[int, list[str]]] = []
        for k, text in enumerate(block.split("\n"), first_line):
            if text.startswith("- "):
                body = text[2:]
                items.append((k, [body]))
            elif text.startswith("  ") and items:
                body = text[2:]
                items[-1][1].append(body)
            else:
                raise NotSimple
            if not body or _BLOCK_START.match(body):
                raise NotSimple
        parts: list[str] = []
        for k, bodies in items:
            content = "\n".join(bodies).strip(_TRIM)
            if section == CAPTION_SUGGESTIONS:
                quick = _suggestion_texts(content)
                if quick is not None:
                    record = self.quotes.suggestion_record(*quick)
                    node.suggestions.append((k + self.line_offset + 1, record))
                    continue
            children = self.inline(content)
            if section == CAPTION_SUGGESTIONS:
                suggestion = self.quotes.suggestion(split_lines(children))
                node.suggestions.append((k + self.line_offset + 1, suggestion))
            else:
                parts.append("- " + plain_text(children, lost=self.tree.not_imported))
        if parts:
            node.notes.append("\n".join(parts))
