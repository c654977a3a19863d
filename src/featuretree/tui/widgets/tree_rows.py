"""Drawing one row of the tree view: pure functions from a node (and its outline) to a ``Strip``."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from featuretree.i18n import t
from featuretree.model.annotations import FeatureStatus
from featuretree.model.marks import STATUS_GLYPH as MARK_BEFORE_TITLE
from featuretree.model.marks import count_badges
from featuretree.model.node import FeatureNode
from featuretree.tui.widgets.line_edit import LineEdit

if TYPE_CHECKING:
    from featuretree.view.outline import Outline

# Marks drawn before a title (plain existing features get none), the same as
# ``featuretree show`` prints.
STATUS_GLYPH = MARK_BEFORE_TITLE


def ellipsize(text: str, cells: int) -> str:
    """``text`` cut to at most ``cells`` terminal cells, ending in "…" when cut."""
    if cells <= 0:
        return ""
    if cell_len(text) <= cells:
        return text
    # set_cell_size pads with a space where a wide character would straddle the edge.
    return set_cell_size(text, cells - 1).rstrip(" ") + "…"


def _last_shown(parent: FeatureNode, keep: set[FeatureNode] | None) -> FeatureNode:
    kids = parent.kids
    if keep is None:
        return kids[-1]
    return next((kid for kid in reversed(kids) if kid in keep), kids[-1])


def guides(
    node: FeatureNode, depth: int, max_levels: int, keep: set[FeatureNode] | None = None
) -> str:
    """The tree lines drawn left of ``node``: "│ ", "├─", "└─" per level.

    Only the ``max_levels`` nearest levels are drawn (a deep node shows "⋯" in front),
    so the cost per row is bounded by the screen width, not by the depth. Under a
    filter (``keep``: the nodes shown), "last" means the last child shown.
    """
    levels = min(depth, max_levels)
    if levels <= 0:
        return ""
    # Nearest level first; one row of a page costs this walk, so it is kept lean.
    parent = node.parent
    assert parent is not None
    last = (parent.kids[-1] if keep is None else _last_shown(parent, keep)) is node
    parts = ["└─" if last else "├─"]
    for _ in range(levels - 1):
        current = parent
        parent = parent.parent
        assert parent is not None
        last = (parent.kids[-1] if keep is None else _last_shown(parent, keep)) is current
        parts.append("  " if last else "│ ")
    parts.reverse()
    drawn = "".join(parts)
    if levels < depth:
        return "⋯" + drawn[1:]
    return drawn


def fold_marker(node: FeatureNode, outline: Outline) -> str:
    """The fold marker: ``▾`` shows children, ``▸`` hides them, ``•`` has none to show.

    Under a filter a node whose children are all filtered out shows none: it is drawn
    as a leaf, not as an open node with nothing under it (its span is then 1 row).
    """
    if not node.kids:
        return "• "
    if node in outline.collapsed:
        return "▸ "
    if outline.keep is not None and outline.span(node) == 1:
        return "• "
    return "▾ "


def _title_segments(
    title: str, style: Style, spans: list[tuple[int, int]], match: Style
) -> list[Segment]:
    """``title`` with the search matches ``spans`` (indices into it) in the ``match`` style."""
    segments: list[Segment] = []
    at = 0
    for start, end in spans:
        start, end = max(start, at), min(end, len(title))
        if start >= end:
            continue
        if start > at:
            segments.append(Segment(title[at:start], style))
        segments.append(Segment(title[start:end], style + match))
        at = end
    if at < len(title):
        segments.append(Segment(title[at:], style))
    return segments


BADGE_COLUMN = 60
"""In a wider pane the counts stay this near the titles (in cells from the row's start),
not at the far edge with a screen's width of nothing between."""


def row_strip(
    node: FeatureNode,
    width: int,
    prefix: str,
    marker: str,
    changes: int,
    open_count: int,
    selected: bool,
    styles: dict[str, Style],
    spans: list[tuple[int, int]] | None = None,
) -> Strip:
    """One tree row: guides, fold marker, status glyph, title and tags cut to fit, counts.

    The title is user text: it goes into a ``Segment`` as is, never through markup.
    ``spans`` are search matches in the title, drawn in the ``match`` style. The tags
    follow the title, dim, and give way to it when the row is short. The counts are
    right-aligned, at most :data:`BADGE_COLUMN` cells from the start when there is room.
    """
    badge = count_badges(changes, open_count) if changes or open_count else ""
    badge_cells = 0
    if badge:
        badge = " " + badge
        badge_cells = cell_len(badge)
    status = node.status
    glyph = STATUS_GLYPH.get(status, "")
    base = styles["base"]
    guide = styles["guide"]
    status_style = styles.get(status.value, base)
    used = cell_len(prefix) + cell_len(marker) + (cell_len(glyph) if glyph else 0)
    room = width - used - badge_cells - 1
    shown = node.title or t("app.untitled_row")
    shown_cells = cell_len(shown)
    if room > 0 and shown_cells <= room:  # the usual case: the title fits
        title, title_cells = shown, shown_cells
    else:
        title = ellipsize(shown, room)
        title_cells = cell_len(title)
    tags = ""
    tags_cells = 0
    if node.tags and room - title_cells > 3:
        tags = ellipsize("  " + " ".join(f"#{tag}" for tag in node.tags), room - title_cells)
        tags_cells = cell_len(tags)
    content = used + title_cells + tags_cells + badge_cells
    line = min(width, max(BADGE_COLUMN, content + 1))
    pad = max(0, line - content)
    title_style = status_style if status is FeatureStatus.DEPRECATED else base
    if not node.title:
        title_style = guide
    # No empty segments (no prefix on the root, no glyph, no pad, no badge): the
    # compositor drops them when it cuts a line, and an uncut line must look the same.
    segments = [Segment(prefix, guide)] if prefix else []
    segments.append(Segment(marker, styles["marker"]))
    if glyph:
        segments.append(Segment(glyph, status_style))
    if spans and node.title:
        segments.extend(_title_segments(title, title_style, spans, styles["match"]))
    elif title:
        segments.append(Segment(title, title_style))
    if tags:
        segments.append(Segment(tags, guide))
    if pad:
        segments.append(Segment(" " * pad, base))
    if badge:
        segments.append(Segment(badge, styles["badge"]))
    if width - content - pad > 0:
        segments.append(Segment(" " * (width - content - pad), base))
    if selected:
        match_bg = (title_style + styles["match"]).bgcolor if spans else None
        # The cursor's colours go over every part of the row, not under them...
        cursor = styles["cursor"]
        over = Style(bgcolor=cursor.bgcolor, color=cursor.color, bold=cursor.bold)
        # ... except a search match, which stays marked on the cursor's row too.
        match = styles.get("match", Style())
        segments = [
            Segment(
                text,
                style + over + match if style.bgcolor == match_bg and match_bg else style + over,
            )
            for text, style, _ in segments
        ]
    cells = max(width, content + pad)
    if cells == width:  # the usual case: no second strip for a crop or a pad
        return Strip(segments, width)
    return Strip(segments, cells).crop_extend(0, width, base)


def edit_strip(
    node: FeatureNode,
    width: int,
    prefix: str,
    marker: str,
    editing: LineEdit,
    styles: dict[str, Style],
) -> Strip:
    """The cursor row while its title is being typed: the caret shown reversed, the
    selection (after F2: the whole title) in the ``selection`` style."""
    glyph = STATUS_GLYPH.get(node.status, "")
    used = cell_len(prefix) + cell_len(marker) + cell_len(glyph)
    first, end = editing.window(max(1, width - used - 1))
    editor = styles["editor"]
    chosen = editor + styles.get("selection", Style(reverse=True))
    caret = editor + Style(reverse=True)
    start, stop = editing.selection or (0, 0)
    text = editing.text
    segments = [
        Segment(prefix, styles["guide"]),
        Segment(marker, styles["marker"]),
        Segment(glyph, styles.get(node.status.value, styles["base"])),
    ]
    # Runs of the shown text cut where the style changes: selection edges and the caret.
    cuts = sorted(
        {first, end, editing.caret, min(max(start, first), end), min(max(stop, first), end)}
    )
    for a, b in itertools.pairwise(cuts):
        if a < first or b > end or a >= b:
            continue
        if a == editing.caret:
            segments.append(Segment(text[a], caret))
            a += 1
            if a >= b:
                continue
        segments.append(Segment(text[a:b], chosen if start <= a < stop else editor))
    if editing.caret >= len(text):
        segments.append(Segment(" ", caret))
    segments = [segment for segment in segments if segment.text]  # as in row_strip
    return Strip(segments).crop_extend(0, width, editor)
