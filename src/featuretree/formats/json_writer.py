"""Writing the featuretree JSON format: deterministic, indented, CJK unescaped.

The same document always gives the same bytes, equal to ``json.dumps(..., indent=2,
ensure_ascii=False)`` of the data. A tree no deeper than :data:`INDENT_LEVELS` (every
real one) is gathered into plain dicts and lists, iteratively, and written by orjson's
``OPT_INDENT_2``, which gives those very bytes ~10× faster than building the text here.
A deeper tree, or anything orjson refuses, is written the careful way: the text built
iteratively node by node (the standard encoder recurses and, with ``indent``, runs in
pure Python), so any depth can be written.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from featuretree.collector import gc_paused
from featuretree.formats import json_parse
from featuretree.model.node import FeatureNode

if TYPE_CHECKING:
    from featuretree.model.document import Document

_UNSET: Any = object()
orjson: Any = _UNSET
"""The orjson module the writer uses: :func:`json_parse.load_orjson`'s unless set here
(``None``: write with the careful text writer only)."""

FORMAT_TAG = "featuretree"
VERSION = 1
INDENT_LEVELS = 32
"""Tree levels written with growing indentation. Deeper nodes (no real tree has them,
only generated or hostile ones) are written one per line at the indentation of this
level, so output size stays linear in the number of nodes at any depth."""


def _json_scalar(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _dumps(value: Any, pad: str) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` with ``pad`` after each newline.

    The shapes annotations have (a list of scalars or of flat objects) are formatted
    here directly, byte for byte as ``json.dumps`` would: with ``indent`` it falls back
    to its pure-Python encoder, which made writing 10× slower than reading.
    """
    if isinstance(value, list):
        if not value:
            return "[]"
        inner = pad + "  "
        parts = []
        for item in value:
            text = _flat(item, inner)
            if text is None:
                return _slow_dumps(value, pad)
            parts.append(text)
        return "[\n" + inner + (",\n" + inner).join(parts) + "\n" + pad + "]"
    text = _flat(value, pad)
    return _slow_dumps(value, pad) if text is None else text


def _slow_dumps(value: Any, pad: str) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + pad) if "\n" in text else text


_encode_str = json.encoder.encode_basestring  # type: ignore[attr-defined]


