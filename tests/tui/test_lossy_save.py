"""Ctrl+S never silently writes a format that loses part of the document (issue 17, 1-2).

Opening a FreeMind map with an arrow to a node that is not in it, or a Mermaid file
given change logs in the editor, then saving asks: keep working in a JSON beside it (the default), or write the
format anyway after reading what it loses. A JSON saves silently. Colours, fonts,
folds and pictures are written back (``Document.carried``): never named, never lost.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from editor_helpers import SIZE, editor, put_cursor
from screen_text import screen_text

from featuretree import formats, recent
from featuretree.operations import annotate
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.dialogs import ConfirmQuitScreen
from featuretree.tui.screens.questions import ChoiceDialog

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures"

MAP = """<map version="1.0.1">
<node TEXT="产品" ID="ID_1" COLOR="#ff0000">
<node TEXT="首页" ID="ID_2" LINK="https://example.com/prd" BACKGROUND_COLOR="#00ff00">
<font NAME="SansSerif" SIZE="12" BOLD="true"/>
<hook NAME="ExternalObject" URI="截图.png"/>
</node>
<node TEXT="我的" ID="ID_3" FOLDED="true"><arrowlink DESTINATION="ID_404"/><node TEXT="设置" ID="ID_4"/></node>
</node>
</map>
"""


@pytest.fixture
def mm(tmp_path: Path) -> Path:
    path = tmp_path / "map.mm"
    path.write_text(MAP, encoding="utf-8")
    return path


def _flat(app: FeatureTreeApp) -> str:
    return " ".join(screen_text(app).split())


async def _add_node(pilot, title: str) -> None:
    await _past_the_opening_notice(pilot)
    await pilot.press("tab", *title, "enter")


async def _past_the_opening_notice(pilot) -> None:
    """Opening a map that held what featuretree does not import (an image) says so
    first; the user reads it and closes it."""
    from featuretree.tui.screens.problems import ProblemsScreen

    await pilot.pause()
    if isinstance(pilot.app.screen, ProblemsScreen):
        await pilot.press("escape")


async def test_ctrl_s_on_a_freemind_map_asks_and_lists_what_it_would_lose(mm: Path):
    app = FeatureTreeApp(mm)
    async with app.run_test(size=SIZE) as pilot:
        await _add_node(pilot, "Zeta")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ChoiceDialog)
        shown = _flat(app)
        for words in ("1 arrow link", "map.json"):
            assert words in shown, shown
        # Colours, the font, the fold and the picture are written back: not named as lost
        # (the picture was, though the map written still showed it).
        for words in ("colour", "font", "folded", "image"):
            assert words not in shown, shown
        assert "Write FreeMind" in shown


async def test_the_default_answer_keeps_working_in_a_json_beside_it(mm: Path, notes):
    before = mm.read_bytes()
    app = FeatureTreeApp(mm)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await _add_node(pilot, "Zeta")
        await pilot.press("ctrl+s", "enter")
        await pilot.pause()
        beside = mm.with_suffix(".json")
        screen = editor(app)
        assert screen.path == beside
        assert not screen.history.dirty
        assert "map.json" in _flat(app)  # the title bar
        assert recent.list_recent()[0].resolve() == beside.resolve()
        assert any("Saved" in note and "map.json" in note for note in seen)
        # From now on Ctrl+S writes the JSON without asking.
        await _add_node(pilot, "Eta")
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, ChoiceDialog)
    assert mm.read_bytes() == before  # the map, byte for byte
    doc = formats.load(beside)
    titles = [node.title for node in doc.iter_nodes()]
    assert "Zeta" in titles and "Eta" in titles and "设置" in titles
    assert [link.url for link in doc.root.kids[0].links] == ["https://example.com/prd"]


async def test_write_anyway_writes_the_map_and_says_what_was_lost(mm: Path, notes):
    app = FeatureTreeApp(mm)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await _add_node(pilot, "Zeta")
        await pilot.press("ctrl+s", "w")
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceDialog)
        assert editor(app).path == mm
        assert not editor(app).history.dirty
    assert "Zeta" in [node.title for node in formats.load(mm).iter_nodes()]
    assert not mm.with_suffix(".json").exists()
    told = [note for note in seen if "map.mm" in note]
    assert told and "1 arrow link" in told[-1] and "colour" not in told[-1]
    assert "image" not in told[-1]
    assert "not kept" in told[-1]
    # What featuretree does not edit is in the map as the colleague left it.
    written = mm.read_text(encoding="utf-8")
    assert 'COLOR="#ff0000"' in written and 'BACKGROUND_COLOR="#00ff00"' in written
    assert 'FOLDED="true"' in written and 'BOLD="true"' in written
    assert '<hook NAME="ExternalObject" URI="截图.png"/>' in written


async def test_an_existing_json_beside_it_is_never_replaced_unasked(mm: Path):
    beside = mm.with_suffix(".json")
    beside.write_text('{"root": {"title": "theirs"}}', encoding="utf-8")
    before = beside.read_bytes()
    app = FeatureTreeApp(mm)
    async with app.run_test(size=SIZE) as pilot:
        await _add_node(pilot, "Zeta")
        await pilot.press("ctrl+s", "enter")
        assert isinstance(app.screen, ChoiceDialog)
        assert "already exists" in _flat(app)
        await pilot.press("escape")
        assert editor(app).path == mm
        assert editor(app).history.dirty
    assert beside.read_bytes() == before


def _copy_of_fixture(name: str, tmp_path: Path) -> Path:
    """A copy of a shared fixture (a save in a test must never change the original)."""
    source = FIXTURES / name
    if not source.exists():
        pytest.skip("the shared fixtures are not here")
    path = tmp_path / source.name
    path.write_bytes(source.read_bytes())
    return path


async def test_the_real_freeplane_map_saves_without_a_question_and_keeps_its_styles(
    tmp_path: Path,
):
    path = _copy_of_fixture("freemind/mmm.mm", tmp_path)
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await _add_node(pilot, "Zeta")
        await pilot.press("ctrl+s")
        await pilot.pause()
        # Its styles and hooks are written back: nothing to ask about.
        assert not isinstance(app.screen, ChoiceDialog)
        assert not editor(app).history.dirty
    written = path.read_text(encoding="utf-8")
    assert 'TEXT="Zeta"' in written
    assert '<hook NAME="MapStyle">' in written and 'CREATED="1516116533817"' in written


async def test_the_real_mermaid_mindmap_saves_without_a_question_and_keeps_its_lines(
    tmp_path: Path,
):
    # It opened with "Not imported: 1 style setting, 1 icon, 1 line break", and a save
    # rewrote every line: all of it is written back now, but for the node added.
    path = _copy_of_fixture("mermaid/test.mmd", tmp_path)
    before = path.read_text(encoding="utf-8")
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Not imported" not in _flat(app)
        await _add_node(pilot, "Zeta")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceDialog)
        assert not editor(app).history.dirty
    written = path.read_text(encoding="utf-8").splitlines()
    assert [line for line in written if line not in before.splitlines()] == ["    n1[Zeta]"]
    assert len(written) == len(before.splitlines()) + 1


MERMAID = "mindmap\n  root((产品))\n    n1[首页]\n    n2[我的]\n"


async def test_mermaid_change_logs_make_save_and_quit_ask(tmp_path: Path):
    path = tmp_path / "z.mmd"
    path.write_text(MERMAID, encoding="utf-8")
    before = path.read_bytes()
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        node = screen.doc.root.kids[0]
        screen.run_command(annotate.add_change, node.id, summary="重做首页")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ChoiceDialog)
        assert "1 change-log entry" in _flat(app)
        await pilot.press("escape")
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmQuitScreen)
        await pilot.press("s")  # save and quit: asks the same way
        assert isinstance(app.screen, ChoiceDialog)
        assert "1 change-log entry" in _flat(app)
        await pilot.press("enter")
        await pilot.pause()
        assert not app.is_running
    assert path.read_bytes() == before
    doc = formats.load(path.with_suffix(".json"))
    assert [entry.summary for entry in doc.root.kids[0].changelog] == ["重做首页"]


async def test_a_json_saves_without_a_question(tmp_path: Path, notes):
    path = tmp_path / "map.json"
    formats.save(formats.loads(MAP.encode(), "mm"), path)
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await _add_node(pilot, "Zeta")
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, ChoiceDialog)
        assert not editor(app).history.dirty
    assert any(note.startswith("Saved") for note in seen)


async def test_several_top_level_nodes_put_under_one_root_are_named_in_the_list(tmp_path: Path):
    path = tmp_path / "two.mm"
    path.write_text('<map><node TEXT="A"/><node TEXT="B"/></map>', encoding="utf-8")
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await _add_node(pilot, "Zeta")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ChoiceDialog)
        assert "several sheets or top-level nodes (put under one root)" in _flat(app)


async def test_ctrl_s_without_an_edit_writes_nothing_and_says_so(tmp_path: Path, notes):
    """A colleague's XMind opened and saved unedited: no question offering to drop its
    floating topics, no rewrite; the file stays as it was, byte for byte."""
    path = _copy_of_fixture("xmind/xmind_zen.xmind", tmp_path)
    before = path.read_bytes()
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await _past_the_opening_notice(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceDialog), _flat(app)
        assert any("Nothing to save" in note and path.name in note for note in seen), seen
        assert not any(note.startswith("Saved") for note in seen), seen
    assert path.read_bytes() == before
    assert not path.with_name(path.name + "~").exists()  # no backup: nothing was written


async def test_the_real_xmind_file_saves_without_a_question_and_keeps_its_floating_topics(
    tmp_path: Path, notes
):
    # Its floating topic (with three subtopics) and its callout are not in the editor;
    # a save used to drop them ("4 floating topics, 1 callout" would be lost): they are
    # written back beside their topics now, so there is nothing to ask.
    import io
    import zipfile

    path = _copy_of_fixture("xmind/xmind_zen.xmind", tmp_path)
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await _add_node(pilot, "Zeta")  # closes the list of what was repaired while reading
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceDialog), _flat(app)
        assert not editor(app).history.dirty
        assert not any("not kept" in note for note in seen), seen
    content = zipfile.ZipFile(io.BytesIO(path.read_bytes())).read("content.json").decode()
    for title in ("Zeta", "Floating Topic", "Subtopic 3", "Callout"):
        assert f'"title": "{title}"' in content or f'"title":"{title}"' in content, title


async def test_a_two_sheet_xmind_saves_in_place_as_two_sheets(tmp_path: Path, notes):
    import io
    import json
    import zipfile

    sheets = [
        {"id": f"s{i}", "title": name, "rootTopic": {"id": f"r{i}", "title": topic}}
        for i, (name, topic) in enumerate([("需求", "App"), ("竞品", "竞品")])
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.json", json.dumps(sheets, ensure_ascii=False))
    path = tmp_path / "产品.xmind"
    path.write_bytes(buffer.getvalue())
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await _add_node(pilot, "Zeta")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceDialog), _flat(app)
        assert not editor(app).history.dirty
    assert any(note.startswith("Saved") for note in seen), seen
    with zipfile.ZipFile(path) as archive:
        written = json.loads(archive.read("content.json"))
    # The node added under the root (named after the file) is a new sheet.
    assert [sheet["title"] for sheet in written] == ["需求", "竞品", "Zeta"]
    assert [kid.title for kid in formats.load(path).root.kids] == ["需求", "竞品", "Zeta"]


async def test_the_question_names_the_format_in_the_ui_language(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    path = tmp_path / "z.mmd"
    path.write_text(MERMAID, encoding="utf-8")
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        screen.run_command(annotate.add_change, screen.doc.root.kids[0].id, summary="重做首页")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ChoiceDialog)
        assert "Mermaid 思维导图" in _flat(app)


async def test_ctrl_s_writes_a_featuretree_file_repaired_on_reading_without_an_edit(
    tmp_path: Path, notes
):
    """Nothing to save is for a file as it was read; a JSON whose reading repaired
    something (a duplicate id) is written with the repair when the user saves it."""
    path = tmp_path / "仓储.json"
    child = {"id": "a", "title": "入库", "children": []}
    path.write_text(
        json.dumps(
            {
                "format": "featuretree",
                "version": 1,
                "root": {
                    "id": "r",
                    "title": "仓储",
                    "children": [child, {**child, "title": "出库"}],
                },
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        seen = notes(app)
        await _past_the_opening_notice(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not any("Nothing to save" in note for note in seen), seen
    ids = [kid["id"] for kid in json.loads(path.read_text(encoding="utf-8"))["root"]["children"]]
    assert len(set(ids)) == 2


async def test_a_callout_dropped_by_a_later_save_is_still_named(tmp_path: Path):
    # The first save writes the callout back (nothing to ask); the file still holds it,
    # so a later save that drops it with its topic asks, naming it.
    import io
    import zipfile

    root = {
        "id": "r",
        "title": "仓储",
        "children": {
            "attached": [
                {
                    "id": "a",
                    "title": "入库",
                    "children": {"callout": [{"id": "c", "title": "高峰"}]},
                },
                {"id": "b", "title": "出库"},
            ]
        },
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "content.json", json.dumps([{"id": "s", "title": "仓储", "rootTopic": root}])
        )
    path = tmp_path / "仓储.xmind"
    path.write_bytes(buffer.getvalue())
    app = FeatureTreeApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await _add_node(pilot, "Zeta")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceDialog), _flat(app)
        assert not editor(app).history.dirty
        put_cursor(app, "a")
        await pilot.press("delete", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert "1 callout" in _flat(app), _flat(app)
        await pilot.press("escape")
    assert '"高峰"' in zipfile.ZipFile(path).read("content.json").decode()
