"""The 功能结构图 as a standalone SVG picture (``.svg``), written with the standard library.

What a PM pastes into a PRD or a slide: a ``<rect>`` per box, orthogonal ``<path>``
connectors, and real ``<text>`` (selectable and searchable) in a font-family list that
finds a CJK font on every desktop. Boxes are coloured by status, with a legend; counts
of change-log entries (✎) and open suggestions (◆) under a title, ``+N`` on a node cut
off by ``depth`` or folded (``folded``: the editor's folds, Ctrl+E "as folded"; after the
counts of everything under it, as a folded node shows them in the editor). Tags go
before the counts (``#P0 ✎2``), and a node with no title shows the editor's placeholder
``（未命名）`` in grey italics, as the diagram view draws them. The layout is
:mod:`featuretree.model.layout`, sized by :data:`FONT_METRICS`:
a CJK character is one em, Latin letters their Helvetica/Arial advance widths (the fonts
listed draw Latin about that wide).

Writer only: a picture cannot be read back into a document (``reader`` is ``None``),
so it is something to export, never the file an editor saves to. The output is
deterministic (same document and options, same bytes), so it diffs.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Collection
from functools import lru_cache

from featuretree.formats.prd import document_language
from featuretree.i18n import text_in
from featuretree.model.cells import is_wide
from featuretree.model.document import Document
from featuretree.model.layout import Direction, Layout, LayoutOptions, Metrics, layout_tree
from featuretree.model.layout.metrics import TAG_MARK
from featuretree.model.marks import CHANGES_MARK, SUGGESTIONS_MARK, count_badges
from featuretree.model.node import FeatureNode
from featuretree.model.tree import annotation_totals

__all__ = [
    "FONT_FAMILY",
    "FONT_METRICS",
    "kept_nodes",
    "picture_layout",
    "picture_size",
    "svg_document",
    "write_svg",
]

FONT_SIZE = 14
FONT_FAMILY = (
    '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", '
    '"Hiragino Sans GB", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif'
)
"""Common CJK fonts of macOS, Windows and Linux first, then Latin ones."""

# Helvetica/Arial advance widths of printable ASCII (space to ~), in 1/1000 em.
_ASCII_WIDTHS = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)  # fmt: skip


def char_width(char: str, size: float = FONT_SIZE) -> float:
    """Advance width of ``char`` at ``size`` px: 1 em when wide (CJK) or a symbol a CJK
    font draws full width (see :func:`_drawn_full_width`), else Arial's."""
    code = ord(char)
    if 32 <= code < 127:
        return _ASCII_WIDTHS[code - 32] * size / 1000
    if is_wide(char) or _drawn_full_width(char):
        return size
    return 0.6 * size


@lru_cache(maxsize=1024)
def _drawn_full_width(char: str) -> bool:
    """Punctuation and symbols that CJK fonts draw one em wide though Unicode calls them
    narrow or ambiguous: “ ” ‘ ’ · … — → ① ※ ≤ ℃ ★ ✓ and the like.

    The picture's text is set in a CJK font first (PingFang SC, Microsoft YaHei, Noto Sans
    CJK), which has these glyphs full width; measured as a Latin letter (0.6 em) a title
    like ``“一键入库”按钮`` ran over its box's border. Letters of ambiguous width (é, α, я)
    stay proportional in those fonts.
    """
    if 0x2190 <= ord(char) <= 0x2BFF:  # arrows, maths, technical, shapes, dingbats
        return True
    return unicodedata.east_asian_width(char) == "A" and unicodedata.category(char)[0] in "PSN"


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """Width of one line of ``text`` at ``size`` px."""
    return sum(char_width(char, size) for char in text)


FONT_METRICS = Metrics(
    text_width=text_width,
    char_width=char_width,
    line_height=20,
    pad_x=12,
    pad_y=8,
    gap_x=20,
    gap_y=36,
    max_text_width=12 * FONT_SIZE,
    stack_indent=28,
    stack_gap=8,
    column_gap=20,
    integral=False,
)
"""SVG units (px) for a top-down picture; left to right spreads levels, not siblings."""

_RIGHT_METRICS = dataclasses.replace(FONT_METRICS, gap_x=48, gap_y=10)

MARGIN = 24
TITLE_SIZE = 20
BADGE_SIZE = 12