def _scalar(value: Any) -> str | None:
    """A string, null, boolean or integer as JSON; ``None`` for anything else."""
    if isinstance(value, str):
        return _encode_str(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return int.__repr__(value)
    return None


def _flat(value: Any, pad: str) -> str | None:
    """A scalar, or an object of scalars, as ``json.dumps(indent=2)`` writes it; else ``None``."""
    if not isinstance(value, dict):
        return _scalar(value)
    if not value:
        return "{}"
    inner = pad + "  "
    items = []
    for key, item in value.items():
        text = _scalar(item)
        if text is None or not isinstance(key, str):
            return None
        items.append(f"{_encode_str(key)}: {text}")
    return "{\n" + inner + (",\n" + inner).join(items) + "\n" + pad + "}"


def _node_head(node: FeatureNode, pad: str) -> str:
    """Every field of a node up to and including ``"children": ``."""
    inner = pad + "  "
    enc = json.encoder.encode_basestring  # type: ignore[attr-defined]
    changelog = [e.model_dump(mode="json") for e in node.changelog]
    suggestions = [s.model_dump(mode="json") for s in node.suggestions]
    # Written only when there are links: files without any stay byte-identical to
    # what earlier versions wrote.
    links = (
        f'{inner}"links": {_dumps([k.model_dump(mode="json") for k in node.links], inner)},\n'
        if node.links
        else ""
    )
    return (
        f'{{\n{inner}"id": {enc(node.id)},\n'
        f'{inner}"title": {enc(node.title)},\n'
        f'{inner}"notes": {enc(node.notes)},\n'
        f'{inner}"tags": {_dumps(list(node.tags), inner)},\n'
        f'{inner}"status": {enc(node.status.value)},\n'
        f'{inner}"changelog": {_dumps(changelog, inner)},\n'
        f'{inner}"suggestions": {_dumps(suggestions, inner)},\n'
        f"{links}"
        f'{inner}"children": '
    )


def _compact_head(node: FeatureNode) -> str:
    """A node's fields on one line, up to and including ``"children": [``."""
    enc = json.encoder.encode_basestring  # type: ignore[attr-defined]
    dump = _json_scalar
    return (
        f'{{"id": {enc(node.id)}, "title": {enc(node.title)}, "notes": {enc(node.notes)}, '
        f'"tags": {dump(list(node.tags))}, "status": {enc(node.status.value)}, '
        f'"changelog": {dump([e.model_dump(mode="json") for e in node.changelog])}, '
        f'"suggestions": {dump([s.model_dump(mode="json") for s in node.suggestions])}, '
        + (
            f'"links": {dump([k.model_dump(mode="json") for k in node.links])}, '
            if node.links
            else ""
        )
        + '"children": ['
    )


def _write_tree(root: FeatureNode, base_pad: str, out: list[str]) -> None:
    # Items are (node, its indentation, text after its closing brace, its depth) or,
    # once a node's children are all pushed, the plain text that closes its children.
    stack: list[tuple[FeatureNode, str, str, int] | str] = [(root, base_pad, "", 0)]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        node, pad, tail, depth = item
        kids = node.kids
        if depth > INDENT_LEVELS:
            # One line per node, indentation no longer growing: indenting every level
            # would make a 100,000-level tree O(depth²) bytes of spaces.
            out.append(_compact_head(node))
            if not kids:
                out.append("]}" + tail)
                continue
            out.append("\n" + pad)
            inner = pad
            stack.append("]}" + tail)
        else:
            out.append(_node_head(node, pad))
            if not kids:
                out.append(f"[]\n{pad}}}{tail}")
                continue
            inner = pad + "    "
            out.append("[\n" + inner)
            stack.append(f"\n{pad}  ]\n{pad}}}{tail}")
        last = len(kids) - 1
        stack.extend(
            (kids[i], inner, "" if i == last else ",\n" + inner, depth + 1)
            for i in range(last, -1, -1)
        )


def write_json(doc: Document) -> bytes:
    """The document as deterministic, indented, UTF-8 JSON."""
    meta = doc.meta.model_dump(mode="json", exclude_none=True)
    if doc.title_is_root and not meta.get("title"):
        # Read from a file with no title of its own (FreeMind, Markdown…): the root's, as
        # the JSON it may have been made from says (JSON → .mm → JSON is the same file).
        meta["title"] = doc.root.title
    revisions = [r.model_dump(mode="json") for r in doc.revisions]
    # orjson is imported on the first write, not with this module: every reader imports
    # it (for the problems' wording), and `validate` or `show` write nothing. Set to
    # None (as the tests do), the careful path below writes alone.
    fast = json_parse.load_orjson() if orjson is _UNSET else orjson
    # What other formats carried (Document.carried), for the nodes that exist: last, and
    # only when there is some, so a file without it is what earlier versions wrote.
    carried = doc.carried.to_json(doc) if doc.carried else {}
    if fast is not None:
        data = _fast_json(fast, doc, meta, revisions)
        if data is not None:
            return _with_carried(data, carried)
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
    return _with_carried("".join(out).encode("utf-8"), carried)


def _with_carried(data: bytes, carried: dict[str, Any]) -> bytes:
    """``data`` (a whole file) with ``"carried"`` as its last key, when there is any.

    Indented down to each format's ``document`` and each node's entry, which is one
    line: a diff shows which node's look changed, and ``json.dumps`` without ``indent``
    is its C encoder (with ``indent``, pure Python: 5x slower at 100,000 nodes). The
    same bytes whichever writer wrote the rest (orjson and ``json`` may spell a float
    differently: ``json`` writes all of this).
    """
    if not carried:
        return data
    out = [',\n  "carried": {']
    for i, (fmt, entry) in enumerate(carried.items()):
        out.append(("," if i else "") + f"\n    {_encode_str(fmt)}: {{")
        for j, (key, value) in enumerate(entry.items()):
            out.append(("," if j else "") + f"\n      {_encode_str(key)}: ")
            if key == "nodes" and value:
                lines = [
                    f"{_encode_str(node_id)}: {_line(item)}" for node_id, item in value.items()
                ]
                out.append("{\n        " + ",\n        ".join(lines) + "\n      }")
            else:
                out.append(_line(value))
        out.append("\n    }")
    out.append("\n  }\n}\n")
    return data[: data.rindex(b"\n}")] + "".join(out).encode("utf-8", "replace")


_ONE_LINE = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))
_c_make_encoder = getattr(json.encoder, "c_make_encoder", None)
# json.dumps makes its C encoder anew for every call: at 100,000 nodes that is most of
# the time. One made here writes the same text (the arguments JSONEncoder gives it).
_C_LINE = (
    _c_make_encoder(None, _ONE_LINE.default, _encode_str, None, ": ", ", ", False, False, True)
    if _c_make_encoder is not None
    else None
)


