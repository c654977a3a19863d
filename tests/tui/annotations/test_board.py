"""The suggestions board: sort, filter, cycle priority/status in place, jump to the node."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from featuretree.i18n import set_language
from featuretree.model import Document, FeatureNode, Suggestion
from featuretree.model.annotations import Priority, SuggestionStatus
from featuretree.model.tree import attach
from featuretree.operations import History
from featuretree.tui.screens.board import SuggestionsBoard
from featuretree.tui.widgets.table import RowTable


def _s(sid, text, p, status="proposed", day=1):
    return Suggestion(
        id=sid,
        text=text,
        priority=Priority(p),
        status=SuggestionStatus(status),
        created=dt.date(2026, 1, day),
    )


@pytest.fixture
def history() -> History:
    root = FeatureNode("App", id="root")
    home = FeatureNode("首页", id="home", suggestions=(_s("a", "推荐流去重", "P2", day=3),))
    vip = FeatureNode(
        "会员",
        id="vip",
        suggestions=(
            _s("b", "续费提醒", "P0", "done", day=1),
            _s("c", "[bold]价格[/] 透明", "P0", day=5),
        ),
    )
    msg = FeatureNode("消息", id="msg", suggestions=(_s("d", "私信分组", "P1", "accepted", day=2),))
    for node in (home, vip, msg):
        attach(node, root)
    return History(Document(root))


def _ids(board: SuggestionsBoard) -> list[str]:
    return [row.suggestion.id for row in board.shown]


def _cell(board: SuggestionsBoard, sid: str, column: str) -> str:
    return board.query_one(RowTable).cell_text(sid, column)


async def test_board_lists_every_suggestion_in_document_order(host, history) -> None:
    board = SuggestionsBoard(history)
    app = host(board)
    async with app.run_test(size=(140, 30)):
        assert _ids(board) == ["a", "b", "c", "d"]
        assert board.query_one(RowTable).row_count == 4
        assert _cell(board, "c", "text") == "[bold]价格[/] 透明"  # user text is not markup
        assert _cell(board, "c", "node") == "会员"


async def test_sort_keys(host, history) -> None:
    board = SuggestionsBoard(history)
    app = host(board)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.press("P")
        assert _ids(board) == ["c", "b", "d", "a"]  # P0 open before P0 done, then P1, P2
        await pilot.press("D")
        assert _ids(board) == ["c", "a", "d", "b"]  # newest first
        await pilot.press("D")
        assert _ids(board) == ["b", "d", "a", "c"]  # again: reversed
        await pilot.press("T")
        assert _ids(board)[0] in ("a", "c") and _ids(board)[-1] == "b"
        await pilot.press("N")
        assert _ids(board) == ["a", "b", "c", "d"]


async def test_priority_toggles_and_open_only(host, history) -> None:
    board = SuggestionsBoard(history)
    app = host(board)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.press("0")
        assert _ids(board) == ["b", "c"]  # only P0
        await pilot.press("1")
        assert _ids(board) == ["b", "c", "d"]  # P0 and P1
        await pilot.press("o")
        assert _ids(board) == ["c", "d"]  # open only
        await pilot.press("a")
        assert _ids(board) == ["a", "b", "c", "d"]


async def test_filter_line_uses_the_query_language(host, history) -> None:
    board = SuggestionsBoard(history)
    app = host(board)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.press("slash", *"p:0")
        board.query_one(
            "#query"
        ).value += " status:open"  # the rest at once: typing is slow in Pilot
        await pilot.pause()
        assert _ids(board) == ["c"]
        await pilot.press("enter")  # back to the table, filter kept
        assert isinstance(app.focused, RowTable)
        await pilot.press("slash", "end", "x")  # status:openx is not a status
        await pilot.pause()
        assert _ids(board) == ["c"]  # a bad query keeps the last good rows
        assert "openx" in str(board.query_one("#summary").render())
        await pilot.press("escape", "a")
        assert _ids(board) == ["a", "b", "c", "d"]


async def test_p_and_t_edit_the_model_through_history_and_undo(host, history) -> None:
    board = SuggestionsBoard(history)
    app = host(board)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.press("down", "down")  # on "c": P0 proposed
        assert board.selected.suggestion.id == "c"
        await pilot.press("p")
        assert history.doc.node("vip").suggestions[1].priority is Priority.P1
        assert _cell(board, "c", "priority") == "P1"
        await pilot.press("t")
        assert history.doc.node("vip").suggestions[1].status is SuggestionStatus.ACCEPTED
        assert _cell(board, "c", "status") == "accepted"
        assert history.dirty
        await pilot.press("ctrl+z")
        assert history.doc.node("vip").suggestions[1].status is SuggestionStatus.PROPOSED
        await pilot.press("ctrl+z")
        assert history.doc.node("vip").suggestions[1].priority is Priority.P0
        assert _cell(board, "c", "priority") == "P0"
        assert board.selected.suggestion.id == "c"  # the cursor stays on the suggestion
        assert not history.dirty


async def test_enter_gives_the_node_id(host, history) -> None:
    board = SuggestionsBoard(history)
    app = host(board)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
    assert app.result == "msg"


async def test_escape_closes_without_a_node(host, history) -> None:
    app = host(SuggestionsBoard(history))
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert app.result is None


async def test_delete_and_undo(host, history) -> None:
    board = SuggestionsBoard(history)
    app = host(board)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.press("delete")
        assert _ids(board) == ["b", "c", "d"]
        assert history.doc.node("home").suggestions == ()
        await pilot.press("ctrl+z")
        assert _ids(board) == ["a", "b", "c", "d"]


async def test_board_speaks_chinese(host, history) -> None:
    set_language("zh")
    board = SuggestionsBoard(history)
    app = host(board)
    async with app.run_test(size=(140, 30)):
        table = board.query_one(RowTable)
        headers = [col.label for col in table.columns]
        assert headers == ["节点", "优先级", "状态", "建议", "作者", "日期"]
        assert _cell(board, "d", "status") == "已采纳"
        assert any(
            binding.description == "切换优先级"
            for binding in (active.binding for active in board.active_bindings.values())
        )


async def test_new_user_finds_open_p0_suggestions_in_zhihu_and_accepts_one(host) -> None:
    """The issue's acceptance story on the real sample: b, 0, o, t."""
    from featuretree import formats
    from featuretree.model.query import matching_nodes, parse_filter

    doc = formats.load(Path(__file__).resolve().parents[3] / "samples" / "zhihu.json")
    history = History(doc)
    board = SuggestionsBoard(history)
    app = host(board)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("0", "o")
        shown = [row.suggestion for row in board.shown]
        expected = [
            s for _, s in doc.iter_suggestions() if s.priority is Priority.P0 and s.status.is_open
        ]
        assert shown == expected and shown, "the sample should have open P0 suggestions"
        # the filter language agrees with the quick toggles
        nodes = {row.node.id for row in board.shown}
        assert nodes == set(matching_nodes(doc, parse_filter("priority:P0 status:open")))
        first = board.selected.suggestion
        await pilot.press("t")
        found = doc.find_suggestion(first.id)
        order = list(SuggestionStatus)
        assert found[0].suggestions[found[1]].status is order[order.index(first.status) + 1]
        await pilot.press("enter")
        await pilot.pause()
    assert app.result == found[0].id


