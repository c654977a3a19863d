"""The lossless featuretree JSON format (``.json``).

Reading validates every node and reports every problem with its JSON path
(``root.children[3].suggestions[0].priority``; the tree is built by :mod:`json_build`).
Writing (:mod:`json_writer`) is deterministic and diff-friendly: the same document
always gives the same bytes, indented, CJK unescaped. Both directions walk the tree
iteratively, so depth is limited only by memory: JSON nested deeper than
``json.loads`` goes is parsed again by :mod:`json_iterative` (see :mod:`json_parse`,
which also reads with orjson when that gives the same data), and nodes below
:data:`~featuretree.formats.json_writer.INDENT_LEVELS` levels are written one per line
without further indentation (a 100,000-level tree loads and saves in seconds).
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter, ValidationError

from featuretree.formats import json_parse
from featuretree.formats._util import free_later, gc_paused
from featuretree.formats.errors import FormatError, Problem
from featuretree.formats.json_build import (  # noqa: F401  (NODE_KEYS, MAX_PROBLEMS re-exported)
    MAX_PROBLEMS,
    NODE_KEYS,
    _Builder,
)
from featuretree.formats.json_problems import (  # noqa: F401  (_NodePath re-exported)
    _brief,
    _NodePath,
    _pydantic_problems,
)
from featuretree.formats.json_writer import (  # noqa: F401  (INDENT_LEVELS re-exported)
    FORMAT_TAG,
    INDENT_LEVELS,
    VERSION,
    write_json,
)
from featuretree.model import ids
from featuretree.model.annotations import DocumentMeta, Revision
from featuretree.model.carried import Carried
from featuretree.model.document import Document

_TOP_KEYS = frozenset(("format", "version", "meta", "revisions", "root", "carried"))
_revisions = TypeAdapter(tuple[Revision, ...])


def document_from_data(data: Any) -> Document:
    """Build a document from parsed JSON (the wrapper, or a bare node)."""
    builder = _Builder()
    meta = DocumentMeta()
    revisions: tuple[Revision, ...] = ()
    carried = Carried()
    if isinstance(data, dict) and "format" in data:
        if data.get("format") != FORMAT_TAG:
            raise FormatError(
                [
                    Problem.keyed(
                        "format", "problem.other_format", format=_brief(data.get("format"), repr)
                    )
                ]
            )
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise FormatError([Problem.keyed("version", "problem.version_missing")])
        if version > VERSION:
            raise FormatError(
                [Problem.keyed("version", "problem.version_newer", version=version, ours=VERSION)]
            )
        if version < 1:
            raise FormatError(
                [Problem.keyed("version", "problem.version_unknown", version=version)]
            )
        for key in sorted(data.keys() - _TOP_KEYS):
            builder.problem(key, Problem.keyed("", "problem.unknown_key"))
        try:
            meta = DocumentMeta.model_validate(data.get("meta") or {})
        except ValidationError as exc:
            builder.problems.extend(_pydantic_problems(exc, "meta"))
        try:
            revisions = _revisions.validate_python(data.get("revisions") or ())
        except ValidationError as exc:
            builder.problems.extend(_pydantic_problems(exc, "revisions"))
        if data.get("carried") is not None:
            # What XMind or FreeMind gave that featuretree does not model, kept for them.
            try:
                carried = Carried.from_json(data["carried"])
            except ValueError:
                builder.problem("carried", Problem.keyed("", "problem.carried_invalid"))
        if "root" not in data:
            raise FormatError([Problem.keyed("root", "problem.root_missing")])
        raw_root, root_path = data["root"], "root"
    elif isinstance(data, dict) and "title" in data:
        raw_root, root_path = data, "root"
    else:
        raise FormatError.keyed(
            "problem.not_featuretree",
            wrapper='{"format": "featuretree", ...}',
            node='{"title": ..., "children": [...]}',
        )
    with gc_paused():
        root = builder.build_tree(raw_root, root_path)
        if builder.problems:
            raise FormatError(builder.in_document_order())
        # A document without a title, or with its root's, is titled by its root: left
        # empty, the title follows a renamed root, and is written as the root's again
        # (the same file). An empty title written on purpose stays empty (byte-identical
        # round trip); one that is not the root's is the document's own.
        raw_meta = data.get("meta") if raw_root is not data else None
        title_is_root = meta.title == root.title or not (
            isinstance(raw_meta, dict) and "title" in raw_meta
        )
        if title_is_root:
            meta = meta.model_copy(update={"title": ""})
        doc = Document.from_indexed_tree(
            root,
            nodes=builder.nodes,
            suggestion_owners=builder.suggestion_owners,
            meta=meta,
            revisions=list(revisions),
        )
        doc.carried = carried
        doc.title_is_root = title_is_root
    doc.warnings.extend(builder.warnings)
    return doc


ORJSON_FROM = 512 * 1024
"""Files of fewer bytes are parsed by the standard library alone: below ~0.5 MB its
parse is at most ~3 ms slower than orjson's, less than importing orjson costs (measured
2-5 ms on the 2-core machine), and a command reading a small file pays that import on
every start (issue 15)."""


def read_json(data: bytes) -> Document:
    """Read a featuretree JSON file (or a bare node tree) from bytes, at any depth."""
    # One pause for parsing and building: the collector does not run over millions of
    # young objects, and the finished document goes to the oldest generation unscanned.
    with gc_paused(long_lived=True):
        doc = _read_fast(data)
        if doc is None:
            parsed = json_parse.parse_exact(data)
            doc = document_from_data(parsed)
            free_later(parsed)
            # Freed (unless deferred) while the collector is still off, so its first pass
            # afterwards scans the document's objects only, not the parser's million.
            del parsed
    return doc


def _read_fast(data: bytes) -> Document | None:
    """The document built from orjson's parse; ``None`` when the standard parser must decide.

    orjson's result stands whenever it cannot differ from ``json.loads``'s (see
    :mod:`json_parse`): it was not refused, and a document with problems or warnings
    has no number that orjson may have turned into a float. Its parse is freed on
    return (or handed to :func:`~featuretree.formats._util.free_later`), while the caller
    still holds the collector off.
    """
    if len(data) < ORJSON_FROM:
        return None
    parsed = json_parse.parse_fast(data)
    if parsed is json_parse.REFUSED:
        return None
    free_later(parsed)
    # Ids generated for a build that is then thrown away must not shift those of the
    # build that counts (a seeded generator gives the same ids as one standard read).
    id_state = ids.get_state()
    try:
        doc = document_from_data(parsed)
    except FormatError:
        if json_parse.may_differ(data):
            ids.set_state(id_state)
            return None
        raise
    if doc.warnings and json_parse.may_differ(data):
        ids.set_state(id_state)
        return None
    return doc
