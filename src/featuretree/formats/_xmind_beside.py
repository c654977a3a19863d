"""What an XMind topic has beside its children, carried through and written back.

The editor shows none of these, so the reader counts each in ``Document.not_imported``
(carried or not) and carries what it can; the writer writes back what still has the
topics it refers to:

* floating topics and callouts (``children.detached``, ``children.callout``): carried on
  their topic (:data:`BESIDE`), written while it is a node (floating topics on the
  sheet's central topic);
* summaries: a topic's ``summaries`` (each spans a run of its children, ``"(0,1)"``,
  and names its summary topic, ``topicId``) with their topics (``children.summary``);
* boundaries: a topic's ``boundaries``, around a run of its children or the topic
  itself (``"master"``);
* the sheet's relationships (``end1Id``, ``end2Id``), kept by the sheet: written while
  both their ends are written in that sheet (a node, or a topic or boundary above).

A run of children is carried by the children's node ids (:func:`carry_spans`), not by
their places: written, it spans the same children where they are now, while those of
them still under the topic stand side by side (:func:`spans`). One whose children were
all moved away or deleted, or that another child now splits, is not written, nor a
summary's topic with it; the loss check names it (what the file written holds of each
kind, read back, against :func:`held_of`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

BESIDE = "beside"
"""A topic's carried groups of topics beside its children (``{"detached": [...],
"callout": [...], "summary": [...]}``: its floating topics, callouts and summary topics,
as read), written after its ``"attached"`` children; the editor does not show them."""
GROUPS = ("detached", "callout", "summary")
"""The groups of :data:`BESIDE`, in the order they are written."""
RANGED = ("boundaries", "summaries")
"""A topic's carried lists of what spans its children: ``[{"item": as read, "kids":
[node ids] or None}]`` (``None``: not a run of children, ``"master"``)."""
_RANGE = re.compile(r"^\(\s*(\d+)\s*,\s*(\d+)\s*\)$")


def _ranged(item: object, kids: list[str], *, master: bool) -> dict[str, Any] | None:
    """``item`` with the ids of the children its ``range`` spans; ``None`` when it spans
    none of them (``master``: a range around the topic itself is kept as it is)."""
    if not isinstance(item, dict):
        return None
    text = item.get("range")
    if master and text == "master":
        return {"item": item, "kids": None}
    match = _RANGE.match(text) if isinstance(text, str) else None
    if match is None:
        return None
    first, last = int(match[1]), int(match[2])
    if first > last or last >= len(kids):
        return None
    return {"item": item, "kids": kids[first : last + 1]}


def carry_spans(carry: dict[str, Any], kids: list[str]) -> dict[str, Any]:
    """A topic's carry (``boundaries``, ``summaries`` and summary topics as read) with the
    runs of children they span as node ids (``kids``: its children's, in order).

    What spans no run of them (a range out of bounds), a summary without its topic and a
    summary topic no summary names are not carried: they stay counted as read.
    """
    if not any(key in carry for key in RANGED) and "summary" not in carry.get(BESIDE, {}):
        return carry
    carry = dict(carry)
    raw_boundaries = carry.pop("boundaries", ())
    raw_summaries = carry.pop("summaries", ())
    boundaries = [entry for item in raw_boundaries if (entry := _ranged(item, kids, master=True))]
    beside = dict(carry.pop(BESIDE, {}))
    topics = beside.pop("summary", [])
    by_id = {t["id"]: t for t in topics if isinstance(t, dict) and isinstance(t.get("id"), str)}
    summaries = [
        entry
        for item in raw_summaries
        if (entry := _ranged(item, kids, master=False)) and _id(item, "topicId") in by_id
    ]
    named = {entry["item"]["topicId"] for entry in summaries}
    kept_topics = [t for t in topics if isinstance(t, dict) and _id(t) in named]
    if boundaries:
        carry["boundaries"] = boundaries
    if summaries:
        carry["summaries"] = summaries
    if kept_topics:
        beside["summary"] = kept_topics
    if beside:
        carry[BESIDE] = beside
    return carry


def _written(entries: object, places: dict[str, int]) -> list[dict[str, Any]]:
    """The carried ``entries`` (:data:`RANGED`) that can be written, with their range
    where their children are now (``places``: the topic's children by id)."""
    out: list[dict[str, Any]] = []
    for entry in entries if isinstance(entries, list) else ():
        item = entry.get("item") if isinstance(entry, dict) else None
        if not isinstance(item, dict):
            continue
        kids = entry.get("kids")
        if kids is None:
            out.append(item)
            continue
        if not isinstance(kids, list):
            continue
        at = sorted({places[kid] for kid in kids if isinstance(kid, str) and kid in places})
        # Side by side: no other child between the first and the last still there.
        if at and at[-1] - at[0] + 1 == len(at):
            out.append({**item, "range": f"({at[0]},{at[-1]})"})
    return out


def spans(
    kids: Iterable[str], carried: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The boundaries and summaries to write on a topic (``kids``: its children's node
    ids now, in order; ``carried``: what it carried), each with its range now."""
    if not any(key in carried for key in RANGED):
        return [], []
    places = {kid: i for i, kid in enumerate(kids)}
    boundaries = _written(carried.get("boundaries"), places)
    named = {i for t in _beside_topics(carried, "summary") if (i := _id(t))}
    summaries = [
        s for s in _written(carried.get("summaries"), places) if _id(s, "topicId") in named
    ]
    return boundaries, summaries


def _id(item: dict[str, Any], key: str = "id") -> str | None:
    """``item[key]`` when it is an id (a string): values from files may be anything."""
    value = item.get(key)
    return value if isinstance(value, str) else None


def _beside_topics(carried: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    groups = carried.get(BESIDE)
    topics = groups.get(kind) if isinstance(groups, dict) else None
    return [t for t in topics if isinstance(t, dict)] if isinstance(topics, list) else []


def groups(kids: Iterable[str], carried: dict[str, Any]) -> dict[str, list[Any]]:
    """The topic's carried floating topics, callouts and summary topics to write, by kind
    (a summary topic only with its summary, see :func:`spans`)."""
    beside = carried.get(BESIDE)
    if not isinstance(beside, dict):
        return {}
    out: dict[str, list[Any]] = {}
    for kind in GROUPS:
        topics = beside.get(kind)
        if not isinstance(topics, list) or not topics:
            continue
        if kind == "summary":
            named = {i for s in spans(kids, carried)[1] if (i := _id(s, "topicId"))}
            topics = [t for t in topics if isinstance(t, dict) and _id(t) in named]
            if not topics:
                continue
        out[kind] = topics
    return out


def topic_count(topics: Iterable[Any]) -> int:
    """How many topics ``topics`` and everything under them hold (what a group loses)."""
    n, stack = 0, list(topics)
    while stack:
        raw = stack.pop()
        n += 1
        children = raw.get("children") if isinstance(raw, dict) else None
        if isinstance(children, dict):
            for group in children.values():
                if isinstance(group, list):
                    stack.extend(group)
    return n


def _topic_ids(topics: Iterable[Any], out: set[str]) -> None:
    """Add the ids of ``topics`` and of every topic under them to ``out``."""
    stack = list(topics)
    while stack:
        raw = stack.pop()
        if not isinstance(raw, dict):
            continue
        if isinstance(raw.get("id"), str):
            out.add(raw["id"])
        children = raw.get("children")
        if isinstance(children, dict):
            for group in children.values():
                if isinstance(group, list):
                    stack.extend(group)


def written_ids(topics: Iterable[tuple[list[str], dict[str, Any]]]) -> set[str]:
    """The ids written beside the topics of a sheet (``topics``: each topic's children's
    node ids and what it carried): their floating topics, callouts, summary topics and
    boundaries, which a relationship may join as it joins nodes."""
    out: set[str] = set()
    for kids, carried in topics:
        if not carried or not (BESIDE in carried or "boundaries" in carried):
            continue
        for kind_topics in groups(kids, carried).values():
            _topic_ids(kind_topics, out)
        for boundary in spans(kids, carried)[0]:
            if isinstance(boundary.get("id"), str):
                out.add(boundary["id"])
    return out


def held_of(carried: dict[str, Any], counts: dict[str, int]) -> None:
    """Add to ``counts`` what one topic carried beside its children, by the kinds of
    ``Document.not_imported``: what a file written from it holds unless it is dropped."""
    for kind, name in (
        ("detached", "floating_topic"),
        ("callout", "callout"),
        ("summary", "summary"),
    ):
        n = topic_count(_beside_topics(carried, kind))
        if n:
            counts[name] = counts.get(name, 0) + n
    boundaries = carried.get("boundaries")
    if isinstance(boundaries, list) and boundaries:
        counts["boundary"] = counts.get("boundary", 0) + len(boundaries)
