"""Reading XMind Zen / 2020+ ``content.json``: its sheets and topics.

See :mod:`featuretree.formats.xmind_format` for how the fields map.
"""

from __future__ import annotations

import json
import re
from typing import Any

from featuretree.formats import json_iterative
from featuretree.formats._util import decode_text
from featuretree.formats._xmind_beside import BESIDE, RANGED, topic_count
from featuretree.formats._xmind_topic import (
    KEPT_BESIDE,
    SKIPPED_KINDS,
    Sheet,
    Topic,
    carry_as,
    carry_attachment,
    string,
    styled,
)
from featuretree.formats._xmind_write import SHEET_KEYS
from featuretree.formats.errors import FormatError, Problem, count_not_imported
from featuretree.formats.html_text import html_to_text
from featuretree.model.carried import json_depth_ok

# Markup in a note's HTML that says how it looks, beyond paragraphs and line breaks.
_FORMATTING_HTML = re.compile(
    r"<(?:b|strong|i|em|u|s|del|strike|font|mark|code|pre|h[1-6]|ul|ol|li|table)\b|\bstyle\s*=",
    re.IGNORECASE,
)


def _formatted_json_note(notes: dict[str, Any]) -> bool:
    """Whether a Zen note has formatting beyond its plain text (bold, colours, lists…)."""
    ops = notes.get("ops")
    if (
        isinstance(ops, dict)
        and isinstance(ops.get("ops"), list)
        and any(isinstance(op, dict) and op.get("attributes") for op in ops["ops"])
    ):
        return True
    html = notes.get("html")
    if isinstance(html, dict) and isinstance(html.get("content"), dict):
        for paragraph in html["content"].get("paragraphs") or ():
            spans = paragraph.get("spans") if isinstance(paragraph, dict) else None
            if isinstance(paragraph, dict) and styled(paragraph.get("style")):
                return True
            if isinstance(spans, list) and any(
                isinstance(span, dict) and styled(span.get("style")) for span in spans
            ):
                return True
    real = notes.get("realHTML")
    return isinstance(real, dict) and bool(_FORMATTING_HTML.search(string(real.get("content"))))


def json_topic(raw: Any) -> Topic:
    """What featuretree takes from a ``content.json`` topic (its children left raw)."""
    if not isinstance(raw, dict):
        return Topic(title="?")
    topic = Topic(id=raw.get("id"), title=string(raw.get("title")), href=string(raw.get("href")))
    cls = raw.get("class")
    topic.cls = cls if isinstance(cls, str) else None
    # How the topic looks (style, layout, width, fold) and its extensions (task info,
    # the unbalanced layout's own): not modelled, carried through to be written back.
    if styled(raw.get("style")):
        carry_as(topic, "style", raw["style"], "style_setting")
    structure = raw.get("structureClass")
    if isinstance(structure, str) and structure:
        carry_as(topic, "structureClass", structure, "style_setting")
    if raw.get("customWidth"):
        carry_as(topic, "customWidth", raw["customWidth"], "style_setting")
    # Boundaries and summaries span a run of children by their places: carried with
    # the children they span (Builder.tree), written while those stand side by side.
    # Counted all the same: the editor does not show them (see _xmind_beside).
    boundaries = raw.get("boundaries")
    if isinstance(boundaries, list):
        count_not_imported(topic.skipped, "boundary", len(boundaries))
    for key in RANGED:
        ranged = raw.get(key)
        if isinstance(ranged, list) and ranged and json_depth_ok(ranged):
            topic.carry[key] = ranged
    if raw.get("branch") == "folded":
        topic.carry["branch"] = "folded"
    extensions = raw.get("extensions")
    if isinstance(extensions, list) and extensions:
        if json_depth_ok(extensions):
            topic.carry["extensions"] = extensions
        else:
            # Task info (assignee, progress…) is named; the unbalanced layout's own
            # extension goes with its structureClass.
            n = sum(
                1
                for ext in extensions
                if isinstance(ext, dict) and ext.get("provider") != "org.xmind.ui.map.unbalanced"
            )
            count_not_imported(topic.skipped, "attribute", n)
    image = raw.get("image")
    if isinstance(image, dict) and string(image.get("src")):
        topic.images.append(string(image.get("name")) or string(image.get("src")))
        # The picture is written back on the topic (its file with it, see read_xmind).
        if json_depth_ok(image):
            topic.carry["image"] = image
    carry_attachment(topic)
    notes = raw.get("notes")
    if isinstance(notes, dict):
        if _formatted_json_note(notes):
            # Carried when its plain text is the one the writer gives (Builder.node).
            topic.formatted_notes = notes
        if isinstance(notes.get("plain"), dict):
            topic.notes = string(notes["plain"].get("content"))
        elif isinstance(notes.get("realHTML"), dict):  # newer XMind, when plain is missing
            topic.notes = html_to_text(string(notes["realHTML"].get("content")))
    labels = raw.get("labels")
    if isinstance(labels, list):
        topic.labels = [label for label in labels if isinstance(label, str)]
    markers = raw.get("markers")
    if isinstance(markers, list):
        topic.markers = [
            m["markerId"]
            for m in markers
            if isinstance(m, dict) and isinstance(m.get("markerId"), str)
        ]
    children = raw.get("children")
    if isinstance(children, dict):
        for kind, topics in children.items():
            if not isinstance(topics, list):
                continue
            if kind == "attached":
                topic.children = topics
                continue
            # Not in the editor (no node holds them), so counted; floating topics,
            # callouts and summary topics are also carried on their topic and written
            # back beside its children, as read, while it is a node (a summary topic
            # while its summary is, see _xmind_beside).
            count_not_imported(
                topic.skipped, SKIPPED_KINDS.get(kind, "floating_topic"), topic_count(topics)
            )
            if kind in KEPT_BESIDE and json_depth_ok(topics) and "xap:" not in json.dumps(topics):
                # (one with a picture or an attached file is not: its file would not be
                # written into the archive with it.)
                topic.carry.setdefault(BESIDE, {})[kind] = topics
    return topic