def _line(value: Any) -> str:
    """``value`` as JSON on one line, as ``json.dumps(value, ensure_ascii=False,
    separators=(", ", ": "))`` writes it."""
    if _C_LINE is None or not isinstance(value, (dict, list)):
        return _ONE_LINE.encode(value)
    return "".join(_C_LINE(value, 0))


def _fast_json(
    orjson: Any, doc: Document, meta: dict[str, Any], revisions: list[Any]
) -> bytes | None:
    """The bytes of :func:`write_json` by orjson, or ``None`` when it cannot give them.

    orjson's ``OPT_INDENT_2`` writes what ``json.dumps(indent=2, ensure_ascii=False)``
    does (same escapes, separators, empty ``[]``/``{}``). Not for a tree deeper than
    :data:`INDENT_LEVELS`, which is written with compact lines below that level (and
    would pass orjson's nesting limit of 254 at ~125 levels), nor for what orjson
    refuses (a lone surrogate, an integer past 64 bits): the careful path decides then.
    """
    data = {
        "format": FORMAT_TAG,
        "version": VERSION,
        "meta": meta,
        "revisions": revisions,
        "root": doc.root,
    }
    # orjson asks for each node's fields as it reaches it, so no copy of the tree is
    # built; the collector is paused because its scans of the millions of live objects
    # of a big document would cost more than the writing.
    with gc_paused():
        try:
            return (
                orjson.dumps(data, default=_node_fields(doc.root), option=orjson.OPT_INDENT_2)
                + b"\n"
            )
        except orjson.JSONEncodeError:
            return None


_CHILDREN = "_NodeMixin__children"
_PARENT = "_NodeMixin__parent"
"""Where anytree keeps a node's children and parent (``FeatureNode.kids`` reads the same)."""


class _TooDeep(Exception):
    """A node below INDENT_LEVELS: the careful writer's compact lines start there."""


def _node_fields(root: FeatureNode) -> Callable[[object], dict[str, Any]]:
    """orjson's ``default``: a node's fields as the careful writer orders them.

    Keys: id, title, notes, tags, status, changelog, suggestions, links (only when
    there are some), children. An annotation is its model's ``__dict__``: its fields in
    declaration order, dates and enums left to orjson, which writes them as
    ``model_dump(mode="json")`` would. Depths are tracked on the way (orjson visits
    parents first) so that a tree too deep is refused without walking it twice. A plain
    function (a closure), not an object with ``__call__``: it runs once per node.
    """
    depths: dict[FeatureNode, int] = {}
    node_type = FeatureNode

    def fields_of(node: object) -> dict[str, Any]:
        if type(node) is not node_type:
            raise TypeError(f"not JSON: {type(node).__name__}")
        fields = node.__dict__
        depth = 0 if node is root else depths[fields[_PARENT]] + 1
        kids = fields.get(_CHILDREN)
        if kids:
            if depth >= INDENT_LEVELS:
                raise _TooDeep
            depths[node] = depth  # type: ignore[index]
        else:
            kids = ()
        changelog = fields["changelog"]
        suggestions = fields["suggestions"]
        links = fields["links"]
        item: dict[str, Any] = {
            "id": fields["id"],
            "title": fields["title"],
            "notes": fields["notes"],
            "tags": fields["tags"],
            "status": fields["status"],
            "changelog": [e.__dict__ for e in changelog] if changelog else (),
            "suggestions": [s.__dict__ for s in suggestions] if suggestions else (),
        }
        if links:
            item["links"] = [k.__dict__ for k in links]
        item["children"] = kids
        return item

    return fields_of
