"""The recovery prompt in Chinese reads as a sentence for a document never saved (a new
user's trial): it said "featuretree 上次停止时保留了 一个从未保存的文档 的未保存修改",
a phrase dropped with spaces into the file-name sentence. A file's name keeps its own."""

from __future__ import annotations

import os

import pytest
from editor_helpers import SIZE, small_document
from persistence_helpers import kept_edit

from featuretree import formats
from featuretree.formats.json_format import write_json
from featuretree.operations import annotate
from featuretree.samples_catalog import sample_path
from featuretree.storage.fingerprint import Fingerprint
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


async def test_the_notice_of_copies_left_names_a_document_never_saved_in_a_chinese_sentence(
    monkeypatch: pytest.MonkeyPatch, notes
):
    """Two copies of documents never saved, the newest restored: the notice about the other
    read "一个从未保存的文档 还有 1 份…", the phrase set apart by spaces like a file name."""
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    store = RecoveryStore()
    for title in ("草稿一", "草稿二"):
        doc = small_document()
        annotate.rename(doc, "root", title).apply(doc)
        store.write(write_json(doc), None, key=store.untitled_key())
    app = FeatureTreeApp()
    seen = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoveryDialog)
        await pilot.press("r")  # restore the first offered
        await pilot.pause()
        assert "一个从未保存的文档还有 1 份保留的修改，下次打开时会再询问。" in seen, seen


async def test_the_notice_of_copies_left_names_a_file_as_before(
    doc_path, monkeypatch: pytest.MonkeyPatch, notes
):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    store = RecoveryStore()
    for pid in (4_000_001, 4_000_002):  # two editors' copies (their processes are gone)
        with monkeypatch.context() as patch:
            patch.setattr(os, "getpid", lambda pid=pid: pid)
            key = store.editor_key(doc_path)
            doc = small_document()
            annotate.rename(doc, "msg", f"改于 {pid}").apply(doc)
            store.write(write_json(doc), doc_path, base=Fingerprint.of(doc_path), key=key)
    app = FeatureTreeApp(doc_path)
    seen = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert "app.json 还有 1 份保留的修改，下次打开时会再询问。" in seen, seen


async def test_kept_edits_of_a_deleted_file_say_it_is_gone_and_ctrl_s_writes_it(
    doc_path, monkeypatch: pytest.MonkeyPatch
):
    # A trial: the editor was killed, the file then deleted; the prompt said the file
    # "has changed since then", and Ctrl+S after restoring asked "changed on disk"
    # with "Reload (lose my edits)" (which read an empty document in its place).
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    kept_edit(doc_path, RecoveryStore())
    doc_path.unlink()
    app = FeatureTreeApp(doc_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        message = _message(app)
        assert "此后文件本身已不在磁盘上（被删除或移走）" in message
        assert "修改过" not in message
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        assert formats.load(doc_path).node("msg").title == "消息中心"
