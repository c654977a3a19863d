"""Changes turned into a revision row and change-log entries (issue 14, in the editor)."""

from __future__ import annotations

import datetime as dt

import pytest

from featuretree import formats
from featuretree.model.annotations import Revision
from featuretree.operations import History, annotate, structure
from featuretree.samples_catalog import sample_path
from featuretree.versions import diff
from featuretree.versions.revision import next_version, node_entries, revision_step


@pytest.mark.parametrize(
    ("last", "expected"),
    [("v1.3", "v1.4"), ("2.0.9", "2.0.10"), ("V2", "V3"), ("第3版", "第4版"), ("09", "10")],
)
def test_the_next_version_counts_up_the_last_number(last: str, expected: str) -> None:
    assert next_version([Revision(version=last)]) == expected


@pytest.mark.parametrize(
    ("revisions", "logged", "expected"),
    [
        ([], ["V1.2.0"], "V1.2.1"),  # a new user's trial: v1.0 was offered
        ([], ["v0.9", "V1.2.0", "1.1"], "V1.2.1"),  # the highest, in its own style
        # once there are revisions, they are the sequence (a node's log may say 10.47.0,
        # the app's version, not the document's)
        (["v1.3"], ["10.47.0"], "v1.4"),
        ([], ["初版"], "v1.0"),  # no number: nothing to count on
    ],
)
def test_the_first_revision_counts_on_from_the_nodes_change_logs(
    revisions: list[str], logged: list[str], expected: str
) -> None:
    assert next_version([Revision(version=v) for v in revisions], logged) == expected


def test_a_version_without_a_number_is_offered_as_it_was_and_none_starts_at_v1() -> None:
    assert next_version([Revision(version="初版")]) == "初版"
    assert next_version([]) == "v1.0"


def _edited():
    old = formats.load(sample_path("zhihu"))
    new = formats.load(sample_path("zhihu"))
    history = History(new)
    home = new.root.kids[0]
    gone = home.kids[0]
    history.do(annotate.rename(new, home.id, "新首页"))
    history.do(structure.delete(new, gone.id))
    history.do(annotate.add_change(new, new.root.kids[1].id, summary="手写的记录"))
    return old, new, history, home, gone


def test_each_changed_node_gets_what_changed_on_it_and_a_removal_goes_on_its_parent() -> None:
    old, new, _, home, gone = _edited()
    entries = node_entries(diff(old, new), old, new, "zh")
    assert entries[home.id].splitlines() == [
        f"删除“{gone.title}”（连同下级 {sum(1 for _ in gone.descendants)} 个节点）",
        "重命名：“首页” → “新首页”",
    ]
    # A change-log entry added by hand is not a change of the feature: not logged again.
    assert new.root.kids[1].id not in entries


def test_the_revision_and_the_entries_are_one_undoable_step() -> None:
    old, new, history, home, _ = _edited()
    entries = node_entries(diff(old, new), old, new, "en")
    fields = {"version": "v1.4", "date": dt.date(2026, 12, 3), "author": "王", "summary": "s"}
    before = (new.revisions, home.changelog)
    history.do(revision_step(new, fields, entries))
    assert new.revisions[-1] == Revision(**fields)
    entry = home.changelog[0]
    assert (entry.version, entry.date, entry.author) == ("v1.4", dt.date(2026, 12, 3), "王")
    assert "renamed: “首页” → “新首页”" in entry.summary
    history.undo()
    assert (new.revisions, home.changelog) == before
