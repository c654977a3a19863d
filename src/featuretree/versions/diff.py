"""What changed between two versions of a document, node by node.

Nodes are matched by id (ids are stable across edits and saves). A node whose id the
other version does not have (the tree was re-imported from Markdown or XMind, which
made new ids) is matched by path instead: same matched parent, same title, first come
first served. What is left over was added or removed.

The result is a flat list of :class:`Change` records in document order (the new
version's, removals where they were), which :mod:`featuretree.versions.report` turns into
text, Markdown (a 修改记录 section) or JSON. An added or removed subtree is one change at
its top, ``below`` counting the nodes under it; :attr:`Diff.added_ids` and
:attr:`Diff.removed_ids` hold every one.

Everything is a walk with an explicit stack and dictionaries over the nodes: time and
memory linear in the two trees, any depth.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from featuretree.collector import gc_paused
from featuretree.model.annotations import Suggestion
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import preorder

PATH_SEPARATOR = " › "
PATH_HEAD = 3
PATH_TAIL = 4
"""A path deeper than ``PATH_HEAD + PATH_TAIL`` titles keeps its first and last ones and
says how many levels it skipped, so each path costs the same whatever the depth."""


class UnrelatedError(ValueError):
    """The documents are not versions of one another (different products, no shared nodes)."""


class ChangeKind(StrEnum):
    """What a :class:`Change` says happened."""

    ADDED = "added"
    REMOVED = "removed"
    RENAMED = "renamed"
    MOVED = "moved"
    """To another parent: ``old``/``new`` are the parents' paths."""
    REORDERED = "reordered"
    """Same parent, another place among the siblings: ``old``/``new`` are the positions."""
    NOTES = "notes"
    STATUS = "status"
    TAGS = "tags"
    LINKS = "links"
    CHANGE_ADDED = "change_added"
    """A change-log (修改记录) entry: ``new`` is the :class:`ChangeEntry`."""
    CHANGE_REMOVED = "change_removed"
    SUGGESTION_ADDED = "suggestion_added"
    SUGGESTION_REMOVED = "suggestion_removed"
    SUGGESTION_CHANGED = "suggestion_changed"
    """``old``/``new`` are the two :class:`Suggestion` versions, ``fields`` what differs."""
    META = "meta"
    """Document information: ``fields`` names the :class:`DocumentMeta` field."""
    REVISION_ADDED = "revision_added"
    REVISION_REMOVED = "revision_removed"


NODE_KINDS = frozenset(ChangeKind) - {
    ChangeKind.META,
    ChangeKind.REVISION_ADDED,
    ChangeKind.REVISION_REMOVED,
}


@dataclass(frozen=True, slots=True)
class Change:
    """One thing that changed.

    ``node_id`` is the node's id in the new version (in the old one for a removal), or
    ``None`` for a change of the document itself. ``path`` is its title path
    (``首页 › 热榜``), in the new version unless removed. ``old``/``new`` are the values
    before and after (model objects: :class:`str`, tuples, annotations).
    """

    kind: ChangeKind
    node_id: str | None
    path: str
    old: Any = None
    new: Any = None
    fields: tuple[str, ...] = ()
    below: int = 0
    """For ADDED/REMOVED: the nodes under this one that came or went with it."""


@dataclass
class Diff:
    """Every change from ``old`` to ``new`` (see :func:`diff`)."""

    changes: list[Change] = field(default_factory=list)
    added_ids: set[str] = field(default_factory=set)
    """New-version ids of every added node (tops and everything under them)."""
    removed_ids: set[str] = field(default_factory=set)
    """Old-version ids of every removed node."""
    matched_by_path: dict[str, str] = field(default_factory=dict)
    """New id → old id for nodes matched by path because their ids differ."""

    @property
    def equal(self) -> bool:
        """True when nothing changed."""
        return not self.changes

    def changed_ids(self) -> set[str]:
        """Ids of every node something is said about: added (all), removed (all, old ids),
        and the new-version ids of nodes changed in place."""
        ids = {c.node_id for c in self.changes if c.node_id is not None}
        return ids | self.added_ids | self.removed_ids

    def counts(self) -> Counter[ChangeKind]:
        """How many changes of each kind (an added subtree counts its nodes)."""
        counts: Counter[ChangeKind] = Counter()
        for change in self.changes:
            counts[change.kind] += 1 + change.below
        return counts


