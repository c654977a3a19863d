"""Writing a document as Markdown: headings for the top levels, nested lists below.

The layout is described in :mod:`featuretree.formats.markdown_format`. The default is
the lossless form featuretree reads back (ids in comments), with labels and values in
the document's language (``状态: **新增**`` in a Chinese document, ``Status: **new**``
in an English one; :mod:`featuretree.formats.language`). For a PRD, :func:`write_markdown`
can leave the id comments out, and :mod:`featuretree.formats.prd` adds the whole
document's 优化建议 table. :func:`write_outline` writes titles and structure only, for
markmap and the mind-map tools that import Markdown.
"""

from __future__ import annotations

import json
import re
from typing import NamedTuple

from featuretree.formats.language import document_language
from featuretree.formats.markdown_labels import ZH, Labels, labels_for
from featuretree.formats.markdown_syntax import (
    CHECKBOXES,
    EMPTY_LINE_MARK,
    SEPARATOR,
    TEXT_DASH,
    code_span,
    encode_inline,
    encode_line,
    encode_notes,
    encode_piece,
    escape,
    id_comment,
    link_markdown,
    table,
)
from featuretree.i18n import text_in
from featuretree.model.annotations import FeatureStatus, Link, Suggestion
from featuretree.model.carried import Carried
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import preorder_with_depth

HEADING_LEVELS = 3
"""Tree depths 0..2 are headings (``#``, ``##``, ``###``); deeper nodes are list items."""

LIST_NESTING_CAP = 16
"""List levels written as real nesting. Deeper items stay at this indentation and carry
``depth: N`` in their marker comment: Markdown pays two spaces per level on every line,
so a 5,000-level chain would otherwise be 25 MB of indentation (and quadratic to parse);
real feature trees are far shallower than 3 + 16 levels."""


# A NamedTuple, not a frozen dataclass: ~1 ms less at every Markdown export
# (see markdown_labels.Labels).
class Style(NamedTuple):
    """How a Markdown file is written: ``ids`` as comments; labels and statuses in
    ``language`` (``None``: the document's, see :func:`.language.document_language`);
    ``outline``: titles and structure only."""

    ids: bool = True
    language: str | None = None
    outline: bool = False
    plain_links: bool = False
    """Links in titles as ``[title](url)`` where the URL allows it (a colleague's page)."""
    colon: str = ": "
    """Between a label and its value. A Chinese PRD (:mod:`.prd`) has ``：`` (``理由：…``),
    as Chinese text does; featuretree's own Markdown keeps ``: ``, so a file saved again
    is unchanged byte for byte (the reader takes both)."""

    @property
    def labels(self) -> Labels:
        """The labels in :attr:`language` (Chinese until a language is chosen)."""
        return labels_for(self.language) if self.language else ZH

    def feature_status(self, status: FeatureStatus) -> str:
        """``new``, or ``新增`` in Chinese (the model's value until a language is chosen)."""
        return text_in(self.language, f"status.{status.value}") if self.language else status.value

    def suggestion_status(self, suggestion: Suggestion) -> str:
        """``accepted``, or ``已采纳`` in Chinese (the model's value until a language is chosen)."""
        value = suggestion.status.value
        return text_in(self.language, f"sstatus.{value}") if self.language else value

    def comment(self, node_id: str | None, depth: int | None = None) -> str:
        """The marker comment: the id (when ids are written) and a depth past the cap."""
        return id_comment(node_id if self.ids else None, depth)


LOSSLESS = Style()
OUTLINE = Style(ids=False, outline=True)


def _caption(text: str) -> str:
    return f"**{text}**"


def _change_columns(labels: Labels) -> tuple[str, str, str, str]:
    return (labels.version, labels.date, labels.author, labels.summary)


def _status_line(node: FeatureNode, style: Style = LOSSLESS) -> str | None:
    parts = []
    labels = style.labels
    if node.status is not FeatureStatus.EXISTING:
        parts.append(f"{labels.status}{style.colon}**{escape(style.feature_status(node.status))}**")
    if node.tags:
        parts.append(f"{labels.tags}{style.colon}" + " ".join(code_span(tag) for tag in node.tags))
    return SEPARATOR.join(parts) if parts else None


