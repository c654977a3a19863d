"""The Markdown vocabulary shared by the writer and the reader: labels, escaping, plain text.

Everything here is about one line or one inline run of text; the document layout lives
in :mod:`markdown_writer` and :mod:`markdown_reader` (see :mod:`markdown_format` for
the convention as a whole).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from featuretree.formats.html_tags import DISPLAY_TAGS

if TYPE_CHECKING:  # markdown-it is imported only when Markdown is read
    from markdown_it.token import Token


# -- labels (one convention: Chinese labels, enum values as the model spells them) ------

STATUS_LABEL = "状态"
TAGS_LABEL = "标签"
RATIONALE_LABEL = "理由"
PROPOSED_BY_LABEL = "提出"
LINKS_LABEL = "链接"
SEPARATOR = " · "
TEXT_DASH = " — "

CAPTION_META = "文档信息"
CAPTION_REVISIONS = "版本修订记录"
CAPTION_CHANGELOG = "修改记录"
CAPTION_SUGGESTIONS = "优化建议"
CAPTIONS = frozenset((CAPTION_META, CAPTION_REVISIONS, CAPTION_CHANGELOG, CAPTION_SUGGESTIONS))

# Table headers as written, and the synonyms a person might type instead.
COL_VERSION, COL_DATE, COL_AUTHOR, COL_SUMMARY = "版本", "日期", "作者", "说明"
META_COLUMNS = (
    ("title", "文档标题"),
    ("product", "产品"),
    ("platform", "平台"),
    ("app_version", "App 版本"),
    ("author", "作者"),
    ("created", "创建日期"),
    ("updated", "更新日期"),
)
HEADER_SYNONYMS = {
    "version": COL_VERSION,
    "版本号": COL_VERSION,
    "date": COL_DATE,
    "修改日期": COL_DATE,
    "修订日期": COL_DATE,
    "author": COL_AUTHOR,
    "修改人": COL_AUTHOR,
    "修订人": COL_AUTHOR,
    "summary": COL_SUMMARY,
    "内容": COL_SUMMARY,
    "修改内容": COL_SUMMARY,
    "修订说明": COL_SUMMARY,
    "title": "文档标题",
    "product": "产品",
    "platform": "平台",
    "app version": "App 版本",
    "created": "创建日期",
    "updated": "更新日期",
}

EMPTY_LINE_MARK = "&nbsp;"
"""A notes paragraph standing for one empty line that a paragraph break cannot express."""

_COMMENT = re.compile(r"^<!--\s*(.*?)\s*-->$", re.S)
_COMMENT_FIELD = re.compile(r"(id|depth):\s*([^\s,]+)")
_BR = re.compile(r"^<br\s*/?>$", re.I)
_ORDERED_MARKER = re.compile(r"^(\d{1,9})([.)])(?=[ \t]|$)")

# Always special inline, in CommonMark, GFM or markmap's plugins (~sub~, ^sup^, $math$).
_ALWAYS = frozenset("\\`*_[]<&|~^$")
# Special when doubled: markmap's ==mark== and ++ins++.
_DOUBLED = frozenset("=+")
# What makes the start of a line a block marker: a quote, an ATX heading, a bullet,
# a thematic break or a setext underline (``==``, and ``--``: under a line of a
# paragraph outside a quote it makes that line a heading).
_BLOCK_START = re.compile(
    r"^(?:>|#{1,6}(?:[ \t]|$)|[-+*](?:[ \t]|$)|(?:[-_*][ \t]*){3,}$|(?:=+|-+)[ \t]*$)"
)

# -- markmap's own inline syntax -------------------------------------------------------
#
# markmap renders ==mark==, ++ins++, ~sub~, ^sup^ (markdown-it's plugins), $math$ and
# $$math$$ (KaTeX) and a leading [ ] / [x] (a checkbox). CommonMark reads all of them
# as text, so a title or note read from a markmap file holds them as written; the
# writer writes such a construct back as it is (see escape), so markmap draws it again.
# Only a complete construct is kept: a lone or unmatched delimiter is escaped.

_MARKMAP_CHARS = re.compile(r"[$=+~^]")
_PAIRS = re.compile(
    r"(?<!=)==(?=[^\s=])(?:.*?[^\s=])?==(?!=)"
    r"|(?<!\+)\+\+(?=[^\s+])(?:.*?[^\s+])?\+\+(?!\+)"
    r"|(?<!~)~[^\s~]+~(?!~)"
    r"|\^[^\s^]+\^"
)
"""A markmap pair: ``==mark==``, ``++ins++``, ``~sub~``, ``^sup^`` (content not empty,
not starting or ending with a space; sub and sup without spaces)."""
CHECKBOXES = ("[ ] ", "[x] ")
"""A title starting so is a task item in markmap (its checkbox plugin)."""


def _closing_dollars(text: str, start: int, marker: str) -> int:
    """The index of the first ``marker`` at or after ``start`` not escaped by a
    backslash (an odd run of them), or -1."""
    match = text.find(marker, start)
    while match != -1:
        back = match - 1
        while back >= 0 and text[back] == "\\":
            back -= 1
        if (match - back) % 2 == 1:
            return match
        match = text.find(marker, match + 1)
    return -1


def math_end(text: str, pos: int) -> int:
    """Where the math span opening at ``text[pos]`` (a ``$``) ends (exclusive), or -1.

    The rule of markdown-it-katex, which markmap's KaTeX plugin and most renderers
    share: ``$$…$$`` (display), or ``$…$`` whose opening ``$`` is not followed by a
    space and whose closing one is not preceded by a space nor followed by a digit
    (so ``$5 到 $10`` is text); an escaped ``\\$`` never closes. The reader
    (:func:`.markdown_parsing.new_parser`) and :func:`escape` both use it, so what is
    written as math reads back as the same text.
    """
    if text.startswith("$$", pos):
        if text.startswith("$", pos + 2):
            return -1
        close = _closing_dollars(text, pos + 2, "$$")
        return close + 2 if close > pos + 2 else -1
    after = text[pos + 1 : pos + 2]
    if after in ("", " ", "\t"):
        return -1
    close = _closing_dollars(text, pos + 1, "$")
    if close <= pos + 1:
        return -1
    following = text[close + 1 : close + 2]
    if text[close - 1] in " \t" or (following.isdigit() and following.isascii()):
        return -1
    return close + 1


def _markmap_spans(text: str, raw_pipes: bool) -> tuple[dict[int, int], set[int]]:
    """``(math spans start -> end, delimiter positions)`` that :func:`escape` writes as
    they are: complete markmap constructs."""
    math: dict[int, int] = {}
    pos = text.find("$")
    while pos != -1:
        end = math_end(text, pos)
        if end == -1 or (not raw_pipes and "|" in text[pos:end]):
            # As the reader does: a "$$" that opens nothing is text as a whole.
            pos = text.find("$", pos + (2 if text.startswith("$$", pos) else 1))
            continue
        math[pos] = end
        pos = text.find("$", end)
    masked = text
    for start, end in math.items():  # a pair may hold math, never part of one
        masked = masked[:start] + "x" * (end - start) + masked[end:]
    keep: set[int] = set()
    for match in _PAIRS.finditer(masked):
        first, last = match.start(), match.end()
        if any(start < first < end for start, end in math.items()):
            continue
        width = 1 if masked[first] in "~^" else 2
        keep.update(range(first, first + width))
        keep.update(range(last - width, last))
    return math, keep


# -- writing ---------------------------------------------------------------------------


def escape(text: str, *, raw_pipes: bool = False, markmap: bool = True) -> str:
    """``text`` as Markdown that every renderer shows literally (CJK left alone), but
    for markmap's complete constructs (``==mark==``, ``$math$``...; see
    :data:`_PAIRS`, :func:`math_end`), written as they are so markmap draws them.

    Meant for one line; leading and trailing whitespace must be handled by the caller
    (see :func:`encode_line`). ``raw_pipes``: the line is not a table cell, so math may
    keep its ``|`` (in a cell, math holding one is escaped like other text).
    ``markmap=False``: everything escaped (text read back from the source, not rendered).
    """
    if not text:
        return ""
    if markmap and _MARKMAP_CHARS.search(text):
        math, keep = _markmap_spans(text, raw_pipes)
        if math or keep:
            return _numbered(_escape_keeping(text, math, keep))
    out = []
    last = len(text) - 1
    for i, ch in enumerate(text):
        if (
            ch in _ALWAYS
            or (
                ch in _DOUBLED
                and ((i > 0 and text[i - 1] == ch) or (i < last and text[i + 1] == ch))
            )
            or (i == 0 and _BLOCK_START.match(text))
        ):
            out.append("\\" + ch)
        elif ch == "#" and i == last:
            # A trailing run of # would be read as a closing sequence in a heading.
            out.append("\\#")
        else:
            out.append(ch)
    return _numbered("".join(out))


def _escape_keeping(text: str, math: dict[int, int], keep: set[int]) -> str:
    """:func:`escape`'s loop, with math spans copied and kept delimiters left as they are."""
    out = []
    last = len(text) - 1
    i = 0
    while i <= last:
        ch = text[i]
        end = math.get(i)
        if end is not None:
            out.append(text[i:end])
            i = end
            continue
        if i in keep and not (i == 0 and _BLOCK_START.match(text)):
            out.append(ch)
        elif (
            ch in _ALWAYS
            or (
                ch in _DOUBLED
                and ((i > 0 and text[i - 1] == ch) or (i < last and text[i + 1] == ch))
            )
            or (i == 0 and _BLOCK_START.match(text))
        ):
            out.append("\\" + ch)
        elif ch == "#" and i == last:
            out.append("\\#")
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def _numbered(escaped: str) -> str:
    """``1\\. x``: a leading ordered-list marker escaped."""
    marker = _ORDERED_MARKER.match(escaped)
    if marker:
        escaped = f"{marker.group(1)}\\{marker.group(2)}{escaped[marker.end() :]}"
    return escaped