class TitlePaths:
    """``首页 › 热榜`` for nodes of one tree, folded past a few levels, each built once
    from its parent's (so a deep chain costs linear time and memory, not quadratic)."""

    def __init__(self) -> None:
        self._cache: dict[int, tuple[tuple[str, ...], int, tuple[str, ...]]] = {}

    def _parts(self, node: FeatureNode) -> tuple[tuple[str, ...], int, tuple[str, ...]]:
        cache = self._cache
        chain = []
        current: FeatureNode | None = node
        while current is not None and id(current) not in cache:
            chain.append(current)
            current = current.parent
        parts = cache[id(current)] if current is not None else None
        for item in reversed(chain):
            if parts is None:  # the root: not part of the paths below it
                parts = ((), 0, ())
            else:
                head, skipped, tail = parts
                title = item.title or "(untitled)"
                if len(head) < PATH_HEAD:
                    head = (*head, title)
                elif len(tail) < PATH_TAIL:
                    tail = (*tail, title)
                else:
                    tail = (*tail[1:], title)
                    skipped += 1
                parts = (head, skipped, tail)
            cache[id(item)] = parts
        assert parts is not None
        return parts

    def __call__(self, node: FeatureNode) -> str:
        """The path of ``node`` below the root (the root alone: its title)."""
        if node.parent is None:
            return node.title or "(untitled)"
        head, skipped, tail = self._parts(node)
        middle = (f"…({skipped})…",) if skipped else ()
        return PATH_SEPARATOR.join((*head, *middle, *tail))


def check_related(old: Document, new: Document) -> None:
    """Raise :class:`UnrelatedError` when ``old`` and ``new`` are of different products."""
    a, b = old.meta.product.strip(), new.meta.product.strip()
    if a and b and a != b:
        raise UnrelatedError(f"different products: {a!r} and {b!r}")


def match_nodes(old: Document, new: Document) -> dict[int, FeatureNode]:
    """``id(new node) → old node`` for every new node that has a counterpart in ``old``.

    By id first; a new node whose id ``old`` lacks is matched to an old child of its
    (matched) parent with the same title whose id ``new`` lacks. The roots always match.
    """
    matched: dict[int, FeatureNode] = {}
    taken: set[int] = set()
    # old parent (by object id) → title → old kids still free to match by path
    free: dict[int, dict[str, list[FeatureNode]]] = {}
    shared = 0
    for node in preorder(new.root):
        partner = old.get(node.id)
        if partner is not None and (node.parent is None) == (partner.parent is None):
            matched[id(node)] = partner
            taken.add(id(partner))
            shared += 1
            continue
        if node.parent is None:
            matched[id(node)] = old.root
            taken.add(id(old.root))
            continue
        old_parent = matched.get(id(node.parent))
        if old_parent is None or not old_parent.kids:
            continue
        by_title = free.get(id(old_parent))
        if by_title is None:
            by_title = {}
            for kid in old_parent.kids:
                if new.get(kid.id) is None:
                    by_title.setdefault(kid.title, []).append(kid)
            for candidates in by_title.values():
                candidates.reverse()  # pop() takes them in document order
            free[id(old_parent)] = by_title
        candidates = by_title.get(node.title)
        while candidates:
            partner = candidates.pop()
            if id(partner) not in taken:
                matched[id(node)] = partner
                taken.add(id(partner))
                break
    if not shared and old.root.title != new.root.title:
        raise UnrelatedError("no node in common (not two versions of one document)")
    return matched


def diff(old: Document, new: Document, *, related: bool = False) -> Diff:
    """Every change that turns ``old`` into ``new``.

    Raises :class:`UnrelatedError` when they are not versions of one product, unless
    ``related``: the caller knows they are (the editor's document and what it was when
    opened — renaming the product is then one of the changes, not an error).
    """
    # The walk allocates a few objects per node; the collector's scans of the two trees
    # meanwhile would cost more than the walk (see featuretree.collector).
    with gc_paused():
        return _diff(old, new, related)


