"""The JSON reader's quick build loop gives exactly what the careful one-node-at-a-time build gives.

``json_build._Builder.build_tree`` builds well-formed nodes inline and hands everything else to
``_Builder.node``. Whatever the input — bad values, duplicate ids, missing keys,
annotations — the document, its warnings, its generated ids and every problem message
must be those of calling ``node`` for every node, which is what the reference below does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from featuretree.formats import json_build
from featuretree.formats.errors import FormatError
from featuretree.formats.json_build import _Builder, _NodePath
from featuretree.formats.json_format import document_from_data, read_json, write_json
from featuretree.model import ids
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode


def _reference_build_tree(self: _Builder, data: Any, where: str) -> FeatureNode:
    """Every node through ``_Builder.node``, children in order (the reader before the quick loop)."""
    root_path = _NodePath(where)
    self.raw_root = data
    root = self.node(data, root_path)
    stack = [(root, data, root_path)]
    while stack:
        node, raw, path = stack.pop()
        if not isinstance(raw, dict):
            continue
        children = raw.get("children")
        if children is None:
            continue
        if not isinstance(children, list):
            self.problem(f"{path}.children", "must be a list of nodes", path)
            continue
        kids = []
        for i, child in enumerate(children):
            child_path = _NodePath(path, i)
            kid = self.node(child, child_path)
            kid._NodeMixin__parent = node  # type: ignore[attr-defined]
            kids.append(kid)
            stack.append((kid, child, child_path))
        node._NodeMixin__children = kids  # type: ignore[attr-defined]
    return root


def _outcome(data: Any) -> tuple[str, ...]:
    """What a user sees of reading ``data``: the saved bytes and warnings, or the error."""
    ids.seed(7)
    try:
        doc = document_from_data(data)
    except FormatError as exc:
        return ("error", str(exc))
    finally:
        ids.seed(None)
    structure = [(n.id, len(n.kids)) for n in doc.iter_nodes()]
    return ("ok", write_json(doc).decode(), "\n".join(doc.warnings), repr(structure))


def _reference_outcome(data: Any) -> tuple[str, ...]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(json_build._Builder, "build_tree", _reference_build_tree)
        return _outcome(data)


_ENTRY = {"version": "v1", "date": "2026-01-02", "author": None, "summary": "改了\t一点"}
_SUGGESTION = {
    "id": "s1",
    "text": "快一点",
    "priority": "P1",
    "status": "proposed",
    "created": "2026-01-02",
}

_values = {
    "title": st.sampled_from(["a", " 标题 ", "x\ty\nz", "\x1b[31mred", "", 3, None]),
    "id": st.sampled_from(
        ["n1", "n2", "n3", "a.b:c-d_e", "has space", "", 5, None, "x" * 65, "abc\n"]
    ),
    "notes": st.sampled_from([None, "", "note", "two\nlines", "ctl\x07", "\r\n", 4]),
    "tags": st.sampled_from([None, [], ["t"], [" t ", "\x07"], ["", "u"], [1], "", 0, "a,b"]),
    "status": st.sampled_from(
        [None, "", "existing", "new", "deprecated", "shiny", ["new"], 0, False]
    ),
    "changelog": st.sampled_from(
        [None, [], [_ENTRY], [_ENTRY, _ENTRY], [{"summary": ""}], "today", 0, {}]
    ),
    "suggestions": st.sampled_from(
        [
            None,
            [],
            [_SUGGESTION],
            [{"text": "no id"}],
            [_SUGGESTION, _SUGGESTION],
            [{**_SUGGESTION, "id": "s2"}],
            [{**_SUGGESTION, "priority": "P7"}],
            "x",
            [3],
        ]
    ),
    "links": st.sampled_from(
        [
            None,
            [],
            [{"title": "PRD", "url": "https://example.com/prd"}],
            [{"url": ""}],
            "x",
            0,
        ]
    ),
    "colour": st.just("red"),  # an unknown key
}


@st.composite
def _node(draw: st.DrawFn, depth: int = 0) -> Any:
    if draw(st.integers(0, 15)) == 0:
        return draw(st.sampled_from(["not a node", 8, None, [1, 2]]))
    keys = draw(st.sets(st.sampled_from(list(_values)), max_size=len(_values)))
    if draw(st.booleans()):  # the common, complete node
        keys = set(json_build.NODE_KEYS) - {"children"}
    node = {key: draw(_values[key]) for key in sorted(keys)}
    if depth < 3:
        shape = draw(st.integers(0, 5))
        if shape == 0:
            node["children"] = draw(st.sampled_from([None, {}, "x", 0, ""]))
        elif shape > 1:
            node["children"] = draw(st.lists(_node(depth + 1), max_size=4))
        else:
            node["children"] = []
    return node


@settings(max_examples=150, deadline=None)
@given(root=_node())
def test_quick_build_equals_careful_build(root: Any) -> None:
    for data in (root, {"format": "featuretree", "version": 1, "root": root}):
        assert _outcome(data) == _reference_outcome(data)


def test_a_well_formed_tree_takes_the_quick_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    # Only the root goes through node(): every other node here is built inline.
    calls = []
    original = json_build._Builder.node

    def counted(self: _Builder, raw: Any, where: _NodePath) -> FeatureNode:
        calls.append(str(where))
        return original(self, raw, where)

    monkeypatch.setattr(json_build._Builder, "node", counted)
    leaf = {key: None for key in json_build.NODE_KEYS}
    children = [
        {
            **leaf,
            "id": f"n{i}",
            "title": f"t{i}",
            "tags": ["x"],
            "changelog": [_ENTRY],
            "suggestions": [{**_SUGGESTION, "id": f"s{i}"}],
            "children": [],
        }
        for i in range(5)
    ]
    doc = document_from_data({"title": "root", "children": children})
    assert calls == ["root"]
    assert [n.id for n in doc.root.kids] == [f"n{i}" for i in range(5)]
    assert doc.root.kids[4].suggestions[0].id == "s4"


_COMPLETE = {
    "id": "n1",
    "title": "t",
    "notes": "",
    "tags": [],
    "status": "existing",
    "changelog": [],
    "suggestions": [],
    "children": [],
}


@pytest.mark.parametrize(
    "changes",
    [
        {"status": ""},
        {"status": "", "changelog": [_ENTRY]},
        {"status": None, "suggestions": [_SUGGESTION]},
        {"tags": ""},
        {"tags": 0, "changelog": [_ENTRY]},
        {"tags": None, "changelog": [_ENTRY]},
        {"tags": ["a", 1]},
        {"changelog": {}, "suggestions": 0},
        {"changelog": "today"},
        {"suggestions": [{"text": "no id"}, _SUGGESTION]},
        {"suggestions": [_SUGGESTION, _SUGGESTION]},
        {"suggestions": [{**_SUGGESTION, "id": "n1"}]},  # a suggestion may share a node's id
        {"id": "abc\n"},
        {"id": "x" * 64},
        {"id": "x" * 65},
        {"id": "ünï"},
        {"notes": None, "title": "  padded\t"},
        {"children": 0},
        {"children": None},
    ],
)
def test_quirky_nodes_read_as_before(changes: dict[str, Any]) -> None:
    # Each as the second of two children, after a node that took the suggestion id "s1".
    first = {**_COMPLETE, "id": "n0", "suggestions": [_SUGGESTION]}
    data = {"title": "root", "id": "r", "children": [first, {**_COMPLETE, **changes}]}
    assert _outcome(data) == _reference_outcome(data)


def _same_index(doc: Document) -> None:
    """The reader's index is what registering the finished tree gives (same nodes, by identity)."""
    registered = Document(doc.root)
    assert {k: id(v) for k, v in doc._index.items()} == {
        k: id(v) for k, v in registered._index.items()
    }
    assert {k: id(v) for k, v in doc._suggestion_owner.items()} == {
        k: id(v) for k, v in registered._suggestion_owner.items()
    }


