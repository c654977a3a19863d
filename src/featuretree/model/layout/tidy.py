"""The tidy layout itself: A. J. van der Ploeg's non-layered tidy tree in linear time.

Apart from the rest because it knows nothing of nodes, titles or boxes: it places units
of given sizes in a tree given as flat lists in preorder, without recursion.
"""

from __future__ import annotations

from itertools import compress
from operator import add


def tidy(
    parents: list[int],
    kids: list[list[int] | tuple[int, ...]],
    wide: list[float],
    deep: list[float],
    lo: list[float],
    hi: list[float],
    origin: float = 0.0,
) -> tuple[list[float], list[float]]:
    """Van der Ploeg's layout of a tree given in preorder (index 0 the root).

    ``parents[i]`` is node i's parent (-1 for the root), ``kids[i]`` its children;
    ``wide[i]`` is its extent along its siblings (gap included), ``deep[i]`` along the
    depth (gap included), ``lo[i]``/``hi[i]`` the span of its own box inside that extent
    (a composite's parent box may be narrower than its stack): a parent is centred over
    the span from its first child's box to its last child's. Returns each node's (along,
    across) corner. Names follow the paper: ``prelim``/``mod`` the relative position,
    ``shift``/``change`` the spreading of small subtrees, ``tl``/``tr`` the contour
    threads, ``el``/``er`` the extreme (deepest left and right) nodes with their mod
    sums ``msel``/``mser``. Both walks visit only the parents: a leaf needs nothing of
    the first, and its position in the second is one sum made for all nodes at once.
    ``origin`` is the root's across (``0`` keeps whole sizes' sums ints).

    A contour is followed one step per level, and each step is the innermost loop of
    the layout: ``next_left[v]`` is where the left contour goes after ``v`` (its first
    child, or for a leaf its thread ``tl``) and ``next_right[v]`` likewise (its last
    child, or ``tr``), one list each. Threads are only ever set on leaves (the extreme
    nodes are leaves), so a thread never hides a child. ``mod`` has one more entry, a
    0.0 at index -1 (no node), so a step off the end of a contour adds nothing.
    """
    n = len(kids)
    across = [origin] * n
    bottom = [0.0] * n
    bottom[0] = across[0] + deep[0]
    for i in range(1, n):  # a child starts right below its parent
        below = bottom[parents[i]]
        across[i] = below
        bottom[i] = below + deep[i]
    inner = list(compress(range(n), kids))  # the parents, in preorder
    prelim = [0.0] * n
    mod = [0.0] * (n + 1)  # mod[-1]: no node (see the docstring)
    shift = [0.0] * n
    change = [0.0] * n
    next_left = [-1] * n
    next_right = [-1] * n
    for t in inner:
        cs = kids[t]
        next_left[t] = cs[0]
        next_right[t] = cs[-1]
    el = list(range(n))
    er = list(range(n))
    msel = [0.0] * n
    mser = [0.0] * n

    # First walk: children before parents (reverse preorder).
    for t in reversed(inner):
        cs = kids[t]
        c0 = cs[0]
        # The "index of lowest y" list: siblings so far that still reach deepest, as
        # parallel stacks whose last entry is the head of the paper's linked list.
        low_y = [bottom[el[c0]]]
        low_index = [0]
        sr = c0
        for i in range(1, len(cs)):
            ci = cs[i]
            min_y = bottom[er[ci]]
            # separate(t, i, ih): push child i right until it clears its left siblings.
            left = sr  # cs[i - 1]
            mssr = mod[sr]
            cl = ci
            mscl = mod[cl]
            head = len(low_y) - 1
            while sr >= 0 and cl >= 0:
                sy = bottom[sr]
                if head and sy > low_y[head]:
                    head -= 1
                dist = (mssr + prelim[sr] + wide[sr]) - (mscl + prelim[cl])
                if dist > 0:
                    mscl += dist
                    mod[ci] += dist
                    msel[ci] += dist
                    mser[ci] += dist
                    si = low_index[head]
                    if si != i - 1:  # spread the move over the siblings in between
                        nr = i - si
                        shift[cs[si + 1]] += dist / nr
                        shift[ci] -= dist / nr
                        change[ci] -= dist - dist / nr
                cy = bottom[cl]
                if sy <= cy:
                    sr = next_right[sr]
                    mssr += mod[sr]
                if sy >= cy:
                    cl = next_left[cl]
                    mscl += mod[cl]
            if sr < 0 and cl >= 0:
                # The new subtree is deeper: thread the left forest's extreme to it.
                li = el[c0]
                next_left[li] = cl
                diff = (mscl - mod[cl]) - msel[c0]
                mod[li] += diff
                prelim[li] -= diff
                el[c0] = el[ci]
                msel[c0] = msel[ci]
            elif sr >= 0 and cl < 0:
                # The left forest is deeper: thread the new subtree's extreme to it.
                ri = er[ci]
                next_right[ri] = sr
                diff = (mssr - mod[sr]) - mser[ci]
                mod[ri] += diff
                prelim[ri] -= diff
                er[ci] = er[left]
                mser[ci] = mser[left]
            # updateIYL
            while low_y and min_y >= low_y[-1]:
                low_y.pop()
                low_index.pop()
            low_y.append(min_y)
            low_index.append(i)
            sr = ci
        last = cs[-1]
        prelim[t] = (prelim[c0] + mod[c0] + lo[c0] + prelim[last] + mod[last] + hi[last]) / 2 - (
            lo[t] + hi[t]
        ) / 2
        el[t] = el[c0]
        msel[t] = msel[c0]
        er[t] = er[last]
        mser[t] = mser[last]

    # Second walk: parents before children, summing mods down the tree; a node's place
    # is its prelim plus its parent's mod sum and its own mod.
    above = [0.0] * n  # mod sum of the parent
    for t in inner:
        modsum = above[t] + mod[t]
        d = 0.0
        delta = 0.0
        for c in kids[t]:
            d += shift[c]
            delta += d + change[c]
            mod[c] += delta
            above[c] = modsum
    along = list(map(add, prelim, map(add, above, mod)))
    return along, across