def _diff(old: Document, new: Document, related: bool = False) -> Diff:
    if not related:
        check_related(old, new)
    matched = match_nodes(old, new)
    result = Diff()
    changes = result.changes
    old_paths, new_paths = TitlePaths(), TitlePaths()
    matched_old: set[int] = {id(o) for o in matched.values()}

    # Removed nodes, each subtree once at its top; listed before the new tree's changes.
    for top, below, ids in _unmatched_subtrees(old.root, matched_old):
        result.removed_ids.update(ids)
        changes.append(Change(ChangeKind.REMOVED, top.id, old_paths(top), below=below))

    positions: dict[int, dict[int, int]] = {}
    reordered: dict[int, set[int]] = {}
    for node in preorder(new.root):
        partner = matched.get(id(node))
        if partner is None:
            if node.parent is not None and id(node.parent) not in matched:
                continue  # under an added node: counted in its top's change
            count = 0
            inner = [node]
            while inner:
                item = inner.pop()
                if id(item) in matched:
                    continue  # a matched node moved in under an added one: its own changes
                result.added_ids.add(item.id)
                count += 1
                inner.extend(item.kids)
            changes.append(Change(ChangeKind.ADDED, node.id, new_paths(node), below=count - 1))
            continue
        if partner.id != node.id:
            result.matched_by_path[node.id] = partner.id
        _node_changes(partner, node, matched, changes, (old_paths, new_paths), positions, reordered)
    _document_changes(old, new, changes)
    return result


def _unmatched_subtrees(
    root: FeatureNode, matched_old: set[int]
) -> Iterator[tuple[FeatureNode, int, list[str]]]:
    """``(top, nodes below it, ids)`` of each removed subtree of the old tree, in order.

    A matched node inside a removed subtree moved away: it is not part of the removal.
    """
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in matched_old:
            stack.extend(reversed(node.kids))
            continue
        ids = []
        inner = [node]
        while inner:
            item = inner.pop()
            if id(item) in matched_old:
                stack.append(item)  # moved elsewhere: looked at on its own
                continue
            ids.append(item.id)
            inner.extend(reversed(item.kids))
        yield node, len(ids) - 1, ids


def _position(parent: FeatureNode, node: FeatureNode, positions: dict[int, dict[int, int]]) -> int:
    table = positions.get(id(parent))
    if table is None:
        table = positions[id(parent)] = {id(kid): i for i, kid in enumerate(parent.kids)}
    return table[id(node)]


def _node_changes(
    old: FeatureNode,
    new: FeatureNode,
    matched: dict[int, FeatureNode],
    changes: list[Change],
    paths: tuple[TitlePaths, TitlePaths],
    positions: dict[int, dict[int, int]],
    reordered: dict[int, set[int]],
) -> None:
    """The changes of one matched node, in a fixed order."""
    old_paths, new_paths = paths
    node_id = new.id
    path = None
    if old.title != new.title:
        path = new_paths(new)
        changes.append(Change(ChangeKind.RENAMED, node_id, path, old.title, new.title))
    if new.parent is not None and old.parent is not None:
        new_parent_partner = matched.get(id(new.parent))
        if new_parent_partner is not old.parent:
            path = path or new_paths(new)
            changes.append(
                Change(
                    ChangeKind.MOVED,
                    node_id,
                    path,
                    old_paths(old.parent),
                    new_paths(new.parent),
                )
            )
        elif _reordered(old, new, matched, positions, reordered):
            path = path or new_paths(new)
            changes.append(
                Change(
                    ChangeKind.REORDERED,
                    node_id,
                    path,
                    _position(old.parent, old, positions),
                    _position(new.parent, new, positions),
                )
            )
    simple = (
        (ChangeKind.NOTES, old.notes, new.notes),
        (ChangeKind.STATUS, old.status, new.status),
        (ChangeKind.TAGS, old.tags, new.tags),
        (ChangeKind.LINKS, old.links, new.links),
    )
    for kind, before, after in simple:
        if before != after:
            path = path or new_paths(new)
            changes.append(Change(kind, node_id, path, before, after))
    if old.changelog != new.changelog:
        path = path or new_paths(new)
        before, after = Counter(old.changelog), Counter(new.changelog)
        for entry in old.changelog:
            if before[entry] > after[entry]:
                before[entry] -= 1
                changes.append(Change(ChangeKind.CHANGE_REMOVED, node_id, path, entry, None))
        before = Counter(old.changelog)
        for entry in new.changelog:
            if after[entry] > before[entry]:
                after[entry] -= 1
                changes.append(Change(ChangeKind.CHANGE_ADDED, node_id, path, None, entry))
    if old.suggestions != new.suggestions:
        path = path or new_paths(new)
        olds = {s.id: s for s in old.suggestions}
        news = {s.id: s for s in new.suggestions}
        # Suggestions whose ids differ (a re-import made new ones) are matched by text.
        by_text: dict[str, list[Suggestion]] = {}
        for s in reversed(old.suggestions):
            if s.id not in news:
                by_text.setdefault(s.text, []).append(s)
        partners: dict[str, Suggestion] = {}
        for s in new.suggestions:
            if s.id not in olds and by_text.get(s.text):
                partners[s.id] = by_text[s.text].pop()
        paired = {p.id for p in partners.values()}
        for s in old.suggestions:
            if s.id not in news and s.id not in paired:
                changes.append(Change(ChangeKind.SUGGESTION_REMOVED, node_id, path, s, None))
        for s in new.suggestions:
            before_s = olds.get(s.id) or partners.get(s.id)
            if before_s is None:
                changes.append(Change(ChangeKind.SUGGESTION_ADDED, node_id, path, None, s))
            elif before_s != s:
                differ = tuple(
                    name
                    for name in type(s).model_fields
                    if name != "id" and getattr(before_s, name) != getattr(s, name)
                )
                if not differ:
                    continue  # the same suggestion under another id
                changes.append(
                    Change(ChangeKind.SUGGESTION_CHANGED, node_id, path, before_s, s, differ)
                )


