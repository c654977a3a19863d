"""The formats featuretree reads and writes, found by name or by file extension.

Each format module registers a :class:`Format` when it is imported;
:func:`featuretree.formats.load` and :func:`featuretree.formats.save` use them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from featuretree.model.document import Document

Reader = Callable[[bytes], Document]
"""Bytes of a file → a document; raises :class:`FormatError` for bad input."""

Writer = Callable[[Document], bytes]
"""A document → the bytes of a file."""


@dataclass(frozen=True)
class Format:
    """A file format: its name for ``--format``, its extensions, and what it can do."""

    name: str
    label: str
    extensions: tuple[str, ...]
    reader: Reader | None = None
    writer: Writer | None = None
    lossless: bool = False
    binary: bool = False
    """Its files are not text (XMind is a zip): never written onto a terminal."""
    aliases: tuple[str, ...] = field(default=())

    @property
    def export_only(self) -> bool:
        """Written for other tools only (a picture, PlantUML): featuretree cannot open it
        again, so it is exported, never the file a document is saved to."""
        return self.reader is None


_FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    """Make ``fmt`` available by its name, its aliases and its extensions."""
    _FORMATS[fmt.name] = fmt
    return fmt


def all_formats() -> list[Format]:
    """Every registered format, in registration order."""
    return list(_FORMATS.values())


def by_name(name: str) -> Format | None:
    """The format called ``name`` (or with that alias or extension), if any."""
    key = name.lower().lstrip(".")
    for fmt in _FORMATS.values():
        if key == fmt.name or key in fmt.aliases or f".{key}" in fmt.extensions:
            return fmt
    return None


def for_path(path: str | Path) -> Format | None:
    """The format that a file name's extension stands for, if any."""
    name = Path(path).name.lower()
    best: Format | None = None
    best_len = 0
    for fmt in _FORMATS.values():
        for ext in fmt.extensions:
            if name.endswith(ext) and len(ext) > best_len:
                best, best_len = fmt, len(ext)
    return best
