"""A document as a PRD wants it: Markdown without id comments, statuses in the document's
language, and the whole document's 优化建议 table (also on its own, as Markdown or CSV).

Textual-free: used by ``featuretree export --no-ids``, the export dialog and the
suggestions board. The document has no language field; it is Chinese when its titles
are (:func:`.language.document_language`), which is what a PM reading the PRD reads.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from featuretree.formats.language import document_language
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


@dataclass(frozen=True)
class SuggestionRow:
    """One row of the suggestions table, every cell as the reader sees it (plain text)."""

    path: str
    priority: str
    status: str
    text: str
    author: str
    date: str

    def cells(self) -> tuple[str, ...]:
        """The cells in :data:`COLUMNS` order."""
        return (self.path, self.priority, self.status, self.text, self.author, self.date)


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
            )
        )
    return rows


def _headers(language: str) -> list[str]:
    return [text_in(language, f"prd.col.{name}") for name in COLUMNS]


def suggestions_markdown(rows: list[SuggestionRow], language: str) -> list[str]:
    """The 优化建议 table as Markdown lines: a caption, then a GFM table (cells escaped)."""
    caption = f"**{text_in(language, 'prd.suggestions_caption')}**"
    if not rows:
        return [caption, "", text_in(language, "prd.no_suggestions")]
    body = (
        (
            encode_line(r.path),
            r.priority,
            encode_line(r.status),
            encode_inline(r.text),
            encode_line(r.author),
            r.date,
        )
        for r in rows
    )
    return [caption, "", *table(_headers(language), body)]


def suggestions_csv(rows: list[SuggestionRow], language: str) -> bytes:
    """The 优化建议 table as CSV (UTF-8 with a byte-order mark, so Excel reads Chinese)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_headers(language))
    writer.writerows(row.cells() for row in rows)
    return out.getvalue().encode("utf-8-sig")


def split_generated_summary(text: str) -> tuple[str, bool]:
    """``(text without the summary, True)`` when ``text`` ends with the suggestions
    summary :func:`prd_markdown` writes (in either language), else ``(text, False)``.

    The summary is made from the nodes' suggestions: a reader of our own PRD skips it
    rather than take it for notes of the last node. Only our exact layout counts (a rule,
    the caption, the table with our headers, nothing after it): a user's own table
    stays what it was.
    """
    for language in ("zh", "en"):
        marker = f"\n---\n\n**{text_in(language, 'prd.suggestions_caption')}**\n\n"
        at = text.rfind(marker)
        if at < 0:
            continue
        rest = [line.rstrip() for line in text[at + len(marker) :].rstrip().split("\n")]
        if rest[:2] == table(_headers(language), []) and all(
            line.startswith("|") and line.endswith("|") for line in rest[2:]
        ):
            return text[: at + 1], True
    return text, False


def prd_markdown(doc: Document, language: str | None = None) -> bytes:
    """The document as a PRD's Markdown: no id comments, statuses in ``language``
    (default: :func:`document_language`), and the whole document's suggestions table."""
    language = language or document_language(doc)
    lines = markdown_lines(doc, Style(ids=False, language=language))
    rows = suggestion_rows(doc.iter_suggestions(), language)
    if rows:
        lines += ["---", "", *suggestions_markdown(rows, language), ""]
    return "\n".join(lines).encode("utf-8")
