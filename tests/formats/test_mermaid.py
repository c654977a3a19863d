"""Mermaid mindmaps: Mermaid's own test file, the grammar's corners, quoting on write."""

from __future__ import annotations

import html.entities
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from featuretree import formats
from featuretree.formats import FormatError
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.text import clean_line
from featuretree.model.tree import attach, preorder_with_depth

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
PUNCTUATION_TITLES = [
    "a-b",
    "(x)",
    "[y]",
    "{z}",
    '"quoted"',
    "#1;",
    "C# 入门",
    "mindmap x",
    "MindMap",
    "::icon(fa)",
    ":::cls",
    "%% not a comment",
    "a;b",
    "<b>bold</b>",
    "x & y",
    "`code`",
    "back\\slash",
    "-)",
    "(-",
    "))((",
    "é ü",
    "全角（括号）",
    "a|b*c",
    "style: #fff;",
    "<br/>",
    "&amp;",
    "#quot;",
    "id[x]",
    "",
]


def read(text: str) -> Document:
    return formats.loads(text.encode("utf-8"), "mermaid")


def outline(doc: Document) -> list[tuple[int, str]]:
    return [(depth, node.title) for node, depth in preorder_with_depth(doc.root)]


def flat_doc(titles: list[str], root: str = "Root (x)") -> Document:
    top = FeatureNode(root, id="r")
    for i, title in enumerate(titles):
        attach(FeatureNode(title, id=f"n{i}"), top)
    return Document(top)


# -- Mermaid's own test file ------------------------------------------------------------


def test_mermaid_test_file_reads_as_mermaid_draws_it(shared_fixtures):
    doc = formats.load(shared_fixtures / "mermaid" / "test.mmd")
    # What Mermaid 11's parser builds from this file (front matter without a title,
    # root((mindmap)), ::icon skipped, <br/> a line break, the 8-space "Uses" line
    # under the 4-space "Ammm…" line).
    assert outline(doc) == [
        (0, "mindmap"),
        (1, "Origins"),
        (2, "Long history"),
        (2, "Popularization"),
        (3, "British popular psychology author Tony Buzan"),
        (1, "Research"),
        (2, "On effectiveness and features"),
        (2, "On Automatic creation"),
        (1, "Ammmmmmmmmmmmmmmmmmmmmmmm"),
        (2, "Uses"),
        (3, "Creative techniques"),
        (3, "Strategic planning"),
        (3, "Argument mapping"),
        (1, "Tools"),
        (2, "Pen and paper"),
        (2, "Mermaid"),
    ]
    assert doc.meta.title == ""  # no front-matter title: the root's, following it
    assert doc.warnings == []


# -- reading the grammar ----------------------------------------------------------------


def test_every_node_shape_is_stripped():
    doc = read(
        "mindmap\n"
        "  root((circle))\n"
        "    a[square]\n"
        "    b(rounded)\n"
        "    c))bang((\n"
        "    d)cloud(\n"
        "    e{{hexagon}}\n"
        "    [no id]\n"
        "    plain text; with: punctuation\n"
        '    f["quoted (with) [brackets] and #quot;entities#quot; #35;1"]\n'
        '    g["`**bold** and *italic* markdown`"]\n'
    )
    assert [title for _, title in outline(doc)] == [
        "circle",
        "square",
        "rounded",
        "bang",
        "cloud",
        "hexagon",
        "no id",
        "plain text; with: punctuation",
        'quoted (with) [brackets] and "entities" #1',
        "bold and italic markdown",
    ]


def test_front_matter_title_comments_icons_and_classes():
    doc = read(
        '---\ntitle: "知乎 App 功能结构图"\nconfig:\n  theme: forest\n---\n'
        "%% a comment before the diagram\n"
        "mindmap\n"
        "  root((知乎))\n"
        "    %% a comment between nodes\n"
        "    首页\n"
        "    ::icon(fa fa-home)\n"
        "    :::urgent large\n"
        "      搜索<br>结果\n"
        "\n"
        "    会员   %% trailing text is part of a bare node, as in Mermaid\n"
    )
    assert outline(doc) == [
        (0, "知乎"),
        (1, "首页"),
        (2, "搜索 结果"),
        (1, "会员   %% trailing text is part of a bare node, as in Mermaid"),
    ]
    assert doc.meta.title == "知乎 App 功能结构图"


