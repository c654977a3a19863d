"""Opening a sample offers the unsaved work kept from that sample (and from documents
never saved whose copies do not say where they came from), with the usual dialog."""

from __future__ import annotations

import json

import pytest
from editor_helpers import SIZE, editor

from featuretree import formats
from featuretree.formats.json_format import write_json
from featuretree.model.document import Document
from featuretree.operations import annotate
from featuretree.samples_catalog import sample_path
from featuretree.storage.recovery import MAGIC, RecoveryStore, sample_origin
from featuretree.tui import FeatureTreeApp
from featuretree.tui.screens.questions import RecoveryDialog


def _edited_sample(name: str, title: str) -> Document:
    doc = formats.load(sample_path(name))
    first = doc.root.kids[0]
    annotate.rename(doc, first.id, title).apply(doc)
    return doc


def _keep(store: RecoveryStore, doc: Document, origin: str | None) -> str:
    key = store.untitled_key()
    store.write(write_json(doc), None, key=key, origin=origin)
    return key


def _keep_without_origin(store: RecoveryStore, doc: Document) -> str:
    """A copy written before origins were recorded: its header does not say."""
    key = _keep(store, doc, None)
    file = store.file_for(key)
    head, _, body = file.read_bytes().partition(b"\n")
    header = json.loads(head[len(MAGIC) :])
    del header["origin"]
    file.write_bytes(MAGIC + json.dumps(header).encode() + b"\n" + body)
    return key


def _message(app: FeatureTreeApp) -> str:
    return str(app.screen.query_one("#dialog-message").render())


async def test_a_sample_offers_only_its_own_copies_and_old_ones():
    store = RecoveryStore()
    old = _keep_without_origin(store, _edited_sample("zhihu", "旧的副本"))
    other_sample = _keep(store, _edited_sample("wms", "别的示例"), sample_origin("wms"))
    blank = _keep(store, Document.new(), None)
    ours = _keep(store, _edited_sample("zhihu", "首页改版"), sample_origin("zhihu"))  # newest
    app = FeatureTreeApp(sample="zhihu")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoveryDialog)
        message = _message(app)
        assert "the sample zhihu (never saved)" in message and "copy 1 of 2" in message
        await pilot.press("d")  # compared with the sample, not "everything added"
        await pilot.pause()
        detail = str(app.screen.query_one("#dialog-detail").render())
        assert "1 changed" in detail and "0 added" in detail
        await pilot.press("x")  # discard ours: the old copy is asked about next
        await pilot.pause()
        assert isinstance(app.screen, RecoveryDialog)
        message = _message(app)
        assert "a document never saved" in message and "copy 2 of 2" in message
        await pilot.press("enter")
        await pilot.pause()
        assert editor(app).doc.root.kids[0].title == "旧的副本"
    left = {info.key for info in store.untitled()}
    assert left == {other_sample, blank, old}  # only what the user discarded is gone
    assert ours not in left


async def test_edits_of_a_sample_and_of_its_restored_copy_are_kept_as_from_it():
    store = RecoveryStore()
    app = FeatureTreeApp(sample="zhihu")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = editor(app)  # nothing kept: the sample opens at once
        first = screen.doc.root.kids[0]
        screen.history.do(annotate.rename(screen.doc, first.id, "首页改版"))
        assert screen.persistence.write_now()
    (kept,) = store.untitled()
    assert kept.origin == sample_origin("zhihu")

    app = FeatureTreeApp(sample="zhihu")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoveryDialog)
        await pilot.press("enter")
        await pilot.pause()
        screen = editor(app)
        assert screen.doc.root.kids[0].title == "首页改版"
        first = screen.doc.root.kids[0]
        screen.history.do(annotate.rename(screen.doc, first.id, "首页再改"))
        assert screen.persistence.write_now()
    (again,) = store.untitled()  # the same copy, still from the sample
    assert again.key == kept.key and again.origin == sample_origin("zhihu")


@pytest.mark.parametrize("origin", [sample_origin("zhihu"), None])
async def test_the_start_screen_still_offers_every_copy(origin):
    store = RecoveryStore()
    _keep(store, _edited_sample("zhihu", "首页改版"), origin)
    app = FeatureTreeApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoveryDialog)
