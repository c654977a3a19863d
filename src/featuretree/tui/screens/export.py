"""Ctrl+E: export the document to another format from inside the editor.

``push_screen(ExportScreen(doc, source_path), callback)``; the callback gets the written
``Path`` (notify ``t("app.exported", ...)``) or ``None`` when cancelled or when the export
goes on in the background (a PNG: :data:`IN_BACKGROUND`, which says itself when it is
done; ``written_format`` is set then too). Where it goes (a file, or a browser download
when served) is :func:`.delivery.deliver_export`'s call; an error stays in the form as
one line.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

from textual.app import ComposeResult
from textual.widgets import Input

from featuretree import formats
from featuretree.formats.markdown_writer import write_outline
from featuretree.formats.prd import prd_markdown
from featuretree.i18n import t
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.session.names import export_name, export_stem
from featuretree.tui.screens.delivery import (
    confirm_replace,
    deliver_export,
    export_in_background,
    folder_missing,
    open_file_refused,
    path_typed,
)
from featuretree.tui.screens.forms import AnnotationForm
from featuretree.tui.widgets.choice import Choice
from featuretree.tui.widgets.text_field import TextField

PRD = "md-prd"
"""The choice for Markdown as a PRD wants it (``formats/prd.py``): no ids, 优化建议 table."""

OUTLINE = "md-outline"
"""The choice for a Markdown outline: titles and structure only, for markmap, 飞书, 语雀 and
mind-map imports (``write_outline``, as the CLI's ``export --outline``)."""

SPECIAL = {
    PRD: ("export.prd_label", "export.prd_suffix"),
    OUTLINE: ("export.outline_label", "export.outline_suffix"),
}
"""The Markdown choices that are not a format of their own: label and file-name suffix."""


IN_BACKGROUND = frozenset({"png"})
"""Formats that take seconds to make (resvg rasterising the picture): made while the
editor goes on (:func:`.delivery.export_in_background`)."""


def format_label(fmt: formats.Format) -> str:
    """``fmt``'s name for people, in the UI's language (``format.<name>`` in the catalogs;
    a format registered by a plug-in, with no words there, shows its own label)."""
    key = f"format.{fmt.name}"
    text = t(key)
    return fmt.label if text == key else text


def replace_extension(text: str, fmt: formats.Format, extension: str) -> str:
    """``text`` (a path ending in one of ``fmt``'s extensions) ending in ``extension``
    instead: ``图.svg`` → ``图.md`` (the longest one that matches: ``.featuretree.json``)."""
    lowered = text.lower()
    old = max((ext for ext in fmt.extensions if lowered.endswith(ext)), key=len, default="")
    return text[: len(text) - len(old)] + extension


PICTURES = frozenset({"svg", "png", "html"})
"""The formats that draw the diagram, and take its options (direction, leaf stacks)."""

WHOLE, AS_FOLDED, AS_FILTERED = "whole", "folded", "filtered"
"""The "Draw" row's choices for a picture: every node, the editor's folded nodes as
boxes with their ``+N`` (a 500-node tree's overview for a slide, not 30,000 px wide),
or, under a filter, its matches and their ancestors as the outline shows them."""


def export_bytes(doc: Document, fmt: str, picture: dict[str, object] | None = None) -> bytes:
    """``doc`` as the export choice ``fmt`` writes it (any thread: reads only ``doc``).

    ``picture``: the SVG, PNG and HTML writers' options (``direction``, ``stack``,
    ``folded`` for a picture drawn as the editor folds the tree, ``keep`` as it filters it).
    """
    if fmt == PRD:
        return prd_markdown(doc)
    if fmt == OUTLINE:
        return write_outline(doc)
    if picture and fmt in PICTURES:
        return formats.dumps(doc, fmt, **picture)
    return formats.dumps(doc, fmt)


def undrawn_check(doc: Document) -> Callable[[], str | None]:
    """A check, for after ``doc``'s PNG is written, of the characters of its titles that
    no font here draws (emoji without an emoji font): resvg leaves empty boxes, silently.

    The titles are read now (on the UI thread); the check may run in any thread.
    """
    from featuretree.formats.png_format import picture_titles, undrawn_characters

    text = "".join(picture_titles(doc))

    def check() -> str | None:
        missing = undrawn_characters(text)
        return t("export.undrawn", chars=" ".join(missing)) if missing else None

    return check


class ExportScreen(AnnotationForm):
    """Pick a format (←/→) and a path; Enter writes, asking once before replacing a file."""

    def __init__(
        self,
        doc: Document,
        source: Path | None = None,
        *,
        default_format: str = "md",
        typed_path: str | None = None,
        on_background_failure: Callable[[str], None] | None = None,
        picture: dict[str, object] | None = None,
        folded: Collection[FeatureNode] = (),
        kept: Collection[FeatureNode] | None = None,
        matched: int = 0,
    ) -> None:
        super().__init__(t("export.title"))
        self.doc = doc
        self.picture = picture
        """Options of a picture (SVG, PNG, HTML): the diagram view's direction and stacks."""
        # Ids, not nodes: a PNG is drawn from a copy of the document (delivery.Snapshot).
        self.folded = frozenset(node.id for node in folded if node.kids)
        """The ids of the editor's folded nodes, which a picture may be drawn as: the
        "Draw" row is there only when there are some, or a filter is on."""
        self.kept = None if kept is None else frozenset({doc.root.id, *(node.id for node in kept)})
        """The ids of the nodes the outline shows under its filter (matches, ancestors and
        the root), or ``None`` with no filter on: "Draw: as filtered" draws those."""
        self.matched = matched
        """How many of them the filter matches: the count its bar shows, said beside the
        boxes drawn (the bar's "9 nodes" against "17 nodes" read as a mistake)."""
        self.draws = [
            WHOLE,
            *([AS_FOLDED] if self.folded else []),
            *([AS_FILTERED] if self.kept is not None else []),
        ]
        """The "Draw" row's choices (no row when the whole tree is the only one)."""
        self.formats = [f for f in formats.all_formats() if f.writer is not None]
        names = [f.name for f in self.formats]
        # Markdown for a PRD and the outline right after Markdown: the same file type,
        # written for people and for mind-map tools.
        self.choices = (
            names[: names.index("md") + 1] + [PRD, OUTLINE] + names[names.index("md") + 1 :]
            if "md" in names
            else names
        )
        self.initial = default_format if default_format in self.choices else names[0]
        stem = export_stem(doc, source)
        self.folder = source.parent if source else Path.cwd()
        self.stem = stem
        self.source = source
        """The open document's own file, which an export never replaces (Ctrl+S saves it)."""
        self._confirm: Path | None = None
        self.written_format: str | None = None
        """The format written (set once the file is saved), for the next export's default."""
        self.written_label: str | None = None
        """That format's name for people, for the "Exported" notice."""
        self.typed_path = typed_path
        """The path to offer instead of the default (one typed before, whose export failed)."""
        self.on_background_failure = on_background_failure
        """Called (on the UI thread) with the path typed when a background export failed
        after the form closed: the caller keeps it for the next Ctrl+E."""

    def _label(self, name: str) -> str:
        if name in SPECIAL:
            return t(SPECIAL[name][0])
        return format_label(next(f for f in self.formats if f.name == name))

    def _file_type(self, name: str) -> str:
        """The format whose files choice ``name`` writes (the Markdown choices: ``md``)."""
        return "md" if name in SPECIAL else name

    def _extension(self, name: str) -> str:
        """The extension choice ``name``'s files get (``.md`` for the Markdown choices)."""
        fmt = next(f for f in self.formats if f.name == self._file_type(name))
        return fmt.extensions[0]

    def typed_choice(self, path: Path, chosen: str) -> tuple[str | None, Path]:
        """What Enter writes for the typed ``path``: the choice and the file's path.

        The file is what its name says: an extension of a format featuretree exports
        picks that format (``图.svg`` is an SVG whatever the chooser showed; a ``.md``
        keeps a Markdown choice for a PRD or the outline). With no extension, or one no
        format owns (``v2.0``), the chosen format is written and its extension added.
        The choice is ``None`` when the extension is a format featuretree cannot write.
        A folder is left as typed (writing it says it is a folder).
        """
        named = formats.for_path(path)
        if named is None:
            if not path.name or path.is_dir():  # a folder: the write says so
                return chosen, path
            return chosen, path.with_name(path.name + self._extension(chosen))
        if named.name not in self.choices:
            return None, path
        if self._file_type(chosen) == named.name:
            return chosen, path
        return named.name, path

    def _default_path(self, name: str) -> str:
        if name in SPECIAL:
            stem, extension = f"{self.stem}{t(SPECIAL[name][1])}", ".md"
        else:
            stem, extension = self.stem, self._extension(name)
        copy_name = t("export.copy_name")
        return str(self.folder / export_name(stem, extension, self.source, copy_name))

    def compose_fields(self) -> ComposeResult:
        yield self.row(
            t("export.format"),
            Choice(list(self.choices), self.initial, label=self._label, id="format"),
        )
        if len(self.draws) > 1:
            # whole tree by default: nothing is left out of a picture unless asked
            draw = self.row(
                t("export.draw"),
                Choice(self.draws, WHOLE, label=self._draw_label, id="draw"),
            )
            draw.display = self.initial in PICTURES
            yield draw
        path = self.typed_path or self._default_path(self.initial)
        yield self.row(t("export.path"), TextField(path, id="path"))

    def _draw_label(self, value: str) -> str:
        if value == AS_FOLDED:
            return t("export.draw_folded", count=len(self.folded))
        if value == AS_FILTERED:
            return t("export.draw_filtered", matched=self.matched, count=len(self.kept or ()))
        return t("export.draw_whole")

    def on_mount(self) -> None:
        self.query_one("#format", Choice).focus()

    def _picture_options(self, fmt: str) -> dict[str, object] | None:
        """The picture writers' options for ``fmt``: the view's, and the folds when
        "as folded" is chosen, the filter's nodes (and the folds among them, as the
        outline shows them) when "as filtered" is (only a picture has the row)."""
        draw = self.query("#draw").first(Choice) if len(self.draws) > 1 else None
        if fmt not in PICTURES or draw is None or draw.value == WHOLE:
            return self.picture
        if draw.value == AS_FILTERED:
            return {**(self.picture or {}), "folded": self.folded, "keep": self.kept}
        return {**(self.picture or {}), "folded": self.folded}

    def on_choice_changed(self, event: Choice.Changed) -> None:
        if event.choice.id != "format":  # the "Draw" row: nothing follows it
            return
        if event.value != event.choice.value:  # stepped on since: the later one follows
            return
        if len(self.draws) > 1:  # the "Draw" row is for pictures only
            row = self.query_one("#draw", Choice).parent
            assert row is not None
            row.display = event.value in PICTURES
        # follow the format with the default path; a path of the user's own keeps its
        # name, and an extension of another format becomes this one's (the file is what
        # its name says)
        path = self.query_one("#path", Input)
        if any(path.value == self._default_path(name) for name in self.choices):
            path.value = self._default_path(event.value)
        else:
            named = formats.for_path(path.value.strip())
            if named is not None and named.name != self._file_type(event.value):
                path.value = replace_extension(
                    path.value.strip(), named, self._extension(event.value)
                )
        path_typed(self, self._target())

    def _target(self) -> Path | None:
        """The file Enter would write now (``None``: no name typed)."""
        text = self.value("path")
        if not text:
            return None
        _fmt, path = self.typed_choice(
            Path(text).expanduser(), self.query_one("#format", Choice).value
        )
        return path

    def on_input_changed(self, event: Input.Changed) -> None:
        path_typed(self, self._target())  # a warning about another file is taken back
        # the chooser shows the format the typed name stands for, as it is typed (a
        # change the path has moved past since, stepping fast, is not acted on: it
        # would step the chooser back)
        choice = self.query_one("#format", Choice)
        if event.value.strip() and event.value == event.input.value:
            fmt, _ = self.typed_choice(Path(event.value.strip()), choice.value)
            if fmt is not None and fmt != choice.value:
                choice.value = fmt

    def collect(self) -> dict | None:
        text = self.value("path")
        if not text:
            self.show_error(t("form.required", field=t("export.path")))
            return None
        choice = self.query_one("#format", Choice)
        fmt, path = self.typed_choice(Path(text).expanduser(), choice.value)
        if fmt is None:
            named = formats.for_path(path)
            assert named is not None
            self.show_error(
                t("export.cannot_write", label=format_label(named), extension=path.suffix)
            )
            return None
        if fmt != choice.value:
            choice.value = fmt
        label = self._label(fmt)
        picture = self._picture_options(fmt)
        if fmt in IN_BACKGROUND:
            # a failure known before the work starts is said here, with the path kept
            if (
                open_file_refused(self, path)
                or folder_missing(self, path)
                or not confirm_replace(self, path)
            ):
                return None
            export_in_background(
                self.app,
                path,
                self.doc,
                lambda doc: export_bytes(doc, fmt, picture),
                label=label,
                on_failed=self._background_failed(text),
                check=undrawn_check(self.doc) if fmt == "png" else None,
            )
            return {"path": None, "format": fmt, "label": label}  # said when it is written
        delivered = deliver_export(self, path, lambda: export_bytes(self.doc, fmt, picture))
        if delivered is None:
            return None
        return {"path": delivered, "format": fmt, "label": label}

    def _background_failed(self, text: str) -> Callable[[], None] | None:
        report = self.on_background_failure
        return None if report is None else (lambda: report(text))

    def save_typed(self) -> None:
        """Write the export to the path typed (asking once before replacing a file)."""
        fields = self.collect()
        if fields is not None:
            self.written_format = fields["format"]
            self.written_label = fields["label"]
            self.dismiss(fields["path"])