def _suggestion_lines(suggestion: Suggestion, style: Style = LOSSLESS) -> list[str]:
    head = (
        f"- **{suggestion.priority.value}**{SEPARATOR}{escape(style.suggestion_status(suggestion))}"
        f"{TEXT_DASH}{encode_inline(suggestion.text, raw_pipes=True)}"
        f"{style.comment(suggestion.id)}"
    )
    lines = [head]
    labels = style.labels
    if suggestion.rationale:
        rationale = encode_inline(suggestion.rationale, raw_pipes=True)
        lines.append(f"  {labels.rationale}{style.colon}{rationale}")
    by = f"{encode_line(suggestion.author)}{SEPARATOR}" if suggestion.author else ""
    lines.append(f"  {labels.proposed_by}{style.colon}{by}{suggestion.created.isoformat()}")
    # A hard break (trailing backslash) keeps the three parts on their own lines.
    return [line + "\\" for line in lines[:-1]] + [lines[-1]]


def _sections(sections: list[list[str]]) -> list[str]:
    lines: list[str] = []
    for section in sections:
        if lines:
            lines.append("")
        lines.extend(section)
    return lines


def node_quote(node: FeatureNode, style: Style = LOSSLESS, links_in_title: int = 0) -> list[str]:
    """What a node carries besides its title, as blockquote lines (without ``> ``).

    ``links_in_title``: how many of the node's first links the title holds (see
    :func:`title_markdown`); the others go on the ``链接:`` line."""
    sections: list[list[str]] = []
    labels = style.labels
    status = _status_line(node, style)
    if status:
        sections.append([status])
    links = node.links[links_in_title:]
    if links:
        sections.append(
            [
                f"{labels.links}{style.colon}"
                + SEPARATOR.join(link_markdown(k.title, k.url) for k in links)
            ]
        )
    sections.extend(encode_notes(node.notes))
    if node.changelog:
        rows = (
            (
                encode_line(entry.version or ""),
                entry.date.isoformat(),
                encode_line(entry.author or ""),
                encode_inline(entry.summary),
            )
            for entry in node.changelog
        )
        sections.append([_caption(labels.changelog)])
        sections.append(table(_change_columns(labels), rows))
    if node.suggestions:
        sections.append([_caption(labels.suggestions)])
        sections.append([line for s in node.suggestions for line in _suggestion_lines(s, style)])
    return _sections(sections)


def document_quote(
    doc: Document, style: Style = LOSSLESS, *, title_written: bool = False
) -> list[str]:
    """The document's meta and revision history, as blockquote lines.

    ``title_written``: the title is written elsewhere, not in the info table (the front
    matter's ``title:`` line, or the root when the front matter's title is the root's,
    see :func:`markdown_lines`)."""
    sections: list[list[str]] = []
    labels = style.labels
    meta = doc.meta
    header, cells = [], []
    for field, label in labels.meta_columns:
        value = getattr(meta, field)
        # Empty fields are left out (never an empty cell, nor an empty table); the title
        # also when it is the root's (an empty one means the root's: see loss._meta).
        if not value or (field == "title" and (value == doc.root.title or title_written)):
            continue
        header.append(label)
        cells.append(value.isoformat() if hasattr(value, "isoformat") else encode_line(value))
    if header:
        sections.append([_caption(labels.meta)])
        sections.append(table(header, [cells]))
    if doc.revisions:
        rows = (
            (
                encode_line(rev.version),
                rev.date.isoformat(),
                encode_line(rev.author or ""),
                encode_inline(rev.summary),
            )
            for rev in doc.revisions
        )
        sections.append([_caption(labels.revisions)])
        sections.append(table(_change_columns(labels), rows))
    return _sections(sections)


def _quoted(lines: list[str], pad: str) -> list[str]:
    return [f"{pad}> {line}" if line else f"{pad}>" for line in lines]


