"""Text is data: markup, ANSI escapes and control characters in a document never act.

Covers the surfaces that exist outside the editor: every reader (control characters are
stripped on import, markup kept literally), every export writer (the text is escaped or
kept literally, and formats that can be read back give the same title), and
``featuretree show``. The editor's surfaces (tree, panels, board) are tested with the
editor.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from featuretree import formats
from featuretree.formats.json_format import read_json
from featuretree.model.document import Document
from featuretree.model.text import clean_line, clean_text

MARKUP = "[bold]x[/] [link=https://evil]click[/link]"
ANSI = "\x1b[31mred\x1b[0m \x1b]8;;https://evil\x1b\\osc\x1b]8;;\x1b\\ bell\x07 nul\x00 c1\x9b"
BREAKOUTS = "</script><script>alert(1)</script> --> ]]> <!-- &amp; &lt; ${x} `y` *z* _w_ | # -"
HOSTILE = f"{MARKUP} {ANSI} {BREAKOUTS}"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

READ_WRITE = [f.name for f in formats.all_formats() if f.reader and f.writer]
# The PNG is an image: no text to read back (tests/formats/test_png.py checks it is drawn).
WRITERS = [f.name for f in formats.all_formats() if f.writer and f.name != "png"]


def hostile_json() -> bytes:
    """A featuretree JSON file with hostile text in every field that holds text."""
    node = {
        "id": "n1",
        "title": f"child {HOSTILE}",
        "notes": f"line one {HOSTILE}\nline two [red]x[/red]",
        "tags": [f"tag {MARKUP}", "\x1b[1mbold-tag"],
        "changelog": [
            {"version": "[b]1.0[/b]", "date": "2024-01-02", "summary": f"changed {HOSTILE}"}
        ],
        "suggestions": [{"id": "s1", "text": f"suggest {HOSTILE}", "rationale": f"why {ANSI}"}],
        "children": [],
    }
    document = {
        "format": "featuretree",
        "version": 1,
        "meta": {"title": f"doc {MARKUP}\x1b[2J", "product": "[blink]p[/blink]"},
        "root": {"id": "root", "title": f"root {HOSTILE}", "children": [node]},
    }
    return json.dumps(document, ensure_ascii=False).encode()


@pytest.fixture
def doc() -> Document:
    return read_json(hostile_json())


def texts(doc: Document) -> list[str]:
    """Every piece of user text in ``doc``."""
    found = [doc.meta.title, doc.meta.product]
    for node in doc.iter_nodes():
        found += [node.title, node.notes, *node.tags]
        found += [entry.summary for entry in node.changelog] + [
            entry.version or "" for entry in node.changelog
        ]
        found += [s.text for s in node.suggestions] + [s.rationale or "" for s in node.suggestions]
    return found


def test_import_strips_control_characters_and_keeps_markup(doc: Document) -> None:
    for text in texts(doc):
        assert not CONTROL.search(text), text
    child = doc.root.kids[0]
    assert child.title == clean_line(f"child {HOSTILE}")
    assert MARKUP in child.title and "</script>" in child.title and "]]>" in child.title
    assert child.notes == clean_text(f"line one {HOSTILE}\nline two [red]x[/red]")
    assert child.tags == (f"tag {MARKUP}", "[1mbold-tag")
    assert MARKUP in child.suggestions[0].text and MARKUP in child.changelog[0].summary
    assert doc.meta.title == f"doc {MARKUP}[2J"


@pytest.mark.parametrize("name", READ_WRITE)
def test_every_reader_strips_control_characters(name: str) -> None:
    """Each format's own file carrying raw control characters imports clean (or is refused)."""
    raw = read_json(hostile_json())
    for node in raw.iter_nodes():  # put the raw text back, as a hostile file would carry it
        node.title = f"{node.id} {HOSTILE}"
        node.notes = f"notes {HOSTILE}"
    data = formats.dumps(raw, name)
    try:
        imported = formats.loads(data, name)
    except formats.FormatError:
        # XML 1.0 cannot hold these characters at all: refusing the file is safe.
        assert name in ("mm", "opml", "xmind"), f"{name} refused its own writer's output"
        return
    for text in texts(imported):
        assert not CONTROL.search(text), (name, text)
    assert any(MARKUP in node.title for node in imported.iter_nodes()), name


def unpacked(data: bytes) -> bytes:
    """The bytes of a file, or of every member of it when it is a zip (XMind)."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return b"\n".join(archive.read(info) for info in archive.infolist())


@pytest.mark.parametrize("name", WRITERS)
def test_every_export_keeps_text_literal(doc: Document, name: str) -> None:
    data = formats.dumps(doc, name)
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", unpacked(data)), (
        f"{name} export holds control bytes"
    )
    text = unpacked(data).decode("utf-8", "replace")
    assert "\x9b" not in text
    fmt = formats.by_name(name)
    assert fmt is not None
    if fmt.reader is None:
        # Write-only (PlantUML): the title's words must be there, whatever the escaping.
        assert "child" in text and "click" in text and "alert(1)" in text
        return
    again = formats.loads(data, name)
    titles = sorted(node.title for node in again.iter_nodes())
    assert sorted(node.title for node in doc.iter_nodes()) == titles, name


def test_exports_do_not_break_out_of_their_syntax(doc: Document) -> None:
    """Markup-bearing formats escape what would end a comment, CDATA or element."""
    for name in ("mm", "opml"):
        if formats.by_name(name) is None:
            continue
        text = formats.dumps(doc, name).decode()
        assert "<script>" not in text, name  # escaped as &lt;script&gt;
    if formats.by_name("xmind") is not None:
        formats.loads(formats.dumps(doc, "xmind"), "xmind")  # parses: nothing broke its XML/JSON


def test_show_prints_markup_literally(
    doc: Document,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    main = pytest.importorskip("featuretree.cli.main").main
    path = tmp_path / "hostile.json"
    formats.save(doc, path)
    for forced in (False, True):
        if forced:  # as in a terminal: rich styles the output, and must still not read the text
            monkeypatch.setenv("FORCE_COLOR", "1")
            monkeypatch.setenv("COLUMNS", "400")
        assert main(["show", str(path)]) == 0
        out = capsys.readouterr().out
        assert "[bold]x[/]" in out and "[link=https://evil]click[/link]" in out
        assert "\x1b]8;" not in out, "a hyperlink escape reached the terminal"
        assert "\x07" not in out and "\x00" not in out
        if not forced:
            assert "\x1b" not in out