def _reordered(
    old: FeatureNode,
    new: FeatureNode,
    matched: dict[int, FeatureNode],
    positions: dict[int, dict[int, int]],
    reordered: dict[int, set[int]],
) -> bool:
    """True when ``new`` changed place among siblings that stayed with it.

    The siblings that kept their parent keep their old order except for the fewest
    nodes possible (the longest increasing run of old positions stays); the others were
    reordered. Worked out once per parent and remembered.
    """
    parent = new.parent
    assert parent is not None
    moved = reordered.get(id(parent))
    if moved is None:
        old_parent = old.parent
        assert old_parent is not None
        staying: list[tuple[int, int]] = []  # (old position, id of new node)
        for kid in parent.kids:
            partner = matched.get(id(kid))
            if partner is not None and partner.parent is old_parent:
                staying.append((_position(old_parent, partner, positions), id(kid)))
        keep = _longest_increasing(staying)
        moved = reordered[id(parent)] = {node for _, node in staying if node not in keep}
    return id(new) in moved


def _longest_increasing(items: list[tuple[int, int]]) -> set[int]:
    """The second elements of a longest run of ``items`` whose first elements increase."""
    tails: list[int] = []  # smallest last value of a run of each length
    tail_at: list[int] = []  # index in items of that last value
    back: list[int] = [-1] * len(items)
    for i, (value, _) in enumerate(items):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_at.append(i)
        else:
            tails[k] = value
            tail_at[k] = i
        back[i] = tail_at[k - 1] if k else -1
    keep: set[int] = set()
    i = tail_at[-1] if tail_at else -1
    while i >= 0:
        keep.add(items[i][1])
        i = back[i]
    return keep


def _document_changes(old: Document, new: Document, changes: list[Change]) -> None:
    """Changes of the document information and its revision history."""
    for name in type(new.meta).model_fields:
        before, after = getattr(old.meta, name), getattr(new.meta, name)
        if name == "title" and not (before and after):
            # No title of its own is the root's (what every writer shows, and what a
            # format without a document title reads back): compare what is shown.
            if not (before or after):
                continue  # both follow their roots: a rename of the root says it
            before, after = before or old.root.title, after or new.root.title
        if before != after:
            changes.append(Change(ChangeKind.META, None, "", before, after, (name,)))
    if old.revisions != new.revisions:
        before_c, after_c = Counter(old.revisions), Counter(new.revisions)
        for rev in old.revisions:
            if before_c[rev] > after_c[rev]:
                before_c[rev] -= 1
                changes.append(Change(ChangeKind.REVISION_REMOVED, None, "", rev, None))
        before_c = Counter(old.revisions)
        for rev in new.revisions:
            if after_c[rev] > before_c[rev]:
                after_c[rev] -= 1
                changes.append(Change(ChangeKind.REVISION_ADDED, None, "", None, rev))
