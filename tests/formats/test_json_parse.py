"""orjson reads featuretree JSON fast, and never differently from the standard library.

The reader takes orjson's result only when it is what ``json.loads`` returns; these
tests hold it to that on every sample, random JSON, and the inputs where the two
parsers are known to part ways (which must go the standard way: same data, same message).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from featuretree.formats import json_format, json_parse
from featuretree.formats.errors import FormatError
from featuretree.formats.json_format import read_json, write_json
from featuretree.model import ids

pytest.importorskip("orjson")

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture(autouse=True)
def _orjson_for_every_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader leaves files under ORJSON_FROM to the standard parser; these tests'
    small inputs must go through orjson as a big file's would."""
    monkeypatch.setattr(json_format, "ORJSON_FROM", 0)


def test_a_small_file_is_parsed_by_the_standard_library_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Below ORJSON_FROM, orjson is not asked (nor imported: see test_startup_imports);
    the document read is the one orjson's parse gives."""
    data = (SAMPLES / "zhihu.json").read_bytes()
    fast = read_json(data)
    monkeypatch.setattr(json_format, "ORJSON_FROM", len(data) + 1)
    monkeypatch.setattr(json_parse, "parse_fast", lambda data: pytest.fail("orjson asked"))
    assert write_json(read_json(data)) == write_json(fast) == data


def _same(a: object, b: object) -> bool:
    """Equal values of equal types all the way down (``1 == 1.0 == True`` is not enough)."""
    stack = [(a, b)]
    while stack:
        x, y = stack.pop()
        if type(x) is not type(y):
            return False
        if isinstance(x, dict):
            if list(x) != list(y):  # same keys in the same order
                return False
            stack.extend((x[k], y[k]) for k in x)
        elif isinstance(x, list):
            if len(x) != len(y):
                return False
            stack.extend(zip(x, y))
        elif isinstance(x, float):
            if not (x == y or (math.isnan(x) and math.isnan(y))) or math.copysign(
                1, x
            ) != math.copysign(1, y):
                return False
        elif x != y:
            return False
    return True


def _stdlib(data: bytes) -> object:
    return json.loads(data.decode("utf-8-sig"))


def _error(data: bytes) -> str:
    with pytest.raises(FormatError) as caught:
        read_json(data)
    return str(caught.value)


def _stdlib_error(data: bytes, monkeypatch: pytest.MonkeyPatch) -> str:
    with monkeypatch.context() as patch:
        patch.setattr(json_parse, "orjson", None)
        return _error(data)


@pytest.mark.parametrize("name", ["zhihu", "wms", "netease-music"])
def test_samples_parse_the_same(name: str) -> None:
    path = SAMPLES / f"{name}.json"
    if not path.exists():
        pytest.skip(f"{path.name} not written yet")
    data = path.read_bytes()
    assert _same(json_parse.parse_fast(data), _stdlib(data))


_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**64 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(exclude_categories=("Cs",)))  # lone surrogates: tested below
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(value=_values, ensure_ascii=st.booleans(), indent=st.sampled_from([None, 0, 2]))
def test_random_json_parses_the_same(value: object, ensure_ascii: bool, indent: int | None) -> None:
    data = json.dumps(value, ensure_ascii=ensure_ascii, indent=indent).encode("utf-8")
    assert _same(json_parse.parse_fast(data), _stdlib(data))


def test_duplicate_keys_keep_the_last_value_at_the_first_place() -> None:
    data = b'{"a": 1, "b": 2, "a": 3}'
    assert _same(json_parse.parse_fast(data), _stdlib(data))
    assert list(json_parse.parse_fast(data).items()) == [("a", 3), ("b", 2)]


@pytest.mark.parametrize(
    "data",
    [
        b"NaN",
        b"[Infinity]",
        b"[-Infinity]",
        b"1e400",
        b'"\\ud800"',
        b'"\\udc00\\ud800"',
        b"[" * 2000 + b"]" * 2000,
        b'"\xed\xa0\x80"',  # an encoded surrogate is not UTF-8
        b"\xef\xbb\xbf\xef\xbb\xbf{}",  # one mark is dropped, a second is an error
        b"",
    ],
)
def test_orjson_refuses_what_it_reads_differently(data: bytes) -> None:
    assert json_parse.parse_fast(data) is json_parse.REFUSED


@pytest.mark.parametrize("number", [2**64, -(2**63) - 1, 10**40])
def test_integers_beyond_64_bits_give_the_standard_message(
    number: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # orjson reads these as floats; the message must still show the number as written.
    wrapped = {"format": "featuretree", "version": 1, "root": {"title": "a", "status": number}}
    data = json.dumps(wrapped).encode()
    message = _error(data)
    assert str(number) in message
    assert message == _stdlib_error(data, monkeypatch)
    newer = json.dumps(
        {"format": "featuretree", "version": number, "root": {"title": "a"}}
    ).encode()
    assert str(number) in _error(newer)  # not "missing or not a whole number"
    assert _error(newer) == _stdlib_error(newer, monkeypatch)
    bad_id = json.dumps({"title": "a", "children": [{"title": "b", "id": number}]}).encode()
    assert read_json(bad_id).warnings[0].startswith(f"root.children[0].id: invalid id {number} ")


@pytest.mark.parametrize(
    "data",
    [
        b'{"title": "a", "children": [,]}',
        b"\xef\xbb\xbf\xef\xbb\xbf{}",
        b'{"title": "\xff"}',
        b'{"title": "a", "n": NaN, "children": [{"title": 1}]}',
        b'{"title": "a\\ud800", "status": "shiny"}',
        b'{"format": "featuretree", "version": 1, "root": {"title": "a", "x": 1.5}}',
    ],
)
def test_errors_read_the_same_with_or_without_orjson(
    data: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _error(data) == _stdlib_error(data, monkeypatch)


def test_without_orjson_documents_read_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    path = SAMPLES / "wms.json"
    if not path.exists():
        pytest.skip("samples/wms.json missing")
    data = path.read_bytes()
    fast = read_json(data)
    monkeypatch.setattr(json_parse, "orjson", None)
    assert write_json(read_json(data)) == write_json(fast) == data


def test_byte_order_mark_is_dropped_once() -> None:
    data = json.dumps({"title": "a"}).encode()
    assert json_format.read_json(b"\xef\xbb\xbf" + data).root.title == "a"
    assert _same(json_parse.parse_fast(b"\xef\xbb\xbf" + data), _stdlib(data))


def test_generated_ids_do_not_depend_on_a_discarded_fast_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A big-integer id is replaced with a warning; orjson's read of it is discarded and
    # the standard one kept, which must generate the same ids as a standard read alone.
    data = json.dumps(
        {"title": "a", "children": [{"title": "b", "id": 10**30}, {"title": "c"}]}
    ).encode()
    ids.seed(11)
    fast = read_json(data)
    ids.seed(11)
    with monkeypatch.context() as patch:
        patch.setattr(json_parse, "orjson", None)
        standard = read_json(data)
    ids.seed(None)
    assert [n.id for n in fast.iter_nodes()] == [n.id for n in standard.iter_nodes()]
    assert fast.warnings == standard.warnings
