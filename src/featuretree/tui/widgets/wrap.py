"""Wrapping user text the way a Chinese reader expects: between any two CJK characters.

Rich wraps at spaces only, so a run of Chinese is one "word": ``AI 总结与引用来源…`` breaks
after ``AI`` and leaves most of the line empty, and a long run is folded only once it is
wider than the whole line. Here every wide character is a place to break, Latin words stay
whole (folded only when longer than a line), and the rules every CJK typesetter keeps hold:
closing punctuation (``，。）」``…) never starts a line, opening punctuation (``（「“``…)
never ends one. Spaces at a break are dropped, as rich drops them.
"""

from __future__ import annotations

from rich.cells import get_character_cell_size
from rich.text import Text

__all__ = ["wrap_spans", "wrap_text"]

_CLOSING = frozenset("，。、；：！？）］｝」』】》〉’”…—～·,.;:!?)]}%")
"""Characters that stay on the line of the character before them."""
_OPENING = frozenset("（［｛「『【《〈‘“([{")
"""Characters that stay on the line of the character after them."""


def _tokens(line: str) -> list[tuple[int, int, int, bool]]:
    """``line`` cut where a break is allowed: (start, end, cells, is_space) pieces."""
    tokens: list[tuple[int, int, int, bool]] = []
    index, size = 0, len(line)
    while index < size:
        start = index
        char = line[index]
        if char == " ":
            while index < size and line[index] == " ":
                index += 1
            tokens.append((start, index, index - start, True))
            continue
        cells = 0
        # Opening punctuation joins whatever follows it.
        while index < size and line[index] in _OPENING:
            cells += get_character_cell_size(line[index])
            index += 1
        if index < size and line[index] != " ":
            width = get_character_cell_size(line[index])
            if width == 2:  # one wide character is one piece
                cells += width
                index += 1
            else:  # a narrow word runs up to a space or a wide character
                while (
                    index < size
                    and line[index] != " "
                    and get_character_cell_size(line[index]) != 2
                ):
                    cells += get_character_cell_size(line[index])
                    index += 1
        # Closing punctuation joins what precedes it.
        while index < size and line[index] in _CLOSING:
            cells += get_character_cell_size(line[index])
            index += 1
        if index == start:  # a lone character the rules above did not take
            cells = get_character_cell_size(line[index])
            index += 1
        tokens.append((start, index, cells, False))
    return tokens


def wrap_spans(line: str, width: int) -> list[tuple[int, int]]:
    """Where to cut ``line`` (one line, no ``\\n``) into lines of at most ``width`` cells.

    Returns (start, end) character offsets; spaces at a break belong to no line. A piece
    wider than ``width`` (a long word, a URL) is folded at any character.
    """
    width = max(1, width)
    spans: list[tuple[int, int]] = []
    line_start: int | None = None
    line_end = 0
    cells = 0
    pending_space = 0  # cells of spaces after the last piece on the line
    for start, end, piece, is_space in _tokens(line):
        if is_space:
            if line_start is not None:
                pending_space += piece
            continue
        if line_start is not None and cells + pending_space + piece <= width:
            cells += pending_space + piece
            line_end = end
            pending_space = 0
            continue
        if line_start is not None:
            spans.append((line_start, line_end))
            line_start = None
        pending_space = 0
        if piece <= width:
            line_start, line_end, cells = start, end, piece
            continue
        # Fold a piece too long for any line, character by character.
        cells = 0
        line_start = start
        for offset in range(start, end):
            char_cells = get_character_cell_size(line[offset])
            if cells and cells + char_cells > width:
                spans.append((line_start, offset))
                line_start, cells = offset, 0
            cells += char_cells
        line_end = end
    if line_start is not None:
        spans.append((line_start, line_end))
    return spans or [(0, 0)]


def wrap_text(text: Text, width: int) -> Text:
    """``text`` with its lines broken to fit ``width`` cells (styles kept), set not to be
    wrapped again: render it with any console and the lines come out as cut here."""
    pieces: list[Text] = []
    for line in text.split("\n", allow_blank=True):
        plain = line.plain
        pieces.extend(line[start:end] for start, end in wrap_spans(plain, width))
    wrapped = Text(
        "\n", style=text.style, end=text.end, no_wrap=True, overflow="crop", justify=text.justify
    ).join(pieces)
    wrapped.no_wrap = True
    return wrapped