def _entity(ch: str) -> str:
    return f"&#{ord(ch)};"


def encode_line(line: str, *, raw_pipes: bool = False) -> str:
    """One line of user text; leading/trailing whitespace survives as character references.

    Markdown strips that whitespace (and four leading spaces would start a code block).
    ``raw_pipes``: see :func:`escape`.
    """
    start, end = 0, len(line)
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    return (
        "".join(map(_entity, line[:start]))
        + escape(line[start:end], raw_pipes=raw_pipes)
        + "".join(map(_entity, line[end:]))
    )


def encode_inline(text: str, *, raw_pipes: bool = False) -> str:
    """Multi-line user text on one Markdown line (table cells, list lines): ``<br>`` breaks.

    ``raw_pipes``: not a table cell (see :func:`escape`)."""
    return "<br>".join(encode_line(line, raw_pipes=raw_pipes) for line in text.split("\n"))


def encode_notes(notes: str) -> list[list[str]]:
    """Notes as Markdown paragraphs, each a list of source lines joined by hard breaks.

    Lines between blank lines form one paragraph; a single blank line is the paragraph
    break itself; every other empty line (several in a row, at the start or the end)
    becomes an ``&nbsp;`` paragraph, so the text comes back exactly. A GFM table
    (:func:`is_table`) or a fenced code block (:func:`fence_end`) standing alone between
    blank lines is written as it is: the reader keeps such a block as its source, so a
    colleague's table and code come back with their separator row and fences.
    """
    if not notes:
        return []
    items: list[list[str] | None] = []  # a paragraph's lines, or None for an empty line
    raw: set[int] = set()  # the items written as they are
    current: list[str] | None = None
    lines = notes.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line and current is None:
            end = fence_end(lines, i)
            if end is not None and (end + 1 == len(lines) or not lines[end + 1]):
                raw.add(len(items))
                items.append(lines[i : end + 1])
                i = end + 1
                continue
        if line:
            if current is None:
                current = []
                items.append(current)
            current.append(line)
        else:
            current = None
            items.append(None)
        i += 1
    paragraphs: list[list[str]] = []
    for i, item in enumerate(items):
        if item is not None:
            paragraphs.append(item if i in raw or is_table(item) else _paragraph(item))
        elif 0 < i < len(items) - 1 and items[i - 1] is not None and items[i + 1] is not None:
            continue  # the implicit break between two paragraphs
        else:
            paragraphs.append([EMPTY_LINE_MARK])
    return paragraphs


