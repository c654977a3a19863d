"""Reading what a blockquote under a node says: status, tags, notes, change log, suggestions.

Labels are recognised in every language the writer uses (``状态:`` or ``Status:``,
:mod:`markdown_labels`) and handled by their Chinese names.

A blockquote the writer produced is read back field by field; any other content (a
person's own quote, code, lists) becomes notes, so nothing in the file is dropped.
The token stream is walked with an index, never recursively.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from featuretree.formats.errors import Problem, at_line
from featuretree.formats.markdown_labels import CAPTIONS as CAPTIONS_IN_ANY_LANGUAGE
from featuretree.formats.markdown_labels import COLONS, LINE_LABELS, line_label, split_label
from featuretree.formats.markdown_syntax import (
    CAPTION_CHANGELOG,
    CAPTION_META,
    CAPTION_REVISIONS,
    CAPTION_SUGGESTIONS,
    COL_AUTHOR,
    COL_DATE,
    COL_SUMMARY,
    COL_VERSION,
    EMPTY_LINE_MARK,
    LINKS_LABEL,
    META_COLUMNS,
    PROPOSED_BY_LABEL,
    RATIONALE_LABEL,
    SEPARATOR,
    STATUS_LABEL,
    TAGS_LABEL,
    canonical_header,
    fence_text,
    inline_links,
    parse_comment,
    plain_text,
    raw_links,
    split_lines,
    table_source,
)
from featuretree.i18n import CATALOGUES, text_in
from featuretree.model.annotations import FeatureStatus, SuggestionStatus
from featuretree.model.text import clean_line, clean_text

if TYPE_CHECKING:  # markdown-it is imported only when Markdown is read
    from markdown_it.token import Token

_SUGGESTION_HEAD = re.compile(r"^\s*\*{0,2}([Pp][0-3])\*{0,2}\s*·\s*([^·—*\n]+?)\s*—\s?", re.S)
# A PRD export (``formats/prd.py``) writes statuses in the UI's words (新增, 已采纳): read
# them back as the values they stand for, in every language featuretree speaks.
_WORD = re.compile(r"[A-Za-z_]+")
_STATUSES = {
    **{text_in(language, f"status.{s.value}"): s for language in CATALOGUES for s in FeatureStatus},
    **{s.value: s for s in FeatureStatus},
}
_SUGGESTION_STATUSES = {
    **{
        text_in(language, f"sstatus.{s.value}"): s.value
        for language in CATALOGUES
        for s in SuggestionStatus
    },
    **{s.value: s.value for s in SuggestionStatus},
}
STATUS_VALUES = _STATUSES
"""A status as the writer or a PRD export writes it (``new``, ``新增``): its value."""
SUGGESTION_STATUS_VALUES = _SUGGESTION_STATUSES
"""A suggestion's status as written (``accepted``, ``已采纳``): its value."""
_META_FIELDS = {label: name for name, label in META_COLUMNS}
# The status line's labels as written in any language, by their Chinese names.
_STATUS_LINE_LABELS = [
    (written, name) for written, name in LINE_LABELS.items() if name in (STATUS_LABEL, TAGS_LABEL)
]
_LINKS_LABELS = [written for written, name in LINE_LABELS.items() if name == LINKS_LABEL]