STYLE = {
    # status: (fill, stroke, text)
    "existing": ("#ffffff", "#5b6b7f", "#1f2933"),
    "new": ("#e7f6ea", "#2e7d32", "#1b4d1f"),
    "changed": ("#fff4e0", "#d9822b", "#6b3d00"),
    "deprecated": ("#f1f1f1", "#9e9e9e", "#7a7a7a"),
}
"""Box colours by feature status."""
ROOT_STYLE = ("#2f5597", "#2f5597", "#ffffff")
CONNECTOR = "#8a94a6"
BADGE_COLOUR = "#5b6b7f"
UNTITLED = "#9aa5b1"
UNTITLED_ROOT = "#c9d6ea"
UNTITLED_STYLE = ' font-style="italic" class="untitled"'
"""How the placeholder of a node with no title is drawn (on the root's blue: lighter)."""


def _num(value: float) -> str:
    """A coordinate with at most one decimal, no trailing ``.0`` (stable text)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


_NOT_XML = "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"
"""Characters XML 1.0 cannot hold at all, even as references (a pattern: compiled by
``re`` on first use, which a clean document never reaches)."""


def _escape(text: str) -> str:
    """``text`` safe in XML character data and in a double-quoted attribute.

    Characters XML cannot hold are left out: one U+FFFE in a title (pasted from a broken
    file; the JSON reader keeps it) made the whole SVG unreadable to a browser, and resvg
    refused to draw the PNG.
    """
    if not text.isprintable():
        text = re.sub(_NOT_XML, "", text)
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _badge(node: FeatureNode) -> str:
    """``"✎2 ◆3"``: change-log entries and open suggestions that are not zero."""
    return count_badges(len(node.changelog), node.open_suggestions if node.suggestions else 0)


def _folded_badge(node: FeatureNode) -> str:
    """A box cut off by ``depth`` (its ``+N`` follows): the counts of everything in it,
    as the editor's folded nodes show them."""
    return count_badges(*annotation_totals(node))


def folded_nodes(doc: Document, folded: Collection[str | FeatureNode]) -> frozenset[FeatureNode]:
    """``doc``'s nodes among ``folded`` (ids, or nodes of ``doc`` or of a copy of it, looked
    up by id): a PNG is drawn from a copy of the document, whose nodes are not the
    editor's. Ids no longer in ``doc`` (deleted since) and leaves are left out."""
    nodes = (doc.get(item if isinstance(item, str) else item.id) for item in folded)
    return frozenset(node for node in nodes if node is not None and node.kids)


def kept_nodes(
    doc: Document, keep: Collection[str | FeatureNode] | None
) -> frozenset[FeatureNode] | None:
    """``doc``'s nodes among ``keep`` (a filter's: ids, or nodes of ``doc`` or of a copy
    of it, looked up by id) with their ancestors, as the outline shows a filter's
    matches; ``None`` (no filter) stays ``None``. Ids no longer in ``doc`` are left out."""
    if keep is None:
        return None
    kept: set[FeatureNode] = set()
    for item in keep:
        node = doc.get(item if isinstance(item, str) else item.id)
        while node is not None and node not in kept:  # up to an ancestor already in
            kept.add(node)
            node = node.parent
    return frozenset(kept)


def picture_layout(
    doc: Document,
    *,
    direction: Direction = "down",
    depth: int | None = None,
    stack: int = 1,
    folded: Collection[str | FeatureNode] = (),
    keep: Collection[str | FeatureNode] | None = None,
) -> Layout:
    """The layout an SVG, PNG or HTML picture of ``doc`` is drawn from, in px; options as
    for :func:`write_svg` (``folded`` and ``keep`` looked up in ``doc``: see
    :func:`folded_nodes` and :func:`kept_nodes`)."""
    options = LayoutOptions(direction=direction, stack_columns=stack, max_depth=depth)
    metrics = FONT_METRICS if direction == "down" else _RIGHT_METRICS
    return layout_tree(
        doc.root,
        metrics,
        options,
        folded=folded_nodes(doc, folded),
        keep=kept_nodes(doc, keep),
        badge=_badge,
        folded_badge=_folded_badge,
        # What the editor's diagram view shows: tags before the counts, and the
        # outline's placeholder for a node with no title (in the document's language,
        # as the legend: the same document gives the same picture whoever exports it).
        tags=True,
        untitled=text_in(document_language(doc), "app.untitled_row"),
    )


