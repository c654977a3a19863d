"""The blockquote featuretree's writer puts under a node, read in one match.

Nearly every quote of featuretree's own export has one shape (``node_quote`` in
:mod:`markdown_writer`): a status/tags line, plain notes, a change-log table and a list
of suggestions, each in the one form the writer gives it, in that order. Read piece by
piece (:meth:`LineReader.quote <.markdown_lines.LineReader.quote>`), such a quote costs a
Python step for every piece, row, cell and item; for a 100,000-node export that was
about half of the read. :class:`WritersQuote` holds a whole quote to that shape with one
regular expression, then takes the table's rows and the list's items each with one more
(``findall``), and fills the node from their groups.

It accepts only what the piece-by-piece reading reads to the same node: any other quote
(a links line, markup in the notes, a table another tool wrote, an unknown status...)
is refused before the node is touched, and read piece by piece as before.
tests/formats/test_markdown_lines.py holds the two to each other.
"""

from __future__ import annotations

import re
from typing import Any

from featuretree.formats.markdown_annotations import (
    STATUS_VALUES,
    SUGGESTION_STATUS_VALUES,
    NodeData,
    QuoteReader,
    parse_date,
)
from featuretree.formats.markdown_labels import CAPTIONS, LINE_LABELS
from featuretree.formats.markdown_plain import BLOCK_START, PLAIN_CHAR, TRIM_CHARS
from featuretree.formats.markdown_syntax import (
    CAPTION_CHANGELOG,
    CAPTION_SUGGESTIONS,
    COL_AUTHOR,
    COL_DATE,
    COL_SUMMARY,
    COL_VERSION,
    PROPOSED_BY_LABEL,
    RATIONALE_LABEL,
    STATUS_LABEL,
    TAGS_LABEL,
    canonical_header,
)
from featuretree.model.annotations import FeatureStatus
from featuretree.model.text import clean_line


def _words(name: str, table: dict[str, str]) -> str:
    """Every spelling of a label or caption (``状态|Status``), as a pattern."""
    return "|".join(re.escape(written) for written, known in table.items() if known == name)


# -- the status/tags line ------------------------------------------------------------------

# ``状态: **新增** · 标签: `a` `b``` (either part alone; the labels in either language). A
# status is a word; a tag a code span in single backticks with no space at either end,
# which markdown-it gives back as written.
_TAG_SPAN = r"`[^`\s](?:[^`\n]*[^`\s])?`"
_LABEL_COLON = "(?:: |： ?)"
"""After a label: featuretree's own ``: ``, or a Chinese PRD's ``：`` (markdown_labels)."""
_STATUS_LINE = re.compile(
    rf"(?:({_words(STATUS_LABEL, LINE_LABELS)}){_LABEL_COLON}\*\*([^\W_]+)\*\*)?"
    rf"(?:(?(1) · )({_words(TAGS_LABEL, LINE_LABELS)}){_LABEL_COLON}"
    rf"({_TAG_SPAN}(?: {_TAG_SPAN})*))?"
)
STATUS_LINE_STARTS = frozenset(
    written[0] for written, name in LINE_LABELS.items() if name in (STATUS_LABEL, TAGS_LABEL)
)
"""The first letters of a status/tags line (no other block starts so)."""


def status_fields(content: str) -> tuple[FeatureStatus | None, list[str]] | None:
    """``(status, tags)`` of a status/tags line in the writer's plain form (a known status,
    tags in single backticks): what the token walk's ``status_line`` reads of it. None
    for any other line (the token walk says what is wrong with it)."""
    match = _STATUS_LINE.fullmatch(content)
    if match is None:
        return None
    _, value, tags_label, written = match.groups()
    status = None
    if value is not None:
        status = STATUS_VALUES.get(value)
        if status is None:
            return None
    elif tags_label is None:
        return None
    tags: list[str] = []
    if written:
        for tag in written[1:-1].split("` `"):
            tag = clean_line(tag)
            if tag:
                tags.append(tag)
    return status, tags


# -- the whole quote -------------------------------------------------------------------------

