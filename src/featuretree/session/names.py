"""File names featuretree offers for a document that has none yet (Save, Export)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from featuretree.model.document import Document

_NOT_IN_FILE_NAMES = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f-\x9f]+')
"""Characters some OS does not take in a file name (Windows' list, and controls)."""
_WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10))}
_WINDOWS_DEVICES |= {f"LPT{i}" for i in range(1, 10)}


def suggest_name(doc: Document) -> str:
    """A file name for a document never saved: its product (or root) title, ``.json``.

    The title as typed where every OS takes it (CJK, spaces, parentheses of both widths,
    dots, hyphens: ``仓储管理系统 (WMS).json``); only what some OS refuses (``/ \\ : * ?
    " < > |``, control characters) becomes ``-``, one for a run.
    """
    base = doc.meta.product or doc.root.title or doc.meta.title or ""
    safe = re.sub(r"\s+", " ", base)  # a line break or a tab in a title: one space
    safe = re.sub(r"-{2,}", "-", _NOT_IN_FILE_NAMES.sub("-", safe))
    # Windows drops trailing dots and spaces; a leading dot hides the file elsewhere.
    safe = safe.strip(" .-")[:120].strip(" .-")
    if safe.upper() in _WINDOWS_DEVICES:
        safe += "-"
    return f"{safe or 'featuretree'}.json"


def export_stem(doc: Document, source: Path | None) -> str:
    """The name, without extension, an export of ``doc`` is offered under: its file's
    (``产品 v1.2`` for ``产品 v1.2.json``), else :func:`suggest_name`'s."""
    if source is not None and source.stem:
        return source.stem
    return suggest_name(doc).removesuffix(".json")


def is_document_file(path: Path, source: Path | None) -> bool:
    """Whether ``path`` names ``source``, the open document's own file (``None``: it has
    none): the same file on disk (a case-insensitive disk, a link), else the same path.

    An export written there would replace the document under the editor, which then
    sees its own export as a change made outside and offers to reload it.
    """
    if source is None:
        return False
    try:
        return path.samefile(source)
    except OSError:  # one of them is not on disk (yet, or any more)
        return os.path.abspath(path) == os.path.abspath(source)


def export_name(stem: str, extension: str, source: Path | None, copy_name: str) -> str:
    """The file name an export is offered under in ``source``'s folder: ``stem`` and
    ``extension``, unless that is ``source`` itself (the export of a ``.json`` as
    featuretree JSON): then ``copy_name`` (``"{stem} 副本"``-like, the stem filled in)
    and ``extension``, so the export never offers to replace the open document."""
    name = f"{stem}{extension}"
    if source is not None and is_document_file(source.parent / name, source):
        return f"{copy_name.format(stem=stem)}{extension}"
    return name