def write_svg(
    doc: Document,
    *,
    direction: Direction = "down",
    depth: int | None = None,
    stack: int = 1,
    folded: Collection[str | FeatureNode] = (),
    keep: Collection[str | FeatureNode] | None = None,
) -> bytes:
    """``doc`` as an SVG picture.

    ``direction``: ``down`` (root on top) or ``right`` (root on the left); ``depth``: the
    deepest level drawn (root = 0; deeper nodes show as ``+N``); ``stack``: columns a
    parent's leaves stack into (0: a row like other children); ``folded``: nodes (or
    their ids) drawn without what is under them, as ``+N`` (the editor's folds);
    ``keep``: a filter's nodes (or ids), drawn with their ancestors and nothing else,
    as the editor's outline shows them under the filter (``None``: every node).
    """
    layout = picture_layout(
        doc, direction=direction, depth=depth, stack=stack, folded=folded, keep=keep
    )
    return svg_document(doc, layout).encode("utf-8")


def picture_size(doc: Document, layout: Layout) -> tuple[float, float]:
    """Width and height in px of the picture :func:`svg_document` draws of ``layout``."""
    title, _, legend_top = _frame(doc, layout)
    legend_width = _legend(legend_top, document_language(doc))[1]
    width = max(layout.width, legend_width, text_width(title, TITLE_SIZE)) + 2 * MARGIN
    return width, legend_top + LEGEND_HEIGHT + MARGIN


LEGEND_HEIGHT = 24


def _frame(doc: Document, layout: Layout) -> tuple[str, float, float]:
    """The picture's title, the top of the diagram and the top of the legend."""
    title = doc.meta.title or doc.root.title
    top = MARGIN + (TITLE_SIZE + 16 if title else 0)
    return title, top, top + layout.height + 24


def svg_document(
    doc: Document,
    layout: Layout,
    *,
    interactive: bool = False,
    font_family: str = FONT_FAMILY,
    separate_marks: bool = False,
) -> str:
    """The SVG text of ``layout`` with the document's title and a legend.

    ``interactive`` (the HTML page) marks each connector with its child's id, so that a
    folded subtree's connectors hide with its boxes. ``font_family``: the CSS font list
    of every text (the PNG names the font file it rasterises with first).
    ``separate_marks`` (the PNG): each ✎ of a badge its own text chunk; see
    :func:`_mark_chunks`.
    """
    title, top, legend_top = _frame(doc, layout)
    legend = _legend(legend_top, document_language(doc))[0]
    width, height = picture_size(doc, layout)
    out: list[str] = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_num(width)}" '
        f'height="{_num(height)}" viewBox="0 0 {_num(width)} {_num(height)}" '
        f'font-family="{_escape(font_family)}" font-size="{FONT_SIZE}">\n',
        f"<title>{_escape(title)}</title>\n",
        f'<rect x="0" y="0" width="{_num(width)}" height="{_num(height)}" fill="#ffffff"/>\n',
    ]
    if title:
        out.append(
            f'<text x="{MARGIN}" y="{MARGIN + TITLE_SIZE}" font-size="{TITLE_SIZE}" '
            f'font-weight="bold" fill="#1f2933">{_escape(title)}</text>\n'
        )
    out.append(f'<g transform="translate({MARGIN} {_num(top)})">\n')
    out.append(f'<g fill="none" stroke="{CONNECTOR}" stroke-width="1.5">\n')
    # Edges from one parent share their first segments. Drawn as paths of their own, the
    # shared part is painted once per child and its anti-aliased edges darken and thicken
    # (a PNG shows it); one path for all of them is stroked once. The HTML page hides each
    # folded child's edge, so there each is its own path.
    merged: list[str] = []
    for edge in layout.edges:
        (x, y), *rest = edge.points
        path = [f"M{_num(x)} {_num(y)}"]
        for px, py in rest:
            path.append(f"H{_num(px)}" if py == y else f"V{_num(py)}")
            x, y = px, py
        if interactive:
            child = _escape(layout.boxes[edge.child].node_id)
            out.append(f'<path d="{"".join(path)}" data-child="{child}"/>\n')
        else:
            merged.append("".join(path))
    if merged:
        out.append(f'<path d="{chr(10).join(merged)}"/>\n')
    out.append("</g>\n")
    line_height = FONT_METRICS.line_height
    untitled = layout.untitled
    for k, box in enumerate(layout.boxes):
        fill, stroke, ink = (
            ROOT_STYLE if box.parent < 0 else STYLE.get(box.status, STYLE["existing"])
        )
        out.append(f'<g class="node status-{box.status}" data-id="{_escape(box.node_id)}">\n')
        out.append(
            f'<rect x="{_num(box.x)}" y="{_num(box.y)}" width="{_num(box.w)}" '
            f'height="{_num(box.h)}" rx="6" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>\n'
        )
        cx = box.x + box.w / 2
        baseline = box.y + FONT_METRICS.pad_y + line_height * 0.75
        decoration = ' text-decoration="line-through"' if box.status == "deprecated" else ""
        if k in untitled:  # a placeholder, not a title: grey and italic
            ink, decoration = (UNTITLED_ROOT if box.parent < 0 else UNTITLED), UNTITLED_STYLE
        for line in box.lines:
            out.append(
                f'<text x="{_num(cx)}" y="{_num(baseline)}" text-anchor="middle" '
                f'fill="{ink}"{decoration}>{_escape(line)}</text>\n'
            )
            baseline += line_height
        if box.badge:
            badge_ink = ink if box.parent < 0 else BADGE_COLOUR
            badge = _escape(box.badge) if not separate_marks else _mark_chunks(box.badge, cx)
            out.append(
                f'<text x="{_num(cx)}" y="{_num(baseline)}" text-anchor="middle" '
                f'font-size="{BADGE_SIZE}" fill="{badge_ink}">{badge}</text>\n'
            )
        out.append("</g>\n")
    out.append("</g>\n")
    out.append(legend)
    out.append("</svg>\n")
    return "".join(out)


