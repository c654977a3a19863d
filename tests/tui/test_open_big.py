"""Opening a document bigger than the first screen: the editor draws its first frame from
the first rows and works out the rest afterwards, and nothing a user does can tell."""

from __future__ import annotations

from pathlib import Path

from editor_helpers import SIZE, cursor_title, editor, screen_rows

from featuretree import formats
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach, preorder
from featuretree.tui import FeatureTreeApp
from featuretree.view.outline import Outline


def big_document(modules: int = 40, features: int = 25) -> Document:
    """1 + 40 + 40×25 = 1,041 nodes: more than the 300 rows flattened before the first frame."""
    doc = Document.new("大型产品")
    for m in range(modules):
        module = FeatureNode(f"模块{m}", id=f"m{m}")
        attach(module, doc.root)
        for f in range(features):
            attach(FeatureNode(f"功能{m}-{f}", id=f"m{m}f{f}"), module)
    doc.register(doc.root)
    return doc


async def test_a_big_document_opens_fully_expanded_and_settles_after_the_first_frame(
    tmp_path: Path,
):
    doc = big_document()
    assert len(doc) > Outline.prefix_rows
    path = tmp_path / "big.json"
    formats.save(doc, path)
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        outline = editor(app).tree.outline
        assert outline._walk_left is None and not outline._spans_owed  # settled
        assert len(outline) == len(doc)
        assert "模块0" in screen_rows(app)[1]
        await pilot.press("end")
        assert cursor_title(app) == "功能39-24"  # the last row of the whole tree
        await pilot.press("home", "down", "space")  # fold the first module
        assert len(outline) == len(doc) - 25
        expected = [
            n.title
            for n in preorder(editor(app).doc.root)
            if n.parent is None or n.parent.id != "m0"
        ]
        assert [outline.row(i).title for i in range(len(outline))] == expected