_FENCE_OPEN = re.compile(r"(`{3,})[^`]*|(~{3,}).*")
_TABLE_DELIMITER = re.compile(r"\|(?:[ \t]*:?-+:?[ \t]*\|)+")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def fence_end(lines: Sequence[str], start: int) -> int | None:
    """The index of the line closing the fenced code block ``lines[start]`` opens, as
    the reader gives one back (the opening fence repeated); None when it opens none."""
    match = _FENCE_OPEN.fullmatch(lines[start])
    if match is None:
        return None
    marker = match.group(1) or match.group(2)
    for k in range(start + 1, len(lines)):
        line = lines[k]
        bare = line.lstrip(" ")
        if (
            len(line) - len(bare) < 4
            and bare.startswith(marker)
            and not bare.strip(marker[0] + " \t")
        ):
            return k if line == marker else None  # the first closing line closes it
    return None


def fence_text(markup: str, info: str, content: str) -> str:
    """A fenced code block's source as notes text: what :func:`encode_notes` writes back."""
    return f"{markup}{info}\n{content}{markup}"


def _cell_count(row: str) -> int:
    """The cells markdown-it finds in a table row (``escapedSplit``: a pipe after a
    backslash is text; an empty first and last piece is the outer pipes)."""
    cells = _UNESCAPED_PIPE.split(row)
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return len(cells)