async def test_e_edits_the_selected_suggestion_in_its_form(host, history) -> None:
    board = SuggestionsBoard(history)
    app = host(board)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.press("down", "e", "end", *" v2", "enter")
        await pilot.pause()
        assert history.doc.node("vip").suggestions[0].text == "续费提醒 v2"
        assert _cell(board, "b", "text") == "续费提醒 v2"
        assert board.selected.suggestion.id == "b"


ZHIHU = Path(__file__).resolve().parents[3] / "samples" / "zhihu.json"


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)])
async def test_dates_and_statuses_are_never_cut_and_the_text_gets_the_rest(
    host, language, size
) -> None:
    """At 80 columns dates read ``2026-12-0`` and the text had ~10 cells; at 200 the status
    read ``in progre…`` next to a text column with 100 empty cells."""
    import re

    from screen_text import screen_lines

    from featuretree import formats
    from featuretree.i18n import suggestion_status_label

    set_language(language)
    history = History(formats.load(ZHIHU))
    board = SuggestionsBoard(history)
    app = host(board)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        table = board.query_one(RowTable)
        top = table.region.y + 1  # the header is the table's first line
        lines = screen_lines(app)[top : top + min(table.row_count, table.size.height - 1)]
        assert lines
        for row, line in zip(board.shown, lines):
            date = row.suggestion.created.isoformat()
            assert re.search(rf"{date}\s*\S{{0,2}}$", line), (
                line
            )  # whole, at the end (then the scrollbar)
            assert f" {suggestion_status_label(row.suggestion.status.value)} " in line, line
        widths = dict(
            zip(
                [c.key for c in table.columns],
                table.column_widths(table.scrollable_content_region.width),
            )
        )
        assert widths["text"] >= 18
        if size[0] >= 120:  # room enough: the whole path of every node
            assert all(row.path in line for row, line in zip(board.shown, lines))
        if size[0] >= 200:  # and every suggestion whole: no empty cells while text is cut
            assert all(
                " ".join(row.suggestion.text.split()) in line
                for row, line in zip(board.shown, lines)
            )


async def test_the_board_filter_says_what_is_wrong_in_the_ui_language(host, history) -> None:
    from textual.widgets import Static

    set_language("zh")
    board = SuggestionsBoard(history)
    app = host(board)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f", *"prio:P0")
        await pilot.pause()
        summary = str(board.query_one("#summary", Static).render())
        assert "没有“prio:”这个筛选条件" in summary
        await pilot.press("ctrl+u", *"优先级:P0")
        await pilot.pause()
        assert _ids(board) == ["b", "c"]


