"""Ctrl+E to SVG, PNG or HTML draws the picture as the diagram view draws it: a PM who
switched the diagram to left-right (the only readable way for a few hundred nodes) got a
top-down picture from the editor, the command line's default."""

from __future__ import annotations

from pathlib import Path

import pytest
from defusedxml import ElementTree

from featuretree.tui import FeatureTreeApp

SVG = "{http://www.w3.org/2000/svg}"


def _root_box(path: Path) -> tuple[float, float]:
    groups = ElementTree.fromstring(path.read_bytes()).iter(f"{SVG}g")
    rect = next(g for g in groups if g.get("data-id") == "root").find(f"{SVG}rect")
    return float(rect.get("x")), float(rect.get("y"))


@pytest.mark.parametrize("direction", ["right", "down"])
async def test_an_exported_svg_goes_the_way_the_diagram_does(
    doc_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, direction: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'diagram_direction = "{direction}"\n', encoding="utf-8")
    monkeypatch.setenv("FEATURETREE_CONFIG", str(config))
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=(100, 30)) as pilot:
        app.last_export_format = "svg"  # the format the form offers first
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert app.screen.query_one("#path").value == str(tmp_path / "app.svg")
        await pilot.press("enter")
        await pilot.pause()
    x, y = _root_box(tmp_path / "app.svg")
    if direction == "right":  # the root at the left edge, halfway down
        assert x == 0 and y > 0
    else:  # the root on top, halfway across
        assert y == 0 and x > 0