def table_source(lines: Sequence[str]) -> str | None:
    """The notes text of a table read from ``lines`` (its source lines, maybe still
    behind quote markers and indentation): the rows as written when :func:`is_table`
    holds for them (written back as they are), else None (kept as plain rows)."""
    rows = [line.lstrip(" \t>").rstrip(" \t") for line in lines]
    return "\n".join(rows) if is_table(rows) else None


def is_table(lines: Sequence[str]) -> bool:
    """Whether ``lines`` are a GFM table the reader keeps as its source (and the writer
    writes as it is): every line starts with ``|`` (so none can start another block),
    no line has space around it, and the separator row has one cell per header cell."""
    if len(lines) < 2 or not _TABLE_DELIMITER.fullmatch(lines[1]):
        return False
    if not all(line[:1] == "|" and line == line.strip() for line in lines):
        return False
    return _cell_count(lines[0]) == lines[1].count("|") - 1


# A line of math spread over several lines is written as it is when, inside a paragraph,
# it can neither start a block nor lose a space (Markdown strips them around line ends).
_MATH_LINE = re.compile(r"[^\s>#<|:=+*_~`\-\d\[](?:.*\S)?")


def _paragraph(lines: list[str]) -> list[str]:
    """One notes paragraph's lines, encoded and joined by hard breaks; math spread over
    several lines (``$$`` / formula / ``$$``) is written as it is, its lines joined by
    plain line breaks, which markmap's KaTeX reads as one formula."""
    if len(lines) == 1 or "$" not in "".join(lines):
        return [encode_line(line, raw_pipes=True) + "\\" for line in lines[:-1]] + [
            encode_line(lines[-1], raw_pipes=True)
        ]
    text = "\n".join(lines)
    spans = [
        (start, end)
        for start, end in _markmap_spans(text, True)[0].items()
        if "\n" in text[start:end]
        and not text[start:end].split("\n", 1)[0].endswith((" ", "\t"))
        and all(_MATH_LINE.fullmatch(line) for line in text[start:end].split("\n")[1:])
    ]
    out = [""]
    pos = 0
    for start, end in [*spans, (len(text), len(text))]:
        parts = text[pos:start].split("\n")
        for number, part in enumerate(parts):
            if number:
                out[-1] += "\\"  # a line break outside math: a hard break, as elsewhere
                out.append("")
            at_end = number < len(parts) - 1 or start == len(text)
            out[-1] += encode_piece(part, at_start=number > 0 or pos == 0, at_end=at_end)
        if end > start:
            first, *rest = text[start:end].split("\n")
            out[-1] += first
            out.extend(rest)
        pos = end
    return out


def encode_piece(text: str, *, at_start: bool, at_end: bool) -> str:
    """Part of a line beside raw math or a link: escaped, with the spaces Markdown would
    strip at the line's start or end written as character references."""
    start, end = 0, len(text)
    while at_start and start < end and text[start].isspace():
        start += 1
    while at_end and end > start and text[end - 1].isspace():
        end -= 1
    return (
        "".join(map(_entity, text[:start]))
        + escape(text[start:end], raw_pipes=True)
        + "".join(map(_entity, text[end:]))
    )


