"""The recovery prompt in Chinese reads as a sentence for a document never saved (a new
user's trial): it said "featuretree 上次停止时保留了 一个从未保存的文档 的未保存修改",
a phrase dropped with spaces into the file-name sentence. A file's name keeps its own."""

from __future__ import annotations

import pytest
from editor_helpers import SIZE, small_document
from persistence_helpers import kept_edit

from featuretree import formats
from featuretree.formats.json_format import write_json
from featuretree.operations import annotate
from featuretree.samples_catalog import sample_path
from featuretree.storage.recovery import RecoveryStore, sample_origin
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.questions import RecoveryDialog


def _message(app: FeatureTreeApp) -> str:
    assert isinstance(app.screen, RecoveryDialog)
    return str(app.screen.query_one("#dialog-message").render())


async def test_a_document_never_saved_is_named_in_a_chinese_sentence(
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    store = RecoveryStore()
    doc = small_document()
    annotate.rename(doc, "root", "草稿").apply(doc)
    store.write(write_json(doc), None, key=store.untitled_key())
    app = FeatureTreeApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        message = _message(app)
        assert "featuretree 上次停止时保留了一个从未保存的文档（" in message
        assert " 一个从未保存的文档 " not in message


async def test_a_sample_never_saved_is_named_in_a_chinese_sentence(
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    store = RecoveryStore()
    doc = formats.load(sample_path("zhihu"))
    annotate.rename(doc, doc.root.kids[0].id, "首页改版").apply(doc)
    store.write(write_json(doc), None, key=store.untitled_key(), origin=sample_origin("zhihu"))
    app = FeatureTreeApp(sample="zhihu")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "featuretree 上次停止时保留了改过但从未保存的示例“zhihu”（" in _message(app)


async def test_a_files_kept_edits_are_named_by_the_file(doc_path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    kept_edit(doc_path, RecoveryStore())
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "featuretree 上次停止时保留了 app.json 的未保存修改（" in _message(app)
