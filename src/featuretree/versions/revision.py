"""Turn what changed into a revision-history row (版本修订记录), and optionally a
change-log entry (修改记录) on each changed node — one undoable step.

The editor's "what changed" screen (issue 14) fills its revision form from here: the
next version after the last row's (:func:`next_version`), and a summary generated from
the diff (:func:`featuretree.versions.report.revision_summary`). :func:`node_entries`
says, node by node, what changed in words; :func:`revision_step` makes the command.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from featuretree.i18n import text_in
from featuretree.model.annotations import Revision
from featuretree.model.document import Document
from featuretree.operations import Command, Composite, annotate
from featuretree.versions.diff import PATH_SEPARATOR, ChangeKind, Diff
from featuretree.versions.report import detail

FEATURE_KINDS = (
    ChangeKind.ADDED,
    ChangeKind.REMOVED,
    ChangeKind.RENAMED,
    ChangeKind.MOVED,
    ChangeKind.REORDERED,
    ChangeKind.NOTES,
    ChangeKind.STATUS,
    ChangeKind.TAGS,
    ChangeKind.LINKS,
)
"""Changes of the feature itself, which a node's change log records. Not its change-log
entries (that would log the log) nor its suggestions (proposals, not changes made)."""

FIRST_VERSION = "v1.0"
"""The version offered when the document has no revision yet."""

_LAST_NUMBER = re.compile(r"(\d+)(?!.*\d)")


def next_version(revisions: Sequence[Revision], logged: Iterable[str] = ()) -> str:
    """The version after the latest one: its last number plus one, the rest kept
    (``v1.3`` → ``v1.4``, ``2.0.9`` → ``2.0.10``, ``V1.2.0`` → ``V1.2.1``, ``第3版`` → ``第4版``).

    The latest is the last revision's. A document with no revision yet counts on from
    the highest version in ``logged`` (its nodes' change-log entries:
    :func:`logged_versions`, compared by their numbers), so one whose nodes' logs reached
    ``V1.2.0`` is not offered ``v1.0``. Once there are revisions they are the sequence
    (node logs may name the app's versions, ``10.47.0``, not the document's). Without a
    number the version is offered as it was, to edit; with no version at all,
    :data:`FIRST_VERSION`.
    """
    latest = revisions[-1].version if revisions else None
    if latest is None:
        numbered = [version for version in logged if _numbers(version)]
        latest = max(numbered, key=_numbers, default=None)
    if latest is None:
        return FIRST_VERSION
    match = _LAST_NUMBER.search(latest)
    if match is None:
        return latest
    number = match.group(1)
    bumped = str(int(number) + 1).zfill(len(number))
    return latest[: match.start()] + bumped + latest[match.end() :]


def _numbers(version: str) -> tuple[int, ...]:
    """The numbers in ``version``, to compare it with another (``V1.2.0`` → (1, 2, 0))."""
    return tuple(int(number) for number in re.findall(r"\d+", version))


def logged_versions(doc: Document) -> Iterator[str]:
    """The versions of every change-log entry (修改记录) on ``doc``'s nodes."""
    for node in doc.iter_nodes():  # iterative: any depth
        for entry in node.changelog:
            if entry.version:
                yield entry.version


def node_entries(result: Diff, old: Document, new: Document, language: str) -> dict[str, str]:
    """``node id → what changed on it`` for each node of ``new`` whose feature changed
    (:data:`FEATURE_KINDS`), one line per change (``重命名：“推荐” → “为你推荐”``).

    A removed subtree is written on the parent it was removed from, when that parent is
    still in ``new`` (``删除“视频”（连同下级 3 个节点）``); an added subtree once, on its top.
    """
    lines: dict[str, list[str]] = {}
    for change in result.changes:
        if change.kind not in FEATURE_KINDS or change.node_id is None:
            continue
        kind = text_in(language, f"diff.kind.{change.kind.value}")
        what = detail(change, language)
        node_id = change.node_id
        if change.kind == ChangeKind.REMOVED:
            gone = old.get(node_id)
            parent = gone.parent if gone is not None else None
            if parent is None or new.get(parent.id) is None:
                continue  # its parent went too: said on the parent's parent
            node_id = parent.id
            title = change.path.rsplit(PATH_SEPARATOR, 1)[-1]
            line = text_in(language, "diff.revision_item", kind=kind, title=title)
            if what:
                line += f"（{what}）" if language == "zh" else f" ({what})"
        else:
            line = f"{kind}：{what}" if language == "zh" else f"{kind}: {what}"
            if not what:
                line = kind
        lines.setdefault(node_id, []).append(line)
    return {node_id: "\n".join(items) for node_id, items in lines.items()}


def revision_step(
    doc: Document,
    fields: dict[str, Any],
    entries: dict[str, str] | None = None,
) -> Command:
    """One undoable step: the revision row ``fields`` (version, date, author, summary),
    and with ``entries`` (:func:`node_entries`) a change-log entry of the same version,
    date and author on each of those nodes, saying what changed on it.

    Raises :class:`~featuretree.operations.OperationError` for a bad field.
    """
    steps: list[Command] = []
    same = {
        name: fields[name] for name in ("version", "date", "author") if fields.get(name) is not None
    }
    for node_id, summary in (entries or {}).items():
        if doc.get(node_id) is None:
            continue  # gone since the changes were listed
        steps.append(annotate.add_change(doc, node_id, **same, summary=summary))
    # The revision last: the step's focus is then the document's, not the last node's,
    # and the tree's cursor stays where the user was.
    steps.append(annotate.add_revision(doc, **fields))
    return Composite(steps[-1].label, steps) if len(steps) > 1 else steps[0]
