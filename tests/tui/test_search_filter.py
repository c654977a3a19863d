"""Search (/) with highlights and n/N, filter (f) and clearing it, the board — by real keys."""

from __future__ import annotations

from pathlib import Path

from editor_helpers import (
    SIZE,
    burst,
    cursor_title,
    editor,
    put_cursor,
    screen_rows,
    small_document,
)

from featuretree import formats
from featuretree.model.annotations import Priority, Suggestion, SuggestionStatus
from featuretree.operations.annotate import rename
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.board import SuggestionsBoard
from featuretree.tui.screens.editor.find import EditorSearchBar
from featuretree.tui.widgets.find_bars import FilterBar
from featuretree.tui.widgets.key_bar import KeyBar
from featuretree.tui.widgets.tree_view import TreeView


def highlighted(app: FeatureTreeApp) -> list[str]:
    """The pieces of text drawn in the search-match style, top to bottom."""
    tree = app.editor.query_one(TreeView)
    match = tree._style_map()["match"]
    found = []
    for y in range(tree.size.height):
        for segment in tree.render_line(y):
            if segment.style and match.bgcolor and segment.style.bgcolor == match.bgcolor:
                found.append(segment.text)
    return found


def annotated(tmp_path: Path) -> Path:
    """The small tree with suggestions: 搜索 (P2, then P0 proposed), 消息 (P0 done), 我的 (P1)."""
    doc = small_document()
    add = {
        "search": [
            ("搜索历史", Priority.P2, SuggestionStatus.PROPOSED),
            ("搜索联想", Priority.P0, SuggestionStatus.PROPOSED),
        ],
        "msg": [("消息免打扰", Priority.P0, SuggestionStatus.DONE)],
        "me": [("我的页面改版", Priority.P1, SuggestionStatus.ACCEPTED)],
    }
    for node_id, items in add.items():
        node = doc.node(node_id)
        node.suggestions = tuple(
            Suggestion(id=f"{node_id}{i}", text=text, priority=p, status=s)
            for i, (text, p, s) in enumerate(items)
        )
    path = tmp_path / "annotated.json"
    formats.save(doc, path)
    return path


