"""Building a document's tree from parsed featuretree JSON, for :mod:`json_format`.

Every node is validated and every problem is reported with its JSON path
(``root.children[3].suggestions[0].priority``); ids that are missing, invalid or taken
are replaced with a warning. The tree is built iteratively (depth is unbounded), and a
well-formed node is built inline without a call per node: at 100,000 nodes that loop is
most of a load. The builder also keeps the document's id index as it goes
(:meth:`~featuretree.model.document.Document.from_indexed_tree`).
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import TypeAdapter, ValidationError

from featuretree.formats.errors import MAX_PROBLEMS, Problem, warning_text
from featuretree.formats.json_problems import _brief, _NodePath, _pydantic_problems, title_path
from featuretree.model import ids
from featuretree.model.annotations import ChangeEntry, FeatureStatus, Link, Suggestion
from featuretree.model.node import FeatureNode, trusted_node
from featuretree.model.text import clean_line, clean_text

NODE_KEYS = (
    "id",
    "title",
    "notes",
    "tags",
    "status",
    "changelog",
    "suggestions",
    "links",
    "children",
)
_NODE_KEY_SET = frozenset(NODE_KEYS)
_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")

_STATUSES = {s.value: s for s in FeatureStatus}
# What the quick path of ``_Builder.build_tree`` accepts as a status: the old quick path
# took a missing, null or empty status as "existing", and so does this one.
_FAST_STATUSES = {**_STATUSES, None: FeatureStatus.EXISTING, "": FeatureStatus.EXISTING}

_changelog = TypeAdapter(tuple[ChangeEntry, ...])
_suggestions = TypeAdapter(tuple[Suggestion, ...])
_links: TypeAdapter[tuple[Link, ...]] | None = None


def _links_adapter() -> TypeAdapter[tuple[Link, ...]]:
    """The validator of a node's links, built when the first node with links is read:
    most files have none, and building it (and Link's own) is paid by every command."""
    global _links
    if _links is None:
        _links = TypeAdapter(tuple[Link, ...])
    return _links


class _Builder:
    """Turns parsed JSON into a document, collecting problems instead of stopping."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.warnings: list[str] = []
        # The document's id index, filled as nodes are made (Document.from_indexed_tree).
        self.nodes: dict[str, FeatureNode] = {}
        self.suggestion_owners: dict[str, FeatureNode] = {}
        self.suggestion_ids: set[str] = set()
        self.raw_root: Any = None

    def problem(self, where: str, message: str | Problem, node: _NodePath | None = None) -> None:
        """Record a problem at JSON path ``where``; ``node``: the node it is in, if any.

        ``message``: English text, or a :class:`Problem` whose message (and catalogue key,
        for the UI's language) it takes."""
        if len(self.problems) >= MAX_PROBLEMS:
            return
        key, fields = "", None
        if isinstance(message, Problem):
            key, fields, message = message.key, message.fields, message.message
        if node is None:
            self.problems.append(Problem(where, message, key=key, fields=fields))
            return
        # Spelled out only for a reported problem (at most MAX_PROBLEMS, O(depth) each).
        indices = node.indices()
        prefix = str(node)
        field = where[len(prefix) :].lstrip(".") if where.startswith(prefix) else ""
        self.problems.append(
            Problem(
                where,
                message,
                node=title_path(self.raw_root, indices),
                field=field,
                order=indices,
                key=key,
                fields=fields,
            )
        )

    def in_document_order(self) -> list[Problem]:
        """The problems as a reader meets them: the file's own keys, then node by node."""
        return sorted(self.problems, key=lambda p: (0, ()) if p.order is None else (1, p.order))

    def build_tree(self, data: Any, where: str) -> FeatureNode:
        """The tree under ``data``, built iteratively; problems are collected, not raised.

        Nodes are made in the order :meth:`node` would make them one by one (a parent's
        children, then the last child's subtree first), so problems, warnings and
        generated ids come out in that order too. A well-formed node — its eight keys,
        a fresh valid id — is built inline without a call or a path object; anything
        else, or anything to report, goes through :meth:`node`. That loop is most of a
        100k-node load, and its cost is mostly touching the parsed objects, so each is
        looked at once.
        """
        root_path = _NodePath(where)
        self.raw_root = data
        root = self.node(data, root_path)
        nodes = self.nodes
        owners = self.suggestion_owners
        careful = self.node
        annotations = self.annotations
        statuses = _FAST_STATUSES
        id_match = _ID.match
        make = trusted_node
        stack: list[tuple[FeatureNode, Any, _NodePath]] = [(root, data, root_path)]
        pop, push = stack.pop, stack.append
        while stack:
            node, raw, path = pop()
            if not isinstance(raw, dict):
                continue
            children = raw.get("children")
            if children is None:
                continue
            if not isinstance(children, list):
                self.problem(
                    f"{path}.children", Problem.keyed("", "problem.must_be_node_list"), path
                )
                continue
            kids: list[FeatureNode] = []
            keep = kids.append
            # A child's index is len(kids): every child adds exactly one kid, in order.
            for child in children:
                try:
                    # Eight entries that are all known keys (nine with empty links): no
                    # unknown key to report. A node with links takes the careful path.
                    if len(child) != 8 and (len(child) != 9 or child.get("links", True)):
                        raise KeyError
                    title = child["title"]
                    node_id = child["id"]
                    notes = child["notes"]
                    tags = child["tags"]
                    status = statuses[child["status"]]
                    changelog = child["changelog"]
                    suggestions = child["suggestions"]
                    grandkids = child["children"]
                except (KeyError, TypeError):  # not an object, a key missing, a bad status
                    title = None
                if (
                    type(title) is str
                    and type(node_id) is str
                    and (notes is None or type(notes) is str)
                    and node_id not in nodes
                    # Letters and digits alone need no regex.
                    and (
                        (node_id.isascii() and node_id.isalnum() and len(node_id) <= 64)
                        or id_match(node_id)
                    )
                    # node() takes tags, and refuses an empty status ("" is "existing" only
                    # on a node without tags or annotations, as the old quick path had it).
                    and (
                        not tags
                        or (
                            type(tags) is list
                            and all(type(t) is str for t in tags)
                            and child["status"] != ""
                        )
                    )
                ):
                    if changelog or suggestions:
                        checked = annotations(child, changelog, suggestions)
                        if checked is None:
                            child_path = _NodePath(path, len(kids))
                            kid = careful(child, child_path)
                            push((kid, child, child_path))
                            kid._NodeMixin__parent = node  # type: ignore[attr-defined]
                            keep(kid)
                            continue
                        changelog, suggestions = checked
                    else:
                        changelog = suggestions = ()
                    kid = make(
                        title.strip() if title.isprintable() else clean_line(title),
                        node_id,
                        (notes if notes.isprintable() else clean_text(notes)) if notes else "",
                        tuple([t for t in map(clean_line, tags) if t]) if tags else (),
                        status,
                        changelog,
                        suggestions,
                    )
                    nodes[node_id] = kid
                    if suggestions:
                        for suggestion in suggestions:
                            owners[suggestion.id] = kid
                    # Leaves get their (empty) children list now: walks look for it.
                    kid._NodeMixin__children = []  # type: ignore[attr-defined]
                    # ``[]`` is the common leaf; anything else is walked (or reported) later.
                    if grandkids or (grandkids is not None and type(grandkids) is not list):
                        push((kid, child, _NodePath(path, len(kids), node_id)))
                else:
                    child_path = _NodePath(path, len(kids))
                    kid = careful(child, child_path)
                    push((kid, child, child_path))
                kid._NodeMixin__parent = node  # type: ignore[attr-defined]
                keep(kid)
            node._NodeMixin__children = kids  # type: ignore[attr-defined]
        return root

    def annotations(
        self, raw: dict[str, Any], raw_changes: Any, raw_suggestions: Any
    ) -> tuple[tuple[ChangeEntry, ...], tuple[Suggestion, ...]] | None:
        """A quick node's validated change log and suggestions; ``None`` when :meth:`node` must look.

        Accepts exactly what :meth:`node` accepts without a problem, a warning or a
        generated id, and records the suggestion ids only when it accepts.
        """
        # node() takes an empty status or falsy non-list tags as a problem.
        tags = raw["tags"]
        if raw["status"] == "" or not (tags is None or type(tags) is list):
            return None
        try:
            changelog = _changelog.validate_python(raw_changes) if raw_changes else ()
            if not raw_suggestions:  # most annotated nodes have a change log only
                return changelog, ()
            if type(raw_suggestions) is not list or not all(
                type(s) is dict and "id" in s for s in raw_suggestions
            ):
                return None  # node() supplies missing ids, in its order
            suggestions: tuple[Suggestion, ...] = _suggestions.validate_python(raw_suggestions)
        except ValidationError:
            return None
        new_ids = {s.id for s in suggestions}
        if len(new_ids) != len(suggestions) or not self.suggestion_ids.isdisjoint(new_ids):
            return None
        self.suggestion_ids |= new_ids
        return changelog, suggestions

    def plain_node(self, raw: Any) -> FeatureNode | None:
        """The common node — well formed, unique id, no tags or annotations — built quickly.

        ``None`` when anything about it needs :meth:`node`'s full checks. Most nodes of
        a large tree are like this; skipping the general path saves about 10% of a load.
        """
        if type(raw) is not dict or not _NODE_KEY_SET.issuperset(raw):
            return None
        get = raw.get
        title = get("title")
        node_id = get("id")
        notes = get("notes")
        raw_status = get("status")
        if (
            type(title) is not str
            or type(node_id) is not str
            or node_id in self.nodes
            or get("tags")
            or get("changelog")
            or get("suggestions")
            or get("links")
            or not (notes is None or type(notes) is str)
            or not (raw_status is None or type(raw_status) is str)
            or not _ID.match(node_id)
        ):
            return None
        status = _STATUSES.get(raw_status or "existing")
        if status is None:
            return None
        node = FeatureNode(
            clean_line(title), id=node_id, notes=clean_text(notes) if notes else "", status=status
        )
        self.nodes[node_id] = node
        return node

    def node(self, raw: Any, where: _NodePath) -> FeatureNode:
        """One node without its children; problems are recorded, a placeholder returned."""
        fast = self.plain_node(raw)
        if fast is not None:
            where.node_id = fast.id
            return fast
        if not isinstance(raw, dict):
            self.problem(str(where), Problem.keyed("", "problem.must_be_node"), where)
            placeholder = FeatureNode("?", id=self.fresh_id(self.key(where, "?")))
            self.nodes[placeholder.id] = placeholder
            where.node_id = placeholder.id
            return placeholder
        if not _NODE_KEY_SET.issuperset(raw):  # the common case builds no set
            for key in sorted(raw.keys() - _NODE_KEY_SET, key=str):
                self.problem(f"{where}.{key}", Problem.keyed("", "problem.unknown_key"), where)

        title = raw.get("title")
        if not isinstance(title, str):
            self.problem(
                f"{where}.title",
                Problem.keyed("", "problem.missing" if title is None else "problem.must_be_string"),
                where,
            )
            title = "?"
        # Optional keys may be omitted or null (other tools write null for "none").
        notes = raw.get("notes")
        if notes is None:
            notes = ""
        elif not isinstance(notes, str):
            self.problem(f"{where}.notes", Problem.keyed("", "problem.must_be_string"), where)
            notes = ""
        tags = raw.get("tags")
        if tags is None:
            tags = ()
        elif not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            self.problem(f"{where}.tags", Problem.keyed("", "problem.must_be_string_list"), where)
            tags = ()
        status = raw.get("status")
        if status is None:
            status = "existing"
        elif not isinstance(status, str) or status not in _STATUSES:
            self.problem(
                f"{where}.status",
                Problem.keyed(
                    "",
                    "problem.must_be_one_of",
                    expected=", ".join(_STATUSES),
                    value=_brief(status),
                ),
                where,
            )
            status = "existing"

        changelog: tuple[ChangeEntry, ...] = ()
        raw_changes = raw.get("changelog")
        if raw_changes:
            try:
                changelog = _changelog.validate_python(raw_changes)
            except ValidationError as exc:
                for problem in _pydantic_problems(exc, f"{where}.changelog"):
                    self.problem(problem.where, problem, where)

        suggestions: tuple[Suggestion, ...] = ()
        raw_suggestions = raw.get("suggestions")
        if raw_suggestions:
            if isinstance(raw_suggestions, list):
                # An id is optional on input; supply one before validation.
                key = self.key(where, title)
                raw_suggestions = [
                    {"id": self.fresh_id(f"{key}#s{i}"), **s}
                    if isinstance(s, dict) and "id" not in s
                    else s
                    for i, s in enumerate(raw_suggestions)
                ]
            try:
                suggestions = _suggestions.validate_python(raw_suggestions)
            except ValidationError as exc:
                for problem in _pydantic_problems(exc, f"{where}.suggestions"):
                    self.problem(problem.where, problem, where)
            suggestions = tuple(self.unique_suggestion(s, where, title) for s in suggestions)

        links: tuple[Link, ...] = ()
        raw_links = raw.get("links")
        if raw_links:
            try:
                links = _links_adapter().validate_python(raw_links)
            except ValidationError as exc:
                for problem in _pydantic_problems(exc, f"{where}.links"):
                    self.problem(problem.where, problem, where)

        node = FeatureNode(
            clean_line(title),
            id=self.node_id(raw.get("id"), where, title),
            notes=clean_text(notes) if notes else "",
            tags=[t for t in map(clean_line, tags) if t] if tags else (),
            status=_STATUSES[status],
            changelog=changelog,
            suggestions=suggestions,
            links=links,
        )
        self.nodes[node.id] = node
        where.node_id = node.id
        for suggestion in suggestions:
            self.suggestion_owners[suggestion.id] = node
        return node

    @staticmethod
    def key(where: _NodePath, title: str) -> str:
        """What a missing or repaired id here is derived from: the parent's id, the
        place under it, the title (:func:`~featuretree.model.ids.node_key`)."""
        parent = where.parent
        parent_id = parent.node_id if isinstance(parent, _NodePath) else ""
        return ids.node_key(parent_id, where.index, title)

    def fresh_id(self, key: str) -> str:
        return ids.derived_id(key, _Taken(self))

    def node_id(self, raw_id: Any, where: _NodePath, title: str) -> str:
        key = self.key(where, title)
        if raw_id is None:
            new = self.fresh_id(key)
        elif not isinstance(raw_id, str) or not _ID.match(raw_id):
            new = self.fresh_id(key)
            self.warnings.append(
                warning_text(
                    "warning.invalid_id", where=where, id=_brief(raw_id, repr), new=repr(new)
                )
            )
        elif raw_id in self.nodes:
            new = self.fresh_id(key)
            self.warnings.append(
                warning_text("warning.duplicate_id", where=where, id=repr(raw_id), new=repr(new))
            )
        else:
            new = raw_id
        return new

    def unique_suggestion(self, suggestion: Suggestion, where: _NodePath, title: str) -> Suggestion:
        if suggestion.id in self.suggestion_ids:
            new = self.fresh_id(f"{self.key(where, title)}#{suggestion.id}")
            self.warnings.append(
                warning_text(
                    "warning.duplicate_suggestion_id",
                    where=where,
                    id=repr(suggestion.id),
                    new=repr(new),
                )
            )
            suggestion = suggestion.model_copy(update={"id": new})
        self.suggestion_ids.add(suggestion.id)
        return suggestion


class _Taken:
    """Membership over both id sets without building their union."""

    def __init__(self, builder: _Builder) -> None:
        self.builder = builder

    def __contains__(self, value: object) -> bool:
        return value in self.builder.nodes or value in self.builder.suggestion_ids
