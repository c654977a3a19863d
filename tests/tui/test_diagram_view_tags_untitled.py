"""In the editor's diagram view (v), a tagged node shows its tags and an untitled node
the outline's placeholder, as the exported pictures do."""

from __future__ import annotations

from pathlib import Path

from editor_helpers import SIZE, small_document

from featuretree import formats
from featuretree.i18n import t
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach
from featuretree.tui import FeatureTreeApp
from featuretree.tui.widgets.diagram_view import DiagramView


async def test_the_diagram_view_shows_tags_and_the_untitled_placeholder(tmp_path: Path):
    doc = small_document()
    doc.node("search").tags = ("P0", "v2.1")
    attach(FeatureNode("", id="blank"), doc.node("msg"))
    path = tmp_path / "app.json"
    formats.save(doc, path)
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        await pilot.pause()
        view = app.screen.query_one(DiagramView)
        text = "\n".join(view.render_line(y).text for y in range(view.size.height))
        assert "#P0 #v2.1" in text
        assert t("app.untitled_row") in text
