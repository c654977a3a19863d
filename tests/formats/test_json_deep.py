"""Deep and hostile JSON: the iterative fallback parser and the linear-size writer.

A 100,000-level tree is exercised by ``benchmarks/deep_json.py``; 20,000 levels here
(already twenty times deeper than ``json.loads`` goes) keep the suite fast.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from featuretree import formats
from featuretree.formats import json_format, json_iterative
from featuretree.formats.errors import FormatError
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach, height

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
LEVELS = 20_000


def chain(levels: int) -> Document:
    """A document that is one path ``levels`` nodes long."""
    root = FeatureNode("层 0", id="n0")
    current = root
    for i in range(1, levels):
        node = FeatureNode(f"层 {i}", id=f"n{i}", tags=("t",), notes="a\nb" if i % 2 else "")
        attach(node, current)
        current = node
    return Document(root)


def test_deep_document_saves_and_loads(tmp_path: Path) -> None:
    doc = chain(LEVELS)
    target = tmp_path / "deep.json"
    formats.save(doc, target)
    data = target.read_bytes()
    # Linear size: indentation stops growing below INDENT_LEVELS.
    assert len(data) < 400 * LEVELS
    loaded = formats.load(target)
    assert len(loaded) == LEVELS
    assert height(loaded.root) == LEVELS - 1
    deepest = loaded.node(f"n{LEVELS - 1}")
    assert (
        deepest.title == f"层 {LEVELS - 1}" and deepest.notes == "a\nb" and deepest.tags == ("t",)
    )
    assert json_format.write_json(loaded) == data


def test_deep_output_is_the_json_that_json_loads_reads() -> None:
    doc = chain(json_format.INDENT_LEVELS + 10)
    value = json.loads(json_format.write_json(doc))
    for _ in range(json_format.INDENT_LEVELS + 9):
        value = value["root"] if "root" in value else value["children"][0]
    assert value["id"] == f"n{json_format.INDENT_LEVELS + 8}"


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_ordinary_trees_keep_their_exact_bytes(sample: Path) -> None:
    data = sample.read_bytes()
    assert json_format.write_json(json_format.read_json(data)) == data


def test_deep_invalid_json_reports_line_and_column() -> None:
    text = "[\n" + "[" * 5000 + "x"
    with pytest.raises(FormatError) as caught:
        json_format.read_json(text.encode())
    assert "line 2, column 5001" in str(caught.value)
    assert "invalid JSON: Expecting value" in str(caught.value)


def test_problem_deep_in_the_tree_names_an_abbreviated_path() -> None:
    data = json.loads(json_format.write_json(chain(50)))
    node = data["root"]
    for _ in range(49):
        node = node["children"][0]
    node["status"] = ["not", "a", "status"]
    with pytest.raises(FormatError) as caught:
        json_format.read_json(json.dumps(data).encode())
    message = str(caught.value)
    assert "root.children[0]" in message and "levels)" in message and ".status" in message
    assert "got a list" in message


def test_huge_number_is_a_format_error() -> None:
    with pytest.raises(FormatError, match="invalid JSON"):
        json_format.read_json(b'{"title": "x", "notes": ' + b"9" * 5000 + b"}")


def test_deeply_nested_garbage_in_a_field_is_a_format_error() -> None:
    deep_list = "[" * 50_000 + "]" * 50_000
    deep_object = '{"a": ' * 50_000 + "1" + "}" * 50_000
    bad = f'{{"title": "x", "id": {deep_object}, "status": {deep_list}, "tags": {deep_list}}}'

    with pytest.raises(FormatError) as caught:
        json_format.read_json(bad.encode())
    problems = [str(p) for p in caught.value.problems]
    assert "root.tags: must be a list of strings" in problems
    assert any(p.startswith("root.status: must be one of") and "got a list" in p for p in problems)


def test_iterative_parser_reaches_any_depth() -> None:
    depth = 200_000
    value = json_iterative.loads("[" * depth + "{}" + "]" * depth)
    for _ in range(depth):
        assert isinstance(value, list) and len(value) == 1
        value = value[0]
    assert value == {}


# -- the iterative parser is json.loads --------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(json_values, st.sampled_from([None, 0, 2]), st.booleans())
def test_iterative_parser_equals_json_loads_on_valid_json(value, indent, ascii_only) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only)
    assert json_iterative.loads(text) == json.loads(text)


def _outcome(text: str) -> tuple:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return ("error", exc.msg, exc.pos)
    return ("ok", repr(value))


def _iterative_outcome(text: str) -> tuple:
    try:
        value = json_iterative.loads(text)
    except json.JSONDecodeError as exc:
        return ("error", exc.msg, exc.pos)
    return ("ok", repr(value))


json_ish = st.text(
    alphabet=st.sampled_from(list('{}[]:,"\\ \n\t0123456789.eE+-truefalsnNIiyx\x01é')), max_size=40
)


@settings(max_examples=500, deadline=None)
@given(json_ish)
def test_iterative_parser_fails_like_json_loads(text: str) -> None:
    assert _iterative_outcome(text) == _outcome(text)


@settings(max_examples=200, deadline=None)
@given(json_values, st.data())
def test_iterative_parser_fails_like_json_loads_on_damaged_json(value, data) -> None:
    text = json.dumps(value)
    cut = data.draw(st.integers(0, len(text)))
    insert = data.draw(st.sampled_from(["", ",", "]", "}", '"', ":", " ", "x", "1"]))
    damaged = text[:cut] + insert + text[cut + data.draw(st.integers(0, 2)) :]
    assert _iterative_outcome(damaged) == _outcome(damaged)


def test_special_numbers_match_json_loads() -> None:
    text = "[NaN, Infinity, -Infinity, -0, -0.0, 1e400, 1E-2, 10]"
    ours, theirs = json_iterative.loads(text), json.loads(text)
    assert math.isnan(ours[0]) and ours[1:] == theirs[1:]
    assert [type(v) for v in ours] == [type(v) for v in theirs]
