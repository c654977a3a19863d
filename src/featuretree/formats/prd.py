"""A document as a PRD wants it: Markdown without id comments, statuses in the document's
language, and the whole document's 优化建议 table (also on its own, as Markdown or CSV).

Textual-free: used by ``featuretree export --no-ids``, the export dialog and the
suggestions board. The document has no language field; it is Chinese when its titles
are (:func:`.language.document_language`), which is what a PM reading the PRD reads.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import NamedTuple

from featuretree.formats.language import document_language
from featuretree.formats.markdown_labels import ZH, labels_for
from featuretree.formats.markdown_syntax import encode_inline, encode_line, table
from featuretree.formats.markdown_writer import Style, markdown_lines
from featuretree.i18n import text_in
from featuretree.model.annotations import Suggestion
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import ancestors

PATH_SEPARATOR = " › "
COLUMNS = ("path", "priority", "status", "text", "author", "date")
"""The suggestions table's columns, in order (headers: ``prd.col.<name>`` in the catalogs)."""
WITH_RATIONALE = ("path", "priority", "status", "text", "rationale", "author", "date")
"""The columns of the suggestions table written on its own (the board's export): each
suggestion's 理由 after it. The PRD's summary keeps :data:`COLUMNS` (it is read back)."""


# NamedTuples, not frozen dataclasses: the reader imports this module for every
# Markdown file, and each dataclass cost it ~1 ms (see markdown_labels.Labels).
class SuggestionRow(NamedTuple):
    """One row of the suggestions table, every cell as the reader sees it (plain text)."""

    path: str
    priority: str
    status: str
    text: str
    author: str
    date: str
    rationale: str = ""

    def cells(self, columns: tuple[str, ...] = COLUMNS) -> tuple[str, ...]:
        """The cells of ``columns`` (:data:`COLUMNS` or :data:`WITH_RATIONALE`), in order."""
        return tuple(getattr(self, name) for name in columns)


def title_path(node: FeatureNode) -> str:
    """``首页 › 热榜``: the titles below the root down to ``node`` (the root alone: its title)."""
    chain = [*ancestors(node), node]
    if len(chain) > 1:
        chain = chain[1:]
    return PATH_SEPARATOR.join(n.title or "(untitled)" for n in chain)


def suggestion_rows(
    pairs: Iterable[tuple[FeatureNode, Suggestion]], language: str
) -> list[SuggestionRow]:
    """Rows for ``(node, suggestion)`` pairs, in the order given, statuses in ``language``."""
    rows: list[SuggestionRow] = []
    paths: dict[str, str] = {}
    for node, suggestion in pairs:
        path = paths.get(node.id)
        if path is None:
            path = paths[node.id] = title_path(node)
        rows.append(
            SuggestionRow(
                path=path,
                priority=suggestion.priority.value,
                status=text_in(language, f"sstatus.{suggestion.status.value}"),
                text=suggestion.text,
                author=suggestion.author or "",
                date=suggestion.created.isoformat(),
                rationale=suggestion.rationale or "",
            )
        )
    return rows


def _headers(language: str, columns: tuple[str, ...] = COLUMNS) -> list[str]:
    return [text_in(language, f"prd.col.{name}") for name in columns]


_MARKDOWN_CELL = {
    "path": encode_line,
    "status": encode_line,
    "text": encode_inline,
    "rationale": encode_inline,
    "author": encode_line,
}
"""How each column's text is written in a Markdown cell (priority and date as they are)."""


def suggestions_markdown(
    rows: list[SuggestionRow], language: str, columns: tuple[str, ...] = COLUMNS
) -> list[str]:
    """The 优化建议 table as Markdown lines: a caption, then a GFM table (cells escaped)."""
    caption = f"**{text_in(language, 'prd.suggestions_caption')}**"
    if not rows:
        return [caption, "", text_in(language, "prd.no_suggestions")]
    body = (
        tuple(
            _MARKDOWN_CELL.get(name, str)(value) for name, value in zip(columns, r.cells(columns))
        )
        for r in rows
    )
    return [caption, "", *table(_headers(language, columns), body)]


