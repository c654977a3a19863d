"""Where each box of the 功能结构图 goes: a non-layered tidy tree in linear time.

The algorithm is A. J. van der Ploeg's, "Drawing Non-layered Tidy Trees in Linear Time"
(Software: Practice and Experience 44(12), 2014): boxes of any size, a child right
below its parent (not on a shared row per level), a parent centred over its children,
subtrees pushed together as far as their contours allow, and small subtrees between
two separated ones spread evenly. It is written over flat lists indexed in preorder, so
nothing recurses: the first walk visits indices in reverse (children before parents),
the second in order (parents before children). A tree 100,000 levels deep lays out.

**Leaf stacks** (XMind's 树形图, a comb): a parent whose visible children are all leaves
shows them as a column hanging from a spine under it, not as a row. The parent and its
stack are one composite box for the tidy layout and are expanded after it. A stack may
wrap into several columns (:attr:`LayoutOptions.stack_columns`) and may be limited to
some levels (:attr:`LayoutOptions.stack_levels`). Stacks apply to the top-down
direction; left to right, siblings are already one above the other.

**Units** come from :class:`Metrics`: terminal cells (:data:`TERMINAL`, CJK two cells,
whole-number coordinates) or font units for SVG. Titles wrap to
:attr:`Metrics.max_text_width` (CJK at any character, see :mod:`featuretree.model.cells`).

Only the unfolded part is laid out: a folded node (or one at the depth limit) is a box
whose badge says ``+N``, N being how many nodes are hidden under it. Under a filter
(``keep``), only its nodes are laid out, as the outline shows them.

**Speed** (the view lays out again after every edit): each per-node column is a flat
list made by ``map``/``zip``/slices, which loop in C; Python loops only where the
algorithm needs them (the walk, the tidy walks over parents, a step per stack). Each
title's size is remembered per :class:`Metrics` between layouts, so a layout after an
edit measures only the changed titles (:func:`forget_sizes` forgets them). The result
is columns, not a tuple per box: :class:`Boxes` keeps a list per field and makes a
:class:`Box` when one is read, and :class:`Edges` makes a connector's points from its two
boxes when they are read (the diagram reads only those on screen).
``benchmarks/layout.py`` times it against a plain walk of the tree.

**Modules**, one responsibility each (this package exposes what callers use):
:mod:`.build` (:class:`LayoutOptions`, :func:`layout_tree` and its steps in order),
:mod:`.walk` (the walks of what is shown), :mod:`.metrics` (units, measuring titles,
the remembered sizes), :mod:`.stacks` (leaf stacks), :mod:`.tidy` (van der Ploeg's
algorithm) and :mod:`.result` (:class:`Layout`, :class:`Boxes`, :class:`Edges`).
"""

from __future__ import annotations

from featuretree.model.layout.build import LayoutOptions, layout_tree
from featuretree.model.layout.metrics import TERMINAL, Metrics, forget_sizes
from featuretree.model.layout.result import Box, Boxes, Direction, Edge, Edges, Layout

__all__ = [
    "TERMINAL",
    "Box",
    "Boxes",
    "Direction",
    "Edge",
    "Edges",
    "Layout",
    "LayoutOptions",
    "Metrics",
    "forget_sizes",
    "layout_tree",
]