def test_uneven_indentation_follows_the_nearest_shallower_line():
    doc = read(
        "mindmap\nroot\n      deep child\n  shallower sibling\n    its child\n   under sibling too\n"
    )
    assert outline(doc) == [
        (0, "root"),
        (1, "deep child"),
        (1, "shallower sibling"),
        (2, "its child"),
        (2, "under sibling too"),
    ]


def test_tabs_count_as_one_character_like_mermaid():
    assert outline(read("mindmap\nroot\n\tA\n\t\tB\n\tC\n")) == [
        (0, "root"),
        (1, "A"),
        (2, "B"),
        (1, "C"),
    ]


def test_mixed_tabs_and_spaces_read_as_mermaid_does_with_a_warning():
    # A tab is one character: "\t" (1) is shallower than "  " (2), so C is A's sibling
    # only because 1 < 2, and D (two spaces) lands under C.
    doc = read("mindmap\nroot\n  A\n\tC\n  D\n")
    assert outline(doc) == [(0, "root"), (1, "A"), (1, "C"), (2, "D")]
    assert any("line 4" in w and "tabs and spaces" in w for w in doc.warnings)


def test_quoted_text_may_span_lines():
    assert outline(read('mindmap\n  root["first\n  second"]\n    child\n')) == [
        (0, "first second"),
        (1, "child"),
    ]


def test_windows_line_endings_and_bom():
    data = b"\xef\xbb\xbfmindmap\r\n  root\r\n    child\r\n"
    assert outline(formats.loads(data, "mermaid")) == [(0, "root"), (1, "child")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("graph TD\n  A --> B\n", "line 1: not a Mermaid mindmap"),
        ("%% only a comment\n\n", "end of file: not a Mermaid mindmap"),
        ("---\ntitle: x\nmindmap\n  root\n", "line 1: the front matter"),
        ("mindmap\n", "the mindmap has no nodes"),
        ("mindmap\n  root\n    a\n  second root\n", "line 4: a mindmap has one root"),
        ("mindmap\n  root[open\n", "line 2: the node shape opened with '[' is not closed"),
        ('mindmap\n  root["open\n  still open\n', "line 2: a quoted text is never closed"),
        ("mindmap\n  root\n    a[x] trailing\n", "line 3: unexpected text after the node"),
        ("mindmap\n  root\n    a[]\n", "line 3: the node shape '[' has no text"),
    ],
)
def test_broken_files_name_the_line(text, expected):
    with pytest.raises(FormatError) as info:
        formats.loads(text.encode(), "mermaid", source="x.mmd")
    assert str(info.value).startswith(f"x.mmd: {expected}")


def test_invalid_utf8_names_the_line():
    with pytest.raises(FormatError, match="line 3: not valid utf-8"):
        formats.loads(b"mindmap\n  root\n    \xff\n", "mermaid")


def test_control_characters_are_stripped():
    assert read("mindmap\n  ro\x1bo\x9bt\x07\n").root.title == "root"


# -- writing ----------------------------------------------------------------------------

# What the writer promises, from mindmap.jison: a node line is the indentation, an id,
# and a shape whose text is either free of every character the lexer or Mermaid's
# entity pass treats specially, or a double-quoted string without a double quote.
_SAFE = r'[^()\[\]{}"#<>&`\s](?:[^()\[\]{}"#<>&`]*[^()\[\]{}"#<>&`\s])?'
_QUOTED = r'"[^"\n]+"'
_NODE_LINE = re.compile(
    rf"(?P<pad>(?:  )+)(?:root\(\((?:{_SAFE}|{_QUOTED})\)\)|n\d+\[(?:{_SAFE}|{_QUOTED})\])"
)


def check_grammar(data: bytes) -> None:
    lines = data.decode("utf-8").split("\n")
    assert lines[-1] == ""
    start = lines.index("mindmap")
    assert start == 0 or (lines[0] == "---" and lines[start - 1] == "---")
    for number, line in enumerate(lines[start + 1 : -1], start=start + 2):
        match = _NODE_LINE.fullmatch(line)
        assert match, f"line {number} breaks the quoting rules: {line!r}"
        assert (len(match["pad"]) == 2) == (number == start + 2), (
            f"line {number}: only the root is at depth 0"
        )


def test_punctuation_heavy_titles_are_quoted_and_read_back():
    doc = flat_doc(PUNCTUATION_TITLES)
    data = formats.dumps(doc, "mermaid")
    check_grammar(data)
    assert outline(read(data.decode())) == outline(doc)
    text = data.decode()
    assert '  root(("Root (x)"))\n' in text
    assert '["#quot;quoted#quot;"]' in text  # Mermaid's entity syntax, not a backslash
    assert "[全角（括号）]" in text  # full-width punctuation needs no quotes


