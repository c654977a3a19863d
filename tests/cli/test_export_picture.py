"""``featuretree export --format svg`` with --direction, --depth and --stack; ``convert x.svg``."""

from __future__ import annotations

from pathlib import Path

from defusedxml import ElementTree

from featuretree.samples_catalog import sample_path

SVG = "{http://www.w3.org/2000/svg}"


def _boxes(path: Path) -> dict[str, tuple[float, float]]:
    root = ElementTree.fromstring(path.read_bytes())
    return {
        g.get("data-id"): (
            float(g.find(f"{SVG}rect").get("x")),
            float(g.find(f"{SVG}rect").get("y")),
        )
        for g in root.iter(f"{SVG}g")
        if g.get("data-id")
    }


def test_convert_json_to_svg_draws_every_node(run, tmp_path: Path) -> None:
    target = tmp_path / "知乎.svg"
    status, out, err = run("convert", sample_path("zhihu"), target)
    assert status == 0, err
    assert "converted" in out
    assert len(_boxes(target)) == 98


def test_export_svg_options_change_the_picture(run, tmp_path: Path) -> None:
    down, right, shallow = tmp_path / "d.svg", tmp_path / "r.svg", tmp_path / "s.svg"
    assert run("export", "--sample", "wms", "--format", "svg", "-o", down)[0] == 0
    assert (
        run("export", "--sample", "wms", "-f", "svg", "--direction", "right", "-o", right)[0] == 0
    )
    status, _, err = run("export", "--sample", "wms", "-o", shallow, "--depth", "1", "--stack", "2")
    assert status == 0, err
    d, r, s = _boxes(down), _boxes(right), _boxes(shallow)
    assert len(d) == len(r) == 85
    root_id = next(iter(d))
    # Going right, the root sits at the left edge, halfway down; going down, at the top.
    assert r[root_id][0] == 0 and r[root_id][1] > 0
    assert d[root_id][1] == 0 and d[root_id][0] > 0
    assert len(s) == 1 + 5  # the root and its modules; the rest is "+N"
    assert "+" in shallow.read_text(encoding="utf-8")


def test_picture_options_on_other_formats_are_refused_clearly(run) -> None:
    status, _, err = run("export", "--sample", "zhihu", "--format", "md", "--depth", "2")
    assert status == 2 and "--depth: for pictures (--format svg, png or html), not md" in err
    status, _, err = run("export", "--sample", "zhihu", "--format", "svg", "--stack", "-1")
    assert status == 2 and "whole number" in err
    status, _, err = run("export", "--sample", "zhihu", "--format", "svg", "--direction", "up")
    assert status == 2 and "invalid choice" in err


def _warehouse(path: Path) -> Path:
    """Five modules of six features, each with seven items, one of them with two of its
    own: 246 nodes that top-down spread into a ribbon (mixed children are a row)."""
    lines = ["# 云仓 WMS", ""]
    for module in ("入库", "出库", "库内", "基础资料", "策略"):
        lines += [f"## {module}", ""]
        for feature in range(6):
            lines += [f"### {module}功能{feature}", ""]
            for item in ("列表", "详情", "新建", "编辑", "导入 Excel", "PDA 扫码", "打印标签"):
                lines.append(f"- {module}{item}")
            lines += ["  - 批量处理", "  - 操作日志", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_a_picture_far_wider_than_high_says_how_to_draw_a_narrower_one(run, tmp_path: Path):
    """A 246-node tree top-down is ~25,000 px wide and 500 high: unreadable on a slide,
    and the options that help are in --help only. The export names them."""
    source = _warehouse(tmp_path / "wms.md")
    status, _, err = run("export", source, "--format", "svg", "-o", tmp_path / "wide.svg")
    assert status == 0, err
    width, height = _size(tmp_path / "wide.svg")
    assert width > 5 * height
    assert f"{round(width):,} px wide" in err
    assert "--direction right" in err and "--depth 2" in err
    # Drawn right, or a few levels, or a picture of normal proportions: no hint.
    for options in (("--direction", "right"), ("--depth", "2")):
        status, _, err = run(
            "export", source, "-f", "svg", "-o", tmp_path / f"{options[0]}.svg", *options
        )
        assert status == 0 and "hint" not in err, err
    status, _, err = run("export", "--sample", "zhihu", "-f", "svg", "-o", tmp_path / "zhihu.svg")
    assert status == 0 and "hint" not in err, err


def _size(path: Path) -> tuple[float, float]:
    root = ElementTree.fromstring(path.read_bytes())
    return float(root.get("width")), float(root.get("height"))
