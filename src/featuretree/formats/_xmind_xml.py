"""Reading XMind 8's ``content.xml`` (its sheets and topics) and ``comments.xml``.

See :mod:`featuretree.formats.xmind_format` for how the fields map.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from featuretree.formats._xmind_topic import (
    COMMENT_PREFIX,
    SKIPPED_KINDS,
    Sheet,
    Topic,
    carry_attachment,
)
from featuretree.formats._xml import local, parse_xml
from featuretree.formats.errors import FormatError, count_not_imported
from featuretree.model.text import clean_line, clean_text


def _xml_children(elem: Any, name: str) -> list[Any]:
    return [child for child in elem if local(child.tag) == name]


def _xml_first(elem: Any, name: str) -> Any:
    for child in elem:
        if local(child.tag) == name:
            return child
    return None


def xml_topic(elem: Any) -> Topic:
    """What featuretree takes from a ``content.xml`` ``<topic>`` (its children left raw)."""
    topic = Topic(id=elem.get("id"))
    for key, value in elem.attrib.items():
        if local(key) == "href":
            topic.href = value
    if elem.get("style-id"):
        count_not_imported(topic.skipped, "style_setting")
    if elem.get("branch") == "folded":
        topic.carry["branch"] = "folded"
    structure = elem.get("structure-class")
    if structure:
        topic.carry["structureClass"] = structure
    for part in elem:
        kind = local(part.tag)
        if kind == "img":  # <xhtml:img xhtml:src="xap:attachments/…"/>
            src = next((v for k, v in part.attrib.items() if local(k) == "src"), "")
            if src:
                topic.images.append(src)
                # The first is written back on the topic (a topic shows one picture).
                topic.carry.setdefault("image", {"src": src})
        elif kind == "title":
            topic.title = part.text or ""
        elif kind == "notes":
            plain = _xml_first(part, "plain")
            if plain is not None:
                topic.notes = "".join(plain.itertext())
            html = _xml_first(part, "html")
            if html is not None and any(
                local(e.tag) in ("strong", "em", "u", "s", "span", "a") or e.get("style-id")
                for e in html.iter()
            ):
                count_not_imported(topic.skipped, "formatted_note")
        elif kind == "boundaries":
            found = _xml_children(part, "boundary")
            count_not_imported(topic.skipped, "boundary", len(found))
            # Carried as XMind Zen has them, to be written back in both files.
            boundaries = [b for elem in found if (b := _boundary(elem, topic.skipped))]
            if boundaries:
                topic.carry["boundaries"] = boundaries
        elif kind == "labels":
            topic.labels = [label.text or "" for label in _xml_children(part, "label")]
        elif kind == "marker-refs":
            topic.markers = [ref.get("marker-id", "") for ref in _xml_children(part, "marker-ref")]
        elif kind == "children":
            for group in _xml_children(part, "topics"):
                topics = _xml_children(group, "topic")
                kind_of = group.get("type", "attached")
                if kind_of == "attached":
                    topic.children.extend(topics)
                else:
                    n = sum(1 for t in topics for e in t.iter() if local(e.tag) == "topic")
                    count_not_imported(
                        topic.skipped, SKIPPED_KINDS.get(kind_of, "floating_topic"), n
                    )
    carry_attachment(topic)
    return topic


def _titled(elem: Any, out: dict[str, str], skipped: dict[str, int]) -> dict[str, str]:
    """``out`` with ``elem``'s ``<title>``, if it has one; its style (an id into
    ``styles.xml``, which is not kept) is counted in ``skipped``."""
    title = _xml_first(elem, "title")
    if title is not None and title.text:
        out["title"] = title.text
    if elem.get("style-id"):
        count_not_imported(skipped, "style_setting")
    return out


def _boundary(elem: Any, skipped: dict[str, int]) -> dict[str, str] | None:
    """A ``<boundary>`` as XMind Zen writes it (``id``, ``range``, ``title``)."""
    span = elem.get("range")
    if not span:
        return None
    out = {"id": elem.get("id")} if elem.get("id") else {}
    return _titled(elem, {**out, "range": span}, skipped)


def _relationship(elem: Any, skipped: dict[str, int]) -> dict[str, str] | None:
    """A ``<relationship>`` as XMind Zen writes it (``id``, ``end1Id``, ``end2Id``,
    ``title``); the shape of its curve (``<control-points>``) is counted, not kept."""
    end1, end2 = elem.get("end1"), elem.get("end2")
    if not end1 or not end2:
        return None
    if _xml_first(elem, "control-points") is not None:
        count_not_imported(skipped, "style_setting")
    out = {"id": elem.get("id")} if elem.get("id") else {}
    return _titled(elem, {**out, "end1Id": end1, "end2Id": end2}, skipped)


def _sheet_counts(relationships: int, theme: bool, style: bool) -> dict[str, int]:
    """What a sheet holds beside its topics that featuretree does not keep."""
    counts: dict[str, int] = {}
    count_not_imported(counts, "relationship", relationships)
    count_not_imported(counts, "style_setting", int(theme) + int(style))
    return counts


def xml_sheets(data: bytes) -> list[Sheet]:
    """The sheets of XMind 8's ``content.xml``; a :class:`FormatError` when it holds none."""
    root = parse_xml(data, "content.xml")
    if local(root.tag) != "xmap-content":
        raise FormatError.keyed("problem.xmind_xml_root", element=local(root.tag))
    sheets = []
    for sheet in _xml_children(root, "sheet"):
        topic = _xml_first(sheet, "topic")
        title = _xml_first(sheet, "title")
        relationships = _xml_first(sheet, "relationships")
        found = _xml_children(relationships, "relationship") if relationships is not None else []
        if topic is not None:
            # XMind 8's theme and style are ids into styles.xml, which is not kept: named.
            counts = _sheet_counts(
                len(found), bool(sheet.get("theme")), bool(sheet.get("style-id"))
            )
            # Its relationships are carried as XMind Zen has them (see read_xmind).
            kept = [r for elem in found if (r := _relationship(elem, counts))]
            look: dict[str, Any] = {"relationships": kept} if kept else {}
            title_text = (title.text or "") if title is not None else ""
            sheets.append(Sheet(title_text, topic, counts, look, sheet.get("id") or ""))
    if not sheets:
        raise FormatError.keyed("problem.no_central_topic", name="content.xml")
    return sheets


def comments(data: bytes | None) -> dict[str, list[str]]:
    """XMind 8's ``comments.xml`` (``data``, ``None`` when there is none) as note lines by
    topic id: ``批注（作者，2024-03-01）：text``.

    An unreadable comments file costs the comments, never the map.
    """
    if data is None:
        return {}
    try:
        root = parse_xml(data, "comments.xml")
    except FormatError:
        return {}
    out: dict[str, list[str]] = {}
    for comment in _xml_children(root, "comment"):
        content = _xml_first(comment, "content")
        text = clean_text("".join(content.itertext()) if content is not None else "").strip()
        if not text:
            continue
        who = [clean_line(comment.get("author") or "")]
        try:
            when = dt.datetime.fromtimestamp(int(comment.get("time") or "") / 1000, dt.UTC)
            who.append(when.date().isoformat())
        except (ValueError, OverflowError, OSError):
            pass
        byline = "，".join(part for part in who if part)
        head = f"{COMMENT_PREFIX}（{byline}）：" if byline else f"{COMMENT_PREFIX}："
        out.setdefault(comment.get("object-id") or "", []).append(head + text)
    return out