def test_zhihu_sample_exports_to_valid_mermaid():
    path = SAMPLES / "zhihu.json"
    if not path.exists():
        pytest.skip("samples/zhihu.json is absent")
    doc = formats.load(path)
    data = formats.dumps(doc, "mermaid")
    check_grammar(data)
    back = read(data.decode())
    assert outline(back) == outline(doc)
    assert back.meta.title == doc.meta.title


def test_deep_tree_round_trips():
    root = FeatureNode("L0", id="n0")
    node = root
    for i in range(1, 5000):
        child = FeatureNode(f"L{i}", id=f"n{i}")
        attach(child, node)
        node = child
    doc = Document(root)
    back = formats.loads(formats.dumps(doc, "mermaid"), "mermaid")
    assert len(back) == 5000
    assert list(preorder_with_depth(back.root))[-1][1] == 4999


def test_mermaid_and_mmd_names_and_extensions():
    assert formats.by_name("mmd") is formats.by_name("mermaid")
    assert (
        formats.for_path("x.mermaid")
        is formats.for_path("diagram.mmd")
        is formats.by_name("mermaid")
    )


# -- the real Mermaid, when installed by hand --------------------------------------------
# Set FEATURETREE_MERMAID_DIR to a folder where `npm install mermaid jsdom` was run.

_PLACEHOLDER = re.compile("ﬂ°(°?)(\\w+)¶ß")


def _mermaid_label(descr: str) -> str:
    """Mermaid's parsed label as it is drawn: entity placeholders decoded, <br> a break."""

    def entity(match: re.Match[str]) -> str:
        numeric, body = match.groups()
        return chr(int(body)) if numeric else html.entities.html5.get(body + ";", match[0])

    return clean_line(_PLACEHOLDER.sub(entity, re.sub(r"<br\s*/?>", " ", descr, flags=re.I)))


def test_real_mermaid_parses_our_files_as_we_read_them(tmp_path, shared_fixtures):
    folder = os.environ.get("FEATURETREE_MERMAID_DIR", "")
    if (
        not folder
        or not (Path(folder) / "node_modules" / "mermaid").is_dir()
        or not shutil.which("node")
    ):
        pytest.skip("set FEATURETREE_MERMAID_DIR to a folder with `npm install mermaid jsdom` done")
    files = [shared_fixtures / "mermaid" / "test.mmd", tmp_path / "punctuation.mmd"]
    files[1].write_bytes(formats.dumps(flat_doc(PUNCTUATION_TITLES), "mermaid"))
    if (SAMPLES / "zhihu.json").exists():
        files.append(tmp_path / "zhihu.mmd")
        files[-1].write_bytes(formats.dumps(formats.load(SAMPLES / "zhihu.json"), "mermaid"))
    script = Path(__file__).with_name("mermaid_parse.mjs")
    result = subprocess.run(
        ["node", str(script), folder, *map(str, files)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    trees: dict[str, list[tuple[int, str]]] = {}
    current: list[tuple[int, str]] = []
    for line in result.stdout.splitlines():
        if line.startswith("FILE\t"):
            current = trees.setdefault(line[5:], [])
        elif re.match(r"\d+\t", line):
            depth, descr = line.split("\t", 1)
            current.append((int(depth), _mermaid_label(descr)))
    assert set(trees) == set(map(str, files))
    for file in files:
        assert trees[str(file)] == outline(formats.load(file, "mermaid")), file.name


@settings(max_examples=300, deadline=None)
@given(st.text('mindap \t\n()[]{}-"`#;:%<br/>x功', max_size=60))
def test_any_text_reads_or_fails_cleanly(text):
    try:
        read("mindmap\n" + text)
        read(text)
    except FormatError:
        pass


def test_a_chain_too_deep_for_indentation_is_refused_not_exhausting_memory():
    root = FeatureNode("L0", id="n0")
    node = root
    for i in range(1, 40_000):  # 40,000² / 2 level stars: 763 MiB (Mermaid: twice that)
        child = FeatureNode("x", id=f"n{i}")
        attach(child, node)
        node = child
    doc = Document(root)
    with pytest.raises(FormatError, match="too deeply nested for a Mermaid mindmap"):
        formats.dumps(doc, "mermaid")
    with pytest.raises(FormatError, match="too deeply nested for a PlantUML mindmap"):
        formats.dumps(doc, "plantuml")