async def test_a_long_feature_path_keeps_its_start_and_its_end(host) -> None:
    """At 80 columns the board showed ``…栏 › 搜索 › 搜索历史``: the start of the path
    (where the feature is) was cut; it keeps both ends now, cut in the middle."""
    from rich.cells import cell_len
    from screen_text import screen_lines

    from featuretree import formats

    set_language("zh")
    board = SuggestionsBoard(History(formats.load(ZHIHU)))
    app = host(board)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = board.query_one(RowTable)
        width = dict(
            zip(
                [c.key for c in table.columns],
                table.column_widths(table.scrollable_content_region.width),
            )
        )["node"]
        top = table.region.y + 1
        lines = screen_lines(app)[top : top + min(table.row_count, table.size.height - 1)]
        cut = 0
        for row, line in zip(board.shown, lines):
            if cell_len(row.path) <= width:
                assert line.startswith(row.path), line
                continue
            cut += 1
            assert line.startswith(row.path[:2]), line  # where it is
            assert row.path[-2:] in line.split("…", 1)[1], line  # what it is
        assert cut >= 5  # the sample has long paths at this width


@pytest.mark.parametrize(
    ("width", "shown"),
    [
        (40, "首页 › 顶部栏 › 搜索 › 搜索历史"),  # fits: whole
        (26, "首页 › … › 搜索 › 搜索历史"),
        (20, "首页 › … › 搜索历史"),
        (18, "首页… › 搜索历史"),  # no room for › … ›: the last step whole
        (15, "首… › 搜索历史"),  # the first step cut, the last still whole
        (12, "首… 搜索历史"),  # no room for "… › " and the last step: cut by characters
    ],
)
def test_a_path_too_long_loses_whole_steps_from_its_middle(width: int, shown: str) -> None:
    """The board cut ``首页 › …索 › 搜索历史``, a step in two; steps read whole now."""
    from rich.text import Text

    from featuretree.tui.widgets.table import fit_cell

    cell = fit_cell(Text("首页 › 顶部栏 › 搜索 › 搜索历史"), width, keep_end=True)
    assert cell.cell_len == width
    assert cell.plain.rstrip() == shown


@pytest.mark.parametrize(
    ("width", "shown"),
    [
        (23, "入库管理… › 按 ASN 收货"),
        (20, "入库… › 按 ASN 收货"),
    ],
)
def test_a_path_whose_ends_do_not_fit_keeps_its_last_step_whole(width: int, shown: str) -> None:
    """At 80 columns the board showed ``入库管…货 › 按 ASN 收货``: the module cut and
    its feature's step cut down to ``…货``; the last step now reads whole."""
    from rich.text import Text

    from featuretree.tui.widgets.table import fit_cell

    cell = fit_cell(Text("入库管理 › 收货 › 按 ASN 收货"), width, keep_end=True)
    assert cell.cell_len == width
    assert cell.plain.rstrip() == shown


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_the_header_fits_the_width_when_short_columns_are_at_their_least(
    host, language
) -> None:
    """With short paths and no author (or no suggestion at all) the narrow columns take
    their least width; the table took it twice and the 日期 header went off the edge."""
    set_language(language)
    root = FeatureNode("App", id="root")
    attach(FeatureNode("页", id="p", suggestions=(_s("a", "建议" * 30, "P1"),)), root)
    board = SuggestionsBoard(History(Document(root)))
    app = host(board)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = board.query_one(RowTable)
        width = table.scrollable_content_region.width
        assert sum(table.column_widths(width)) + len(table.columns) - 1 <= width
        header = table.render_line(0).text.rstrip()
        assert header.endswith(table.columns[-1].label), header


async def test_the_selected_suggestion_is_shown_whole_under_the_table(host) -> None:
    # The table cuts a long suggestion at its column ("…") and has no rationale nor the
    # full place of its node: the board showed no way to read them but leaving it.
    from screen_text import screen_lines

    text = "退货入库增加批量扫码模式，一次扫描整箱条码自动拆分为单品明细，减少 PDA 操作次数"
    root = FeatureNode("WMS", id="root")
    inbound = FeatureNode("入库", id="in")
    returns = FeatureNode(
        "退货入库 的 长 标题：支持按仓库、货主维度批量处理",
        id="ret",
        suggestions=(
            Suggestion(id="s1", text=text, rationale="仓库反馈：高峰期排队", author="李四"),
            _s("s2", "看板刷新", "P1"),
        ),
    )
    attach(inbound, root)
    attach(returns, inbound)
    board = SuggestionsBoard(History(Document(root)))
    app = host(board)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = "".join(line.strip() for line in screen_lines(app))
        assert text.replace(" ", "") in shown.replace(" ", "")
        assert "仓库反馈：高峰期排队" in shown
        assert "入库 › 退货入库 的 长 标题：支持按仓库、货主维度批量处理" in shown
        await pilot.press("down")
        await pilot.pause()
        shown = "".join(line.strip() for line in screen_lines(app))
        assert "仓库反馈" not in shown and "看板刷新" in shown