_P = PLAIN_CHAR
# Nothing markdown-it trims (TRIM_CHARS) may be at the end of a paragraph or a cell: held
# by ``\s``, which is every such character and a few more (controls the file's text never
# holds), so a quote is only ever refused for them. A class of the characters themselves
# would take ~2.5 ms more to compile, at every start of the program that reads Markdown.
_END_IN = r"(?!\s)"
_END_OUT = r"(?<!\s)"
# A notes paragraph that is plain text: lines that start no block (markdown_lines reads
# a paragraph only then), have no space or tab at either end, and are joined by hard or
# soft breaks; nothing at its ends that markdown-it trims, and no "|" first (a table).
_LINE = rf"(?!{BLOCK_START})(?:{_P})++(?<![ \t])"
_PARAGRAPH = rf"{_END_IN}(?!\|){_LINE}(?:\\?\n{_LINE})*+{_END_OUT}"
# A table cell taken as its own text (markdown_lines.LineReader.table): no pipe, no
# backslash, no character at which an inline rule fires, nothing trimmed at its ends.
_CELL_CHAR = r"[^|\n\\`~_*\[!<&]"
_CELL = rf"(?:{_END_IN}(?:{_CELL_CHAR})+{_END_OUT})?"
_ROW = rf"\|(?: {_CELL} \|){{4}}"
_HEADER = re.compile(_ROW)
# A data row, from the line break before it to the end of its line: the rows are the
# writer's when each line is one found.
_ROWS = re.compile(rf"\n\| ({_CELL}) \| ({_CELL}) \| ({_CELL}) \| ({_CELL}) \|(?=\n|\Z)")
_ID = r"[A-Za-z0-9_.:]+(?:-[A-Za-z0-9_.:]+)*"
# A suggestion as the writer puts it, from the start of its first line to the end of its
# last: ``**P1** · status — text<!-- id: s1 -->``, then ``理由:`` and ``提出:`` lines after
# hard breaks. ``in\_progress``: an escaped "_".
_ITEMS = re.compile(
    r"^- \*\*(P[0-3])\*\* · (?:([^\W_]+)|([A-Za-z]+(?:\\_[A-Za-z]+)+)) — "
    rf"((?:{_P})++)(?:<!-- id: ({_ID}) -->)?(?<!\s)"
    rf"(?:\\\n  (?:{_words(RATIONALE_LABEL, LINE_LABELS)}): ((?:{_P})++)(?<!\s))?"
    rf"(?:\\\n  (?:{_words(PROPOSED_BY_LABEL, LINE_LABELS)}): ((?:{_P})++)(?<!\s))?"
    r"(?=\n- |\Z)",
    re.M,
)
_NEXT = r"(?:\n\n|\Z)"
_QUOTE = re.compile(
    # Without its markers a quote starts with the line break before its first line.
    r"\n"
    rf"(?:(?P<status>(?:{_words(STATUS_LABEL, LINE_LABELS)}|{_words(TAGS_LABEL, LINE_LABELS)})"
    rf": [^\n]*){_NEXT})?"
    rf"(?P<notes>(?:{_PARAGRAPH}{_NEXT})*)"
    rf"(?:\*\*(?:{_words(CAPTION_CHANGELOG, CAPTIONS)})\*\*\n\n"
    r"(?P<header>\|[^\n]*)\n\|(?: --- \|){4}(?P<rows>(?:\n\|[^\n]*)*)"
    rf"{_NEXT})?"
    rf"(?:\*\*(?:{_words(CAPTION_SUGGESTIONS, CAPTIONS)})\*\*\n\n"
    r"(?P<items>- [^\n]*(?:\n[^\n]+)*))?"
    r"\Z",
    re.M,
)
"""A quote in the writer's shape, without its ``>`` markers, every part optional. Only
the notes are checked here: the status line, the table's lines and the list's are held
to the writer's form as their fields are taken (one scan of each)."""
_CHANGELOG_COLUMNS = [COL_VERSION, COL_DATE, COL_AUTHOR, COL_SUMMARY]


