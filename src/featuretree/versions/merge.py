"""A three-way merge of two people's edits of one document, the way git merges text.

Nodes are matched by id across BASE, OURS and THEIRS. Each part of a node is merged on
its own, so edits of different nodes, or of different parts of one node, all land:

- title, notes, status, parent: whoever changed it (from BASE) wins; both changed it
  to different values → a conflict, OURS wins;
- tags, links, change-log entries: added and removed item by item from both sides;
- suggestions: by suggestion id, each field merged like a title;
- a node added on one side is kept; deleted on one side and left alone on the other,
  it goes (with its subtree); deleted on one side and changed on the other (or given a
  new child there) → a conflict, and the node is KEPT, so no one's work is lost;
- the order of siblings is the side that reordered them's, additions placed after the
  sibling they follow on their side;
- two moves that would make a node its own ancestor → a conflict, OURS' place wins.

Every conflicted node gets the :data:`CONFLICT_TAG` tag and a paragraph at the end of its
notes saying what the other side had; :attr:`MergeResult.conflicts` lists them. The
result is a new :class:`Document`; the inputs are not changed. Linear in the trees, no
recursion.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from featuretree.collector import gc_paused
from featuretree.formats.prd import document_language
from featuretree.i18n import text_in
from featuretree.model.annotations import DocumentMeta, FeatureStatus, Suggestion
from featuretree.model.carried import Carried
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode, trusted_node
from featuretree.model.tree import attach, preorder
from featuretree.versions.diff import TitlePaths, UnrelatedError, check_related

CONFLICT_TAG = "conflict"
"""The tag a merge puts on every node it had to decide a conflict for."""

OURS, THEIRS = "ours", "theirs"


@dataclass(frozen=True, slots=True)
class Conflict:
    """One decision the merge had to make: ``what`` of node ``node_id`` (``None``: the
    document information) differed; ``kept`` came from ``winner``, ``other`` is the
    other side's value (``None`` when that side deleted the node)."""

    node_id: str | None
    path: str
    what: str
    """``title``, ``notes``, ``status``, ``parent``, ``deleted``, ``suggestion:<id>.<field>``,
    ``cycle``, or ``meta.<field>``."""
    winner: str
    kept: Any
    other: Any


@dataclass
class MergeResult:
    """The merged document and the conflicts decided on the way."""

    document: Document
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        """True when no conflict had to be decided."""
        return not self.conflicts


