"""The command palette (Ctrl+P) shows the query as typed, also sent in one write with the
Ctrl+P, and Enter runs the command that query finds.

Textual's palette typed into a plain ``Input``: Backspace and Ctrl+U ran after the
characters sent behind them (``abc⌫⌫xy`` showed ``abc``), a full-width space was dropped,
and an Enter right behind the query picked a match for part of it (``theme⏎`` opened
"Add change-log entry").
"""

from __future__ import annotations

from pathlib import Path

from terminal.screen import open_app

CTRL_P = "\x10"


def _query(app) -> str:
    """The palette's query row, after the magnifier."""
    row = next(line for line in app.lines() if "🔎" in line)
    return row.split("🔎", 1)[1].strip(" ▊")


def test_a_query_sent_with_ctrl_p_in_one_write_is_shown_whole(tmp_path: Path) -> None:
    with open_app(["--sample", "zhihu"], tmp_path, language="zh") as app:
        app.wait_for("知乎 App")
        app.type_burst(CTRL_P + "导出\u3000svg 图")
        app.wait_for("🔎")
        assert _query(app) == "导出\u3000svg 图"


def test_editing_keys_in_a_burst_act_where_they_were_typed(tmp_path: Path) -> None:
    with open_app(["--sample", "zhihu"], tmp_path) as app:
        app.wait_for("知乎 App")
        app.type_burst(CTRL_P + "abc\x7f\x7fxy")
        app.wait_for("🔎")
        assert _query(app) == "axy"
        app.type_burst("\x15your 名字")  # Ctrl+U first, then the new query
        assert _query(app) == "your 名字"


def test_a_pasted_query_is_shown_whole(tmp_path: Path) -> None:
    with open_app(["--sample", "zhihu"], tmp_path, language="zh") as app:
        app.wait_for("知乎 App")
        app.type_burst(CTRL_P)
        app.paste("导出 svg\u3000图")
        app.wait_for("🔎")
        assert _query(app) == "导出 svg\u3000图"


def test_enter_in_the_burst_runs_the_command_the_whole_query_finds(tmp_path: Path) -> None:
    with open_app(["--sample", "zhihu"], tmp_path) as app:
        app.wait_for("知乎 App")
        app.type_burst(CTRL_P + "your name\r")
        # The author form, not the top of an earlier list (Add change-log entry).
        app.wait_for("Filled in as the author")
        assert "🔎" not in app.text()
        assert "Your name" in app.text()


def test_a_chinese_query_and_enter_in_one_write_open_the_export_form(tmp_path: Path) -> None:
    with open_app(["--sample", "zhihu"], tmp_path, language="zh") as app:
        app.wait_for("知乎 App")
        app.type_burst(CTRL_P + "旧的\x15导出\r")
        app.wait_for("保存为")  # the export form's path row
        assert "🔎" not in app.text()


def test_keys_behind_the_enter_land_in_the_form_the_command_opens(tmp_path: Path) -> None:
    with open_app(["--sample", "zhihu"], tmp_path) as app:
        app.wait_for("知乎 App")
        app.type_burst(CTRL_P + "your name\r张 三\u3000丰")
        app.wait_for("Filled in as the author")
        row = next(line for line in app.lines() if "Name " in line)
        assert row.split("Name", 1)[1].strip(" │") == "张 三\u3000丰"


def test_keys_behind_an_enter_that_finds_nothing_stay_in_the_query(tmp_path: Path) -> None:
    with open_app(["--sample", "zhihu"], tmp_path) as app:
        app.wait_for("知乎 App")
        app.type_burst(CTRL_P + "zzqq\rx y")
        app.wait_for("No matching commands")
        assert _query(app) == "zzqqx y"
