"""Issue 17, item 15: ``export --outline`` and ``convert --outline``: Markdown with titles
and structure only, for markmap, 飞书, 语雀 and mind-map imports."""

from __future__ import annotations

from pathlib import Path

from featuretree import formats
from featuretree.model.tree import preorder_with_depth
from featuretree.samples_catalog import sample_path


def _outline(doc) -> list[tuple[int, str]]:
    return [(depth, node.title) for node, depth in preorder_with_depth(doc.root)]


def test_export_outline_prints_titles_and_structure_only(run) -> None:
    status, out, _ = run("export", "--sample", "zhihu", "--format", "md", "--outline")
    assert status == 0
    assert out.startswith("# 知乎 App\n\n## 首页\n\n### 顶部栏\n\n- 搜索\n  - 热搜榜\n")
    assert "<!--" not in out and "\n>" not in out and "  >" not in out
    assert "优化建议" not in out and "状态" not in out
    sample = formats.load(sample_path("zhihu"))
    assert _outline(formats.loads(out.encode("utf-8"), "md")) == _outline(sample)


def test_convert_outline_writes_the_same_outline(run, tmp_path: Path) -> None:
    _, printed, _ = run("export", "--sample", "zhihu", "--format", "md", "--outline")
    source = tmp_path / "zhihu.json"
    source.write_bytes(sample_path("zhihu").read_bytes())
    target = tmp_path / "zhihu-map.md"
    status, out, _ = run("convert", source, target, "--outline")
    assert status == 0 and "converted" in out
    assert target.read_text(encoding="utf-8") == printed
    status, _, _ = run("convert", source, "-", "--to", "md", "--outline")
    assert status == 0


def test_outline_is_refused_where_it_means_nothing(run, tmp_path: Path) -> None:
    status, _, err = run("export", "--sample", "zhihu", "--format", "opml", "--outline")
    assert status == 2 and "--outline is for Markdown" in err
    target = tmp_path / "map.opml"
    status, _, err = run("convert", sample_path("zhihu"), target, "--outline")
    assert status == 2 and "--outline is for Markdown" in err and not target.exists()
    status, _, err = run("export", "--sample", "zhihu", "-f", "md", "--outline", "--no-ids")
    assert status == 2 and "choose one" in err