def encode_title(title: str) -> str:
    """A node's title as a heading's or list item's text: escaped (:func:`.escape`), but
    for markmap's constructs, and a leading ``[ ]``/``[x]`` left as written so that
    markmap draws its checkbox."""
    if title[:1] == "[":
        if title in ("[ ]", "[x]"):
            return title
        for box in CHECKBOXES:
            if title.startswith(box) and title[len(box) :] == title[len(box) :].lstrip():
                return box + encode_line(title[len(box) :], raw_pipes=True)
    return encode_line(title, raw_pipes=True)


def title_markdown(node: FeatureNode, plain_links: bool = False) -> tuple[str, int]:
    """The node's title as Markdown, and how many of its first links are written in it.

    A link whose text is in the title (in the order of the links: ``[GitHub](url)``,
    ``[coc-markmap](url) for Neovim`` read from markmap) is written there, as a link:
    markmap and GitHub show it on the node, as the file it came from did. The reader
    gives the links back in the same order, the title's first."""
    title = node.title
    if not node.links:
        return encode_title(title), 0
    spans: list[tuple[int, int, Link]] = []
    start = 0
    box = next((box for box in CHECKBOXES if title.startswith(box)), "")
    for link in node.links:
        text = link.title
        at = title.find(text, max(start, len(box))) if text and text == text.strip() else -1
        if at < 0 or text == link.url:
            break
        spans.append((at, at + len(text), link))
        start = at + len(text)
    if not spans:
        return encode_title(title), 0
    parts = [box]
    pos = len(box)
    for begin, end, link in spans:
        piece = encode_piece(title[pos:begin], at_start=pos == len(box), at_end=False)
        if piece.endswith("!"):
            piece = piece[:-1] + "\\!"  # "![" would make the link an image
        parts.append(piece)
        parts.append(link_markdown(link.title, link.url, plain=plain_links))
        pos = end
    parts.append(encode_piece(title[pos:], at_start=False, at_end=True))
    return "".join(parts), len(spans)


def _title_markdown(node: FeatureNode, style: Style, carried: Carried | bool) -> tuple[str, int]:
    """:func:`title_markdown`, but a colleague's title as the file wrote it (its bold,
    code, links, comments) while the title and the links in it are as read (``carried``:
    the document's, when it carries forms)."""
    if carried and not style.outline:
        as_read = carried.node("markdown", node.id)  # type: ignore[union-attr]
        line = as_read.get("line")
        if line and as_read.get("line_title") == node.title:
            urls = as_read.get("line_links", "").split()
            if [link.url for link in node.links[: len(urls)]] == urls:
                return line, len(urls)
    return title_markdown(node, style.plain_links)


def _title(title: str, node: FeatureNode, depth: int | None, style: Style) -> str:
    comment = style.comment(node.id, depth)
    return f"{title} {comment}" if title and comment else title or comment


def write_markdown(doc: Document, style: Style = LOSSLESS) -> bytes:
    """The document as Markdown for GitHub, wikis and featuretree (UTF-8).

    ``style``: the default is the lossless form read back by featuretree; see :class:`Style`.
    A document read from a Markdown file without id comments is written without them
    (``Document.carried``, see :func:`.markdown_reader.read_markdown`).
    """
    if style.ids and doc.carried.document("markdown").get("ids") is False:
        style = style._replace(ids=False)
    return "\n".join(markdown_lines(doc, style)).encode("utf-8")


def write_outline(doc: Document) -> bytes:
    """Titles and structure only, for markmap, 飞书, 语雀 and mind-map imports (UTF-8).

    A link whose text is in a title stays on it (:func:`title_markdown`). No ids, no
    annotations: markmap keeps only one kind of block under a heading and
    puts everything inside a list item into its node (see :mod:`.markdown_format`), so a
    mind map is readable only from the outline. It reads back as the same tree.
    """
    return write_markdown(doc, OUTLINE)


