"""The language a document is written in, guessed from its titles.

A document has no language field. What featuretree writes for people to read (the
Markdown labels and values, a PRD's statuses and table headers, the suggestions board's
export) follows the document rather than the UI: a Chinese team's map exported on an
English desktop is still read by that Chinese team.
"""

from __future__ import annotations

from featuretree.model.document import Document

SAMPLE_TITLES = 200
"""Titles looked at to tell a document's language (the first ones, in document order)."""


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x3000 <= code <= 0x303F
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FA1F
    )


def document_language(doc: Document) -> str:
    """``"zh"`` when the document is written in Chinese (its title or first titles hold
    CJK characters), else ``"en"``."""
    texts = [doc.meta.title, doc.meta.product]
    for count, node in enumerate(doc.iter_nodes()):
        if count == SAMPLE_TITLES:
            break
        texts.append(node.title)
    return "zh" if any(_is_cjk(c) for text in texts if text for c in text) else "en"