class _Side:
    """One version seen by id: the node and its parent's id, for every node."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.parent: dict[str, str | None] = {doc.root.id: None}
        self.nodes: dict[str, FeatureNode] = {}
        for node in preorder(doc.root):
            self.nodes[node.id] = node
            for kid in node.kids:
                self.parent[kid.id] = node.id

    def kid_ids(self, node_id: str) -> list[str]:
        node = self.nodes.get(node_id)
        return [kid.id for kid in node.kids] if node is not None else []


def _pick(base: Any, ours: Any, theirs: Any) -> tuple[Any, bool]:
    """The merged value of one field and whether it was a conflict (OURS wins)."""
    if ours == theirs or theirs == base:
        return ours, False
    if ours == base:
        return theirs, False
    return ours, True


def _merge_items(base: Iterable[Any], ours: Iterable[Any], theirs: Iterable[Any]) -> tuple:
    """Items (tags, links, change-log entries) removed and added by either side: OURS' order,
    then what THEIRS added. Equal items are one item; each counted as often as it occurs."""
    base_l, ours_l, theirs_l = list(base), list(ours), list(theirs)
    if ours_l == theirs_l or theirs_l == base_l:
        return tuple(ours_l)
    if ours_l == base_l:
        return tuple(theirs_l)
    base_left = list(base_l)
    theirs_removed = [item for item in base_l if item not in theirs_l]
    result = [item for item in ours_l if item not in theirs_removed]
    for item in theirs_l:
        if item in base_left:
            base_left.remove(item)
        elif item not in result:
            result.append(item)
    return tuple(result)


def merge(
    base: Document,
    ours: Document,
    theirs: Document,
    *,
    sides: tuple[str, str] = ("ours", "theirs"),
) -> MergeResult:
    """Merge the edits that turned ``base`` into ``ours`` and into ``theirs``.

    ``sides``: how a conflict's note names each side (``merge.side.KEY`` in the
    catalogues): OURS and THEIRS for the command and git, "your version" and "the file
    on disk" for the editor's merge with a pulled file.

    Raises :class:`UnrelatedError` when the three are not versions of one document (other
    products, or BASE shares no root with a side).
    """
    for side, name in ((ours, "OURS"), (theirs, "THEIRS")):
        check_related(base, side)
        if side.root.id != base.root.id and side.root.title == base.root.title:
            # The same product whose ids were not kept (a PRD export, markmap, a tool
            # that drops them): "their roots are not the same node" about two equal
            # titles told the PM nothing.
            raise UnrelatedError(
                f"{name} does not have BASE's node ids (both roots are “{base.root.title}”, "
                f"ids {base.root.id} and {side.root.id}): merge matches nodes by id, and a "
                "file written without them (export --no-ids or --outline, OPML, Mermaid, "
                "a mind-map tool that drops them) cannot be merged; ask for the featuretree "
                "JSON, or Markdown, XMind or FreeMind exported with ids"
            )
        if side.root.id != base.root.id:
            raise UnrelatedError(
                f"BASE is not an earlier version of {name}: their roots are not the same "
                f"node (“{base.root.title}” and “{side.root.title}”, ids {base.root.id} "
                f"and {side.root.id})"
            )
    # A merge builds a whole new tree: the collector's scans of the three inputs while it
    # allocates would cost more than the merge (see featuretree.collector).
    with gc_paused(long_lived=True):
        result = _Merger(base, ours, theirs, sides).run()
    # What XMind or FreeMind gave that featuretree does not model is not merged field by
    # field: each node keeps what one side carried for it, ours before theirs.
    result.document.carried = Carried.merged(base.carried, theirs.carried, ours.carried)
    # Each conflict is listed where its node is in the result: a node that one side deleted
    # was found by the other side's titles (THEIRS' name of a module that OURS renamed),
    # which the merged document, where the person goes to look, no longer has.
    merged, paths = result.document, TitlePaths()
    result.conflicts = [
        replace(c, path=paths(merged.node(c.node_id)))
        if c.node_id is not None and c.node_id in merged
        else c
        for c in result.conflicts
    ]
    return result


class _Merger:
    def __init__(
        self,
        base: Document,
        ours: Document,
        theirs: Document,
        sides: tuple[str, str] = ("ours", "theirs"),
    ) -> None:
        self.base, self.ours, self.theirs = _Side(base), _Side(ours), _Side(theirs)
        self.language = document_language(ours)
        self.side_names = {OURS: sides[0], THEIRS: sides[1]}
        self.conflicts: list[Conflict] = []
        self.marked: dict[str, list[str]] = {}  # node id → lines for its conflict note
        self.paths = (TitlePaths(), TitlePaths())

    # -- deciding ----------------------------------------------------------------

    def _path(self, node_id: str) -> str:
        for side, paths in ((self.ours, self.paths[0]), (self.theirs, self.paths[1])):
            node = side.nodes.get(node_id)
            if node is not None:
                return paths(node)
        return node_id

    def _conflict(self, node_id: str | None, what: str, winner: str, kept: Any, other: Any) -> None:
        path = self._path(node_id) if node_id is not None else ""
        self.conflicts.append(Conflict(node_id, path, what, winner, kept, other))
        if node_id is not None:
            loser = THEIRS if winner == OURS else OURS
            key, _, detail = what.partition(":")
            if key == "suggestion" and other is None:
                key = "suggestion_deleted"
            self.marked.setdefault(node_id, []).append(
                text_in(
                    self.language,
                    f"merge.note.{key}",
                    side=text_in(self.language, f"merge.side.{self.side_names[loser]}"),
                    value=_shown(other, self.language),
                    field=detail.partition(".")[2],
                )
            )

    def _changed(self, node_id: str, side: _Side) -> bool:
        """True when ``side`` changed node ``node_id`` itself from BASE (parent included)."""
        a, b = self.base.nodes[node_id], side.nodes[node_id]
        return (
            a.title != b.title
            or a.notes != b.notes
            or a.status != b.status
            or a.tags != b.tags
            or a.links != b.links
            or a.changelog != b.changelog
            or a.suggestions != b.suggestions
            or self.base.parent[node_id] != side.parent[node_id]
        )

    def run(self) -> MergeResult:
        base, ours, theirs = self.base, self.ours, self.theirs
        # Which nodes stay, and which parent each gets.
        keep: dict[str, str] = {}  # id → the side its node is read from
        parents: dict[str, str | None] = {}
        deleted_by: dict[str, str] = {}  # kept although this side deleted it
        order = [*ours.nodes, *(i for i in theirs.nodes if i not in ours.nodes)]
        for node_id in order:
            in_o, in_t, in_b = node_id in ours.nodes, node_id in theirs.nodes, node_id in base.nodes
            if in_o and in_t:
                keep[node_id] = OURS
                bp = base.parent.get(node_id) if in_b else ours.parent[node_id]
                parent, clash = _pick(bp, ours.parent[node_id], theirs.parent[node_id])
                parents[node_id] = parent
                if clash:
                    self._conflict(
                        node_id,
                        "parent",
                        OURS,
                        self._path_of(ours, node_id, True),
                        self._path_of(theirs, node_id, True),
                    )
            elif in_o:
                if in_b and not self._changed(node_id, ours):
                    continue  # THEIRS deleted it, OURS left it alone
                keep[node_id] = OURS
                parents[node_id] = ours.parent[node_id]
                if in_b:
                    deleted_by[node_id] = THEIRS
            else:
                if in_b and not self._changed(node_id, theirs):
                    continue
                keep[node_id] = THEIRS
                parents[node_id] = theirs.parent[node_id]
                if in_b:
                    deleted_by[node_id] = OURS
        pending = list(keep)
        while True:
            self._bring_back(pending, keep, parents, deleted_by)
            pending = self._break_a_cycle(keep, parents)
            if not pending:
                break
        for node_id, by in deleted_by.items():
            self._conflict(node_id, "deleted", OURS if by == THEIRS else THEIRS, None, None)
        nodes = {node_id: self._merged_node(node_id) for node_id in keep}
        root = nodes[base.doc.root.id]
        self._place_children(nodes, parents)
        meta = self._merged_meta()
        revisions = _merge_items(base.doc.revisions, ours.doc.revisions, theirs.doc.revisions)
        self._same_version_twice(revisions, base.doc.revisions)
        for node_id, lines in self.marked.items():
            node = nodes[node_id]
            if CONFLICT_TAG not in node.tags:
                node.tags = (*node.tags, CONFLICT_TAG)
            note = "\n".join(lines)
            node.notes = f"{node.notes}\n\n{note}" if node.notes else note
        merged = Document(root, meta=meta, revisions=list(revisions))
        # Titled by its root as the sides were: its JSON names the root's title as theirs
        # did, not an empty one (a change in the file that nobody made).
        merged.title_is_root = ours.doc.title_is_root or theirs.doc.title_is_root
        return MergeResult(merged, self.conflicts)

    def _same_version_twice(self, revisions: tuple, base: list) -> None:
        """Both sides wrote a revision and named it alike (Ctrl+R › r numbers from the
        last one, so two branches both make v1.3.1): both rows are kept, and the merge
        says so, for one to be numbered anew. Numbers BASE already repeated are not new."""
        counts: dict[str, int] = {}
        for revision in revisions:
            if revision.version:
                counts[revision.version] = counts.get(revision.version, 0) + 1
        before = {r.version for r in base}
        for version, count in counts.items():
            if count > 1 and version not in before:
                self.conflicts.append(Conflict(None, "", "revision_version", OURS, version, count))

    def _path_of(self, side: _Side, node_id: str, parent: bool) -> str:
        if node_id not in side.nodes:
            return ""
        target = side.parent[node_id] if parent else node_id
        if target is None:
            return ""
        paths = self.paths[0] if side is self.ours else self.paths[1]
        return paths(side.nodes[target])

    def _bring_back(
        self,
        pending: list[str],
        keep: dict[str, str],
        parents: dict[str, str | None],
        deleted_by: dict[str, str],
    ) -> None:
        """A kept node needs its parent: bring back the parents one side deleted."""
        while pending:
            node_id = pending.pop()
            parent = parents[node_id]
            if parent is None or parent in keep:
                continue
            side = OURS if parent in self.ours.nodes else THEIRS
            source = self.ours if side == OURS else self.theirs
            keep[parent] = side
            parents[parent] = source.parent[parent]
            deleted_by[parent] = THEIRS if side == OURS else OURS
            pending.append(parent)

    def _break_a_cycle(self, keep: dict[str, str], parents: dict[str, str | None]) -> list[str]:
        """Two moves that each put a node under the other make a cycle: the node on it
        whose parent is not OURS' goes back to OURS' parent. Returns that node (to bring
        its parent back if needed), or nothing when there is no cycle. Each node is
        walked up once (colours), so each call is linear; there is one call per cycle."""
        state: dict[str, int] = {}  # 1: on the current walk, 2: known to reach the root
        for start in keep:
            walk = []
            node_id: str | None = start
            while node_id is not None and state.get(node_id) != 2:
                if state.get(node_id) == 1:
                    cycle = walk[walk.index(node_id) :]
                    fix = next(
                        (
                            i
                            for i in cycle
                            if i in self.ours.nodes and parents[i] != self.ours.parent[i]
                        ),
                        cycle[0],
                    )
                    theirs_path = self._path_of(self.theirs, fix, True)
                    # OURS is a tree, so OURS' parent cannot close the cycle again; a node
                    # OURS lacks (never the case, see the module) would go under the root.
                    parents[fix] = self.ours.parent.get(fix) or self.base.doc.root.id
                    self._conflict(
                        fix, "cycle", OURS, self._path_of(self.ours, fix, True), theirs_path
                    )
                    return [fix]
                state[node_id] = 1
                walk.append(node_id)
                node_id = parents[node_id]
            for i in walk:
                state[i] = 2
        return []

    def _merged_node(self, node_id: str) -> FeatureNode:
        base = self.base.nodes.get(node_id)
        o = self.ours.nodes.get(node_id)
        t = self.theirs.nodes.get(node_id)
        if o is None or t is None:
            source = o or t
            assert source is not None
            return _copy(source)
        if base is None:
            base = o  # added on both sides with one id: OURS is the reference
        if _same(base, t):  # the common case first: one side left the node alone
            return _copy(o)
        if _same(base, o):
            return _copy(t)
        values: dict[str, Any] = {}
        for name in ("title", "notes", "status"):
            value, clash = _pick(getattr(base, name), getattr(o, name), getattr(t, name))
            if clash:
                self._conflict(node_id, name, OURS, value, getattr(t, name))
            values[name] = value
        for name in ("tags", "links", "changelog"):
            values[name] = _merge_items(getattr(base, name), getattr(o, name), getattr(t, name))
        values["suggestions"] = self._merged_suggestions(node_id, base, o, t)
        return FeatureNode(values.pop("title"), id=node_id, **values)

    def _merged_suggestions(
        self, node_id: str, base: FeatureNode, o: FeatureNode, t: FeatureNode
    ) -> tuple[Suggestion, ...]:
        if o.suggestions == t.suggestions or t.suggestions == base.suggestions:
            return o.suggestions
        if o.suggestions == base.suggestions:
            return t.suggestions
        b_by = {s.id: s for s in base.suggestions}
        o_by = {s.id: s for s in o.suggestions}
        t_by = {s.id: s for s in t.suggestions}
        result: list[Suggestion] = []
        order = [*o_by, *(i for i in t_by if i not in o_by)]
        for sid in order:
            bs, os_, ts = b_by.get(sid), o_by.get(sid), t_by.get(sid)
            if os_ is not None and ts is not None:
                if bs is None:
                    bs = os_
                update: dict[str, Any] = {}
                for name in type(os_).model_fields:
                    value, clash = _pick(getattr(bs, name), getattr(os_, name), getattr(ts, name))
                    if clash:
                        self._conflict(
                            node_id, f"suggestion:{sid}.{name}", OURS, value, getattr(ts, name)
                        )
                    if value != getattr(os_, name):
                        update[name] = value
                result.append(os_.model_copy(update=update) if update else os_)
            elif os_ is not None:  # THEIRS deleted it, or OURS added it
                if bs is None or bs != os_:
                    result.append(os_)
                    if bs is not None:
                        self._conflict(node_id, f"suggestion:{sid}", OURS, os_.text, None)
            else:
                assert ts is not None
                if bs is None or bs != ts:
                    result.append(ts)
                    if bs is not None:
                        self._conflict(node_id, f"suggestion:{sid}", THEIRS, ts.text, None)
        return tuple(result)

    def _place_children(
        self, nodes: dict[str, FeatureNode], parents: dict[str, str | None]
    ) -> None:
        """Attach every node under its merged parent, siblings in the merged order."""
        base, ours, theirs = self.base, self.ours, self.theirs
        kids_of: dict[str, list[str]] = {}
        for node_id, parent in parents.items():
            if parent is not None:
                kids_of.setdefault(parent, []).append(node_id)
        for parent, members in kids_of.items():
            member_set = set(members)
            o_kids, t_kids, b_kids = (
                ours.kid_ids(parent),
                theirs.kid_ids(parent),
                base.kid_ids(parent),
            )
            primary, secondary = o_kids, t_kids
            if _same_order(o_kids, b_kids) and not _same_order(t_kids, b_kids):
                primary, secondary = t_kids, o_kids
            ordered = [i for i in primary if i in member_set]
            placed = set(ordered)
            # Where both sides added siblings at one place (both appended, say), the
            # primary side's come first, then the other's: an anchor stands for the run
            # of siblings only the primary side has right after it (linear, from the end).
            others = set(secondary) | set(b_kids)
            run_end: dict[str | None, str | None] = {}
            last: str | None = None
            for node_id in reversed(ordered):
                run_end[node_id] = last if last is not None else node_id
                last = None if node_id in others else run_end[node_id]
            run_end[None] = last
            # Each sibling the primary side lacks goes right after the nearest earlier
            # sibling on its own side that is placed (first when there is none), past
            # that run: noted here, laid out below, linear however many siblings there are.
            follow: dict[str | None, list[str]] = {}
            for seq in (secondary, b_kids):
                anchor: str | None = None
                for node_id in seq:
                    if node_id in member_set and node_id not in placed:
                        follow.setdefault(run_end.get(anchor, anchor), []).append(node_id)
                        placed.add(node_id)
                    if node_id in placed:
                        anchor = node_id
            if follow:
                stack = [*reversed(ordered), *reversed(follow.get(None, ()))]
                ordered = []
                while stack:
                    node_id = stack.pop()
                    ordered.append(node_id)
                    stack.extend(reversed(follow.get(node_id, ())))
            for node_id in members:  # parents from neither list (resurrected): at the end
                if node_id not in placed:
                    ordered.append(node_id)
                    placed.add(node_id)
            parent_node = nodes[parent]
            for node_id in ordered:
                attach(nodes[node_id], parent_node)

    def _merged_meta(self) -> DocumentMeta:
        b, o, t = self.base.doc.meta, self.ours.doc.meta, self.theirs.doc.meta
        update: dict[str, Any] = {}
        for name in type(o).model_fields:
            value, clash = _pick(getattr(b, name), getattr(o, name), getattr(t, name))
            if clash:
                self._conflict(None, f"meta.{name}", OURS, value, getattr(t, name))
            if value != getattr(o, name):
                update[name] = value
        return o.model_copy(update=update) if update else o


def _same_order(a: list[str], b: list[str]) -> bool:
    """True when the ids ``a`` and ``b`` share are in the same order in both."""
    b_set, a_set = set(b), set(a)
    return [i for i in a if i in b_set] == [i for i in b if i in a_set]


def _same(a: FeatureNode, b: FeatureNode) -> bool:
    """True when the two nodes say the same (structure aside)."""
    return (
        a.title == b.title
        and a.notes == b.notes
        and a.status == b.status
        and a.tags == b.tags
        and a.links == b.links
        and a.changelog == b.changelog
        and a.suggestions == b.suggestions
    )


def _copy(node: FeatureNode) -> FeatureNode:
    """A detached copy of ``node``'s content; its values are final already (tuples of
    frozen models), so they are shared, not copied."""
    return trusted_node(
        node.title,
        node.id,
        node.notes,
        node.tags,
        node.status,
        node.changelog,
        node.suggestions,
        node.links,
    )


def _shown(value: Any, language: str) -> str:
    """A value as the conflict note shows it."""
    if value is None:
        return ""
    if isinstance(value, FeatureStatus):
        return text_in(language, f"status.{value.value}")
    if isinstance(value, tuple):
        return "、".join(str(v) for v in value)
    return str(getattr(value, "value", value))
