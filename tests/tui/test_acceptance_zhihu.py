"""Issue 4's acceptance check on samples/zhihu.json, with the keys a new user would press:
find all open P0 suggestions and mark one accepted."""

from __future__ import annotations

import pytest
from annotation_helpers import detail_text
from editor_helpers import cursor_title, editor

from featuretree.model.annotations import Priority, SuggestionStatus
from featuretree.samples_catalog import all_samples
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.board import SuggestionsBoard

pytestmark = pytest.mark.skipif(
    "zhihu" not in {s.name for s in all_samples()}, reason="no zhihu sample"
)


def open_p0(doc) -> list[tuple[str, str]]:
    return [
        (node.id, s.id)
        for node, s in doc.iter_suggestions()
        if s.priority is Priority.P0 and s.status.is_open
    ]


async def test_filter_then_t_accepts_an_open_p0_suggestion():
    app = FeatureTreeApp(sample="zhihu")
    async with app.run_test(size=(130, 40)) as pilot:
        doc = editor(app).doc
        wanted = open_p0(doc)
        assert wanted, "the sample has open P0 suggestions"
        await pilot.press("f", *"priority:P0 status:open", "enter")
        await pilot.pause(0.3)
        outline = editor(app).tree.outline
        shown_matches = [
            n.id
            for n in outline.rows
            if any(s.priority is Priority.P0 and s.status.is_open for s in n.suggestions)
        ]
        assert shown_matches == sorted(
            {node_id for node_id, _ in wanted}, key=[n.id for n in outline.rows].index
        )
        assert len(outline) < len(doc) // 3  # only the matches and their ancestors
        # Go to a match that is not accepted yet and press t until it says accepted.
        target_node, target = next(
            (n, s)
            for n, s in wanted
            if doc.find_suggestion(s)[0].suggestions[doc.find_suggestion(s)[1]].status
            is not SuggestionStatus.ACCEPTED
        )
        while editor(app).tree.cursor_node.id != target_node:
            await pilot.press("j")
        for _ in range(len(SuggestionStatus)):
            node, index = doc.find_suggestion(target)
            if node.suggestions[index].status is SuggestionStatus.ACCEPTED:
                break
            await pilot.press("t")
        node, index = doc.find_suggestion(target)
        assert node.suggestions[index].status is SuggestionStatus.ACCEPTED
        assert "accepted" in detail_text(app)
        await pilot.press("escape")  # the filter goes, the whole tree is back
        assert not outline.filtered and len(outline) == len(doc)


async def test_board_filter_and_t_accept_an_open_p0_suggestion():
    app = FeatureTreeApp(sample="zhihu")
    async with app.run_test(size=(130, 40)) as pilot:
        doc = editor(app).doc
        await pilot.press("b", "slash", *"p:0 status:open", "enter")
        board = app.screen
        assert isinstance(board, SuggestionsBoard)
        assert sorted(r.suggestion.id for r in board.shown) == sorted(s for _, s in open_p0(doc))
        while board.selected.suggestion.status is SuggestionStatus.ACCEPTED:
            await pilot.press("j")  # to one that is not accepted yet
        row = board.selected
        for _ in range(len(SuggestionStatus)):
            if board.selected.suggestion.status is SuggestionStatus.ACCEPTED:
                break
            await pilot.press("t")
        node, index = doc.find_suggestion(row.suggestion.id)
        assert node.suggestions[index].status is SuggestionStatus.ACCEPTED
        await pilot.press("enter")  # to the node in the tree
        assert app.screen is editor(app)
        assert cursor_title(app) == node.title
        assert editor(app).history.dirty
