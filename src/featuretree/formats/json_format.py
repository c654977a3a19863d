"""The lossless featuretree JSON format (``.json``).

Reading validates every node and reports every problem with its JSON path
(``root.children[3].suggestions[0].priority``). Writing is deterministic and
diff-friendly: the same document always gives the same bytes, indented, CJK unescaped.
Both directions walk the tree iteratively, so depth is limited only by memory.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import TypeAdapter, ValidationError

from featuretree.formats._util import decode_text, gc_paused
from featuretree.formats.errors import FormatError, Problem
from featuretree.formats.registry import Format, register
from featuretree.model import ids
from featuretree.model.annotations import (
    ChangeEntry,
    DocumentMeta,
    FeatureStatus,
    Revision,
    Suggestion,
)
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.text import clean_line, clean_text

FORMAT_TAG = "featuretree"
VERSION = 1
NODE_KEYS = ("id", "title", "notes", "tags", "status", "changelog", "suggestions", "children")
_NODE_KEY_SET = frozenset(NODE_KEYS)
_TOP_KEYS = frozenset(("format", "version", "meta", "revisions", "root"))
_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
_STATUSES = {s.value: s for s in FeatureStatus}
MAX_PROBLEMS = 200

_changelog = TypeAdapter(tuple[ChangeEntry, ...])
_suggestions = TypeAdapter(tuple[Suggestion, ...])
_revisions = TypeAdapter(tuple[Revision, ...])


# pydantic's wording for the shapes a user writes in JSON, said in JSON's terms.
_FRIENDLY = {
    "extra_forbidden": "unknown key",
    "tuple_type": "must be a list",
    "list_type": "must be a list",
    "model_type": "must be an object",
    "dict_type": "must be an object",
}


def _pydantic_problems(exc: ValidationError, base: str) -> list[Problem]:
    problems = []
    for error in exc.errors():
        where = base
        for part in error["loc"]:
            where += f"[{part}]" if isinstance(part, int) else f".{part}"
        message = _FRIENDLY.get(error["type"], error["msg"])
        problems.append(Problem(where, message))
    return problems


class _Builder:
    """Turns parsed JSON into a document, collecting problems instead of stopping."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.warnings: list[str] = []
        self.node_ids: set[str] = set()
        self.suggestion_ids: set[str] = set()

    def problem(self, where: str, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(where, message))

    def build_tree(self, data: Any, where: str) -> FeatureNode:
        root = self.node(data, where)
        stack: list[tuple[FeatureNode, Any, str]] = [(root, data, where)]
        while stack:
            node, raw, path = stack.pop()
            if not isinstance(raw, dict):
                continue
            children = raw.get("children")
            if children is None:
                continue
            if not isinstance(children, list):
                self.problem(f"{path}.children", "must be a list of nodes")
                continue
            kids = []
            for i, child in enumerate(children):
                child_path = f"{path}.children[{i}]"
                kid = self.node(child, child_path)
                kid._NodeMixin__parent = node  # type: ignore[attr-defined]
                kids.append(kid)
                stack.append((kid, child, child_path))
            node._NodeMixin__children = kids  # type: ignore[attr-defined]
        return root

    def node(self, raw: Any, where: str) -> FeatureNode:
        """One node without its children; problems are recorded, a placeholder returned."""
        if not isinstance(raw, dict):
            self.problem(where, "must be an object with a title")
            return FeatureNode("?", id=self.fresh_id())
        unknown = raw.keys() - _NODE_KEY_SET
        for key in sorted(unknown):
            self.problem(f"{where}.{key}", "unknown key")

        title = raw.get("title")
        if not isinstance(title, str):
            self.problem(f"{where}.title", "missing" if title is None else "must be a string")
            title = "?"
        # Optional keys may be omitted or null (other tools write null for "none").
        notes = raw.get("notes")
        if notes is None:
            notes = ""
        elif not isinstance(notes, str):
            self.problem(f"{where}.notes", "must be a string")
            notes = ""
        tags = raw.get("tags")
        if tags is None:
            tags = ()
        elif not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            self.problem(f"{where}.tags", "must be a list of strings")
            tags = ()
        status = raw.get("status")
        if status is None:
            status = "existing"
        elif not isinstance(status, str) or status not in _STATUSES:
            self.problem(
                f"{where}.status",
                f"must be one of {', '.join(_STATUSES)} (got {json.dumps(status, ensure_ascii=False)})",
            )
            status = "existing"

        changelog: tuple[ChangeEntry, ...] = ()
        raw_changes = raw.get("changelog")
        if raw_changes:
            try:
                changelog = _changelog.validate_python(raw_changes)
            except ValidationError as exc:
                for problem in _pydantic_problems(exc, f"{where}.changelog"):
                    self.problem(problem.where, problem.message)

        suggestions: tuple[Suggestion, ...] = ()
        raw_suggestions = raw.get("suggestions")
        if raw_suggestions:
            if isinstance(raw_suggestions, list):
                # An id is optional on input; supply one before validation.
                raw_suggestions = [
                    {"id": self.fresh_id(), **s} if isinstance(s, dict) and "id" not in s else s
                    for s in raw_suggestions
                ]
            try:
                suggestions = _suggestions.validate_python(raw_suggestions)
            except ValidationError as exc:
                for problem in _pydantic_problems(exc, f"{where}.suggestions"):
                    self.problem(problem.where, problem.message)
            suggestions = tuple(self.unique_suggestion(s, where) for s in suggestions)

        return FeatureNode(
            clean_line(title),
            id=self.node_id(raw.get("id"), where),
            notes=clean_text(notes) if notes else "",
            tags=[t for t in (clean_line(t) for t in tags) if t],
            status=_STATUSES[status],
            changelog=changelog,
            suggestions=suggestions,
        )

    def fresh_id(self) -> str:
        return ids.new_id(_Taken(self))

    def node_id(self, raw_id: Any, where: str) -> str:
        if raw_id is None:
            new = self.fresh_id()
        elif not isinstance(raw_id, str) or not _ID.match(raw_id):
            new = self.fresh_id()
            self.warnings.append(f"{where}.id: invalid id {raw_id!r} replaced by {new!r}")
        elif raw_id in self.node_ids:
            new = self.fresh_id()
            self.warnings.append(f"{where}.id: duplicate id {raw_id!r} replaced by {new!r}")
        else:
            new = raw_id
        self.node_ids.add(new)
        return new

    def unique_suggestion(self, suggestion: Suggestion, where: str) -> Suggestion:
        if suggestion.id in self.suggestion_ids:
            new = self.fresh_id()
            self.warnings.append(
                f"{where}.suggestions: duplicate suggestion id {suggestion.id!r} replaced by {new!r}"
            )
            suggestion = suggestion.model_copy(update={"id": new})
        self.suggestion_ids.add(suggestion.id)
        return suggestion