def _plain_notes(node: FeatureNode, linked: int, carried: Carried) -> list[str]:
    """The heading node's notes as paragraphs outside a quote, as a colleague's page had
    them (``notes: plain`` carried), while the node has nothing else a quote would hold
    and its notes read back the same that way; else nothing (the quote is written)."""
    if not node.notes or carried.node("markdown", node.id).get("notes") != "plain":
        return []
    if (
        node.status is not FeatureStatus.EXISTING
        or node.tags
        or node.changelog
        or node.suggestions
        or len(node.links) > linked
    ):
        return []
    as_read = carried.node("markdown", node.id)
    if as_read.get("notes_text") == node.notes and isinstance(as_read.get("notes_md"), str):
        return as_read["notes_md"].split("\n")  # as the colleague wrote them (**bold**…)
    paragraphs = encode_notes(node.notes)
    if [EMPTY_LINE_MARK] in paragraphs:
        return []  # an empty line kept by a mark only a quote reads back
    return _sections(paragraphs)


def _front_matter(
    doc: Document, style: Style, front: str, look: dict[str, object]
) -> tuple[list[str], bool, bool]:
    """The front matter read from the file, as it was but for its title (see
    :func:`markdown_lines`), whether the root is its title (no ``#`` heading), and
    whether the document's title is written there or as the root (then the info table
    does not repeat it: a colleague's file gets no table it never had)."""
    front_root = look.get("front_root") is True
    follows = front_root and _follows_front(doc, look)
    title = doc.root.title if follows or front_root else (doc.meta.title or doc.root.title)
    lines = front.split("\n")
    titled = follows
    for i, line in enumerate(lines[1:-1], 1):
        if _FRONT_TITLE.match(line):
            titled = titled or not front_root
            if title != look.get("front_title"):
                lines[i] = f"title: {json.dumps(title, ensure_ascii=False)}"
            break
    root = doc.root
    plain = not root.notes or bool(_plain_notes(root, 0, doc.carried))
    no_heading = (
        follows
        and len(root.kids) != 1
        and not document_quote(doc, style, title_written=True)
        and plain
        and (bool(root.notes) or not node_quote(root, style))
    )
    return lines, no_heading, titled


def _follows_front(doc: Document, look: dict[str, object]) -> bool:
    """Whether the document's title is the root's where the front matter's title is the
    root: none of its own (as read), or the one read (a copy made before titles were
    left empty: the recovery file of an earlier version)."""
    return doc.meta.title in ("", look.get("front_title"))


_FRONT_TITLE = re.compile(r"title[ \t]*:")

MAX_LIST_NUMBER = 999_999_999
"""CommonMark's largest list number (nine digits)."""
_MARKER = re.compile(r"-|[0-9]{1,9}[.)]")
_PLACE = re.compile(r"[0-9]{1,9}")


def _heading_form(node: FeatureNode, depth: int, carried: Carried, after_item: bool) -> bool:
    """Whether ``node`` (at ``depth``, under a heading) is in heading form: as it was read
    (``form`` carried: a heading read right after list items carries it too), else by
    its depth, but for a node added right after a list item (``after_item``): one more
    item, where a heading would turn the items after it into headings too; and for a
    numbered item still under the node it was read under: an item, which keeps its
    number (a heading has none)."""
    as_read = carried.node("markdown", node.id)
    form = as_read.get("form")
    if form:
        return form == "heading"
    if depth >= HEADING_LEVELS or after_item:
        return False
    # An item read deep in a numbered list whose parent has risen to a heading's depth
    # (outdented): still in its list, it stays an item, with its number.
    mark = as_read.get("marker")
    return not (
        isinstance(mark, str)
        and mark[-1:] in (".", ")")
        and node.parent is not None
        and as_read.get("under") == node.parent.id
    )