def code_span(text: str) -> str:
    """``text`` as an inline code span, fenced with more backticks than it contains."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def id_comment(node_id: str | None, depth: int | None = None) -> str:
    """The invisible ``<!-- id: ... -->`` marker (and a depth beyond the nesting cap)."""
    fields = []
    if node_id and "--" not in node_id:
        fields.append(f"id: {node_id}")
    if depth is not None:
        fields.append(f"depth: {depth}")
    return f"<!-- {', '.join(fields)} -->" if fields else ""


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A GFM table; cells must already be encoded."""
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


# -- reading ---------------------------------------------------------------------------


def parse_comment(html: str) -> dict[str, str] | None:
    """The fields of a featuretree marker comment, or None for any other HTML."""
    match = _COMMENT.match(html.strip())
    if not match:
        return None
    return dict(_COMMENT_FIELD.findall(match.group(1)))


def is_br(html: str) -> bool:
    """True for a ``<br>`` tag in any of its spellings."""
    return bool(_BR.match(html.strip()))


_FORMATTING = {
    "strong_open": "bold",
    "em_open": "italic",
    "s_open": "strikethrough",
    "code_inline": "code_span",
    "image": "image",
}
"""Inline markup whose text is kept and whose formatting is not: the kind it is counted
as in ``Document.not_imported``."""
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
_TEXT_TOKENS = frozenset(("text", "code_inline", "text_special", "math_inline"))
"""Tokens whose content is the text: math as its source (``$x^2$``), which markmap draws."""


def plain_text(
    children: Sequence[Token] | None,
    *,
    line_break: str = "\n",
    markers: dict[str, str] | None = None,
    lost: dict[str, int] | None = None,
) -> str:
    """The text a reader sees in an inline run: markup dropped, link text and code kept.

    ``<br>``, hard and soft breaks become ``line_break``; marker comments are collected
    into ``markers`` (when given) and dropped, like every other comment. A tag of
    display HTML (``<span>``, ``<b>``...) is dropped, its content kept; any other
    ``<word>`` (``支持 <video> 标签``) is the user's text and stays. ``lost`` (when
    given) counts what is kept only as text: bold, italic, strikethrough, code spans,
    images (their alt text stays), and the display tags dropped.
    """
    out: list[str] = []
    for tok in children or ():
        kind = tok.type
        if lost is not None and kind in _FORMATTING:
            what = _FORMATTING[kind]
            lost[what] = lost.get(what, 0) + 1
        if kind in _TEXT_TOKENS:
            out.append(tok.content)
        elif kind in ("softbreak", "hardbreak"):
            out.append(line_break)
        elif kind == "html_inline":
            content = tok.content
            if is_br(content):
                out.append(line_break)
            elif content.startswith("<!"):
                fields = parse_comment(content)
                if fields and markers is not None:
                    markers.update(fields)
                elif not fields and lost is not None:
                    # Another tool's comment (markmap's "<!-- markmap: fold -->"…).
                    lost["comment"] = lost.get("comment", 0) + 1
            elif _is_display_tag(content):
                if lost is not None and not content.startswith("</"):
                    lost["html_tag"] = lost.get("html_tag", 0) + 1
            else:
                out.append(content)
        elif kind == "image":
            out.append(tok.content or str(tok.attrs.get("src", "")))
    return "".join(out)


def _is_display_tag(html: str) -> bool:
    name = _TAG_NAME.match(html)
    return name is not None and name.group(1).lower() in DISPLAY_TAGS


_RAW_LINK = re.compile(r"\[((?:[^\]\\]|\\.)*)\]\(<((?:[^<>\\\n]|\\.)*)>\)")
_BACKSLASH = re.compile(r"\\(.)")
# Escaped in a pointy destination: its delimiters, the escape itself, and "&" (a
# renderer would decode "&#9;" in a URL).
_POINTY_SPECIAL = re.compile(r"([<>\\&])")


_PLAIN_DESTINATION = re.compile(r"[^\s<>()\\&\x00-\x1f\x7f]+")
"""A URL written as it is in ``[title](url)``: nothing a plain destination cannot hold
or would read as an escape or entity (:func:`title_links` reads it back from the source)."""
_TITLE_LINK = re.compile(
    r"\[((?:[^\]\\]|\\.)*)\]\((?:<((?:[^<>\\\n]|\\.)*)>|([^\s<>()\\&\x00-\x1f\x7f]+))\)"
)


