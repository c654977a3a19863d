"""What a layout gives: the boxes and connectors of the 功能结构图, as columns.

:class:`Layout` holds :class:`Boxes` (a list per field of :class:`Box`, a ``Box`` made
when one is read) and :class:`Edges` (a connector's points made from its two boxes when
read). Apart from the algorithm because every reader of a layout (the diagram, SVG, PNG,
HTML) needs these types and none of the walks that make them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from typing import Literal, NamedTuple, overload

Direction = Literal["down", "right"]
"""``down``: the root on top (org chart); ``right``: the root on the left (logic chart)."""


class Box(NamedTuple):
    """One node's box. ``x``/``y`` is the top-left corner; text lines are the title
    wrapped, then ``badge`` (change-log and suggestion counts, ``+N``) on a line of its own
    when not empty."""

    node_id: str
    x: float
    y: float
    w: float
    h: float
    lines: tuple[str, ...]
    badge: str
    status: str
    depth: int
    parent: int
    """Index of the parent's box in :attr:`Layout.boxes`; -1 for the root."""
    hidden: int = 0
    """Nodes folded away under this one (the ``+N``)."""
    stacked: bool = False
    """Drawn in its parent's leaf stack."""


class Edge(NamedTuple):
    """An orthogonal connector from a parent's box to a child's.

    ``points`` start on the parent's bottom edge (right edge going right) and end on
    the child's top edge (left edge going right, or for a stacked leaf); consecutive
    points differ in one coordinate only.
    """

    parent: int
    child: int
    points: tuple[tuple[float, float], ...]


_make = tuple.__new__
"""Makes a NamedTuple from a tuple of its fields without its constructor's Python frame."""