def suggestions_csv(
    rows: list[SuggestionRow], language: str, columns: tuple[str, ...] = COLUMNS
) -> bytes:
    """The 优化建议 table as CSV (UTF-8 with a byte-order mark, so Excel reads Chinese)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_headers(language, columns))
    writer.writerows(row.cells(columns) for row in rows)
    return out.getvalue().encode("utf-8-sig")


class GeneratedSummary(NamedTuple):
    """The suggestions summary found at the end of a PRD's Markdown."""

    language: str
    """The language of its caption and headers."""
    table: str
    """The table's source lines (its header first), to compare with the nodes' suggestions."""


_RULE = re.compile(r"(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})")
_DELIMITER = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?")
_CAPTION_MARKS = "*_ \t:："


def _cells(line: str) -> list[str]:
    """A table line's cells, stripped (a backslash keeps a pipe inside a cell)."""
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line)]


def _caption_line(text: str, language: str) -> tuple[int, str] | None:
    """Where the last line that is only the summary's caption starts, and ``language``.

    Its words may also be in a row of the table below it (a suggestion's text): the
    last few occurrences are tried."""
    caption = text_in(language, "prd.suggestions_caption")
    at = len(text)
    for _ in range(50):
        at = text.rfind(caption, 0, at)
        if at < 0:
            return None
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if line.strip(_CAPTION_MARKS) == caption:
            return line_start, language
    return None


def split_generated_summary(text: str) -> tuple[str, GeneratedSummary | None]:
    """``(text without the summary, the summary)`` when ``text`` ends with the
    suggestions summary :func:`prd_markdown` writes (in either language), else
    ``(text, None)``.

    The summary is made from the nodes' suggestions: a reader of our own PRD skips it
    rather than take it for notes of the last node. It is recognised by its caption
    (``**优化建议汇总**``, bold or not) on a line of its own, then our column headers
    (spacing and alignment as any table editor leaves them), rows, and nothing after;
    the ``---`` rule before it may be there or not. A user's own table (other headers,
    text after it) stays what it was. Rows edited in the table are the caller's to
    find (:attr:`GeneratedSummary.table`).
    """
    found = [hit for lang in ("zh", "en") if (hit := _caption_line(text, lang))]
    if not found:
        return text, None
    line_start, language = max(found)
    caption_line, _, after = text[line_start:].partition("\n")
    if caption_line[:1] in (" ", "\t", ">"):
        return text, None  # inside a quote or a list: a note
    lines = after.strip("\n").rstrip().split("\n")
    if len(lines) < 2 or not all("|" in line and line.strip() for line in lines):
        return text, None
    header = _cells(lines[0])
    if header != _headers(language) or not _DELIMITER.fullmatch(lines[1].strip()):
        return text, None
    if len(_cells(lines[1])) != len(header):
        return text, None
    head = text[:line_start].rstrip()
    rule_start = head.rfind("\n") + 1
    if _RULE.fullmatch(head[rule_start:].strip()):
        head = head[:rule_start]
    summary = GeneratedSummary(language, "\n".join(lines))
    return head.rstrip("\n") + "\n", summary


def summary_rows(doc: Document, language: str) -> list[tuple[str, ...]]:
    """The rows :func:`prd_markdown` writes in the summary for ``doc``, as plain cells."""
    return [
        tuple(cell.strip() for cell in row.cells())
        for row in suggestion_rows(doc.iter_suggestions(), language)
    ]


def prd_markdown(doc: Document, language: str | None = None) -> bytes:
    """The document as a PRD's Markdown: no id comments, statuses in ``language``
    (default: :func:`document_language`), and the whole document's suggestions table."""
    language = language or document_language(doc)
    # Chinese text takes the full-width colon (理由：…); the reader takes both colons.
    colon = "：" if labels_for(language) is ZH else ": "
    lines = markdown_lines(doc, Style(ids=False, language=language, colon=colon))
    rows = suggestion_rows(doc.iter_suggestions(), language)
    if rows:
        lines += ["---", "", *suggestions_markdown(rows, language), ""]
    return "\n".join(lines).encode("utf-8")