class NodeData:
    """A node as read, before ids are checked and the model objects are built.

    A class with slots written out, not a dataclass: generating and compiling a
    dataclass's methods cost ~0.5 ms of every Markdown read, ``export --format md``'s
    check included (issue 15).
    """

    __slots__ = (
        "changelog",
        "children",
        "index",
        "item",
        "line",
        "links",
        "node_id",
        "notes",
        "parent",
        "plain_notes",
        "quoted_notes",
        "status",
        "suggestions",
        "tags",
        "title",
        "title_links",
        "written",
        "written_notes",
    )

    def __init__(self, line: int, parent: NodeData | None = None, *, item: bool = False) -> None:
        self.line = line
        self.parent = parent
        self.title = ""
        self.node_id: str | None = None
        self.index = 0
        """Position on the reader's path: 0 for the synthetic top, 1 for a top-level node."""
        self.notes: list[str | None] = []
        """Paragraph texts; ``None`` stands for an explicit empty line."""
        self.status = FeatureStatus.EXISTING
        self.tags: list[str] = []
        self.changelog: list[tuple[int, dict[str, Any]]] = []
        self.suggestions: list[tuple[int, dict[str, Any]]] = []
        self.links: list[tuple[str, str]] = []
        """``(title, url)`` from the title, the notes and the ``链接:`` line."""
        self.children: list[NodeData] = []
        self.item = item
        """Read from a list item (else a heading): written back so (``Document.carried``)."""
        self.plain_notes = False
        """Notes read from paragraphs or blocks outside a blockquote (markmap's)."""
        self.quoted_notes = False
        """Anything read from a blockquote under the node (featuretree's layout)."""
        self.written = ""
        """The title's Markdown as the file wrote it, when that is not the title itself
        (``**bold**``, `` `code` ``, a link, another tool's comment): written back while
        the title and its links are as read (``Document.carried``, :meth:`as_written`)."""
        self.title_links = 0
        """How many of :attr:`links` (the first ones) the title holds."""
        self.written_notes: list[str | None] = []
        """Each of :attr:`notes` as the file wrote it, for notes outside a quote (markmap's
        paragraphs under a heading); ``None`` where its source is not known."""

    def set_title(
        self, content: str, title: str, markers: dict[str, str], links: list[tuple[str, str]]
    ) -> dict[str, str]:
        """Take ``title`` and ``links`` read from a heading's or item's text ``content``
        (its Markdown) and keep ``content`` as :attr:`written` when it says more than the
        title (bold, code, a link…) and is no featuretree line (no markers); ``markers``."""
        self.title = title
        self.links.extend(links)
        self.title_links = len(self.links)
        if content != title and not markers and "\n" not in content:
            self.written = content
        return markers

    def as_written(self) -> dict[str, str]:
        """What is carried of the node's Markdown as the file wrote it, when it says more
        than the text read from it (``**bold**``, `` `code` ``, a link, an image, another
        tool's comment): written back while the text is as read (empty: nothing to carry).

        The title (:attr:`written`) with the URLs of the links in it; plain notes
        (:attr:`written_notes`, markmap's paragraphs under a heading) with their text."""
        out: dict[str, str] = {}
        if self.written:
            urls = " ".join(url for _title, url in self.links[: self.title_links])
            out.update(line=self.written, line_title=self.title, line_links=urls)
        notes = self.written_notes
        plain = self.plain_notes and not self.quoted_notes and not self.item
        if plain and notes and None not in notes and len(notes) == len(self.notes):
            markdown = "\n\n".join(notes)  # type: ignore[arg-type]
            text = clean_text(decode_notes(self.notes))
            if markdown != text:
                out.update(notes_md=markdown, notes_text=text)
        return out


def source_lines(source: Sequence[str] | None, tok: Token) -> str | None:
    """The lines of ``source`` a block token was read from, as written (``None``: not
    known)."""
    if source is None or not tok.map:
        return None
    return "\n".join(source[tok.map[0] : tok.map[1]]).strip("\n")


class DocData:
    """Document-level fields found in the file (a plain class, as :class:`NodeData`)."""

    def __init__(self) -> None:
        self.meta: dict[str, Any] = {}
        self.meta_line = 0
        self.revisions: list[tuple[int, dict[str, Any]]] = []


def decode_notes(items: Sequence[str | None]) -> str:
    """Notes text from paragraphs: adjacent paragraphs are one blank line apart."""
    if len(items) == 1 and items[0] is not None:
        return items[0]  # one paragraph, the usual notes: itself
    lines: list[str] = []
    after_paragraph = False
    for item in items:
        if item is None:
            lines.append("")
            after_paragraph = False
        else:
            if after_paragraph:
                lines.append("")
            lines.append(item)
            after_paragraph = True
    return "\n".join(lines)


