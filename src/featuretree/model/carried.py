"""What a format gave that featuretree does not model, kept to be given back to it.

A PM opens a colleague's XMind or FreeMind map, renames a topic and saves: the map
must keep its look (topic styles, layouts, the sheet's theme, folded branches, colours,
fonts, clouds, timestamps, formatted notes). featuretree does not edit any of that, so
the reader of a format puts it here, opaque, and the writer of the *same* format gives
it back; the JSON format keeps it too, so ``x.mm → x.json → x.mm`` keeps the look.

The store is plain JSON data, keyed by format name (``"xmind"``, ``"freemind"``):

* ``"document"``: the format's document-level data (an XMind sheet's theme, the sheets
  of a map read from several, the pictures and files of its archive);
* ``"nodes"``: by node id, each node's data. A node's ``"lines"`` (a list of strings)
  are note lines its reader wrote to name what it carried (XMind's ``图片：…``): the
  reader places them, so the loss check does not count where they stand.

It is keyed by node id, not held by the nodes, so no operation needs to know about it:

* a node keeps its id when it is renamed, moved, cut and pasted back by undo, or
  deleted and restored by undo: its look stays or comes back with it;
* a pasted or duplicated node gets fresh ids (:meth:`Document.clone_subtree`): it is a
  new node and looks like one (plain), like a node the user adds;
* a deleted node's data stays here (undo may bring the node back) but is written by
  no writer: writers look data up for the nodes that exist, and :meth:`Carried.to_json`
  keeps only those.

Readers fill the store and nothing changes it after (an autosave's copy of the
document shares it across threads); the JSON reader makes a new one.

The user's edits always win: a writer gives back only what does not contradict the
node as it is now (a formatted note only while its plain text is unchanged).
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from typing import Any

MAX_DEPTH = 64
"""How deeply a carried value may nest. XMind's styles nest four or five levels, a
Freeplane map's style hook about twenty (two per XML level); a deeper value (a hostile
file) is not carried, so that writing it stays within the encoders' limits."""

_EMPTY: dict[str, Any] = {}


_SCALARS = (str, int, float, bool, type(None))


def json_depth_ok(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether ``value`` is JSON data (dicts with string keys, lists, scalars) nesting at
    most ``limit`` levels; checked iteratively (values come from files). Called once per
    node when a file is read: only containers go on the stack."""
    if type(value) not in (dict, list):
        return isinstance(value, _SCALARS)
    stack = [(value, 1)]
    pop, push = stack.pop, stack.append
    while stack:
        item, depth = pop()
        if depth > limit:
            return False
        if type(item) is dict:
            if not all(type(key) is str for key in item):
                return False
            values = item.values()
        else:
            values = item
        for v in values:
            kind = type(v)
            if kind is dict or kind is list:
                push((v, depth + 1))
            elif kind is not str and not isinstance(v, _SCALARS):
                return False
    return True


class Carried:
    """The data formats carried through a document (see the module's docstring)."""

    __slots__ = ("_formats",)

    def __init__(self) -> None:
        self._formats: dict[str, dict[str, Any]] = {}

    def __bool__(self) -> bool:
        return any(part.get("document") or part.get("nodes") for part in self._formats.values())

    def _part(self, fmt: str) -> dict[str, Any]:
        return self._formats.setdefault(fmt, {"document": {}, "nodes": {}})

    def put_node(self, fmt: str, node_id: str, data: dict[str, Any]) -> None:
        """Carry ``data`` (JSON, not empty) of format ``fmt`` for node ``node_id``."""
        if data:
            self._part(fmt)["nodes"][node_id] = data

    def put_document(self, fmt: str, data: dict[str, Any]) -> None:
        """Carry ``data`` (JSON) of format ``fmt`` for the whole document."""
        if data:
            self._part(fmt)["document"] = data

    def node(self, fmt: str, node_id: str) -> dict[str, Any]:
        """What format ``fmt`` carried for node ``node_id`` (empty when nothing). Not a copy."""
        part = self._formats.get(fmt)
        return part["nodes"].get(node_id, _EMPTY) if part else _EMPTY

    def nodes(self, fmt: str) -> Mapping[str, dict[str, Any]]:
        """What format ``fmt`` carried for each node, by node id (deleted ones too, see
        the module's docstring). Not a copy."""
        part = self._formats.get(fmt)
        return part["nodes"] if part else _EMPTY

    def document(self, fmt: str) -> dict[str, Any]:
        """What format ``fmt`` carried for the document (empty when nothing). Not a copy."""
        part = self._formats.get(fmt)
        return part["document"] if part else _EMPTY

    def to_json(self, live: Container[str]) -> dict[str, Any]:
        """The store as JSON data, with only the nodes in ``live`` (the document's ids);
        formats left with nothing are left out. Empty when nothing is carried."""
        out: dict[str, Any] = {}
        for fmt in sorted(self._formats):
            part = self._formats[fmt]
            nodes = {key: value for key, value in part["nodes"].items() if key in live}
            entry: dict[str, Any] = {}
            if part["document"]:
                entry["document"] = part["document"]
            if nodes:
                entry["nodes"] = nodes
            if entry:
                out[fmt] = entry
        return out

    @classmethod
    def merged(cls, *stores: Carried) -> Carried:
        """One store holding what all of ``stores`` hold; where two carry data for the
        same node (or document) of a format, the later store's wins. Values are shared."""
        out = cls()
        for store in stores:
            for fmt, part in store._formats.items():
                mine = out._part(fmt)
                if part["document"]:
                    mine["document"] = part["document"]
                mine["nodes"].update(part["nodes"])
        return out

    @classmethod
    def from_json(cls, data: Any) -> Carried:
        """The store written by :meth:`to_json`; ``ValueError`` saying what is wrong."""
        carried = cls()
        if not isinstance(data, dict):
            raise ValueError("must be an object")
        for fmt, entry in data.items():
            if not isinstance(entry, dict) or not set(entry) <= {"document", "nodes"}:
                raise ValueError(f"{fmt}: must be an object with document and nodes")
            document = entry.get("document", {})
            nodes = entry.get("nodes", {})
            if not isinstance(document, dict) or not isinstance(nodes, dict):
                raise ValueError(f"{fmt}: document and nodes must be objects")
            # Readers check each value they carry against MAX_DEPTH; the node's entry
            # around them adds a few levels, which a file written from it must pass.
            limit = MAX_DEPTH + 4
            if not json_depth_ok(document, limit) or not all(
                type(value) is dict and json_depth_ok(value, limit) for value in nodes.values()
            ):
                raise ValueError(f"{fmt}: nested too deeply or not JSON data")
            carried.put_document(fmt, document)
            if nodes:
                # Taken over whole (a put_node call per node is a tenth of a big load).
                carried._part(fmt)["nodes"].update((k, v) for k, v in nodes.items() if v)
        return carried
