"""The formats featuretree reads and writes, found by name or by file extension.

Every built-in format is one declarative entry in :data:`BUILT_IN` below: its name,
label, extensions, flags, and the module and functions that read and write it. The
module is imported only when a file of that format is read or written, so a command
that never touches Markdown or XMind does not pay for their parsers (and
``featuretree --help`` imports none of them). To add a format, write a module with a
``read_x(data: bytes) -> Document`` and/or ``write_x(doc: Document) -> bytes`` function
and add one :class:`Format` line to :data:`BUILT_IN`; nothing else needs to change.

:func:`register` still takes a format whose functions are already in hand (tests, a
plug-in): ``Format(name=..., reader=read_x, writer=write_x)``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from featuretree.collector import gc_paused

if TYPE_CHECKING:
    from featuretree.model.document import Document

Reader = Callable[[bytes], "Document"]
"""Bytes of a file → a document; raises :class:`FormatError` for bad input."""

Writer = Callable[..., bytes]
"""A document → the bytes of a file (a picture's writer also takes keyword options)."""


class Format:
    """A file format: its name for ``--format``, its extensions, and what it can do.

    ``module`` with ``reads``/``writes`` (function names in it) declare the reader and
    writer without importing them: :attr:`reader` and :attr:`writer` import the module
    on first use. ``reader=``/``writer=`` give the functions directly instead.
    :attr:`can_read`/:attr:`can_write` answer without importing anything. ``binary``:
    its files are not text (XMind is a zip), never written onto a terminal. ``holds``:
    a function of the module counting what a document carries for this format beside
    its nodes (:attr:`held`), for the loss check.
    """

    __slots__ = (
        "_compare",
        "_reader",
        "_writer",
        "aliases",
        "binary",
        "compares",
        "extensions",
        "holds",
        "label",
        "lossless",
        "module",
        "name",
        "reads",
        "writes",
    )

    def __init__(
        self,
        name: str,
        label: str,
        extensions: tuple[str, ...],
        reader: Reader | None = None,
        writer: Writer | None = None,
        *,
        module: str | None = None,
        reads: str | None = None,
        writes: str | None = None,
        lossless: bool = False,
        binary: bool = False,
        aliases: tuple[str, ...] = (),
        compares: str | None = None,
        holds: str | None = None,
    ) -> None:
        if (reads or writes or holds or compares) and not module:
            raise ValueError(f"format {name!r}: reads/writes name functions of a module")
        self.name = name
        self.label = label
        self.extensions = extensions
        self.module = module
        self.reads = reads
        self.writes = writes
        self.lossless = lossless
        self.binary = binary
        self.aliases = aliases
        self.compares = compares
        self.holds = holds
        self._reader = reader
        self._writer = writer
        self._compare: Callable[[Document, Document], dict[str, int]] | None = None

    @property
    def can_read(self) -> bool:
        """True when featuretree reads this format (no import needed to tell)."""
        return self._reader is not None or self.reads is not None

    @property
    def can_write(self) -> bool:
        """True when featuretree writes this format (no import needed to tell)."""
        return self._writer is not None or self.writes is not None

    @property
    def reader(self) -> Reader | None:
        """The function that reads this format, its module imported on first use."""
        if self._reader is None and self.reads is not None:
            self._reader = self._function(self.reads)
        return self._reader

    @property
    def writer(self) -> Writer | None:
        """The function that writes this format, its module imported on first use."""
        if self._writer is None and self.writes is not None:
            self._writer = self._function(self.writes)
        return self._writer

    @property
    def comparer(self) -> Callable[[Document, Document], dict[str, int]] | None:
        """``compares``, a function of the module: ``(document, document read back from
        what it was written as) -> {kind: count}``, what the file written lost of what
        the reader carried for its writer (``Document.carried``: the round trip of
        :mod:`.loss` compares the model only). ``None`` when the format has none."""
        if self._compare is None and self.compares is not None:
            self._compare = self._function(self.compares)
        return self._compare

    @property
    def held(self) -> Callable[[Document], dict[str, int]] | None:
        """What a document carries for this format beside its nodes, counted by the
        kinds of ``Document.not_imported`` (XMind's relationships, summaries…): what a
        file written from it should hold again (``None``: the format carries nothing so)."""
        return self._function(self.holds) if self.holds is not None else None

    def _function(self, attribute: str) -> Callable:
        assert self.module is not None
        # A format's first import brings pydantic and the model classes with it: tens of
        # thousands of objects that live as long as the process. With the collector
        # running it scans them over and over while they pile up (measured: ~1.3x
        # `python -c pass` of a `validate`'s CPU), so the import runs with it paused.
        with gc_paused(long_lived=True):
            module = importlib.import_module(self.module)
        return getattr(module, attribute)

    def __repr__(self) -> str:
        return f"Format({self.name!r}, {self.label!r}, {self.extensions!r})"

    @property
    def export_only(self) -> bool:
        """Written for other tools only (a picture, PlantUML): featuretree cannot open it
        again, so it is exported, never the file a document is saved to."""
        return not self.can_read


_PACKAGE = "featuretree.formats"

BUILT_IN: tuple[Format, ...] = (
    # One line per format, in the order help texts and the export dialog list them.
    Format("json", "featuretree JSON", (".json", ".featuretree.json"),
           module=f"{_PACKAGE}.json_format", reads="read_json", writes="write_json",
           lossless=True),
    Format("md", "Markdown", (".md", ".markdown"),
           module=f"{_PACKAGE}.markdown_format", reads="read_markdown",
           writes="write_markdown", aliases=("markdown",), compares="carried_losses"),
    Format("xmind", "XMind", (".xmind",),
           module=f"{_PACKAGE}.xmind_format", reads="read_xmind", writes="write_xmind",
           binary=True, holds="held"),
    Format("mm", "FreeMind / Freeplane", (".mm",),
           module=f"{_PACKAGE}.freemind_format", reads="read_freemind",
           writes="write_freemind", aliases=("freemind", "freeplane"),
           compares="carried_losses"),
    Format("opml", "OPML outline", (".opml",),
           module=f"{_PACKAGE}.opml_format", reads="read_opml", writes="write_opml",
           compares="carried_losses"),
    Format("mermaid", "Mermaid mindmap", (".mmd", ".mermaid"),
           module=f"{_PACKAGE}.mermaid_format", reads="read_mermaid",
           writes="write_mermaid", aliases=("mmd",)),
    Format("plantuml", "PlantUML mindmap", (".puml", ".plantuml"),
           module=f"{_PACKAGE}.plantuml_format", writes="write_plantuml",
           aliases=("puml",)),
    Format("svg", "SVG picture", (".svg",),
           module=f"{_PACKAGE}.svg_format", writes="write_svg"),
    Format("png", "PNG image", (".png",),
           module=f"{_PACKAGE}.png_format", writes="write_png", binary=True),
    Format("html", "HTML page", (".html", ".htm"),
           module=f"{_PACKAGE}.html_format", writes="write_html"),
)  # fmt: skip
"""The formats featuretree knows, declared without importing their modules."""

_FORMATS: dict[str, Format] = {fmt.name: fmt for fmt in BUILT_IN}


def register(fmt: Format) -> Format:
    """Make ``fmt`` available by its name, its aliases and its extensions.

    A format of the same name is replaced, keeping its place in :func:`all_formats`.
    """
    _FORMATS[fmt.name] = fmt
    return fmt


def all_formats() -> list[Format]:
    """Every known format, built-in ones first in :data:`BUILT_IN` order."""
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