def matching_close(tokens: Sequence[Token], start: int) -> int:
    """The index of the token closing ``tokens[start]`` (same level, nesting -1)."""
    level = tokens[start].level
    k = start + 1
    while k < len(tokens) and not (tokens[k].nesting == -1 and tokens[k].level == level):
        k += 1
    return k


def count(lost: dict[str, int] | None, kind: str) -> None:
    """One more thing of ``kind`` kept only as text (see ``Document.not_imported``)."""
    if lost is not None:
        lost[kind] = lost.get(kind, 0) + 1


def block_text(
    tokens: Sequence[Token],
    start: int,
    end: int,
    lost: dict[str, int] | None = None,
    source: Sequence[str] | None = None,
) -> str:
    """Plain text of ``tokens[start:end + 1]``: one line per paragraph, code kept as is.

    ``lost`` counts what is kept only as text: tables (as ``| a | b |`` lines), code
    blocks, HTML blocks and inline formatting. A block that is one fenced code block,
    or one table (its lines from ``source``, the text parsed) that
    :func:`.markdown_syntax.table_source` keeps, is its source instead: the writer
    writes it back as it is, nothing lost."""
    first = tokens[start]
    if first.type == "fence":
        return fence_text(first.markup, first.info, first.content)
    if first.type == "table_open" and source is not None and first.map:
        kept = table_source(source[first.map[0] : first.map[1]])
        if kept is not None:
            return kept
    parts: list[str] = []
    bullet = ""
    row: list[str] | None = None
    for tok in tokens[start : end + 1]:
        if tok.type == "list_item_open":
            bullet = "- "
        elif tok.type == "table_open":
            count(lost, "table")
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close" and row is not None:
            parts.append("| " + " | ".join(row) + " |")
            row = None
        elif tok.type == "inline" and row is not None:
            row.append(plain_text(tok.children, lost=lost))
        elif tok.type == "inline":
            parts.append(bullet + plain_text(tok.children, lost=lost))
            bullet = ""
        elif tok.type in ("fence", "code_block"):
            count(lost, "code_block")
            parts.append(tok.content.rstrip("\n"))
        elif tok.type == "html_block" and parse_comment(tok.content) is None:
            count(lost, "html_block")
            parts.append(tok.content.strip())
    return "\n".join(part for part in parts if part)


@functools.lru_cache(maxsize=1024)
def parse_date(value: str) -> dt.date | str:
    """The date ``value`` writes (``2024-03-01``), or ``value`` when it is none.

    Remembered: a file's dates are few and repeat (every change log, every suggestion),
    and a date object is immutable, so one can stand for all of them."""
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return value