MARK_WIDTHS = {CHANGES_MARK: 0.85, SUGGESTIONS_MARK: 1.0}
"""The marks' advances in em where the PNG draws them: ◆ is full width in a CJK font; ✎
(in no CJK font) comes from a symbol font (DejaVu Sans, Segoe UI Symbol) about this wide."""


def _mark_chunks(badge: str, cx: float) -> str:
    """``badge`` as ``<tspan>`` chunks, each ✎ alone in one, centred on ``cx``.

    CJK fonts have no ✎. resvg draws it in a fallback font and keeps that font for the
    rest of its chunk (``✎2 ◆1``'s digits and ◆ turn bold and small beside ``◆1``'s);
    a chunk that starts at its own x begins again in the picture's font.
    """
    chunks: list[str] = []
    for index, piece in enumerate(badge.split(CHANGES_MARK)):
        if index:
            chunks.append(CHANGES_MARK)
        if piece:
            chunks.append(piece)

    def width(text: str) -> float:
        return sum(
            MARK_WIDTHS[char] * BADGE_SIZE if char in MARK_WIDTHS else char_width(char, BADGE_SIZE)
            for char in text
        )

    x = cx - width(badge) / 2
    out = []
    for chunk in chunks:
        out.append(f'<tspan x="{_num(x)}" text-anchor="start">{_escape(chunk)}</tspan>')
        x += width(chunk)
    return "".join(out)


def _legend(top: float, language: str) -> tuple[str, float]:
    """A row of status swatches and what the badges mean (in the document's language, so
    the same document gives the same picture whoever exports it), and its width."""
    out = [f'<g class="legend" transform="translate({MARGIN} {_num(top)})" font-size="12">\n']
    x = 0.0
    for status, (fill, stroke, ink) in STYLE.items():
        label = text_in(language, f"status.{status}")
        out.append(
            f'<rect x="{_num(x)}" y="2" width="18" height="14" rx="3" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="1.5"/>\n'
            f'<text x="{_num(x + 24)}" y="14" fill="{ink}">{_escape(label)}</text>\n'
        )
        x += 24 + text_width(label, 12) + 16
    for mark, key in (
        (TAG_MARK, "picture.legend_tags"),
        (CHANGES_MARK, "picture.legend_changes"),
        (SUGGESTIONS_MARK, "picture.legend_suggestions"),
        ("+N", "picture.legend_folded"),
    ):
        label = f"{mark} {text_in(language, key)}"
        out.append(f'<text x="{_num(x)}" y="14" fill="{BADGE_COLOUR}">{_escape(label)}</text>\n')
        x += text_width(label, 12) + 16
    out.append("</g>\n")
    return "".join(out), x - 16
