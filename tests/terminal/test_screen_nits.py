"""Small things on the screen a PM noticed: a toast's brackets, words split, rows hidden."""

from __future__ import annotations

from pathlib import Path

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