class QuoteReader:
    """Reads one blockquote's tokens into a node (and the document, for the root)."""

    def __init__(
        self,
        tokens: Sequence[Token],
        line_offset: int,
        problems: list[Problem],
        lost: dict[str, int] | None = None,
        source: Sequence[str] | None = None,
    ) -> None:
        self.tokens = tokens
        self.line_offset = line_offset
        self.problems = problems
        self.lost = lost
        """Counts of what is kept only as text (``Document.not_imported``)."""
        self.source = source
        """The lines the tokens were parsed from (a table's source is kept from them)."""
        self.headers: dict[tuple[str, ...], list[str]] = {}
        """Table headers as written, and as :func:`canonical_header` names their columns."""

    def line_of(self, tok: Token) -> int:
        return (tok.map[0] if tok.map else 0) + self.line_offset + 1

    def problem(self, line: int, key: str, **fields: object) -> None:
        """Record the problem said by catalogue ``key`` at ``line`` (see Problem.keyed)."""
        self.problems.append(Problem.keyed(at_line(line), key, **fields))

    def read(self, start: int, end: int, node: NodeData, doc: DocData) -> None:
        """Read ``tokens[start]`` (a blockquote_open) up to its close at ``end``."""
        tokens = self.tokens
        base = tokens[start].level + 1
        section: str | None = None
        k = start + 1
        while k < end:
            tok = tokens[k]
            if tok.level != base or tok.nesting == -1:
                k += 1
                continue
            if tok.type == "paragraph_open":
                section = self.paragraph(tokens[k + 1], node, section)
                k += 3
                continue
            close = matching_close(tokens, k) if tok.nesting == 1 else k
            if tok.type == "table_open" and section in (
                CAPTION_CHANGELOG,
                CAPTION_REVISIONS,
                CAPTION_META,
            ):
                self.table(k, close, section, node, doc)
            elif tok.type == "bullet_list_open" and section == CAPTION_SUGGESTIONS:
                self.suggestions(k, close, node)
            elif tok.type != "hr":
                text = block_text(tokens, k, close, self.lost, self.source)
                if text:
                    node.notes.append(text)
            k = close + 1

    # -- paragraphs ----------------------------------------------------------------

    def paragraph(self, inline: Token, node: NodeData, section: str | None) -> str | None:
        # markdown-it leaves empty text tokens around emphasis; they carry nothing.
        children = [c for c in inline.children or () if c.type != "text" or c.content]
        if inline.content.strip() == EMPTY_LINE_MARK:
            node.notes.append(None)
            return section
        kinds = [c.type for c in children]
        if (
            kinds == ["strong_open", "text", "strong_close"]
            and children[1].content.strip() in CAPTIONS_IN_ANY_LANGUAGE
        ):
            return CAPTIONS_IN_ANY_LANGUAGE[children[1].content.strip()]
        first = children[0] if children else None
        if (
            first is not None
            and first.type == "text"
            and line_label(first.content) in (STATUS_LABEL, TAGS_LABEL)
            and ("strong_open" in kinds or "code_inline" in kinds)
        ):
            self.status_line(inline, node)
            return section
        # The writer's line, read from the source: titles and URLs exactly as written
        # (a renderer normalises URLs and refuses some, such as file:).
        for label in _LINKS_LABELS:
            written = raw_links(inline.content, label)
            if written is not None:
                node.links.extend(written)
                return section
        node.links.extend(inline_links(children))  # a link in the notes keeps its target
        node.notes.append(plain_text(children, lost=self.lost))
        return section

    def status_line(self, inline: Token, node: NodeData) -> None:
        label = ""
        strong: list[str] | None = None
        for tok in inline.children or ():
            if tok.type == "text":
                if strong is not None:
                    strong.append(tok.content)
                    continue
                for written, name in _STATUS_LINE_LABELS:
                    if any(f"{written}{colon}" in tok.content for colon in COLONS):
                        label = name
            elif tok.type == "strong_open":
                strong = []
            elif tok.type == "strong_close" and strong is not None:
                value = "".join(strong).strip()
                strong = None
                if label == STATUS_LABEL:
                    if value in _STATUSES:
                        node.status = _STATUSES[value]
                    else:
                        known = ", ".join(s.value for s in FeatureStatus)
                        self.problem(
                            self.line_of(inline),
                            "problem.unknown_status",
                            value=repr(value),
                            known=known,
                        )
            elif tok.type == "code_inline" and label == TAGS_LABEL:
                tag = clean_line(tok.content)
                if tag:
                    node.tags.append(tag)

    # -- tables --------------------------------------------------------------------

    def table(self, start: int, end: int, section: str, node: NodeData, doc: DocData) -> None:
        rows: list[tuple[int, list[str]]] = []
        for tok in self.tokens[start:end]:
            if tok.type == "tr_open":
                rows.append((self.line_of(tok), []))
            elif tok.type == "inline" and rows:
                rows[-1][1].append(plain_text(tok.children, lost=self.lost))
        self.table_rows(rows, section, node, doc)

    def table_rows(
        self, rows: list[tuple[int, list[str]]], section: str, node: NodeData, doc: DocData
    ) -> None:
        """A captioned table's rows ``(line, cell texts)``, the header first: change-log
        entries, revisions or the document's meta."""
        if not rows:
            return
        written = tuple(rows[0][1])
        header = self.headers.get(written)
        if header is None:  # every change log of a file has the same header: once
            header = self.headers[written] = [canonical_header(cell) for cell in written]
        width = len(header)
        target = node.changelog if section == CAPTION_CHANGELOG else doc.revisions
        for line, cells in rows[1:]:
            if len(cells) < width:
                cells = cells + [""] * (width - len(cells))
            record = dict(zip(header, cells))
            if section == CAPTION_META:
                self.meta_row(line, record, doc)
                continue
            entry: dict[str, Any] = {
                "version": record.get(COL_VERSION) or None,
                "author": record.get(COL_AUTHOR) or None,
                "summary": record.get(COL_SUMMARY, ""),
            }
            date = record.get(COL_DATE, "")
            if date and not date.isspace():
                entry["date"] = parse_date(date)
            target.append((line, entry))

    def meta_row(self, line: int, record: dict[str, str], doc: DocData) -> None:
        doc.meta_line = line
        for label, value in record.items():
            name = _META_FIELDS.get(label)
            if name is None:
                self.problem(
                    line, "problem.unknown_column", caption=CAPTION_META, label=repr(label)
                )
            elif name in ("created", "updated"):
                doc.meta[name] = parse_date(value) if value.strip() else None
            else:
                doc.meta[name] = value

    # -- suggestions ---------------------------------------------------------------

    def suggestions(self, start: int, end: int, node: NodeData) -> None:
        tokens = self.tokens
        item_level = tokens[start].level + 1
        lines: list[list[Token]] = []
        line_no = 0
        for k in range(start + 1, end + 1):
            tok = tokens[k]
            if tok.type == "list_item_open" and tok.level == item_level:
                lines, line_no = [], self.line_of(tok)
            elif tok.type == "inline" and tok.level == item_level + 2:
                lines.extend(split_lines(tok.children))
            elif tok.type == "list_item_close" and tok.level == item_level:
                node.suggestions.append((line_no, self.suggestion(lines)))

    def suggestion(self, lines: list[list[Token]]) -> dict[str, Any]:
        markers: dict[str, str] = {}
        texts = [plain_text(line, markers=markers) for line in lines] or [""]
        return self.suggestion_record(texts, markers)

    def suggestion_record(self, texts: list[str], markers: dict[str, str]) -> dict[str, Any]:
        """A suggestion from the plain text of its lines and the fields of its marker."""
        record: dict[str, Any] = {}
        head = _SUGGESTION_HEAD.match(texts[0])
        if (
            head
            and head.group(2) not in _SUGGESTION_STATUSES
            and not _WORD.fullmatch(head.group(2))
        ):
            head = None  # "P1 · 这是文字 — …" typed by hand: all text, as before
        if head:
            record["priority"] = head.group(1).upper()
            record["status"] = _SUGGESTION_STATUSES.get(head.group(2), head.group(2))
            text = [texts[0][head.end() :]]
        else:
            text = [texts[0]]
        for extra in texts[1:]:
            label, rest = split_label(extra)
            if label == RATIONALE_LABEL:
                record["rationale"] = rest
            elif label == PROPOSED_BY_LABEL:
                self.proposed_by(rest.strip(), record)
            else:
                text.append(extra)
        record["text"] = "\n".join(text)
        if "id" in markers:
            record["id"] = markers["id"]
        return record

    @staticmethod
    def proposed_by(value: str, record: dict[str, Any]) -> None:
        who, _, when = value.rpartition(SEPARATOR)
        date = parse_date(when)
        if isinstance(date, dt.date):
            record["created"] = date
            if who:
                record["author"] = who
        else:
            date = parse_date(value)
            if isinstance(date, dt.date):
                record["created"] = date
            elif value:
                record["author"] = value