@pytest.mark.parametrize("name", ["zhihu", "wms", "netease-music"])
def test_reader_index_matches_the_tree_on_samples(name: str) -> None:
    path = Path(__file__).resolve().parents[2] / "samples" / f"{name}.json"
    if not path.exists():
        pytest.skip(f"{path.name} not written yet")
    _same_index(read_json(path.read_bytes()))


def test_reader_index_matches_the_tree_after_repairs() -> None:
    data = {
        "title": "root",
        "id": "r",
        "children": [
            {
                "title": "a",
                "id": "dup",
                "suggestions": [{"text": "no id"}, {"id": "s", "text": "x"}],
            },
            {
                "title": "b",
                "id": "dup",
                "tags": ["t"],
                "suggestions": [{"id": "s", "text": "again"}],
            },
            {**_COMPLETE, "id": "bad id", "children": [{**_COMPLETE, "id": "n9"}]},
            {
                **_COMPLETE,
                "id": "n8",
                "changelog": [_ENTRY],
                "suggestions": [{**_SUGGESTION, "id": "s8"}],
            },
        ],
    }
    doc = document_from_data(data)
    assert len(doc.warnings) == 3
    _same_index(doc)


@settings(max_examples=100, deadline=None)
@given(root=_node())
def test_reader_index_matches_the_tree(root: Any) -> None:
    try:
        doc = document_from_data(root)
    except FormatError:
        return
    _same_index(doc)
