"""Small things on the screen a PM noticed: a toast's brackets, words split, rows hidden."""

from __future__ import annotations

from pathlib import Path

from featuretree import formats
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach
from terminal.screen import open_app


def test_the_board_export_toast_does_not_nest_brackets(tmp_path: Path) -> None:
    target = tmp_path / "建议.csv"
    with open_app(["--sample", "zhihu"], tmp_path, size=(100, 30), language="zh") as app:
        app.wait_for("知乎 App")
        app.press("b")
        app.press("ctrl+e")
        app.press("right")  # CSV
        app.press("tab")
        app.type_burst("\x15" + str(target) + "\r")
        app.wait_for("已导出到")
        toast = " ".join(line.strip(" ▏▕│") for line in app.lines() if line.strip())
        assert "CSV（Excel）" in toast
        assert "（CSV（" not in toast
    assert target.exists()


def _panel_rows(app) -> list[str]:
    """The detail panel's rows: right of the split line."""
    return [line.split("▏", 1)[1] for line in app.lines() if "▏" in line]


def test_a_status_word_in_the_detail_header_is_never_split(tmp_path: Path) -> None:
    """At 80×24 the panel is ~30 cells wide: titles of every length put 现有 at every place
    of the line, also where only 现 would fit."""
    doc = Document.new("产品")
    for length in range(10, 24):
        attach(FeatureNode(("功能" * 20)[:length], id=f"n{length}"), doc.root)
    path = tmp_path / "long.json"
    formats.save(Document(doc.root), path)
    with open_app([str(path)], tmp_path, language="zh") as app:
        app.wait_for("产品")
        for _ in range(10, 24):
            app.press("down")
            rows = _panel_rows(app)
            text = "\n".join(rows)
            assert "现有" in text, text
            assert not any(row.rstrip().endswith("现") for row in rows), text


def test_the_detail_panels_last_entry_comes_above_an_open_search_bar(tmp_path: Path) -> None:
    from featuretree.model.annotations import Suggestion

    doc = Document.new("产品")
    texts = [f"第 {i} 条建议" for i in range(1, 16)] + ["最后一条建议"]
    suggestions = tuple(Suggestion(id=f"s{i}", text=text) for i, text in enumerate(texts))
    node = FeatureNode("书架", id="shelf", suggestions=suggestions)
    attach(node, doc.root)
    path = tmp_path / "many.json"
    formats.save(Document(doc.root), path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        app.press("/")
        app.type_burst("书架\r")  # the bar stays open over the panes' last rows
        app.press("d")  # into the detail panel
        for _ in texts:
            app.press("down")
        rows = _panel_rows(app)
        bar = next(i for i, line in enumerate(app.lines()) if line.lstrip().startswith("/ "))
        shown = "\n".join(rows[: bar - 1])
        assert "最后一条建议" in shown, "\n".join(app.lines())