async def test_search_as_you_type_highlights_and_n_N_step(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        # two titles contain 推荐 now (an edit: the search sees it, though indexed before)
        screen.run_command(rename, "me", "我的推荐")
        put_cursor(app, "root")  # the search starts from the top
        await pilot.press("slash", *"推荐")
        await pilot.pause(0.3)  # the bar waits for typing to pause
        assert cursor_title(app) == "推荐"
        assert highlighted(app) == ["推荐", "推荐"]
        assert "1/2" in str(screen.finding.search_bar.query_one(".status").render())
        footer = screen.query_one(KeyBar)  # the bar is on screen, not under the key bar
        assert screen.finding.search_bar.region.height == 1
        assert screen.finding.search_bar.region.bottom <= footer.region.y
        await pilot.press("enter")  # the tree takes the keys back, the bar stays
        assert app.focused is screen.tree and screen.finding.search_bar.is_open
        await pilot.press("n")
        assert cursor_title(app) == "我的推荐"
        await pilot.press("n")  # wraps around
        assert cursor_title(app) == "推荐"
        await pilot.press("N")
        assert cursor_title(app) == "我的推荐"
        await pilot.press("escape")
        assert not screen.finding.search_bar.is_open
        assert highlighted(app) == []
        await pilot.press("n")  # n is notes again once the search is closed
        assert app.screen is not screen
        await pilot.press("escape")


async def test_filter_shows_matches_with_ancestors_and_escape_restores_folding(tmp_path: Path):
    app = FeatureTreeApp(annotated(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        put_cursor(app, "msg")
        await pilot.press("home", "j", "space")  # fold 首页
        folded = [row for row in screen_rows(app) if row]
        await pilot.press("f", *"priority:P0 status:open", "enter")
        await pilot.pause(0.3)
        assert app.focused is screen.tree
        shown = [row.split()[-1] for row in screen_rows(app) if row]
        assert [node.id for node in screen.tree.outline.rows] == ["root", "home", "search"]
        assert cursor_title(app) == "搜索"  # on the match, not on an ancestor
        rows = [row for row in screen_rows(app) if row]
        assert rows[1].startswith("└─▾ 首页")  # the last child shown gets the corner
        assert rows[2].startswith("  └─• 搜索")
        assert "搜索" in shown[-1] or "◆" in shown[-1]
        await pilot.press("escape")
        assert [row for row in screen_rows(app) if row] == folded
        assert not screen.tree.outline.filtered


async def test_a_bad_filter_query_says_why_and_keeps_the_tree(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        before = len(screen.tree.outline)
        await pilot.press("f", *"priority:P9")
        await pilot.pause(0.3)
        assert len(screen.tree.outline) == before
        assert (
            "P0–P3" in screen.finding.filter_bar.message
        )  # under the input, which keeps its width


async def test_accepting_an_open_p0_suggestion_from_the_filter(tmp_path: Path):
    path = annotated(tmp_path)
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", *"p:0 status:open", "enter")
        await pilot.pause(0.3)
        assert cursor_title(app) == "搜索"
        await pilot.press("t")  # the P0 one the filter found, not the open P2 before it
        node = editor(app).doc.node("search")
        assert [s.status for s in node.suggestions] == [
            SuggestionStatus.PROPOSED,
            SuggestionStatus.ACCEPTED,
        ]


async def test_board_sorts_cycles_and_jumps_to_the_node(tmp_path: Path):
    app = FeatureTreeApp(annotated(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = editor(app)
        await pilot.press("b")
        board = app.screen
        assert isinstance(board, SuggestionsBoard)
        assert [r.suggestion.id for r in board.shown] == ["search0", "search1", "msg0", "me0"]
        await pilot.press("P")  # sort by priority (then status)
        assert [r.suggestion.priority for r in board.shown] == [
            Priority.P0,
            Priority.P0,
            Priority.P1,
            Priority.P2,
        ]
        await pilot.press("home", "j", "j")  # the P1 one, on 我的 (the cursor stayed on its row)
        await pilot.press("p")
        assert screen.doc.node("me").suggestions[0].priority is Priority.P2
        await pilot.press("enter")
        assert app.screen is screen
        assert cursor_title(app) == "我的"
        assert app.focused is screen.tree
        await pilot.press("ctrl+z")  # the board's edit is one step of the editor's history
        assert screen.doc.node("me").suggestions[0].priority is Priority.P1


async def test_the_bars_are_mounted_when_first_opened_search_above_filter(tmp_path: Path):
    app = FeatureTreeApp(annotated(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        await pilot.pause()
        assert not screen.query(EditorSearchBar) and not screen.query(FilterBar)
        await pilot.press("f", *"priority:P0", "enter")  # the filter first
        await pilot.pause(0.3)
        await pilot.press("slash", *"搜")  # then the search: above it, with the keys
        await pilot.pause(0.3)
        search, flt = screen.query_one(EditorSearchBar), screen.query_one(FilterBar)
        assert app.focused is search.input
        assert search.region.bottom <= flt.region.y
        assert flt.region.bottom <= screen.query_one(KeyBar).region.y
        assert "/" in search.query_one(".prompt").render().plain
        await pilot.press("escape")  # closes the search; the filter stays
        assert app.focused is screen.tree
        assert not search.is_open and flt.is_open and screen.tree.outline.filtered


async def test_under_a_filter_a_node_whose_children_are_all_hidden_is_drawn_as_a_leaf(
    doc_path: Path,
):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        await pilot.press("f", *"首页", "enter")  # matches 首页 only: its children are filtered out
        await pilot.pause(0.3)
        assert [node.id for node in screen.tree.outline.rows] == ["root", "home"]
        rows = [row for row in screen_rows(app) if row]
        assert rows[0].startswith("▾ App")  # the root still shows its one kept child
        assert rows[1].startswith("└─• 首页")  # not "▾": nothing is shown under it
        await pilot.press("escape")
        assert [row for row in screen_rows(app) if row][1].startswith("├─▾ 首页")


async def test_remapping_notes_keeps_n_for_the_next_match(
    doc_path: Path, tmp_path: Path, monkeypatch
):
    # n is shared by "next match" (search open) and "notes"; Textual's keymap drops every
    # binding of a key when one of them is remapped, which left n doing nothing at all.
    config = tmp_path / "config.toml"
    config.write_text('[keymap]\n"node.edit_notes" = "ctrl+n"\n', encoding="utf-8")
    monkeypatch.setenv("FEATURETREE_CONFIG", str(config))
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        screen.run_command(rename, "me", "我的推荐")
        put_cursor(app, "root")  # the search starts from the top
        await pilot.press("slash", *"推荐")
        await pilot.pause(0.3)
        await pilot.press("enter")
        assert cursor_title(app) == "推荐"
        await pilot.press("n")
        assert cursor_title(app) == "我的推荐"
        await pilot.press("escape")  # search closed: n is not notes any more, ctrl+n is
        await pilot.press("n")
        assert app.screen is screen
        await pilot.press("ctrl+n")
        assert app.screen is not screen
        await pilot.press("escape")


async def test_keys_typed_right_after_slash_go_to_the_search_not_the_tree(doc_path: Path):
    # "/" then "b": before the fix, "b" reached the tree first and opened the board.
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        await burst(pilot, ("slash", "/"), ("b", "b"), ("full_stop", "."), ("enter", "\r"))
        assert app.screen is screen  # no board, no other screen
        assert screen.finding.search_bar.value == "b."
        assert app.focused is screen.tree  # Enter gave the keys back to the tree
        await pilot.press("escape")
        await burst(pilot, ("slash", "/"), ("推", "推"), ("荐", "荐"))  # the bar exists now
        assert screen.finding.search_bar.value == "推荐"
        assert app.focused is screen.finding.search_bar.input


async def test_keys_typed_right_after_f_go_to_the_filter(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        await burst(pilot, ("f", "f"), ("s", "s"), ("t", "t"))
        assert app.screen is screen  # "s" did not open the suggestion form
        assert screen.finding.filter_bar.value == "st"


async def test_search_says_where_a_node_matched_when_not_in_its_title(tmp_path: Path):
    doc = small_document()
    node = doc.node("msg")
    node.notes = "支持免打扰时段"
    path = tmp_path / "app.json"
    formats.save(doc, path)
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"免打扰")
        await pilot.pause(0.3)  # the bar waits for typing to pause
        bar = app.editor.query_one(EditorSearchBar)
        assert cursor_title(app) == "消息"
        assert "in notes" in bar.status_text and "1/1" in bar.status_text
        await pilot.press("ctrl+u", *"消息")  # a title match needs no words: it is highlighted
        await pilot.pause(0.3)
        assert "in" not in bar.status_text.replace("1/1", "")


ZHIHU = Path(__file__).resolve().parents[2] / "samples" / "zhihu.json"


async def _filter_shown(app: FeatureTreeApp, pilot, query: str) -> list[str]:
    from screen_text import screen_lines

    await pilot.pause()
    await pilot.press("f", *query)
    await pilot.pause(0.3)  # the bar waits for typing to pause
    return screen_lines(app)


async def test_a_filter_error_keeps_the_query_readable_and_shows_the_whole_message():
    app = FeatureTreeApp(ZHIHU)
    async with app.run_test(size=(80, 24)) as pilot:
        lines = await _filter_shown(app, pilot, "prio:P0")
        assert any(line.startswith(" f prio:P0") for line in lines), "\n".join(lines)
        message = editor(app).finding.filter_bar.message
        assert message.startswith("Filter: unknown filter key 'prio:'")
        squeezed = "".join("".join(lines).split())
        assert "".join(message.split()) in squeezed  # every word of it, wrapped onto lines
        await pilot.press("ctrl+u", *"priority:P0")
        await pilot.pause(0.3)
        assert editor(app).finding.filter_bar.message == ""


async def test_the_chinese_ui_says_filter_errors_in_chinese_and_takes_chinese_keys(monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    app = FeatureTreeApp(ZHIHU)
    async with app.run_test(size=(80, 24)) as pilot:
        lines = await _filter_shown(app, pilot, "prio:P0")
        assert editor(app).finding.filter_bar.message.startswith("筛选：没有“prio:”这个筛选条件")
        assert "".join(editor(app).finding.filter_bar.message.split()) in "".join(
            "".join(lines).split()
        )
        for query in ("优先级:P0", "状态:待评估", "标签:会员"):
            await pilot.press("ctrl+u", *query)
            await pilot.pause(0.3)
            assert editor(app).finding.filter_bar.message == ""
            assert (
                editor(app)
                .finding.filter_bar.query_one(".status")
                .render()
                .plain.endswith("个节点）")
            ), query


async def test_a_long_count_never_hides_the_end_of_what_is_being_typed():
    from screen_text import screen_lines

    app = FeatureTreeApp(ZHIHU)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f", *"has:suggestions priority:P0,P1,P2 status:open 会员")
        await pilot.pause(0.3)
        await pilot.pause()
        bar = next(line for line in screen_lines(app) if line.startswith(" f "))
        assert "open 会员" in bar, bar  # the end, where the cursor is
        assert bar.rstrip().endswith("…")  # the count gives way, cut with an ellipsis


async def test_the_bars_cover_the_last_row_without_ever_hiding_the_cursor():
    # The bars sit over the panes' last rows (opening one resizes nothing): the tree
    # keeps its cursor above them, moving down or a page down.
    app = FeatureTreeApp(ZHIHU)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = editor(app)
        tree = screen.tree
        await pilot.pause()
        height = tree.size.height
        await pilot.press("slash", *"会", "enter")  # keys back to the tree, the bar stays
        await pilot.pause(0.3)
        bar = screen.query_one(EditorSearchBar)
        assert bar.is_open and app.focused is tree
        assert tree.size.height == height  # the tree did not shrink
        for key in ["home", *["down"] * 30, "page_down", "page_down", "end"]:
            await pilot.press(key)
            cursor_y = tree.region.y + tree.row_region_y()
            assert tree.region.y <= cursor_y < bar.region.y, key
        assert cursor_title(app) in screen_rows(app)[tree.row_region_y()]
        await pilot.press("escape")  # the bar closes: the last row is the tree's again
        await pilot.pause()
        assert not bar.is_open
        assert screen_rows(app)[-1].strip()  # a node is drawn there again, not a blank row
        await pilot.press("down")  # stays on the last node (it was already there)
        assert tree.region.y <= tree.region.y + tree.row_region_y() < tree.region.bottom


async def test_a_search_of_two_words_finds_the_title_holding_both(doc_path: Path):
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        screen.run_command(rename, "me", "我的 推荐页")
        put_cursor(app, "root")
        await pilot.press("slash", *"推荐", "space", *"我的")
        await pilot.pause(0.3)  # the bar waits for typing to pause
        assert cursor_title(app) == "我的 推荐页"
        assert highlighted(app) == ["我的", "推荐"]
        assert "1/1" in str(screen.finding.search_bar.query_one(".status").render())
