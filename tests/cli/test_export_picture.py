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
    assert status == 2 and "--depth: for pictures (--format svg or html), not md" in err
    status, _, err = run("export", "--sample", "zhihu", "--format", "svg", "--stack", "-1")
    assert status == 2 and "whole number" in err
    status, _, err = run("export", "--sample", "zhihu", "--format", "svg", "--direction", "up")
    assert status == 2 and "invalid choice" in err
