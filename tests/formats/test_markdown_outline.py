"""Issue 17, item 15: the outline export (``--outline``) for markmap, 飞书, 语雀 and
mind-map imports, and what the real markmap shows of featuretree's Markdown.

The markmap tests run the real markmap-lib (``markmap_tree.mjs``) when
``FEATURETREE_MARKMAP_DIR`` names a folder where ``npm install markmap-lib`` was done.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from featuretree.formats import dumps, load, loads
from featuretree.formats.markdown_writer import HEADING_LEVELS, LIST_NESTING_CAP, write_outline
from featuretree.model import Document, FeatureNode, FeatureStatus, Suggestion
from featuretree.model.tree import attach, preorder_with_depth

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
TITLES = [
    "支持 <video> 标签播放",
    "1. 第一步",
    "- 不是列表",
    "> 不是引用",
    "# 不是标题",
    "**粗体** 与 `代码`",
    "[链接](https://example.com)",
    "==mark== ~sub~ ^sup^ $x$",
    "[x] 复选框",
    "a\\b",
    "C# ##",
]


def outline(doc: Document) -> list[tuple[int, str]]:
    return [(depth, node.title) for node, depth in preorder_with_depth(doc.root)]


DRAWN_BY_MARKMAP = {
    # markmap's own syntax is written as it is (markdown_format.py), so markmap draws it:
    # the title's text as markmap shows it, and the markup it draws.
    "==mark== ~sub~ ^sup^ $x$": ("mark sub sup xxx", ("<mark>", "<sub>", "<sup>", "katex")),
    "[x] 复选框": ("复选框", ("<svg",)),
}


def _as_drawn(title: str) -> str:
    return DRAWN_BY_MARKMAP[title][0] if title in DRAWN_BY_MARKMAP else title


def _check_drawn(title: str, content: str) -> None:
    for markup in DRAWN_BY_MARKMAP.get(title, ("", ()))[1]:
        assert markup in content, (title, content)


def annotated_doc() -> Document:
    """Every title of TITLES at heading level and at list level, each annotated."""
    root = FeatureNode("功能结构图", id="root", notes="根备注")
    for i, title in enumerate(TITLES):
        top = FeatureNode(title, id=f"t{i}", status=FeatureStatus.NEW, notes="模块备注")
        attach(top, root)
        parent = top
        for level in range(1, HEADING_LEVELS + 1):  # down to list level
            kid = FeatureNode(
                title,
                id=f"t{i}_{level}",
                notes=f"备注 {level}",
                tags=("标签",),
                suggestions=[Suggestion(id=f"s{i}_{level}", text="建议内容")],
            )
            attach(kid, parent)
            parent = kid
    return Document(root)


def _sample() -> Document:
    path = SAMPLES / "zhihu.json"
    if not path.exists():
        pytest.skip("samples/zhihu.json is not present")
    return load(path)


# -- the outline -----------------------------------------------------------------------


def test_the_outline_has_titles_and_structure_only():
    doc = _sample()
    text = write_outline(doc).decode("utf-8")
    assert "<!--" not in text  # no ids
    assert not [line for line in text.splitlines() if line.lstrip().startswith(">")]
    assert "优化建议" not in text and "修改记录" not in text and "文档信息" not in text
    for node in doc.iter_nodes():
        if node.notes:
            assert node.notes.splitlines()[0] not in text
    back = loads(text.encode("utf-8"), "md")
    assert outline(back) == outline(doc)
    assert not any(n.notes or n.suggestions or n.changelog for n in back.iter_nodes())


def test_the_outline_lines_are_headings_then_a_list():
    root = FeatureNode("App", id="r", notes="x")
    area = FeatureNode("Home", id="a", status=FeatureStatus.NEW)
    page = FeatureNode("Feed", id="p")
    item = FeatureNode("Card", id="i", notes="shown in the feed")
    sub = FeatureNode("Autoplay", id="s")
    attach(area, root)
    attach(page, area)
    attach(item, page)
    attach(sub, item)
    text = write_outline(Document(root)).decode("utf-8")
    assert text == "# App\n\n## Home\n\n### Feed\n\n- Card\n  - Autoplay\n"


def test_markup_in_titles_reads_back_literally_from_the_outline():
    doc = annotated_doc()
    back = loads(write_outline(doc), "md")
    assert outline(back) == outline(doc)


def test_an_outline_deeper_than_the_list_cap_keeps_its_structure():
    root = FeatureNode("root", id="root")
    node = root
    depth = HEADING_LEVELS + LIST_NESTING_CAP + 5
    for i in range(depth):
        kid = FeatureNode(f"level {i}", id=f"l{i}", notes="n")
        attach(kid, node)
        node = kid
    text = write_outline(Document(root)).decode("utf-8")
    assert "id:" not in text
    assert outline(loads(text.encode("utf-8"), "md")) == outline(Document(root))


# -- what the real markmap shows -------------------------------------------------------


def _markmap(tmp_path: Path, texts: dict[str, bytes]) -> dict[str, list[tuple[int, str]]]:
    """Each file's mind map as markmap builds it: (depth, node content as HTML)."""
    folder = os.environ.get("FEATURETREE_MARKMAP_DIR", "")
    if (
        not folder
        or not (Path(folder) / "node_modules" / "markmap-lib").is_dir()
        or not shutil.which("node")
    ):
        pytest.skip("set FEATURETREE_MARKMAP_DIR to a folder with `npm install markmap-lib` done")
    files = []
    for name, data in texts.items():
        files.append(tmp_path / name)
        files[-1].write_bytes(data)
    script = Path(__file__).with_name("markmap_tree.mjs")
    result = subprocess.run(
        ["node", str(script), folder, *map(str, files)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    trees: dict[str, list[tuple[int, str]]] = {}
    current: list[tuple[int, str]] = []
    for line in result.stdout.splitlines():
        if line.startswith("FILE\t"):
            current = trees.setdefault(Path(line[5:]).name, [])
        else:
            depth, content = line.split("\t", 1)
            current.append((int(depth), json.loads(content)))
    return trees


def _text(content: str) -> str:
    """What a node's HTML shows as text."""
    return html.unescape(re.sub(r"<!--.*?-->|<[^>]+>", "", content, flags=re.S)).strip()


def test_real_markmap_draws_the_outline_as_the_tree(tmp_path):
    docs = {"zhihu.md": _sample(), "titles.md": annotated_doc()}
    trees = _markmap(tmp_path, {name: write_outline(doc) for name, doc in docs.items()})
    for name, doc in docs.items():
        shown = [(depth, _text(content)) for depth, content in trees[name]]
        assert shown == [(depth, _as_drawn(title)) for depth, title in outline(doc)], name
        for (_, content), (_, title) in zip(trees[name], outline(doc)):
            _check_drawn(title, content)


def test_real_markmap_hides_heading_annotations_and_packs_list_ones_into_the_node(tmp_path):
    """What the README says of the full file in markmap: the same tree (annotations are
    never nodes), nothing of the top three levels' blockquotes, and a list item's whole
    blockquote inside its node."""
    doc = annotated_doc()
    tree = _markmap(tmp_path, {"full.md": dumps(doc, "md")})["full.md"]
    nodes = [node for node, _ in preorder_with_depth(doc.root)]
    assert [depth for depth, _ in tree] == [depth for depth, _ in outline(doc)]
    for (depth, content), node in zip(tree, nodes):
        if depth < HEADING_LEVELS:
            assert _text(content) == _as_drawn(node.title)  # no notes or status shown
        else:
            assert "<blockquote" in content and "建议内容" in _text(content)