class WritersQuote:
    """Reads quotes in the writer's shape into their nodes (one instance per file read).

    ``line_offset``: the lines of the file before the text read (its front matter)."""

    def __init__(self, line_offset: int) -> None:
        self.line_offset = line_offset
        self.status_lines: dict[str, tuple[FeatureStatus | None, list[str]] | None] = {}
        """:func:`status_fields` of every status line met: a file has few different ones."""
        self.headers: dict[str, bool] = {}
        """Whether a change log's header row names its columns in the writer's order."""

    def read(self, inner: str, start: int, node: NodeData) -> bool:
        """Fill ``node`` from ``inner`` (the quote whose first line is line ``start``,
        without its markers, a line break first) and say True; or say False and leave
        the node as it was when the quote is not in the writer's shape."""
        match = _QUOTE.match(inner)
        if match is None:
            return False
        status_line, notes, header, rows, items = match.group(
            "status", "notes", "header", "rows", "items"
        )
        fields = None
        if status_line is not None:
            known = self.status_lines
            if status_line not in known:
                known[status_line] = status_fields(status_line)
            fields = known[status_line]
            if fields is None:
                return False
        if header is not None and not self.changelog_header(header):
            return False
        entries = None
        if rows:
            entries = _ROWS.findall(rows)
            if len(entries) != rows.count("\n"):
                return False  # a row not in the writer's form
        # The file's line of a position in inner (a line break leads each line).
        base = start + self.line_offset
        suggestions = None
        if items is not None:
            suggestions = self.suggestions(items, base + inner.count("\n", 0, match.start("items")))
            if suggestions is None:
                return False
        # The quote is the writer's: nothing below refuses it.
        if fields is not None:
            status, tags = fields
            if status is not None:
                node.status = status
            node.tags.extend(tags)
        if notes:
            # Plain lines: a hard break is a line break of the notes, as a soft one is.
            node.notes.extend(
                paragraph.replace("\\\n", "\n") for paragraph in notes.split("\n\n") if paragraph
            )
        if entries:
            changelog = node.changelog
            first = base + inner.count("\n", 0, match.start("header")) + 2
            for line, (version, date, author, summary) in enumerate(entries, first):
                entry: dict[str, Any] = {
                    "version": version or None,
                    "author": author or None,
                    "summary": summary,
                }
                if date and not date.isspace():
                    entry["date"] = parse_date(date)
                changelog.append((line, entry))
        if suggestions:
            node.suggestions.extend(suggestions)
        return True

    def changelog_header(self, header: str) -> bool:
        """Whether a change log's header row names the writer's columns, in its order
        (in any language, or in a synonym :func:`.canonical_header` knows)."""
        known = self.headers.get(header)
        if known is None:
            cells = [cell.strip(TRIM_CHARS) for cell in header[1:-1].split("|")]
            known = self.headers[header] = (
                _HEADER.fullmatch(header) is not None
                and [canonical_header(cell) for cell in cells] == _CHANGELOG_COLUMNS
            )
        return known

    def suggestions(self, items: str, line: int) -> list[tuple[int, dict[str, Any]]] | None:
        """The suggestions of the writer's list as ``QuoteReader.suggestion_record``
        makes them, each with its line; None when an item is not in the writer's form or
        its status is not one featuretree writes."""
        written = _ITEMS.findall(items)
        if len(written) != items.count("\n- ") + 1:
            return None
        found: list[tuple[int, dict[str, Any]]] = []
        statuses = SUGGESTION_STATUS_VALUES
        proposed_by = QuoteReader.proposed_by
        for priority, word, escaped, text, marker, rationale, proposed in written:
            status = statuses.get(word or escaped.replace("\\_", "_"))
            if status is None:
                return None
            record: dict[str, Any] = {"priority": priority, "status": status}
            if rationale:
                record["rationale"] = rationale
            if proposed:
                proposed_by(proposed.strip(), record)
            record["text"] = text
            if marker:
                record["id"] = marker
            found.append((line, record))
            line += 1 + bool(rationale) + bool(proposed)
        return found
