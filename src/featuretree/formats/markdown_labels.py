"""The words a Markdown file labels annotations with, in the document's language.

A Chinese document is written with ``状态:``, ``**修改记录**``, ``| 版本 | 日期 | …``; an
English one with ``Status:``, ``**Change log**``, ``| Version | Date | …``
(:func:`.language.document_language` tells which). The reader accepts both sets in any
file and knows each label by its Chinese spelling, the constants of
:mod:`markdown_syntax`, whatever language the file was written in. A label ends with an
ASCII colon (featuretree's own files) or a full-width one (``理由：``, the Chinese PRD and
text typed in Chinese): :data:`COLONS`.

These are a file format's vocabulary, not the UI's: they are fixed here rather than in
the i18n catalogs, so rewording the UI never makes an old file unreadable.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from featuretree.formats.markdown_syntax import (
    CAPTION_CHANGELOG,
    CAPTION_META,
    CAPTION_REVISIONS,
    CAPTION_SUGGESTIONS,
    COL_AUTHOR,
    COL_DATE,
    COL_SUMMARY,
    COL_VERSION,
    LINKS_LABEL,
    META_COLUMNS,
    PROPOSED_BY_LABEL,
    RATIONALE_LABEL,
    STATUS_LABEL,
    TAGS_LABEL,
)


# A NamedTuple, not a frozen dataclass: as immutable, and made in ~0.1 ms where the
# dataclass generated and compiled six methods in ~1 ms of every Markdown export.
class Labels(NamedTuple):
    """Every label the writer puts in a file, in one language."""

    status: str
    tags: str
    rationale: str
    proposed_by: str
    links: str
    meta: str
    revisions: str
    changelog: str
    suggestions: str
    version: str
    date: str
    author: str
    summary: str
    meta_columns: tuple[tuple[str, str], ...]
    """``(field of DocumentMeta, column header)`` in the order written."""


ZH = Labels(
    status=STATUS_LABEL,
    tags=TAGS_LABEL,
    rationale=RATIONALE_LABEL,
    proposed_by=PROPOSED_BY_LABEL,
    links=LINKS_LABEL,
    meta=CAPTION_META,
    revisions=CAPTION_REVISIONS,
    changelog=CAPTION_CHANGELOG,
    suggestions=CAPTION_SUGGESTIONS,
    version=COL_VERSION,
    date=COL_DATE,
    author=COL_AUTHOR,
    summary=COL_SUMMARY,
    meta_columns=META_COLUMNS,
)

# Table headers are matched without case by markdown_syntax.canonical_header, whose
# synonyms already hold these English words.
EN = Labels(
    status="Status",
    tags="Tags",
    rationale="Rationale",
    proposed_by="Proposed by",
    links="Links",
    meta="Document info",
    revisions="Revision history",
    changelog="Change log",
    suggestions="Suggestions",
    version="Version",
    date="Date",
    author="Author",
    summary="Summary",
    meta_columns=(
        ("title", "Title"),
        ("product", "Product"),
        ("platform", "Platform"),
        ("app_version", "App version"),
        ("author", "Author"),
        ("created", "Created"),
        ("updated", "Updated"),
    ),
)


def labels_for(language: str | None) -> Labels:
    """The labels of ``language`` (``"zh"`` or ``"zh-CN"``: Chinese; anything else: English)."""
    return ZH if (language or "").lower().startswith("zh") else EN


_LINE_LABELS = ("status", "tags", "rationale", "proposed_by", "links")
_CAPTIONS = ("meta", "revisions", "changelog", "suggestions")

LINE_LABELS: dict[str, str] = {
    getattr(labels, name): getattr(ZH, name) for labels in (EN, ZH) for name in _LINE_LABELS
}
"""``Status`` → ``状态``: the label of a ``label: value`` line, by its Chinese name."""

CAPTIONS: dict[str, str] = {
    getattr(labels, name): getattr(ZH, name) for labels in (EN, ZH) for name in _CAPTIONS
}
"""``Change log`` → ``修改记录``: a bold caption, by its Chinese name."""


COLONS = (":", "：")
"""What ends a label: ``理由: …`` as featuretree writes its own files, ``理由：…`` as a
Chinese PRD and a Chinese typist write it."""
_COLON = re.compile("[:：]")


def split_label(text: str) -> tuple[str | None, str]:
    """The Chinese name of the label ``text`` starts with and the value after its colon
    (one space after the colon is the separator, not the value): ``Rationale: 数据`` and
    ``理由：数据`` → ``("理由", "数据")``. ``(None, text)`` when ``text`` has no label."""
    colon = _COLON.search(text)
    label = LINE_LABELS.get(text[: colon.start()]) if colon else None
    if label is None or colon is None:
        return None, text
    value = text[colon.end() :]
    return label, value[1:] if value.startswith(" ") else value


def line_label(text: str) -> str | None:
    """The Chinese name of the label ``text`` starts with (``Status: …`` → ``状态``)."""
    return split_label(text)[0]
