"""Wrapping user text the way a Chinese reader expects: between any two CJK characters.

Rich wraps at spaces only, so a run of Chinese is one "word": ``AI 总结与引用来源…`` breaks
after ``AI`` and leaves most of the line empty, and a long run is folded only once it is
wider than the whole line. Here every wide character is a place to break, Latin words stay
whole (folded only when longer than a line), and the rules every CJK typesetter keeps hold:
closing punctuation (``，。）」``…) never starts a line, opening punctuation (``（「“``…)
never ends one. Spaces at a break are dropped, as rich drops them.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import get_character_cell_size
from rich.style import Style
from rich.text import Text

from featuretree.model.cells import wrap_spans as _wrap_spans

__all__ = ["KEEP_TOGETHER", "wrap_spans", "wrap_text"]


KEEP_TOGETHER = Style(meta={"keep_together": True})
"""Style a span of a :class:`~rich.text.Text` with this and :func:`wrap_text` never breaks
inside it while it fits a line (a status word after a title: 现有, never 现 / 有)."""


def wrap_spans(
    line: str, width: int, keep: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """Where to cut ``line`` (one line, no ``\\n``) into lines of at most ``width`` cells.

    The rules are the model's (:func:`featuretree.model.cells.wrap_spans`, shared with the
    diagram and its SVG); here a character's width is what rich draws it as.
    """
    return _wrap_spans(line, width, get_character_cell_size, keep)


def wrap_text(text: Text, width: int) -> Text:
    """``text`` with its lines broken to fit ``width`` cells (styles kept), set not to be
    wrapped again: render it with any console and the lines come out as cut here."""
    pieces: list[Text] = []
    if "\t" in text.plain:
        # Tabs to spaces first (as wide as ``text.tab_size`` says), so that the widths
        # measured below are the widths drawn: a tab measures 0 cells but draws up to 8.
        text = text.copy()
        text.expand_tabs()
    for line in text.split("\n", allow_blank=True):
        plain = line.plain
        keep = [
            (span.start, span.end)
            for span in line.spans
            if isinstance(span.style, Style) and span.style.meta.get("keep_together")
        ]
        if keep:  # the marker is for here only: drawn, it would split a run of text
            line.spans = [span for span in line.spans if span.style is not KEEP_TOGETHER]
        pieces.extend(line[start:end] for start, end in wrap_spans(plain, width, keep))
    wrapped = Text(
        "\n", style=text.style, end=text.end, no_wrap=True, overflow="crop", justify=text.justify
    ).join(pieces)
    wrapped.no_wrap = True
    return wrapped
