"""Wide characters in overlays survive the edges of the widgets under them.

Textual's compositor divides every line of every widget at every *cut* — each column on
the line where any visible widget starts or ends — and keeps, for each piece, the
front-most widget's. A toast lying over the editor's split is divided at the tree's
scrollbar and the detail panel's edge too, and a CJK character straddling such a cut
cannot be split, so it becomes two spaces: ``已复  “设置”`` for ``已复制“设置”``
(Textual issue #6357, open as of Textual 8.2.8).

:func:`install` replaces ``Compositor._render_chops`` by a copy that divides a widget's
line only where it stops being in front: consecutive pieces it wins stay one strip (put
in the first piece's place; the others get an empty strip, so no widget behind can claim
them). Both kinds of update Textual writes handle a strip longer than its piece: a full
update joins the pieces of a line, a partial one writes a piece from its start.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence

from textual._compositor import Compositor
from textual.geometry import Region
from textual.strip import Strip

_EMPTY = Strip([], 0)


def _render_chops(
    self: Compositor, crop: Region, is_rendered_line: Callable[[int], bool]
) -> Sequence[Mapping[int, Strip | None]]:
    """``Compositor._render_chops``, dividing each widget's line only where it stops being
    the front-most widget (see the module docstring)."""
    cuts = self.cuts
    chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
    intersection = Region.intersection
    # Front to back: the first strip put in a piece wins it.
    for region, clip, strips in self._get_renders(crop):
        render_region = intersection(region, clip)
        render_x = render_region.x
        first_cut, last_cut = render_region.column_span
        for y, strip in zip(render_region.line_range, strips):
            if not is_rendered_line(y):
                continue
            chops_line = chops[y]
            final_cuts = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
            if len(final_cuts) <= 2:  # one piece: nothing to divide
                if final_cuts and chops_line.get(final_cuts[0]) is None:
                    chops_line[final_cuts[0]] = strip
                continue
            starts: list[int] = []  # where each piece of ours starts
            ends: list[int] = []  # where it ends
            covered: list[int] = []  # pieces inside a longer piece of ours
            free_before = False
            for start, end in itertools.pairwise(final_cuts):
                free = chops_line.get(start) is None
                if free and free_before:
                    ends[-1] = end
                    covered.append(start)
                else:
                    starts.append(start)
                    ends.append(end)
                free_before = free
            for start, piece in zip(starts, strip.divide([end - render_x for end in ends])):
                if chops_line.get(start) is None:
                    chops_line[start] = piece
            for start in covered:
                chops_line[start] = _EMPTY
    return chops


def install() -> None:
    """Use :func:`_render_chops` in every compositor (idempotent)."""
    Compositor._render_chops = _render_chops  # type: ignore[method-assign]