class Boxes(Sequence[Box]):
    """A layout's boxes, kept a field at a time: ``boxes.x`` lists every box's ``x`` (a
    column), and ``boxes[k]`` is box ``k`` as a :class:`Box`, made when asked for.

    Columns because 10,000 ``Box`` tuples made up front cost the layout a fifth of its
    time, and the cyclic garbage collector a scan of every one of them afterwards (tens
    of ms in the editor, whose start-up objects are frozen); a dozen lists of numbers
    and strings cost neither. Readers of many boxes (the diagram's index) read columns.
    """

    __slots__ = Box._fields

    node_id: list[str]
    x: list[float]
    y: list[float]
    w: list[float]
    h: list[float]
    lines: list[tuple[str, ...]]
    badge: list[str]
    status: list[str]
    depth: list[int]
    parent: list[int]
    hidden: list[int]
    stacked: list[bool]

    def __init__(self, *columns: list) -> None:
        """One list per field of :class:`Box`, in its order, all as long."""
        for name, column in zip(Box._fields, columns, strict=True):
            setattr(self, name, column)

    def columns(self) -> tuple[list, ...]:
        """Every column, in the order of :class:`Box`'s fields."""
        return tuple(map(self.__getattribute__, Box._fields))

    def __len__(self) -> int:
        return len(self.node_id)

    @overload
    def __getitem__(self, k: int) -> Box: ...

    @overload
    def __getitem__(self, k: slice) -> list[Box]: ...

    def __getitem__(self, k: int | slice) -> Box | list[Box]:
        if isinstance(k, slice):
            return list(map(_make, repeat(Box), zip(*(c[k] for c in self.columns()))))
        return _make(
            Box,
            (
                self.node_id[k],
                self.x[k],
                self.y[k],
                self.w[k],
                self.h[k],
                self.lines[k],
                self.badge[k],
                self.status[k],
                self.depth[k],
                self.parent[k],
                self.hidden[k],
                self.stacked[k],
            ),
        )

    def __setitem__(self, k: int, box: Box) -> None:
        """Box ``k`` becomes ``box`` (a new title or status in a box of the same size:
        the connectors are made from the boxes, so a box must keep its place and size)."""
        for column, value in zip(self.columns(), box, strict=True):
            column[k] = value

    def __iter__(self) -> Iterator[Box]:
        return map(_make, repeat(Box), zip(*self.columns()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Boxes):
            return self.columns() == other.columns()
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    def __repr__(self) -> str:
        return f"Boxes({list(self)!r})"


class Edges(Sequence[Edge]):
    """A layout's connectors: one into every box but the root, in the boxes' order
    (``edges[i]`` goes into box ``i + 1``), each made from its two boxes when asked for.

    Nothing is made up front: the diagram asks only for the connectors it draws, and
    ``points(child)`` gives one connector's points without the :class:`Edge` around them.
    """

    __slots__ = ("_bar", "_boxes", "_down", "_gap", "_integral", "_spine")

    def __init__(
        self,
        boxes: Boxes,
        *,
        down: bool,
        integral: bool,
        gap: float,
        spine: list[float | None] | None,
    ) -> None:
        """``gap``: between a parent and its children (``gap_y`` down, ``gap_x`` right);
        ``spine``: per box, the spine of the stack column a stacked leaf hangs from."""
        self._boxes = boxes
        self._down = down
        self._integral = integral
        self._gap = gap
        self._bar = _mid(0, gap, integral)
        self._spine = spine

    def __len__(self) -> int:
        return max(0, len(self._boxes) - 1)

    @overload
    def __getitem__(self, i: int) -> Edge: ...

    @overload
    def __getitem__(self, i: slice) -> list[Edge]: ...

    def __getitem__(self, i: int | slice) -> Edge | list[Edge]:
        if isinstance(i, slice):
            return list(map(self.__getitem__, range(len(self))[i]))
        child = range(1, len(self._boxes))[i]  # raises IndexError as a list would
        return _make(Edge, (self._boxes.parent[child], child, self.points(child)))

    def __iter__(self) -> Iterator[Edge]:
        return map(self.__getitem__, range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Edges({list(self)!r})"

    def points(self, child: int) -> tuple[tuple[float, float], ...]:
        """The points of the connector into box ``child``: from the middle of its
        parent's bottom (right) edge, through a bar in the middle of the gap, to the
        child's top (left) edge; a stacked leaf's runs down its column's spine to the
        leaf's left edge, leaving out points that repeat the one before."""
        boxes = self._boxes
        p = boxes.parent[child]
        xs, ys, ws, hs = boxes.x, boxes.y, boxes.w, boxes.h
        integral = self._integral
        if self._down:
            # Middles (whole cells in a terminal) and the parent's bottom.
            a = xs[p] + (ws[p] // 2 if integral else ws[p] / 2)
            e = ys[p] + hs[p]
            spine = self._spine[child] if self._spine is not None else None
            if spine is not None:
                bar = _mid(e, self._gap, integral)
                cy = ys[child] + (hs[child] // 2 if integral else hs[child] / 2)
                path = [(a, e)]
                for point in ((a, bar), (spine, bar), (spine, cy), (xs[child], cy)):
                    if point != path[-1]:
                        path.append(point)
                return tuple(path)
            b = xs[child] + (ws[child] // 2 if integral else ws[child] / 2)
            f = ys[child]
            if a == b:
                return ((a, e), (b, f))
            m = e + self._bar
            if m == e:
                return ((a, e), (b, e), (b, f))
            return ((a, e), (a, m), (b, m), (b, f))
        a = ys[p] + (hs[p] // 2 if integral else hs[p] / 2)
        e = xs[p] + ws[p]  # the parent's right edge
        b = ys[child] + (hs[child] // 2 if integral else hs[child] / 2)
        f = xs[child]
        if a == b:
            return ((e, a), (f, b))
        m = e + self._bar
        if m == e:
            return ((e, a), (e, b), (f, b))
        return ((e, a), (m, a), (m, b), (f, b))


@dataclass
class Layout:
    """Boxes in document order (the root first), edges (``edges[i]`` into box ``i + 1``),
    and the size of the picture."""

    boxes: Boxes
    edges: Edges
    width: float
    height: float
    direction: Direction
    index: dict[str, int] = field(default_factory=dict)
    """Node id → index in :attr:`boxes`."""
    untitled: set[int] = field(default_factory=set)
    """The boxes of nodes with no title, whose line is :attr:`untitled_text` (drawn
    apart from a title: dim in the terminal, grey and italic in a picture)."""
    untitled_text: str = ""
    """What an untitled node's box shows (the layout's ``untitled``)."""


def _mid(edge: float, gap: float, integral: bool) -> float:
    """Where the bar between a parent and its children runs: the middle of the gap."""
    return edge + (gap - 1) // 2 if integral else edge + gap / 2
