"""Recovery files: finding, restoring and discarding the unsaved state of a document."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from featuretree.formats.errors import FormatError
from featuretree.formats.json_format import read_json, write_json
from featuretree.model.document import Document
from featuretree.operations import History, annotate, structure
from featuretree.storage.fingerprint import Fingerprint
from featuretree.storage.recovery import RecoveryStore, diff_counts, state_dir

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> RecoveryStore:
    monkeypatch.setenv("FEATURETREE_STATE_DIR", str(tmp_path / "state"))
    return RecoveryStore()


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    target = tmp_path / "docs" / "zhihu.json"
    target.parent.mkdir()
    target.write_bytes((SAMPLES / "zhihu.json").read_bytes())
    old = target.stat().st_mtime_ns - 60 * 10**9  # saved a minute ago
    os.utime(target, ns=(old, old))
    return target


def edited(path: Path) -> Document:
    doc = read_json(path.read_bytes())
    history = History(doc)
    history.do(annotate.rename(doc, doc.root.kids[0].id, "改过的标题"))
    history.do(structure.add_child(doc, doc.root.id, "新功能"))
    return doc


def test_state_dir_follows_the_environment(store: RecoveryStore, tmp_path: Path) -> None:
    assert state_dir() == tmp_path / "state"
    assert store.folder == tmp_path / "state" / "recovery"


def test_write_find_load_discard(store: RecoveryStore, saved: Path) -> None:
    base, _ = Fingerprint.read(saved)
    doc = edited(saved)
    assert store.find(saved) is None
    info = store.write(write_json(doc), saved, base=base)
    assert info.file.parent == store.folder and saved.parent not in info.file.parents
    found = store.find(saved)
    assert found is not None
    assert found.for_path == saved.absolute() and found.base == base and found.pid == os.getpid()
    assert not found.document_changed_since_base()
    restored = store.load(found)
    assert write_json(restored) == write_json(doc)
    store.discard(saved)
    assert store.find(saved) is None
    store.discard(saved)  # twice is fine


def test_relative_and_absolute_paths_share_a_key(
    store: RecoveryStore, saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(saved.parent)
    store.write(write_json(edited(saved)), "zhihu.json")
    assert store.find(saved) is not None
    assert store.find(saved.parent / "other.json") is None


def test_older_than_document_is_not_offered(store: RecoveryStore, saved: Path) -> None:
    info = store.write(write_json(edited(saved)), saved)
    later = info.written_ns + 5 * 10**9
    os.utime(saved, ns=(later, later))  # saved elsewhere after the crash
    assert store.find(saved) is None
    assert store.find(saved, include_stale=True) == info


def test_missing_document_offers_recovery(store: RecoveryStore, saved: Path) -> None:
    store.write(write_json(edited(saved)), saved)
    saved.unlink()
    assert store.find(saved) is not None


def test_document_changed_on_disk_since_loading(store: RecoveryStore, saved: Path) -> None:
    base = Fingerprint.of(saved)
    info = store.write(write_json(edited(saved)), saved, base=base)
    saved.write_bytes(saved.read_bytes().replace("知乎".encode(), "知乎!".encode(), 1))
    assert info.document_changed_since_base()


def test_untitled_documents_get_their_own_keys(store: RecoveryStore) -> None:
    first, second = RecoveryStore.untitled_key(), RecoveryStore.untitled_key()
    assert first != second
    store.write(write_json(Document.new("甲")), None, key=first)
    store.write(write_json(Document.new("乙")), None, key=second)
    found = store.untitled()
    assert sorted(store.load(i).root.title for i in found) == ["乙", "甲"]
    store.discard(found[0])
    assert len(store.untitled()) == 1
    with pytest.raises(ValueError):
        store.write(b"{}", None)


def test_damaged_recovery_file(store: RecoveryStore, saved: Path) -> None:
    info = store.write(write_json(edited(saved)), saved)
    data = info.file.read_bytes()
    info.file.write_bytes(data[: len(data) // 2])
    with pytest.raises(FormatError) as caught:
        store.load(info)
    assert str(info.file) in str(caught.value)
    info.file.write_bytes(b"garbage\n")
    assert store.find(saved) is None


def test_diff_counts(saved: Path) -> None:
    old = read_json(saved.read_bytes())
    new = read_json(saved.read_bytes())
    assert diff_counts(old, new).identical
    history = History(new)
    first, second = new.root.kids[0], new.root.kids[1]
    history.do(annotate.rename(new, first.id, "改名"))
    history.do(structure.add_child(new, first.id, "新"))
    history.do(structure.add_child(new, first.id, "新 2"))
    removed = 1 + sum(1 for _ in second.descendants)
    history.do(structure.delete(new, second.id))
    history.do(structure.move_to(new, new.root.kids[-1].id, first.id))
    counts = diff_counts(old, new)
    assert (counts.added, counts.removed, counts.changed, counts.moved) == (2, removed, 1, 1)
    assert not counts.meta_changed
    assert str(counts) == f"2 added, {removed} removed, 1 changed, 1 moved"


def test_autosave_finishing_after_a_save_is_dropped(store: RecoveryStore, saved: Path) -> None:
    doc = edited(saved)
    store.write(write_json(doc), saved, revision=3)
    store.discard(saved, revision=5)  # saved at edit 5 while an autosave of edit 4 was in flight
    assert store.write(write_json(doc), saved, revision=4) is None
    assert store.find(saved) is None
    assert store.write(write_json(doc), saved, revision=6) is not None  # a later edit
    assert store.find(saved) is not None


def _zhihu_like() -> Document:
    """知乎 App › (首页 › (热榜, 关注), 我的 › 钱包 › 优惠券), with fixed ids."""
    from featuretree.model.node import FeatureNode
    from featuretree.model.tree import attach

    root = FeatureNode("知乎 App", id="root")
    nodes = {"root": root}
    for node_id, title, parent in (
        ("home", "首页", "root"),
        ("hot", "热榜", "home"),
        ("follow", "关注", "home"),
        ("me", "我的", "root"),
        ("wallet", "钱包", "me"),
        ("coupon", "优惠券", "wallet"),
    ):
        nodes[node_id] = FeatureNode(title, id=node_id)
        attach(nodes[node_id], nodes[parent])
    return Document(root)


def test_document_diff_names_each_node_by_title_path() -> None:
    from featuretree.storage.recovery import document_diff

    doc_of = _zhihu_like
    old, new = doc_of(), doc_of()
    history = History(new)
    history.do(annotate.rename(new, "hot", "热榜（新版）"))
    history.do(structure.move_down(new, "hot"))  # now 关注, 热榜: one sibling moved
    history.do(structure.add_child(new, "home", "AI 搜索"))
    history.do(structure.add_child(new, new.node("home").kids[-1].id, "历史"))
    history.do(structure.delete(new, "wallet"))  # with 优惠券 under it
    diff = document_diff(old, new)
    shown = {(c.kind, " › ".join(c.path), c.inside, c.fields) for c in diff.changes}
    assert ("changed", "知乎 App › 首页 › 热榜（新版）", 0, ("title",)) in shown
    assert ("added", "知乎 App › 首页 › AI 搜索", 1, ()) in shown  # its child counted, not listed
    assert ("removed", "知乎 App › 我的 › 钱包", 1, ()) in shown
    moved = [c for c in diff.changes if c.kind == "moved"]
    assert len(moved) == 1 and moved[0].reordered
    counts = diff.counts
    assert (counts.added, counts.removed, counts.changed, counts.moved) == (2, 2, 1, 1)
    assert len(diff.changes) == 4
    # A node moved under another parent says where it was.
    history.do(structure.move_to(new, "follow", "me"))
    moved = [c for c in document_diff(old, new).changes if c.node_id == "follow"]
    assert [(c.kind, c.path, c.old_path[:-1], c.reordered) for c in moved] == [
        ("moved", ("知乎 App", "我的", "关注"), ("知乎 App", "首页"), False)
    ]
    # Reordering is a difference too: before, swapped siblings were "the same as the file".
    swapped = doc_of()
    History(swapped).do(structure.move_down(swapped, "hot"))
    assert not diff_counts(old, swapped).identical


def test_document_diff_is_iterative_and_limited() -> None:
    from featuretree.model.node import FeatureNode
    from featuretree.model.tree import attach
    from featuretree.storage.recovery import document_diff

    root = FeatureNode("root", id="root")
    node = root
    for depth in range(5000):  # deeper than Python's recursion limit
        kid = FeatureNode(f"n{depth}", id=f"n{depth}")
        attach(kid, node)
        node = kid
    old = Document(root)
    new_root = FeatureNode("root", id="root")
    for i in range(50):
        attach(FeatureNode(f"new{i}", id=f"new{i}"), new_root)
    new = Document(new_root)
    diff = document_diff(old, new, limit=10)
    assert diff.counts.removed == 5000 and diff.counts.added == 50
    assert len(diff.changes) == 10 and diff.left_out == 41  # 50 added tops + 1 removed top
    everything = document_diff(None, old)
    assert [(c.kind, c.inside) for c in everything.changes] == [("added", 5000)]