def _sheet_look(sheet: dict[str, Any]) -> dict[str, Any]:
    """A Zen sheet's theme, style, settings and relationships: not modelled, carried."""
    look = {
        key: sheet[key]
        for key in SHEET_KEYS
        if isinstance(sheet.get(key), dict)
        and (sheet[key] if key != "style" else styled(sheet[key]))
    }
    relationships = sheet.get("relationships")
    if isinstance(relationships, list) and relationships:
        look["relationships"] = relationships
    return look


def _relationships(sheet: dict[str, Any]) -> dict[str, int]:
    """The sheet's relationships, counted: the editor does not show them (those between
    topics written back are carried too, see read_xmind)."""
    counts: dict[str, int] = {}
    relationships = sheet.get("relationships")
    if isinstance(relationships, list):
        count_not_imported(counts, "relationship", len(relationships))
    return counts


def json_sheets(data: bytes) -> list[Sheet]:
    """The sheets of a ``content.json``; a :class:`FormatError` when it holds none."""
    try:
        text = decode_text(data)
    except FormatError as exc:
        raise FormatError(f"content.json: {exc.problems[0]}") from None
    try:
        try:
            parsed = json.loads(text)
        except RecursionError:  # three levels per topic: deep maps overflow the C parser
            parsed = json_iterative.loads(text)
    except json.JSONDecodeError as exc:
        where = f"content.json, line {exc.lineno}, column {exc.colno}"
        raise FormatError([Problem.keyed(where, "problem.invalid_json", detail=exc.msg)]) from None
    if isinstance(parsed, dict):
        parsed = [parsed]
    if not isinstance(parsed, list):
        raise FormatError.keyed("problem.xmind_not_sheets")
    sheets = [
        Sheet(
            string(sheet.get("title")),
            sheet["rootTopic"],
            _relationships(sheet),
            _sheet_look(sheet),
            string(sheet.get("id")),
        )
        for sheet in parsed
        if isinstance(sheet, dict) and isinstance(sheet.get("rootTopic"), dict)
    ]
    if not sheets:
        raise FormatError.keyed("problem.no_central_topic", name="content.json")
    return sheets