class _Taken:
    """Membership over both id sets without building their union."""

    def __init__(self, builder: _Builder) -> None:
        self.builder = builder

    def __contains__(self, value: object) -> bool:
        return value in self.builder.node_ids or value in self.builder.suggestion_ids


def document_from_data(data: Any) -> Document:
    """Build a document from parsed JSON (the wrapper, or a bare node)."""
    builder = _Builder()
    meta = DocumentMeta()
    revisions: tuple[Revision, ...] = ()
    if isinstance(data, dict) and "format" in data:
        if data.get("format") != FORMAT_TAG:
            raise FormatError(f"format: not a featuretree document (format {data.get('format')!r})")
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise FormatError("version: missing or not a whole number")
        if version > VERSION:
            raise FormatError(
                f"version: written by a newer featuretree (file format {version}); "
                f"this one reads format {VERSION} — please upgrade"
            )
        if version < 1:
            raise FormatError(f"version: unknown file format version {version}")
        for key in sorted(data.keys() - _TOP_KEYS):
            builder.problem(key, "unknown key")
        try:
            meta = DocumentMeta.model_validate(data.get("meta") or {})
        except ValidationError as exc:
            builder.problems.extend(_pydantic_problems(exc, "meta"))
        try:
            revisions = _revisions.validate_python(data.get("revisions") or ())
        except ValidationError as exc:
            builder.problems.extend(_pydantic_problems(exc, "revisions"))
        if "root" not in data:
            raise FormatError("root: missing (a featuretree document needs a root node)")
        raw_root, root_path = data["root"], "root"
    elif isinstance(data, dict) and "title" in data:
        raw_root, root_path = data, "root"
    else:
        raise FormatError(
            'not a featuretree document: expected {"format": "featuretree", ...} '
            'or a node {"title": ..., "children": [...]}'
        )
    with gc_paused():
        root = builder.build_tree(raw_root, root_path)
    if builder.problems:
        raise FormatError(builder.problems)
    if not meta.title:
        meta = meta.model_copy(update={"title": root.title})
    doc = Document(root, meta=meta, revisions=list(revisions))
    doc.warnings.extend(builder.warnings)
    return doc


