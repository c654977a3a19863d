"""Every registered reader, fed random and damaged input, gives a Document or a FormatError.

The fast version of ``benchmarks/fuzz_readers.py`` (which runs 10,000 inputs per reader
with hang and memory guards). Readers added later are picked up by themselves.
"""

from __future__ import annotations

import codecs
import io
import zipfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from featuretree import formats
from featuretree.formats.errors import FormatError
from featuretree.model.document import Document
from featuretree.model.text import clean_line
from featuretree.model.tree import detach

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
READERS = [f for f in formats.all_formats() if f.reader is not None]
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def seeds(name: str) -> tuple[bytes, ...]:
    """Small real files of format ``name``: the Zhihu sample's first levels, written by its writer."""
    fmt = formats.by_name(name)
    assert fmt is not None
    doc = formats.load(SAMPLES / "zhihu.json")
    for node in doc.root.kids[3:]:
        detach(node)
    for child in doc.root.kids:
        for grandchild in child.kids[2:]:
            detach(grandchild)
    if fmt.writer is None:
        return (b"",)
    return (fmt.writer(doc),)


def read(name: str, data: bytes) -> None:
    """Read ``data``; fail the test on anything but a Document or a one-line FormatError."""
    reader = formats.by_name(name).reader  # type: ignore[union-attr]
    try:
        doc = reader(data)  # type: ignore[misc]
    except FormatError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(doc, Document)
    for node in doc.iter_nodes():
        assert clean_line(node.title) == node.title, "control characters survived the import"


def damaged(data: bytes, draw: st.DrawFn) -> bytes:
    """``data`` with a few random cuts, insertions and byte changes."""
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["cut", "insert", "delete", "flip"]))
        if kind == "cut":
            data = data[:at]
        elif kind == "insert":
            piece = draw(
                st.binary(max_size=8)
                | st.sampled_from(
                    [
                        b"\x00",
                        b"\xff",
                        b"\xef\xbb\xbf",
                        b"9" * 400,
                        b"<",
                        b"&",
                        b'"',
                        b"[",
                        b"{",
                        b"\n  - ",
                        b"\x1b[",
                    ]
                )
            )
            data = data[:at] + piece + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 32)) :]
        elif data:
            index = min(at, len(data) - 1)
            data = (
                data[:index] + bytes([data[index] ^ draw(st.integers(1, 255))]) + data[index + 1 :]
            )
    return data


def rezipped(data: bytes, draw: st.DrawFn) -> bytes:
    """For zip-based formats: damage one member and zip again (else the zip check stops all)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    name = draw(st.sampled_from(sorted(members)))
    members[name] = damaged(members[name], draw)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return buffer.getvalue()


@pytest.mark.parametrize("name", [f.name for f in READERS])
@FUZZ
@given(data=st.binary(max_size=600))
def test_random_bytes(name: str, data: bytes) -> None:
    read(name, data)


@pytest.mark.parametrize("name", [f.name for f in READERS])
@FUZZ
@given(data=st.text(max_size=300))
def test_random_text(name: str, data: str) -> None:
    read(name, data.encode("utf-8", "surrogatepass"))


@pytest.mark.parametrize("name", [f.name for f in READERS])
@FUZZ
@given(st.data())
def test_damaged_real_files(name: str, data: st.DataObject) -> None:
    seed = data.draw(st.sampled_from(seeds(name)))
    if zipfile.is_zipfile(io.BytesIO(seed)) and data.draw(st.booleans()):
        read(name, rezipped(seed, data.draw))
    else:
        read(name, damaged(seed, data.draw))


@pytest.mark.parametrize(
    ("fmt", "data"),
    [
        # Each once escaped a reader as something other than a FormatError (or hung).
        ("md", b"[" * 100_000 + b"]" * 100_000),
        ("opml", codecs.BOM_UTF8 + b'<?xml version="1.0" encoding="UTF-9"?><opml/>'),
    ],
)
def test_inputs_the_fuzzer_found(fmt: str, data: bytes) -> None:
    with pytest.raises(formats.FormatError):
        formats.loads(data, fmt)


def test_xmind_with_an_unsupported_zip_version_is_a_format_error() -> None:
    doc = formats.loads(b'{"title": "x", "children": [{"title": "y"}]}', "json")
    data = bytearray(formats.dumps(doc, "xmind"))
    central = data.index(b"PK\x01\x02")
    data[central + 6] = 84  # "needs zip version 8.4": zipfile raises NotImplementedError
    with pytest.raises(formats.FormatError):
        formats.loads(bytes(data), "xmind")
