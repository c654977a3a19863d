"""Every screen of the app, reached the way a user reaches it (imported by the snapshot tests).

``SCREENS[name]`` is an async ``run_before(pilot)`` for ``snap_compare`` on
:func:`tour_app`: the Zhihu sample with a long CJK title, the cursor on that node, which
has notes, change-log entries and suggestions. Anything that shows today's date or a
temporary path is set to a fixed value, so the pictures do not change from run to run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path

from persistence_helpers import wait_for

from featuretree import formats
from featuretree.i18n import error_text, t
from featuretree.model.tree import preorder
from featuretree.operations import annotate
from featuretree.storage.recovery import RecoveryInfo
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.dialogs import SavePathScreen
from featuretree.tui.screens.questions import (
    RecoveryDialog,
    external_change_dialog,
    reload_dialog,
    replace_file_dialog,
    unsaved_dialog,
)
from featuretree.tui.widgets.detail import DetailPanel

ZHIHU = Path(__file__).resolve().parents[2] / "samples" / "zhihu.json"
LONG_TITLE = "知乎直答（AI 搜索问答：基于社区内容生成带引用来源的回答，支持追问与深度研究模式）"
FILE_NAME = "知乎 App 功能结构图（2026 年 12 月评审版）.json"


def tour_app(tmp_path: Path) -> FeatureTreeApp:
    """The app on a copy of the Zhihu sample whose 知乎直答 has a long title."""
    doc = formats.load(ZHIHU)
    node = next(n for n in preorder(doc.root) if n.title == "知乎直答")
    node.title = LONG_TITLE
    path = tmp_path / "zhihu.json"
    formats.save(doc, path)
    return FeatureTreeApp(path, recent_files=list)


Step = Callable[..., Awaitable[None]]


async def _to_long_node(pilot) -> None:
    await pilot.pause()
    await pilot.press(*"jjjjjjj")  # 知乎 App › 首页 › 顶部栏 › 搜索 › … › the long one
    # The detail panel follows the cursor after a short delay: wait for it to show the
    # node (not a fixed 0.4 s, paid by every snapshot of the tour), then for its drawing.
    app = pilot.app
    panel = app.screen.query_one(DetailPanel)
    await wait_for(pilot, lambda: panel.node is app.editor.tree.cursor_node, timeout=30)
    assert panel.node.title == LONG_TITLE
    await pilot.pause()


def _fixed(pilot, **values: str) -> None:
    for field, value in values.items():
        pilot.app.screen.query_one(f"#{field}").value = value


async def editor(pilot) -> None:
    await _to_long_node(pilot)


async def detail_panel(pilot) -> None:
    await _to_long_node(pilot)
    await pilot.press("d", "j")
    await pilot.pause()


async def change_form(pilot) -> None:
    await _to_long_node(pilot)
    await pilot.press("c")
    await pilot.pause()
    _fixed(pilot, date="2026-12-03")
    await pilot.press(*"AI 问答")
    await pilot.pause()


async def suggestion_form(pilot) -> None:
    await _to_long_node(pilot)
    await pilot.press("s")
    await pilot.pause()
    _fixed(pilot, created="2026-12-03", author="林晓")
    await pilot.press(*"引用卡片")
    await pilot.pause()


async def tags_form(pilot) -> None:
    await _to_long_node(pilot)
    await pilot.press("number_sign")
    await pilot.pause()


async def notes_editor(pilot) -> None:
    await _to_long_node(pilot)
    await pilot.press("n")
    await pilot.pause()


async def document_info(pilot) -> None:
    await pilot.pause()
    pilot.app.editor.action_document_info()
    await pilot.pause()


async def revisions(pilot) -> None:
    await pilot.pause()
    pilot.app.editor.action_revisions()
    await pilot.pause()


async def revision_form(pilot) -> None:
    await revisions(pilot)
    await pilot.press("a")
    await pilot.pause()
    _fixed(pilot, date="2026-12-03", author="林晓")
    await pilot.pause()


async def board(pilot) -> None:
    await pilot.pause()
    await pilot.press("b")
    await pilot.pause()


async def search(pilot) -> None:
    await pilot.pause()
    await pilot.press("slash", *"会员")
    await pilot.pause(0.4)


async def filter_error(pilot) -> None:
    await pilot.pause()
    await pilot.press("f", *"prio:P0")
    await pilot.pause(0.4)


async def help_screen(pilot) -> None:
    await pilot.pause()
    await pilot.press("question_mark")
    await pilot.pause()


async def palette(pilot) -> None:
    await pilot.pause()
    await pilot.press("ctrl+p")
    await pilot.pause(0.4)


async def export(pilot) -> None:
    await pilot.pause()
    await pilot.press("ctrl+e")
    await pilot.pause()
    _fixed(pilot, path="/home/pm/文档/知乎 App 功能结构图.md")
    while pilot.app.screen.query_one("#format").value != "mm":
        await pilot.press("right")  # to FreeMind / Freeplane: the longest label
    await pilot.pause()


async def save_as(pilot) -> None:
    await pilot.pause()
    pilot.app.push_screen(SavePathScreen("/home/pm/文档/知乎 App 功能结构图.json"))
    await pilot.pause()


async def export_outline(pilot) -> None:
    await pilot.pause()
    await pilot.press("ctrl+e")
    await pilot.pause()
    while pilot.app.screen.query_one("#format").value != "md-outline":
        await pilot.press("right")
    _fixed(pilot, path="/home/pm/文档/知乎 App 功能结构图-outline.md")
    await pilot.pause()


async def export_as_folded(pilot) -> None:
    await pilot.pause()
    await pilot.press("j", "space", "j", "space")  # 首页 and 内容详情 folded
    await pilot.press("ctrl+e")
    await pilot.pause()
    while pilot.app.screen.query_one("#format").value != "png":
        await pilot.press("right")
    await pilot.press("tab", "right")  # Draw: as folded
    _fixed(pilot, path="/home/pm/文档/知乎 App 功能结构图.png")
    await pilot.pause()


async def export_as_filtered(pilot) -> None:
    await pilot.pause()
    await pilot.press("f", *"推荐", "enter")  # the outline shows the matches and their path
    await pilot.pause()
    await pilot.press("ctrl+e")
    await pilot.pause()
    while pilot.app.screen.query_one("#format").value != "png":
        await pilot.press("right")
    await pilot.press("tab", "right")  # Draw: as filtered (nothing is folded)
    _fixed(pilot, path="/home/pm/文档/知乎 App 功能结构图.png")
    await pilot.pause()


async def open_file(pilot) -> None:
    await pilot.pause()
    await pilot.press("ctrl+o")
    await pilot.pause()
    _fixed(pilot, **{"save-path": "/home/pm/文档/会员中心 功能结构图.mm"})
    await pilot.pause()


async def unsaved_before_open(pilot) -> None:
    await pilot.pause()
    pilot.app.push_screen(unsaved_dialog(FILE_NAME, "会员中心 功能结构图.mm"))
    await pilot.pause()


async def reload_question(pilot) -> None:
    await pilot.pause()
    pilot.app.push_screen(reload_dialog(FILE_NAME))
    await pilot.pause()


async def unsaved_changes(pilot) -> None:
    await _to_long_node(pilot)
    editor = pilot.app.editor
    # a change that shows no toast (a toast would come and go with the clock)
    editor.history.do(
        annotate.set_tags(editor.doc, editor.tree.cursor_node.id, ["AI", "搜索", "直答"])
    )
    await pilot.press("ctrl+q")
    await pilot.pause()


async def changed_on_disk(pilot) -> None:
    await pilot.pause()
    # A featuretree JSON file: "Merge both" is offered, first and focused.
    pilot.app.push_screen(external_change_dialog(FILE_NAME, merge=True))
    await pilot.pause()


async def merge_refused(pilot) -> None:
    # "Merge both" chosen, but the pulled file does not read (a half-written JSON): the
    # question comes back without it, saying why.
    await pilot.pause()
    try:
        formats.loads(b'{"format": "featuretree", "root": {"title": ', "json", source=FILE_NAME)
    except formats.FormatError as exc:
        problem = t("merge_disk.unreadable", error=error_text(exc))
    pilot.app.push_screen(external_change_dialog(FILE_NAME, detail=problem))
    await pilot.pause()


async def replace_file(pilot) -> None:
    await pilot.pause()
    pilot.app.push_screen(replace_file_dialog(FILE_NAME))
    await pilot.pause()


async def recovery(pilot) -> None:
    await pilot.pause()
    written = dt.datetime(2026, 12, 3, 9, 30)  # local time: shown as 09:30 in any time zone
    info = RecoveryInfo(
        file=Path("/nonexistent/recovery.json"),
        key="k",
        for_path=None,
        written_ns=int(written.timestamp()) * 1_000_000_000,
        base=None,
        pid=0,
    )
    pilot.app.push_screen(RecoveryDialog(info, FILE_NAME, lambda: ""))
    await pilot.pause()


def _steady(step: Step) -> Step:
    """``step``, then the text cursors stop blinking: a picture never catches one half-way."""

    async def run(pilot) -> None:
        await step(pilot)
        for screen in pilot.app.screen_stack:
            for widget in screen.query("Input, TextArea"):
                widget.cursor_blink = False
        await pilot.pause()

    return run


SCREENS: dict[str, Step] = {
    "editor": editor,
    "detail_panel": detail_panel,
    "change_form": change_form,
    "suggestion_form": suggestion_form,
    "tags_form": tags_form,
    "notes_editor": notes_editor,
    "document_info": document_info,
    "revisions": revisions,
    "revision_form": revision_form,
    "board": board,
    "search": search,
    "filter_error": filter_error,
    "help": help_screen,
    "palette": palette,
    "export": export,
    "save_as": save_as,
    "export_outline": export_outline,
    "export_as_folded": export_as_folded,
    "export_as_filtered": export_as_filtered,
    "open_file": open_file,
    "unsaved_before_open": unsaved_before_open,
    "reload_question": reload_question,
    "unsaved_changes": unsaved_changes,
    "changed_on_disk": changed_on_disk,
    "merge_refused": merge_refused,
    "replace_file": replace_file,
    "recovery": recovery,
}
"""Each screen, by name."""
SCREENS = {name: _steady(step) for name, step in SCREENS.items()}
