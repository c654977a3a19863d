"""A colleague's map opens with the branches they left folded still folded, and saving
it keeps them folded in the file (XMind ``branch: folded``, FreeMind ``FOLDED``)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from editor_helpers import SIZE, editor
from screen_text import screen_text

from featuretree import formats
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.problems import ProblemsScreen

MAP = """<map version="1.0.1">
<node TEXT="产品" ID="ID_1">
<node TEXT="首页" ID="ID_2" FOLDED="true"><node TEXT="热榜详情" ID="ID_4"/></node>
<node TEXT="我的" ID="ID_3"><node TEXT="设置中心" ID="ID_5"/></node>
</node>
</map>
"""


async def _open(path: Path) -> tuple[FeatureTreeApp, str]:
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if isinstance(app.screen, ProblemsScreen):
            await pilot.press("escape")
        shown = screen_text(app)
        folded = {node.id for node in editor(app).tree.outline.user_folds}
    return app, shown + "\n" + " ".join(sorted(folded))


async def test_a_freemind_branch_left_folded_opens_folded(tmp_path: Path) -> None:
    path = tmp_path / "map.mm"
    path.write_text(MAP, encoding="utf-8")
    _, shown = await _open(path)
    assert "热榜详情" not in shown  # under the folded branch
    assert "设置中心" in shown  # under the open one
    assert shown.endswith("ID_2")
    # Saved over itself, the file still has the branch folded.
    saved = formats.dumps(formats.load(path), "mm").decode()
    assert '<node TEXT="首页" ID="ID_2" FOLDED="true">' in saved


async def test_an_xmind_branch_left_folded_opens_folded(tmp_path: Path) -> None:
    kids = [
        {
            "id": "a",
            "title": "首页",
            "branch": "folded",
            "children": {"attached": [{"id": "a1", "title": "热榜详情"}]},
        },
        {"id": "b", "title": "我的", "children": {"attached": [{"id": "b1", "title": "设置中心"}]}},
    ]
    sheet = {
        "id": "s",
        "title": "产品",
        "rootTopic": {"id": "r", "title": "产品", "children": {"attached": kids}},
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.json", json.dumps([sheet], ensure_ascii=False))
    path = tmp_path / "map.xmind"
    path.write_bytes(buffer.getvalue())
    _, shown = await _open(path)
    assert "热榜详情" not in shown and "设置中心" in shown
    assert shown.endswith("a")
