"""PlantUML mindmap export: levels, status colours, notes boxes, escaping of Creole."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from featuretree import formats
from featuretree.formats.plantuml_format import escape
from featuretree.model.annotations import FeatureStatus
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
# Everything Creole, PlantUML's preprocessor or the mindmap syntax would otherwise read.
TRICKY = [
    "a--b",
    "**bold**",
    "//it//",
    '""mono""',
    "__u__",
    "~~wave~~",
    "~x",
    "x<b>y</b>",
    "<&star>",
    "<U+0041>",
    "\\n new",
    "%date()",
    "$x",
    "[[link]]",
    ":colon",
    "* star",
    "# hash",
    "= h",
    "| cell |",
    "...dots",
    "----",
    "a & b",
    "&amp;",
    "<<stereo>>",
    "[#red] x",
    "_under",
    "^^sup^^",
    ",,sub,,",
    "x;",
    "@endmindmap",
    "!include x",
    "C# 入门",
    "50%",
    "a-b",
    "it's",
]


def doc_with(titles: list[str], notes: bool = False) -> Document:
    root = FeatureNode("Root", id="r")
    for i, title in enumerate(titles):
        attach(FeatureNode(title, id=f"n{i}", notes=f"note {title}\nends;" if notes else ""), root)
    return Document(root)


def test_levels_and_status_colours():
    root = FeatureNode("App", id="a")
    module = FeatureNode("模块", id="m", status=FeatureStatus.NEW)
    attach(module, root)
    attach(FeatureNode("功能", id="f", status=FeatureStatus.CHANGED), module)
    attach(FeatureNode("旧功能", id="o", status=FeatureStatus.DEPRECATED), root)
    text = formats.dumps(Document(root), "plantuml").decode()
    lines = text.splitlines()
    assert lines[0] == "@startmindmap" and lines[-1] == "@endmindmap"
    assert "* App" in lines
    assert "**[#lightgreen] 模块" in lines
    assert "***[#gold] 功能" in lines
    assert "**[#lightgray] 旧功能" in lines
    # A legend explains each colour that is used.
    assert re.search(r"legend right\n(.*\n){3}endlegend", text)


def test_no_legend_without_statuses():
    text = formats.dumps(doc_with(["a", "b"]), "plantuml").decode()
    assert "legend" not in text


def test_notes_become_a_multi_line_box_that_ends_at_the_right_semicolon():
    root = FeatureNode("搜索", id="s", notes="第一行;\n\n第三行 ;")
    lines = formats.dumps(Document(root), "plantuml").decode().splitlines()
    start = lines.index("*:搜索")
    # A line ending in ';' would close the box early; it is written as a code point.
    assert lines[start : start + 5] == [
        "*:搜索",
        "----",
        "第一行<U+003B>",
        "<U+00A0>",
        "第三行 <U+003B>;",
    ]


def test_notes_can_be_left_out():
    from featuretree.formats.plantuml_format import write_plantuml

    text = write_plantuml(Document(FeatureNode("t", id="t", notes="n")), notes=False).decode()
    assert "* t\n" in text and "n;" not in text


@pytest.mark.parametrize("title", TRICKY)
def test_escaped_text_has_no_markup_left(title):
    escaped = escape(title)
    plain = re.sub(r"<U\+[0-9A-F]{4}>", "", escaped)
    assert not re.search(r"\*\*|//|\"\"|--|__|~|<|>|&|\[\[|\\|%[A-Za-z]|\$[A-Za-z]", plain), escaped
    assert escaped[:1] not in set(":*#-=|.[_")
    decoded = re.sub(r"<U\+([0-9A-F]{4})>", lambda m: chr(int(m[1], 16)), escaped)
    assert decoded == title


def test_plain_titles_stay_readable():
    assert escape("知乎 App / 首页（推荐）") == "知乎 App / 首页（推荐）"
    assert escape("a-b, c_d") == "a-b, c_d"


def test_deep_tree():
    root = FeatureNode("L0", id="n0")
    node = root
    for i in range(1, 5000):
        child = FeatureNode(f"L{i}", id=f"n{i}")
        attach(child, node)
        node = child
    lines = formats.dumps(Document(root), "plantuml").decode().splitlines()
    assert ("*" * 5000 + " L4999") in lines


def test_plantuml_is_write_only_and_found_by_extension():
    fmt = formats.for_path("x.puml")
    assert fmt is formats.by_name("puml") is formats.by_name("plantuml")
    assert fmt.reader is None
    with pytest.raises(formats.FormatError, match="cannot read"):
        formats.loads(b"@startmindmap\n@endmindmap\n", "plantuml")


def test_real_plantuml_draws_every_title_literally(tmp_path):
    """Runs only where the ``plantuml`` command is installed (e.g. Debian's package)."""
    if not shutil.which("plantuml"):
        pytest.skip("plantuml is not installed")
    titles = TRICKY + (
        [n.title for n in formats.load(SAMPLES / "zhihu.json").iter_nodes()]
        if (SAMPLES / "zhihu.json").exists()
        else []
    )
    source = tmp_path / "tricky.puml"
    source.write_bytes(formats.dumps(doc_with(titles, notes=True), "plantuml"))
    subprocess.run(
        ["plantuml", "-tsvg", "-failfast2", str(source)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    svg = (tmp_path / "tricky.svg").read_text("utf-8")
    drawn = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    for title in titles:
        assert title in drawn
        assert f"note {title}" in drawn
    assert drawn.count("ends;") == len(titles)