def list_markers(
    parent: FeatureNode, depth: int, carried: Carried, *, all_items: bool
) -> tuple[dict[str, str], set[str]]:
    """The markers of ``parent``'s children written as list items (at ``depth``; all of
    them with ``all_items``, else those before its first heading child), by node id, and
    the ids of the items that start a list that needs a blank line before it.

    An item keeps the marker it was read with (``Document.carried``: ``marker``, ``at``,
    ``under``) while it is under the node it was read under. Any other item (added, or
    moved here) is marked as the item before it, or the first item after it for items
    at the start: a node added beside numbered siblings is numbered. Consecutive items
    with the same kind of marker (``-``; ``1.``; ``1)``) make one list. A list whose
    items are all as read, in the order read, keeps its numbers as the file wrote them
    (``1. 1. 1.``, ``01.``); any other is numbered again from the number the file's list
    started at (``1.``, ``2.``, ``3.``), or all with its one number when the file
    repeated it."""
    items: list[FeatureNode] = []
    written: list[tuple[str, int] | None] = []
    headings = not all_items and depth < 6
    for kid in parent.kids:
        as_read = carried.node("markdown", kid.id)
        mark, at = as_read.get("marker"), as_read.get("at")
        home = as_read.get("under") == parent.id and isinstance(at, str) and _PLACE.fullmatch(at)
        if headings:  # as markdown_lines decides (_heading_form): items before any heading
            form = as_read.get("form")
            if form == "heading" or (
                not form
                and not items
                and depth < HEADING_LEVELS
                and not (home and isinstance(mark, str) and mark[-1:] in (".", ")"))
            ):
                break
        items.append(kid)
        if home and isinstance(mark, str) and _MARKER.fullmatch(mark):
            written.append((mark, int(at)))  # type: ignore[arg-type]
        else:
            written.append(None)  # added or moved here (or carried data not ours)
    kinds: list[str | None] = [None if w is None else w[0][-1] for w in written]
    for i in range(1, len(kinds)):
        if kinds[i] is None:
            kinds[i] = kinds[i - 1]
    first_known = next((kind for kind in kinds if kind is not None), "-")
    kinds = [first_known if kind is None else kind for kind in kinds]
    markers: dict[str, str] = {}
    blank_before: set[str] = set()
    start = 0
    while start < len(items):
        end = start
        while end < len(items) and kinds[end] == kinds[start]:
            end += 1
        kind = kinds[start]
        run = range(start, end)
        if kind == "-":
            for i in run:
                markers[items[i].id] = "-"
        else:
            read = [written[i] for i in run]
            if all(w is not None and w[1] == k for k, w in enumerate(read)):
                numbers = [w[0][:-1] for w in read]  # type: ignore[index]
            else:
                values = [(int(w[0][:-1]), w[1]) for w in read if w is not None]
                if len(values) > 1 and len({value for value, _ in values}) == 1:
                    numbers = [str(values[0][0])] * len(read)  # 1. 1. 1. as the file had
                else:
                    # Where the file's list started: an item's number less its place.
                    low = max(0, min(value - at for value, at in values))
                    low = low if low + len(read) - 1 <= MAX_LIST_NUMBER else 1
                    numbers = [str(low + k) for k in range(len(read))]
            for i, number in zip(run, numbers):
                markers[items[i].id] = number + kind
            if (start or all_items) and int(numbers[0]) != 1:
                # Only a list starting at 1 may follow an item's line directly (else it
                # is read as more of that item's text); a heading's first list follows
                # a blank line anyway.
                blank_before.add(items[start].id)
        start = end
    return markers, blank_before


