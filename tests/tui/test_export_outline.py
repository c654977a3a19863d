"""Ctrl+E offers the Markdown outline (issue 17, item 15, in the editor): titles and
structure only, as ``featuretree export --outline`` writes it, for markmap, 飞书 and 语雀."""

from __future__ import annotations

from pathlib import Path

from editor_helpers import SIZE, small_document
from screen_text import screen_text

from featuretree import formats
from featuretree.formats.markdown_writer import write_outline
from featuretree.model.tree import preorder
from featuretree.tui import FeatureTreeApp


async def test_ctrl_e_writes_the_outline_of_titles_only(tmp_path: Path, notes):
    doc = small_document()
    doc.node("home").notes = "首页说明"
    source = tmp_path / "app.json"
    formats.save(doc, source)
    app = FeatureTreeApp(source)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("right", "right")  # Markdown → for a PRD → the outline
        await pilot.pause()
        shown = " ".join(screen_text(app).split())
        assert "Markdown outline (titles only)" in shown
        target = tmp_path / "app-outline.md"
        assert app.screen.query_one("#path").value == str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert any(str(target) in text for text in seen)
    text = target.read_text(encoding="utf-8")
    assert text.encode("utf-8") == write_outline(formats.load(source))  # as the CLI writes it
    assert "首页说明" not in text and "<!--" not in text
    back = formats.load(target)
    assert [n.title for n in preorder(back.root)] == [n.title for n in preorder(doc.root)]