def read_json(data: bytes) -> Document:
    """Read a featuretree JSON file (or a bare node tree) from bytes."""
    text = decode_text(data)
    try:
        with gc_paused():
            parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError([Problem(f"line {exc.lineno}, column {exc.colno}", f"invalid JSON: {exc.msg}")]) from None
    except ValueError as exc:
        # e.g. a number longer than Python's int-conversion limit (4300 digits)
        raise FormatError(f"invalid JSON: {str(exc).split(';')[0]}") from None
    except RecursionError:
        raise FormatError("the JSON is nested too deeply to read") from None
    return document_from_data(parsed)


# -- writing ---------------------------------------------------------------------------


def _dumps(value: Any, pad: str) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + pad) if "\n" in text else text


def _node_head(node: FeatureNode, pad: str) -> str:
    """Every field of a node up to and including ``"children": ``."""
    inner = pad + "  "
    enc = json.encoder.encode_basestring  # type: ignore[attr-defined]
    changelog = [e.model_dump(mode="json") for e in node.changelog]
    suggestions = [s.model_dump(mode="json") for s in node.suggestions]
    return (
        f"{{\n{inner}\"id\": {enc(node.id)},\n"
        f"{inner}\"title\": {enc(node.title)},\n"
        f"{inner}\"notes\": {enc(node.notes)},\n"
        f"{inner}\"tags\": {_dumps(list(node.tags), inner)},\n"
        f"{inner}\"status\": {enc(node.status.value)},\n"
        f"{inner}\"changelog\": {_dumps(changelog, inner)},\n"
        f"{inner}\"suggestions\": {_dumps(suggestions, inner)},\n"
        f"{inner}\"children\": "
    )


def _write_tree(root: FeatureNode, base_pad: str, out: list[str]) -> None:
    # Items are (node, its indentation, text after its closing brace) or, once a
    # node's children are all pushed, the plain text that closes its children list.
    stack: list[tuple[FeatureNode, str, str] | str] = [(root, base_pad, "")]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        node, pad, tail = item
        out.append(_node_head(node, pad))
        kids = node.kids
        if not kids:
            out.append(f"[]\n{pad}}}{tail}")
            continue
        inner = pad + "    "
        out.append("[\n" + inner)
        stack.append(f"\n{pad}  ]\n{pad}}}{tail}")
        last = len(kids) - 1
        stack.extend(
            (kids[i], inner, "" if i == last else ",\n" + inner) for i in range(last, -1, -1)
        )


def write_json(doc: Document) -> bytes:
    """The document as deterministic, indented, UTF-8 JSON."""
    meta = doc.meta.model_dump(mode="json", exclude_none=True)
    revisions = [r.model_dump(mode="json") for r in doc.revisions]
    out = [
        "{\n",
        f'  "format": "{FORMAT_TAG}",\n',
        f'  "version": {VERSION},\n',
        f'  "meta": {_dumps(meta, "  ")},\n',
        f'  "revisions": {_dumps(revisions, "  ")},\n',
        '  "root": ',
    ]
    _write_tree(doc.root, "  ", out)
    out.append("\n}\n")
    return "".join(out).encode("utf-8")


register(
    Format(
        name="json",
        label="featuretree JSON",
        extensions=(".json", ".featuretree.json"),
        reader=read_json,
        writer=write_json,
        lossless=True,
    )
)