def markdown_lines(doc: Document, style: Style = LOSSLESS) -> list[str]:
    """The lines of :func:`write_markdown`, ending with an empty one.

    The top three levels are headings and deeper nodes list items, but for a node read
    from a Markdown file in the other form (``Document.carried``: markmap's lists right
    under a heading, a ``####`` heading): it keeps its form where Markdown allows it
    (a heading needs a heading above it, within six levels, and no list item of its
    parent after it)."""
    if style.language is None:
        style = style._replace(language=document_language(doc))
    carried = doc.carried
    # Only a document read from a file in another shape carries forms: any other is
    # written by depth alone (no look-ups per node).
    look = carried.document("markdown")
    if look.get("ids") is False:
        # A colleague's page: links in titles as it wrote them, not in featuretree's form.
        style = style._replace(plain_links=True)
    forms = look.get("forms") is True
    out: list[str] = []
    no_root_heading = title_written = False
    front = look.get("front_matter")
    if isinstance(front, str) and front.startswith("---\n"):
        out, no_root_heading, title_written = _front_matter(doc, style, front, look)
    # By node id: the list level of a node written as a list item (absent: a heading).
    item_level: dict[str, int] = {}
    # Heading nodes whose children already include a heading: later ones must be too.
    headed: set[str] = set()
    # Heading nodes with a child written as a list item so far.
    listed: set[str] = set()
    # A file with numbered lists: each item's marker, found a parent's items at a time,
    # and the column each list level starts at (after its parent's "1. ", "10. ").
    numbered = forms and look.get("numbered") is True and not style.outline
    markers: dict[str, str] = {}
    blank_before: set[str] = set()
    columns = [0]
    flat = ""  # past the cap: the kind of marker of the item written last ("" for none)
    for node, depth in preorder_with_depth(doc.root):
        parent = node.parent
        if not forms:
            level = depth - HEADING_LEVELS if depth >= HEADING_LEVELS else -1
        elif parent is None:
            level = -1
        elif parent.id in item_level:
            level = item_level[parent.id] + 1
        else:
            heading = _heading_form(node, depth, carried, parent.id in listed)
            if parent.id in headed or depth >= 6:
                heading = parent.id in headed and depth < 6
            level = -1 if heading else 0
            if heading:
                headed.add(parent.id)
            else:
                listed.add(parent.id)
        if level < 0 and no_root_heading and parent is None:
            plain = _plain_notes(node, 0, carried)
            if plain:
                out.append("")
                out.extend(plain)
            continue
        if level < 0:
            if out:
                out.append("")
            title, linked = _title_markdown(node, style, forms and carried)
            out.append(f"{'#' * (depth + 1)} {_title(title, node, None, style)}".rstrip())
            plain = forms and not style.outline and _plain_notes(node, linked, carried)
            if plain:
                out.append("")
                out.extend(plain)
            blocks = [] if style.outline or plain else [node_quote(node, style, linked)]
            if depth == 0 and not style.outline:
                blocks.insert(0, document_quote(doc, style, title_written=title_written))
            for block in blocks:
                if block:
                    out.append("")
                    out.extend(_quoted(block, ""))
            continue
        if forms:
            item_level[node.id] = level
        if level == 0 and parent is not None and parent.kids[0] is node:
            out.append("")  # the list of children starts after a blank line
        capped = level >= LIST_NESTING_CAP
        if numbered:
            if parent is not None and parent.kids[0] is node:
                found, blanks = list_markers(parent, depth, carried, all_items=level > 0)
                markers.update(found)
                blank_before |= blanks
            marker = markers.get(node.id, "-")
            if capped:
                # Past the cap the items are one flat list (depth markers) that keeps
                # their numbers: a number other than 1 starting a list there (after its
                # parent's line or an item of another kind) would be read as more of the
                # line above, as at any level.
                kind = marker[-1]
                if kind != "-" and kind != flat and int(marker[:-1]) != 1:
                    out.append("")
                flat = kind
            else:
                flat = ""
                if node.id in blank_before:
                    out.append("")
            at = min(level, LIST_NESTING_CAP)
            del columns[at + 1 :]
            pad = " " * columns[at]
            columns.append(columns[at] + len(marker) + 1)
            inner = " " * columns[-1]
        else:
            marker = "-"
            pad = "  " * min(level, LIST_NESTING_CAP)
            inner = pad + "  "
        title, linked = _title_markdown(node, style, forms and carried)
        line = f"{pad}{marker} {_title(title, node, depth if capped else None, style)}"
        out.append(line.rstrip())
        quote = [] if style.outline else node_quote(node, style, linked)
        if quote:
            out.extend(_quoted(quote, inner))
    out.append("")
    return out