def link_markdown(title: str, url: str, *, plain: bool = False) -> str:
    """A link as ``[title](<url>)``: the pointy form takes spaces and parentheses, and
    :func:`raw_links` reads it back exactly (renderers normalise the URL).

    ``plain``: ``[title](url)`` when the URL allows it (a colleague's page has its links
    so; :func:`title_links` reads that back exactly too)."""
    if plain and _PLAIN_DESTINATION.fullmatch(url):
        return f"[{escape(title, markmap=False)}]({url})"
    pointy = _POINTY_SPECIAL.sub(r"\\\1", url)
    # raw_links reads the title back by removing every escape: nothing left raw.
    return f"[{escape(title, markmap=False)}](<{pointy}>)"


def raw_links(source: str, label: str) -> list[tuple[str, str]] | None:
    """The ``(title, url)`` of a line :func:`link_markdown` wrote (``label: link · link``),
    read from the source text exactly; ``None`` when ``source`` is not such a line.

    Renderers normalise URLs (punycode, percent-encoding) and refuse some (``file:``,
    ``javascript:``) as links; the source keeps what the user's link said.
    """
    if not source.startswith(label):
        return None
    pos = len(label)
    if source.startswith(": ", pos):
        pos += 2
    elif source.startswith("：", pos):  # a Chinese PRD's full-width colon
        pos += 2 if source.startswith(" ", pos + 1) else 1
    else:
        return None
    out: list[tuple[str, str]] = []
    while True:
        match = _RAW_LINK.match(source, pos)
        if match is None:
            return None
        out.append((_BACKSLASH.sub(r"\1", match.group(1)), _BACKSLASH.sub(r"\1", match.group(2))))
        pos = match.end()
        if pos == len(source):
            return out
        if not source.startswith(SEPARATOR, pos):
            return None
        pos += len(SEPARATOR)


def title_links(children: Sequence[Token] | None, source: str) -> list[tuple[str, str]]:
    """:func:`inline_links` of a title whose source is ``source``; the links written in
    :func:`link_markdown`'s form keep their URL exactly as written (as :func:`raw_links`)."""
    found = inline_links(children)
    if found and "](" in source:
        written = [
            _BACKSLASH.sub(r"\1", m.group(2)) if m.group(3) is None else m.group(3)
            for m in _TITLE_LINK.finditer(source)
        ]
        if len(written) == len(found):
            return [(text, url) for (text, _), url in zip(found, written)]
    return found


def inline_links(children: Sequence[Token] | None) -> list[tuple[str, str]]:
    """The links of an inline run as ``(text, url)``; an autolink's text, or a text that
    is just the URL, is ``""``.

    The URL is the renderer's (normalised: punycode, percent-encoding); a caller that
    wrote the links itself reads them exactly with :func:`raw_links`.
    """
    out: list[tuple[str, str]] = []
    open_at: list[tuple[int, Token]] = []
    tokens = list(children or ())
    for i, tok in enumerate(tokens):
        if tok.type == "link_open":
            open_at.append((i, tok))
        elif tok.type == "link_close" and open_at:
            start, opening = open_at.pop()
            url = str(opening.attrs.get("href", ""))
            text = (
                ""
                if opening.markup == "autolink"
                else plain_text(tokens[start + 1 : i], line_break=" ")
            )
            if text.strip() == url:  # [https://x](https://x): no title of its own
                text = ""
            if url:
                out.append((text, url))
    return out


def split_lines(children: Sequence[Token] | None) -> list[list[Token]]:
    """An inline run cut at its hard and soft line breaks (``<br>`` stays inside a line)."""
    lines: list[list[Token]] = [[]]
    for tok in children or ():
        if tok.type in ("softbreak", "hardbreak"):
            lines.append([])
        else:
            lines[-1].append(tok)
    return lines


def canonical_header(cell: str) -> str:
    """A table header as this module writes it, whatever synonym the file used."""
    key = cell.strip()
    return HEADER_SYNONYMS.get(key.lower(), HEADER_SYNONYMS.get(key, key))
