"""Every problem found in a file, on screen until the user closes it.

Opening a file that cannot be read (bad JSON, bad values), or that was read only after
repairs (duplicate ids replaced...), shows :class:`ProblemsScreen`: the file's name,
then every problem, numbered, in a list that scrolls (↑ ↓ PgUp PgDn); Enter or Escape
closes it. What the reader could not keep at all (images, attachments, arrow links...:
``Document.not_imported``) is said on its own line, "Not imported: …", apart from the
repairs: nothing is repaired there, it is simply not in the editor. What was kept only as
plain text (formatted notes, tables...: ``KEPT_AS_TEXT``) has a line of its own: its
text is in the editor, only the formatting is not. A toast would vanish after a few seconds and could show only the first one.
Everything shown that came from the file is ``rich.text.Text`` (never markup).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button

from featuretree.formats.errors import (
    KEPT_AS_TEXT,
    NOT_IMPORTED,
    Problem,
    describe_not_imported,
)
from featuretree.i18n import t
from featuretree.tui.bindings import PROBLEMS_BINDINGS, localize_bindings
from featuretree.tui.widgets.wrapped_text import WrappedText


def not_imported_text(counts: Mapping[str, int]) -> str:
    """``"3 images, 1 attachment"`` in the UI language (``"3 张图片、1 个附件"``); ``""``
    for nothing. Kinds the catalogue does not know are said in English."""
    parts = []
    order = list(NOT_IMPORTED)
    for kind in sorted(counts, key=lambda k: (order.index(k) if k in order else 99, k)):
        count = counts[kind]
        if count <= 0:
            continue
        if kind in NOT_IMPORTED:
            parts.append(t(f"import.not_imported.{kind}", count=count))
        else:
            parts.append(describe_not_imported({kind: count}))
    return t("import.not_imported.separator").join(parts)


class ProblemsScreen(ModalScreen[None]):
    """The problems of one file; ``repaired`` says it was opened anyway (after repairs).

    ``problems`` are :class:`~featuretree.formats.errors.Problem` or one-line strings
    (``Document.warnings``); ``not_imported`` is ``Document.not_imported`` (what the
    file had that the editor does not show), said on its own line.
    """

    BINDINGS = PROBLEMS_BINDINGS
    DEFAULT_CSS = """
    ProblemsScreen { align: center middle; }
    ProblemsScreen > Vertical {
        width: 100; max-width: 100%; height: auto; max-height: 100%;
        padding: 0 1; border: thick $error; background: $panel;
    }
    ProblemsScreen.-repaired > Vertical { border: thick $warning; }
    ProblemsScreen #problems-heading { margin-bottom: 1; }
    ProblemsScreen #problems-list { height: auto; }
    ProblemsScreen #problems-list:focus { background-tint: $foreground 5%; }
    ProblemsScreen Button { margin-top: 1; }
    """

    def __init__(
        self,
        path: str | Path,
        problems: Sequence[Problem | str],
        *,
        repaired: bool = False,
        not_imported: Mapping[str, int] | None = None,
    ) -> None:
        super().__init__()
        localize_bindings(self)
        self.path = Path(path)
        self.problems = list(problems)
        self.repaired = repaired
        counts = not_imported or {}
        # Said apart: what is missing from the editor, and what is there as plain text.
        self.not_imported = not_imported_text(
            {k: n for k, n in counts.items() if k not in KEPT_AS_TEXT}
        )
        self.kept_as_text = not_imported_text(
            {k: n for k, n in counts.items() if k in KEPT_AS_TEXT}
        )
        self.set_class(repaired, "-repaired")

    def compose(self) -> ComposeResult:
        name = self.path.name or str(self.path)
        if not self.repaired:
            key = "problems.cannot_open"
        elif self.problems:
            key = "problems.repaired"
        elif self.not_imported:  # opened as it was: only what could not be imported to say
            key = "problems.opened_not_imported"
        else:  # everything is in the editor, some of it without its formatting
            key = "problems.opened_kept_as_text"
        heading = Text(t(key, name=name, count=len(self.problems)))
        heading.highlight_words([name], style="bold")
        heading.append("\n")
        heading.append(str(self.path), style="dim")
        if self.not_imported:
            heading.append("\n\n")
            heading.append(t("import.not_imported", items=self.not_imported), style="bold")
            heading.append("\n")
            heading.append(t("problems.not_imported_hint"), style="dim")
        if self.kept_as_text:
            heading.append("\n\n")
            heading.append(t("import.kept_as_text", items=self.kept_as_text), style="bold")
            heading.append("\n")
            heading.append(t("problems.kept_as_text_hint"), style="dim")
        with Vertical():
            # CJK text breaks at any character (widgets/wrap.py): rich's own wrap moved a
            # whole Chinese sentence to the next line after "Map 1、Map", half a line empty.
            yield WrappedText(heading, max_natural=100, id="problems-heading")
            with VerticalScroll(id="problems-list") as listing:
                listing.display = bool(self.problems)
                yield WrappedText(self._listing(), max_natural=100, id="problems-text")
            yield Button(t("problems.close"), id="problems-close", variant="primary")

    def _listing(self) -> Text:
        width = len(str(len(self.problems)))
        text = Text()
        separator = t("problems.separator")  # "第 7 行：…" in Chinese, "line 7: …" in English
        for number, problem in enumerate(self.problems, 1):
            if number > 1:
                text.append("\n")
            text.append(f"{number:>{width}}. ", style="dim")
            if isinstance(problem, Problem) and problem.node:
                # The node by its titles first (what a PM recognises), the JSON path after.
                text.append(problem.node_text(), style="bold")
                text.append(separator)
                if problem.field:
                    text.append(problem.field)
                    text.append(separator)
                text.append(problem.text())
                text.append(f"  ({problem.place()})", style="dim")
            elif isinstance(problem, Problem):
                if problem.where:
                    text.append(problem.place(), style="bold")
                    text.append(separator)
                text.append(problem.text())
            else:
                text.append(problem)
        return text

    def on_mount(self) -> None:
        # The list takes the keys: ↑ ↓ PgUp PgDn scroll it, Enter / Escape close.
        self.query_one("#problems-list" if self.problems else "#problems-close").focus()

    def on_resize(self, event: events.Resize) -> None:
        self._fit()
        self.call_after_refresh(self._fit)  # again once the heading has its real height

    def _fit(self) -> None:
        # The list gets what the heading and the button leave, so the button stays on
        # screen and the list scrolls (an auto-height box has no "rest" to give it).
        heading = self.query_one("#problems-heading").outer_size.height or 2
        chrome = 2 + heading + 1 + 4  # border, heading and its margin, button and its margin
        self.query_one("#problems-list").styles.max_height = max(3, self.size.height - chrome)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_close()

    def action_close(self) -> None:
        """Close the list."""
        self.dismiss(None)
