"""featuretree's annotations as a readable block at the end of a plain-text note.

XMind, FreeMind and OPML have no place for a change log or suggestions, but every one
of them shows a node's note. The writers append this block to the note, and the
readers take it back off, so featuretree → XMind → featuretree keeps the annotations::

    用户自己的备注……

    ──── featuretree ────
    状态：new
    【修改记录】
    - 2024-03-01：重做搜索结果页
        第二行摘要
      版本：v2.1
      作者：张三
    【优化建议】
    - [P1·accepted] 增加搜索历史
      理由：用户经常重复搜索
      作者：李四
      日期：2024-03-02
      编号：s7k2m9xq
    【链接】
    - https://example.com/prd
      标题：搜索 PRD

The grammar, which the parser holds the text to exactly:

* the block starts at the last line that is exactly :data:`SEPARATOR`; a non-empty
  user note comes before it, followed by one blank line;
* ``状态：<status>`` (optional), then the sections 【修改记录】, 【优化建议】 and 【链接】,
  each optional, in that order;
* an entry starts with ``- ``: a change with ``- YYYY-MM-DD：<summary>``, a suggestion
  with ``- [<P0–P3>·<status>] <text>``, a link with ``- <url>``; its other fields (a
  link's ``标题``) follow as two-space-indented
  ``标签：value`` lines in any order;
* a multi-line value continues on lines indented by four spaces (removed on reading),
  so user text can never be mistaken for structure.

When the text after the separator does not follow the grammar (a user edited it in
XMind, say), nothing is lost: the whole note stays a note and a warning says so.

Links go in the block only when the format's own place cannot hold them all (FreeMind,
XMind and OPML keep one URL per node, without a title): see :func:`links_to_write`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from pydantic import ValidationError

from featuretree.formats.errors import warning_text
from featuretree.formats.json_problems import friendly_message
from featuretree.model.annotations import (
    ChangeEntry,
    FeatureStatus,
    Link,
    Suggestion,
)

__all__ = [
    "SEPARATOR",
    "Annotations",
    "links_to_write",
    "merge_links",
    "parse_notes",
    "write_notes",
]

SEPARATOR = "──── featuretree ────"
CHANGES = "【修改记录】"
SUGGESTIONS = "【优化建议】"
LINKS = "【链接】"
STATUS = "状态："
_CONT = "    "
_FIELD = "  "
_CHANGE_HEAD = re.compile(r"- (\d{4}-\d{2}-\d{2})：(.*)\Z", re.S)
_SUGGESTION_HEAD = re.compile(r"- \[(P[0-3])·([a-z_]+)\] (.*)\Z", re.S)
_LINK_HEAD = re.compile(r"- (.+)\Z")
_FIELD_LINE = re.compile(r"  ([^\s：]{1,8})：(.*)\Z", re.S)
_SEPARATOR_LINE = re.compile(rf"(?:\A|\n){re.escape(SEPARATOR)}[ \t]*(?:\n|\Z)")

_CHANGE_FIELDS = {"版本": "version", "作者": "author"}
_SUGGESTION_FIELDS = {"理由": "rationale", "作者": "author", "日期": "created", "编号": "id"}
_LINK_FIELDS = {"标题": "title"}


@dataclass
class Annotations:
    """What a note held: the user's own text and featuretree's annotations."""

    notes: str
    changelog: tuple[ChangeEntry, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    status: FeatureStatus | None = None
    warnings: list[str] = field(default_factory=list)
    links: tuple[Link, ...] = ()


def _value(text: str) -> str:
    """A possibly multi-line value: the first line as is, the rest indented."""
    return text.replace("\n", "\n" + _CONT)


def write_notes(
    notes: str,
    changelog: tuple[ChangeEntry, ...] | list[ChangeEntry] = (),
    suggestions: tuple[Suggestion, ...] | list[Suggestion] = (),
    status: FeatureStatus | None = None,
    links: tuple[Link, ...] | list[Link] = (),
) -> str:
    """The note text to export: ``notes`` plus, if there are any, the annotations.

    ``status`` is written only when given and not the default ``existing`` (formats
    that have a better place for it, such as an XMind label, pass ``None``). ``links``
    are the ones the format cannot hold itself (:func:`links_to_write`).
    """
    lines: list[str] = []
    if status is not None and status is not FeatureStatus.EXISTING:
        lines.append(STATUS + status.value)
    if changelog:
        lines.append(CHANGES)
        for entry in changelog:
            lines.append(f"- {entry.date.isoformat()}：{_value(entry.summary)}")
            if entry.version:
                lines.append(f"{_FIELD}版本：{_value(entry.version)}")
            if entry.author:
                lines.append(f"{_FIELD}作者：{_value(entry.author)}")
    if suggestions:
        lines.append(SUGGESTIONS)
        for s in suggestions:
            lines.append(f"- [{s.priority.value}·{s.status.value}] {_value(s.text)}")
            if s.rationale:
                lines.append(f"{_FIELD}理由：{_value(s.rationale)}")
            if s.author:
                lines.append(f"{_FIELD}作者：{_value(s.author)}")
            lines.append(f"{_FIELD}日期：{s.created.isoformat()}")
            lines.append(f"{_FIELD}编号：{s.id}")
    if links:
        lines.append(LINKS)
        for link in links:
            lines.append(f"- {link.url}")
            if link.title:
                lines.append(f"{_FIELD}标题：{_value(link.title)}")
    if not lines:
        return notes
    block = SEPARATOR + "\n" + "\n".join(lines)
    return f"{notes}\n\n{block}" if notes else block


class _BlockError(ValueError):
    pass


def _logical_lines(text: str) -> list[str]:
    """Lines with their four-space continuations joined back by newlines.

    A blank line inside the block is a continuation too (an editor may have trimmed
    the four spaces that stood for an empty line of a value).
    """
    lines = text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    out: list[str] = []
    for line in lines:
        if line.startswith(_CONT) or not line.strip():
            if not out:
                raise _BlockError("a continuation line with nothing to continue")
            out[-1] += "\n" + line[len(_CONT) :]
        else:
            out.append(line)
    return out


def links_to_write(
    links: tuple[Link, ...], reserved: tuple[str, ...] = ()
) -> tuple[str, tuple[Link, ...]]:
    """For a format with one untitled URL per node: that URL, and the links for the block.

    One link without a title fits the format's own place; otherwise the first URL still
    goes there (so the other tool opens it) and every link, titles and all, goes in the
    block, which :func:`merge_links` prefers on reading. A first URL starting with one of
    the format's ``reserved`` prefixes (FreeMind's ``#`` for a node of the map) would be
    read back as something else: then the block holds every link and the place stays empty.
    """
    if not links:
        return "", ()
    if reserved and links[0].url.startswith(reserved):
        return "", links
    if len(links) == 1 and not links[0].title:
        return links[0].url, ()
    return links[0].url, links


def merge_links(url: str, block: tuple[Link, ...]) -> tuple[Link, ...]:
    """A node's links from the format's own URL and the block's list (see :func:`links_to_write`).

    The block's list is complete when the URL is its first link's; a URL that differs
    (changed in the other tool) comes first.
    """
    if not url:
        return block
    if block and block[0].url == url:
        return block
    return (Link(url=url), *block)


def _parse_block(text: str) -> tuple[FeatureStatus | None, list[dict], list[dict], list[dict]]:
    status: FeatureStatus | None = None
    changes: list[dict] = []
    suggestions: list[dict] = []
    links: list[dict] = []
    section: str | None = None
    current: dict | None = None
    fields: dict[str, str] = {}
    for line in _logical_lines(text):
        if line in (CHANGES, SUGGESTIONS, LINKS):
            section, current = line, None
        elif line.startswith(STATUS) and section is None and status is None:
            try:
                status = FeatureStatus(line[len(STATUS) :].strip())
            except ValueError:
                raise _BlockError(f"unknown status {line!r}") from None
        elif section == CHANGES and (m := _CHANGE_HEAD.match(line)):
            current = {"date": m[1], "summary": m[2]}
            changes.append(current)
            fields = _CHANGE_FIELDS
        elif section == SUGGESTIONS and (m := _SUGGESTION_HEAD.match(line)):
            current = {"priority": m[1], "status": m[2], "text": m[3]}
            suggestions.append(current)
            fields = _SUGGESTION_FIELDS
        elif section == LINKS and (m := _LINK_HEAD.match(line)):
            current = {"url": m[1]}
            links.append(current)
            fields = _LINK_FIELDS
        elif current is not None and (m := _FIELD_LINE.match(line)) and m[1] in fields:
            key = fields[m[1]]
            if key in current:
                raise _BlockError(f"{m[1]} given twice")
            current[key] = m[2]
        else:
            raise _BlockError(f"unexpected line {line[:40]!r}")
    return status, changes, suggestions, links


def parse_notes(text: str, new_id: Callable[[], str]) -> Annotations:
    """Split a note into the user's text and featuretree's annotation block.

    A suggestion without an ``编号`` gets ``new_id()``; making ids unique across the
    document is the caller's job.
    """
    matches = list(_SEPARATOR_LINE.finditer(text))
    if not matches:
        return Annotations(notes=text)
    match = matches[-1]
    before, block = text[: match.start()], text[match.end() :]
    try:
        status, raw_changes, raw_suggestions, raw_links = _parse_block(block)
        links = tuple(Link.model_validate(k) for k in raw_links)
        changelog = tuple(ChangeEntry.model_validate(c) for c in raw_changes)
        suggestions = tuple(
            Suggestion.model_validate(s if "id" in s else {**s, "id": new_id()})
            for s in raw_suggestions
        )
    except (_BlockError, ValidationError) as exc:
        if isinstance(exc, ValidationError):
            error = exc.errors()[0]
            reason = f"{'.'.join(str(p) for p in error['loc'])}: {friendly_message(error)}"
        else:
            reason = str(exc)
        return Annotations(
            notes=text,
            warnings=[warning_text("warning.notes_block", reason=reason)],
        )
    # The writer puts one blank line between the user's note and the block.
    if before.endswith("\n"):
        before = before[:-1]
    return Annotations(before, changelog, suggestions, status, links=links)
