"""File formats: every reader and writer, registered by name and extension.

``load`` and ``save`` are what the CLI and the editor call; they add the file name to
every error and write atomically.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from featuretree.formats._util import deferred_frees
from featuretree.formats.errors import FormatError, Problem
from featuretree.formats.registry import Format, all_formats, by_name, for_path, register
from featuretree.storage.atomic import FileExistsWriteError, WriteError, atomic_write, is_special

if TYPE_CHECKING:
    from featuretree.model.document import Document

# No format module is imported here: the registry declares them, and each is imported
# when a file of its format is first read or written (registry.Format.reader/writer).

MAX_INPUT_BYTES = 512 * 1024 * 1024

__all__ = [
    "Format",
    "FormatError",
    "Problem",
    "WriteError",
    "all_formats",
    "by_name",
    "deferred_frees",
    "dumps",
    "for_path",
    "load",
    "register",
    "resolve",
    "save",
    "sniff",
]


def resolve(path: str | os.PathLike[str] | None, name: str | None, *, writing: bool) -> Format:
    """The format to use: ``name`` if given, else from ``path``'s extension."""
    # What is offered instead are the formats that can do it: a file to open is not
    # told that .svg or .png would do (they are written, never read).
    usable = [f for f in all_formats() if (f.can_write if writing else f.can_read)]
    if name:
        fmt = by_name(name)
        if fmt is None:
            known = ", ".join(f.name for f in usable)
            raise FormatError.keyed("problem.unknown_format", name=repr(name), known=known)
    else:
        fmt = for_path(path) if path is not None else None
        if fmt is None:
            known = ", ".join(ext for f in usable for ext in f.extensions)
            raise FormatError.keyed("problem.unknown_extension", path=path, known=known)
    if writing and not fmt.can_write:
        raise FormatError.keyed("problem.cannot_write_format", label=_label(fmt))
    if not writing and not fmt.can_read:
        raise FormatError.keyed("problem.cannot_read_format", label=_label(fmt))
    return fmt


def _label(fmt: Format) -> Problem | str:
    """``fmt``'s name for people, said in each language when the catalogues know it
    (``format.svg``); a format registered from outside has only its own label."""
    from featuretree.i18n import CATALOGUES

    key = f"format.{fmt.name}"
    return Problem.keyed("", key) if key in CATALOGUES["en"] else fmt.label


def load(path: str | os.PathLike[str], fmt: str | None = None) -> Document:
    """Read the document at ``path``; every failure is a :class:`FormatError` naming it."""
    source = str(path)
    if os.path.isdir(path):  # before its "extension" is asked about
        raise FormatError.keyed("problem.is_folder").with_source(source)
    chosen = resolve(path, fmt, writing=False)
    try:
        size = os.path.getsize(path)
        if size > MAX_INPUT_BYTES:
            raise FormatError.keyed("problem.file_too_large", size=size // 2**20)
        data = Path(path).read_bytes()
    except FormatError as exc:
        raise exc.with_source(source) from None
    except IsADirectoryError:
        raise FormatError.keyed("problem.is_folder").with_source(source) from None
    except OSError as exc:
        reason = exc.strerror or exc
        raise FormatError.keyed("problem.cannot_read", reason=reason).with_source(source) from None
    return loads(data, chosen.name, source=source)


def loads(data: bytes, fmt: str, *, source: str = "<input>") -> Document:
    """Read a document from ``data`` in format ``fmt``.

    ``source`` names the input in messages; when it is a file name, a root the reader
    had to make up (several XMind sheets, several top-level nodes) is titled after it.
    """
    reader = resolve(None, fmt, writing=False).reader
    assert reader is not None
    try:
        doc = reader(data)
    except FormatError as exc:
        raise exc.with_source(source) from None
    except RecursionError:
        raise FormatError.keyed("problem.nested_too_deeply").with_source(source) from None
    if doc.root_from_file_name and not source.startswith("<"):
        _name_root_after(doc, source)
    return doc


def _name_root_after(doc: Document, source: str) -> None:
    """Title a made-up root after the file: its name is what the user calls the whole."""
    name = Path(source).stem
    if name:
        if doc.meta.title == doc.root.title:
            doc.meta = doc.meta.model_copy(update={"title": name})
        doc.root.title = name


def dumps(doc: Document, fmt: str, **options: Any) -> bytes:
    """The bytes of ``doc`` in format ``fmt``; ``options`` go to its writer (the
    pictures' ``direction``, ``depth`` and ``stack``)."""
    writer = resolve(None, fmt, writing=True).writer
    assert writer is not None
    return writer(doc, **options)


def save(
    doc: Document,
    path: str | os.PathLike[str],
    fmt: str | None = None,
    *,
    backup: bool = False,
    overwrite: bool = True,
    data: bytes | None = None,
) -> None:
    """Write ``doc`` to ``path`` atomically (format from ``fmt`` or the extension).

    With ``backup`` the file replaced is kept as ``NAME~``; with ``overwrite=False`` an
    existing file is refused (:class:`~featuretree.storage.atomic.FileExistsWriteError`)
    before the document is even serialized (see
    :func:`featuretree.storage.atomic.atomic_write`). ``data``: ``doc`` already written
    in that format (by :func:`featuretree.formats.loss.check`), used as it is. Raises :class:`FormatError` for an
    unknown format and :class:`WriteError` when the file cannot be written; in both
    cases an existing file is left as it was.
    """
    chosen = resolve(path, fmt, writing=True)
    assert chosen.writer is not None
    if not overwrite and os.path.lexists(path) and not is_special(path):
        raise FileExistsWriteError(f"{path} already exists", path=Path(path))
    atomic_write(
        path, chosen.writer(doc) if data is None else data, backup=backup, overwrite=overwrite
    )


def sniff(data: bytes) -> str:
    """The format ``data`` looks like, for input without a file name (stdin).

    A zip is XMind; ``{`` opens featuretree JSON; ``<opml`` and ``<map`` are OPML and
    FreeMind; a first line ``mindmap`` is Mermaid; anything else is read as Markdown.
    """
    if data.startswith(b"PK\x03\x04"):
        return "xmind"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"{", b"[")):
        return "json"
    lowered = head.lower()
    if b"<opml" in lowered:
        return "opml"
    if lowered.startswith(b"<map") or b"<map " in lowered or b"<map>" in lowered:
        return "mm"
    first_line = lowered.split(b"\n", 1)[0].strip()
    if first_line == b"mindmap" or (first_line.startswith(b"---") and b"\nmindmap" in lowered):
        return "mermaid"
    return "md"


def __getattr__(name: str) -> object:
    """``formats.json_format`` and the like: a format module, imported when first named."""
    if name.startswith("_"):
        raise AttributeError(name)
    try:
        return importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__name__}.{name}":
            raise
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
