"""A :class:`~featuretree.versions.diff.Diff` for people: lines of text, a Markdown
修改记录 section for a PRD, or JSON for scripts.

Labels are in a language given by the caller (the CLI passes the document's, as the
PRD export does: :func:`featuretree.formats.prd.document_language`). User text stays
text: the Markdown cells are escaped, nothing here is markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from featuretree.formats.markdown_syntax import encode_line, table
from featuretree.i18n import text_in
from featuretree.model.annotations import ChangeEntry, FeatureStatus, Revision, Suggestion
from featuretree.versions.diff import PATH_SEPARATOR, Change, ChangeKind, Diff

EXCERPT = 40
"""Characters of a note or summary shown in a report line (the rest is ``…``)."""

CONTEXT = 8
"""Characters kept before the first difference of two notes."""

SUGGESTION_FIELDS = ("priority", "status", "text", "rationale", "author", "created")
"""The suggestion fields a report names, in this order (``id`` never changes)."""


def _excerpt(text: str) -> str:
    line = _whole(text)
    return line if len(line) <= EXCERPT else line[: EXCERPT - 1] + "…"


def _whole(text: str) -> str:
    """``text`` on one line (a table cell, a report line), every word of it kept."""
    return " ".join(text.split())


def _from_difference(old: str, new: str) -> tuple[str, str]:
    """The two texts from a little before where they start to differ (``…`` for the
    cut), so a sentence added at the end of long notes shows."""
    same = 0
    for a, b in zip(old, new):
        if a != b:
            break
        same += 1
    start = max(0, same - CONTEXT)
    if start == 0:
        return old, new
    return "…" + old[start:], "…" + new[start:]


def _value(value: Any, language: str) -> str:
    if isinstance(value, FeatureStatus):
        return text_in(language, f"status.{value.value}")
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return "—"
    return str(getattr(value, "value", value))


def _suggestion_value(
    name: str, value: Any, language: str, cut: Callable[[str], str] = _excerpt
) -> str:
    if name == "status" and value is not None:
        return text_in(language, f"sstatus.{value.value}")
    if name in ("text", "rationale") and isinstance(value, str):
        return f"“{cut(value)}”"
    return _value(value, language)


def _items(before: tuple, after: tuple, language: str, show: Any) -> str:
    removed = [show(item) for item in before if item not in after]
    added = [show(item) for item in after if item not in before]
    parts = []
    if added:
        parts.append(text_in(language, "diff.items_added", items="、".join(added)))
    if removed:
        parts.append(text_in(language, "diff.items_removed", items="、".join(removed)))
    if not parts:  # same items, another order
        parts.append(text_in(language, "diff.items_reordered"))
    return "；".join(parts) if language == "zh" else "; ".join(parts)


def _entry(entry: ChangeEntry | Revision, cut: Callable[[str], str] = _excerpt) -> str:
    head = " ".join(part for part in (entry.version, entry.date.isoformat(), entry.author) if part)
    return f"{head}：{cut(entry.summary)}" if entry.summary else head


def _suggestion(s: Suggestion, language: str, cut: Callable[[str], str] = _excerpt) -> str:
    status = text_in(language, f"sstatus.{s.status.value}")
    return f"[{s.priority.value} · {status}] {cut(s.text)}"


def detail(change: Change, language: str, *, whole: bool = False) -> str:
    """What changed, in words (the report's third column): ``“推荐” → “为你推荐”``.

    A change-log entry, a revision or a suggestion is cut to an excerpt for a line on
    screen; ``whole`` keeps every word of it (the Markdown section, which a team reads
    in place of the document). Notes are always excerpted around where they differ.
    """
    kind, old, new = change.kind, change.old, change.new
    cut = _whole if whole else _excerpt
    if kind in (ChangeKind.ADDED, ChangeKind.REMOVED):
        return text_in(language, "diff.below", count=change.below) if change.below else ""
    if kind == ChangeKind.RENAMED:
        return f"“{old}” → “{new}”"
    if kind == ChangeKind.MOVED:
        return text_in(language, "diff.moved", old=old, new=new)
    if kind == ChangeKind.REORDERED:
        return text_in(language, "diff.reordered", old=old + 1, new=new + 1)
    if kind == ChangeKind.NOTES:
        if not old:
            return f"+ “{_excerpt(new)}”"
        if not new:
            return f"- “{_excerpt(old)}”"
        before, after = _from_difference(" ".join(old.split()), " ".join(new.split()))
        return f"“{_excerpt(before)}” → “{_excerpt(after)}”"
    if kind == ChangeKind.STATUS:
        return f"{_value(old, language)} → {_value(new, language)}"
    if kind == ChangeKind.TAGS:
        return _items(old, new, language, str)
    if kind == ChangeKind.LINKS:
        return _items(old, new, language, lambda link: link.title or link.url)
    if kind in (ChangeKind.CHANGE_ADDED, ChangeKind.REVISION_ADDED):
        return _entry(new, cut)
    if kind in (ChangeKind.CHANGE_REMOVED, ChangeKind.REVISION_REMOVED):
        return _entry(old, cut)
    if kind == ChangeKind.SUGGESTION_ADDED:
        return _suggestion(new, language, cut)
    if kind == ChangeKind.SUGGESTION_REMOVED:
        return _suggestion(old, language, cut)
    if kind == ChangeKind.SUGGESTION_CHANGED:
        parts = [f"“{cut(new.text)}”"]
        for name in SUGGESTION_FIELDS:
            if name in change.fields:
                label = text_in(language, f"diff.field.{name}")
                before = _suggestion_value(name, getattr(old, name), language, cut)
                after = _suggestion_value(name, getattr(new, name), language, cut)
                parts.append(f"{label} {before} → {after}")
        return ("；" if language == "zh" else "; ").join(parts)
    if kind == ChangeKind.META:
        label = text_in(language, f"diff.meta.{change.fields[0]}")
        return f"{label}：{_value(old, language)} → {_value(new, language)}"
    return ""


def rows(result: Diff, language: str, *, whole: bool = False) -> list[tuple[Change, str, str, str]]:
    """``(change, kind label, where, detail)`` for each change, in the diff's order
    (``whole``: see :func:`detail`)."""
    document = text_in(language, "diff.document")
    return [
        (
            change,
            text_in(language, f"diff.kind.{change.kind.value}"),
            change.path or document,
            detail(change, language, whole=whole),
        )
        for change in result.changes
    ]


def summary(result: Diff, language: str) -> str:
    """One line: how many nodes were added, removed and changed."""
    if result.equal:
        return text_in(language, "diff.equal")
    changed = {
        c.node_id
        for c in result.changes
        if c.node_id is not None and c.kind not in (ChangeKind.ADDED, ChangeKind.REMOVED)
    }
    if not (changed or result.added_ids or result.removed_ids):
        # Only the document's information or its revisions: "0 nodes added, 0 removed,
        # 0 changed" read as if nothing had, while the exit status said different.
        return text_in(language, "diff.summary_document_only")
    return text_in(
        language,
        "diff.summary",
        added=len(result.added_ids),
        removed=len(result.removed_ids),
        changed=len(changed),
    )


SUMMARY_DETAIL = (
    ChangeKind.ADDED,
    ChangeKind.REMOVED,
    ChangeKind.MOVED,
    ChangeKind.STATUS,
    ChangeKind.TAGS,
    ChangeKind.LINKS,
    ChangeKind.META,
)
"""Changes whose short detail a revision's summary gives after the title (状态：现有 →
新增, 连同下级 3 个节点): a rename says its old and new title instead, and notes,
change-log entries and suggestions (long texts) are named only."""


def revision_summary(result: Diff, language: str, limit: int = 5) -> str:
    """A one-line summary for a revision-history row (版本修订记录): the first ``limit``
    changes by kind and title, with what changed where it is short, then how many more
    (``重命名“推荐” → “为你推荐”；状态“为你推荐”（现有 → 新增）；新增“消息免打扰”``)."""
    parts: list[str] = []
    seen: set[tuple[str, str]] = set()
    for change in result.changes:
        title = change.path.rsplit(PATH_SEPARATOR, 1)[-1] if change.path else ""
        key = (change.kind.value, title)
        if key in seen:
            continue
        seen.add(key)
        kind = text_in(language, f"diff.kind.{change.kind.value}")
        what = detail(change, language) if change.kind in SUMMARY_DETAIL else ""
        if change.kind == ChangeKind.RENAMED:
            item = text_in(
                language, "diff.revision_renamed", kind=kind, what=detail(change, language)
            )
        elif what:
            item = text_in(
                language, "diff.revision_item_detail", kind=kind, title=title or "—", what=what
            )
        else:
            item = text_in(language, "diff.revision_item", kind=kind, title=title or "—")
        parts.append(item)
    # "and 1 more" takes the room of the one change it stands for: that one is shown.
    shown = parts[:limit] if len(parts) > limit + 1 else parts
    text = ("；" if language == "zh" else "; ").join(shown)
    if len(parts) > len(shown):
        text += text_in(language, "diff.revision_more", count=len(parts) - len(shown))
    return text


def text_lines(result: Diff, language: str) -> list[tuple[Change, str]]:
    """One plain line per change (``(change, line)``, so a caller can colour by kind)."""
    return [
        (change, f"{label}  {where}" + (f"  {what}" if what else ""))
        for change, label, where, what in rows(result, language)
    ]


def markdown(result: Diff, language: str, *, heading: str = "##", title: str = "") -> str:
    """A 修改记录 section for a PRD: a heading, a one-line summary and a table of changes,
    each change-log entry, revision and suggestion in it whole.

    ``title`` (for example ``v1.3 → v1.4``) follows the heading's words.
    """
    caption = text_in(language, "diff.section")
    lines = [f"{heading} {caption}" + (f"（{encode_line(title)}）" if title else ""), ""]
    lines += [encode_line(summary(result, language)), ""]
    if not result.equal:
        headers = [text_in(language, f"diff.col.{name}") for name in ("kind", "path", "detail")]
        body = (
            (encode_line(label), encode_line(where), encode_line(what))
            for _, label, where, what in rows(result, language, whole=True)
        )
        lines += [*table(headers, body), ""]
    return "\n".join(lines)


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, str | int | bool):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", exclude_none=True)
    return str(getattr(value, "value", value))


def as_json(result: Diff) -> dict[str, Any]:
    """The diff as JSON-ready data: ``{"equal", "added", "removed", "changes": [{"kind",
    "id", "path", "old", "new", "fields", "below"}]}`` (``added``/``removed``: node counts)."""
    return {
        "equal": result.equal,
        "added": len(result.added_ids),
        "removed": len(result.removed_ids),
        "changes": [
            {
                "kind": change.kind.value,
                "id": change.node_id,
                "path": change.path,
                "old": _plain(change.old),
                "new": _plain(change.new),
                "fields": list(change.fields),
                "below": change.below,
            }
            for change in result.changes
        ],
    }
