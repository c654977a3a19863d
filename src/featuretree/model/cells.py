"""Terminal cell widths and CJK-aware wrapping, without rich (the model layer's own).

A CJK character takes two terminal cells (East Asian Width ``W`` or ``F``), a combining
mark none, everything else one — what ``rich.cells.cell_len`` answers for the text a PM
types. Wrapping (also the editor's, ``tui/widgets/wrap.py``): any wide character is a place to
break, Latin words stay whole unless longer than a line, closing punctuation never
starts a line and opening punctuation never ends one. Here the width of a character is
a parameter, so the same rules wrap for terminal cells and for font metrics (SVG). A box's
title (:func:`wrap_lines`) also breaks at a space rather than inside the CJK word after it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache

__all__ = ["cell_len", "char_cells", "is_wide", "wrap_lines", "wrap_spans"]

_CLOSING = frozenset("，。、；：！？）］｝」』】》〉’”…—～·,.;:!?)]}%")
"""Characters that stay on the line of the character before them."""
_OPENING = frozenset("（［｛「『【《〈‘“([{")
"""Characters that stay on the line of the character after them."""


@lru_cache(maxsize=4096)
def is_wide(char: str) -> bool:
    """True for a character drawn two cells wide (CJK ideographs, kana, fullwidth forms)."""
    return unicodedata.east_asian_width(char) in ("W", "F")


@lru_cache(maxsize=4096)
def char_cells(char: str) -> int:
    """Terminal cells of one character: 2 wide, 0 combining or zero-width, else 1."""
    if char.isascii():
        return 1 if char.isprintable() else 0
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if is_wide(char) else 1


_COMMON_WIDE = (
    "\u3001-\u3003\u3008-\u3011\u3041-\u3096\u30a1-\u30fa"
    "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff60"
)
"""Ranges of wide characters a Chinese PM types most (ideographs, 、。《》【】, kana,
Hangul, fullwidth forms); every one of them is East Asian Width W or F (a test holds it)."""
_PRINTABLE_ASCII_OR_COMMON_WIDE = re.compile(f"[\x20-\x7e{_COMMON_WIDE}]*")


def cell_len(text: str) -> int:
    """Terminal cells ``text`` takes (one line)."""
    if text.isascii() and text.isprintable():
        return len(text)
    if _PRINTABLE_ASCII_OR_COMMON_WIDE.fullmatch(text):
        # Printable ASCII is one cell, everything else here two: no lookup per character.
        return 2 * len(text) - len(text.encode("ascii", "ignore"))
    return sum(map(char_cells, text))


def _tokens(line: str, width_of: Callable[[str], float]) -> list[tuple[int, int, float, bool]]:
    """``line`` cut where a break is allowed: (start, end, width, is_space) pieces."""
    tokens: list[tuple[int, int, float, bool]] = []
    index, size = 0, len(line)
    while index < size:
        start = index
        if line[index] == " ":
            width = 0.0
            while index < size and line[index] == " ":
                width += width_of(" ")
                index += 1
            tokens.append((start, index, width, True))
            continue
        width = 0.0
        # Opening punctuation joins whatever follows it.
        while index < size and line[index] in _OPENING:
            width += width_of(line[index])
            index += 1
        if index < size and line[index] != " ":
            if is_wide(line[index]):  # one wide character is one piece
                width += width_of(line[index])
                index += 1
            else:  # a narrow word runs up to a space or a wide character
                while index < size and line[index] != " " and not is_wide(line[index]):
                    width += width_of(line[index])
                    index += 1
        # Closing punctuation joins what precedes it.
        while index < size and line[index] in _CLOSING:
            width += width_of(line[index])
            index += 1
        if index == start:  # a lone character the rules above did not take
            width = width_of(line[index])
            index += 1
        tokens.append((start, index, width, False))
    return tokens


def _kept_together(
    tokens: list[tuple[int, int, float, bool]], keep: Sequence[tuple[int, int]]
) -> list[tuple[int, int, float, bool]]:
    """``tokens`` with the ones inside each ``keep`` range joined into one piece."""
    joined: list[tuple[int, int, float, bool]] = []
    for token in tokens:
        start, end, width, _ = token
        inside = next((k for k in keep if k[0] <= start and end <= k[1]), None)
        if inside is not None and joined:
            last_start, last_end, last_width, _ = joined[-1]
            if inside[0] <= last_start and last_end == start:
                joined[-1] = (last_start, end, last_width + width, False)
                continue
        joined.append(token if inside is None else (start, end, width, False))
    return joined


def wrap_spans(
    line: str,
    width: float,
    width_of: Callable[[str], float] = char_cells,
    keep: Sequence[tuple[int, int]] = (),
) -> list[tuple[int, int]]:
    """Where to cut ``line`` (one line) into lines at most ``width`` wide.

    ``width_of`` gives one character's width (terminal cells by default). Returns
    (start, end) character offsets; spaces at a break belong to no line, spaces that
    open the line stay at its start (an indent) when narrower than ``width``. A piece wider
    than ``width`` (a long word, a URL) is folded at any character. ``keep``: (start, end)
    ranges never broken inside while they fit a line (a status word: 现有, not 现 / 有).
    """
    width = max(width, 1)  # a line always takes at least one character
    spans: list[tuple[int, int]] = []
    line_start: int | None = None
    line_end = 0
    used = 0.0
    pending_space = 0.0
    tokens = _tokens(line, width_of)
    if keep:
        tokens = _kept_together(tokens, keep)
    for start, end, piece, is_space in tokens:
        if is_space:
            if line_start is not None:
                pending_space += piece
            elif start == 0 and piece < width:
                # Spaces that open the line are its indent (a note's "  · item"), not
                # a break: they stay on its first line.
                line_start, line_end, used = 0, end, piece
            continue
        if line_start is not None and used + pending_space + piece <= width:
            used += pending_space + piece
            line_end = end
            pending_space = 0
            continue
        if line_start is not None:
            spans.append((line_start, line_end))
            line_start = None
        pending_space = 0
        if piece <= width:
            line_start, line_end, used = start, end, piece
            continue
        # Fold a piece too long for any line, character by character.
        used = 0
        line_start = start
        for offset in range(start, end):
            char_width = width_of(line[offset])
            if used and used + char_width > width:
                spans.append((line_start, offset))
                line_start, used = offset, 0
            used += char_width
        line_end = end
    if line_start is not None:
        spans.append((line_start, line_end))
    return spans or [(0, 0)]


_WORD = re.compile(r"[^ ]+")
"""A run of characters between spaces (a word, in CJK text a phrase the PM set apart)."""


def _spaced_words(
    line: str, width: float, width_of: Callable[[str], float]
) -> list[tuple[int, int]]:
    """Ranges of ``line``'s words holding a wide character that fit a line of ``width``.

    A PM who types a space in a title (``退款 申请``) shows where its parts are: the space
    is the better break, so such a word is kept whole when it fits (``退款`` / ``申请``,
    not ``退款 申`` / ``请``). A line without a space between words keeps the CJK rule (break
    at any wide character), and so does a word wider than a line.
    """
    if " " not in line.strip(" "):
        return []
    return [
        match.span()
        for match in _WORD.finditer(line)
        if not match.group().isascii()
        and any(map(is_wide, match.group()))
        and sum(map(width_of, match.group())) <= width
    ]


def wrap_lines(text: str, width: float, width_of: Callable[[str], float] = char_cells) -> list[str]:
    """``text`` broken into lines at most ``width`` wide (existing line breaks kept).

    For a title in a box: besides :func:`wrap_spans`'s rules, a space is preferred to a
    break between two CJK characters (a word set apart by spaces stays whole while it fits).
    """
    lines: list[str] = []
    for line in text.split("\n"):
        keep = _spaced_words(line, width, width_of)
        spans = wrap_spans(line, width, width_of, keep)
        if len(spans) > 1:
            spans = _balanced(line, spans, width, width_of, keep)
        lines.extend(line[start:end] for start, end in spans)
    return lines


def _balanced(
    line: str,
    spans: list[tuple[int, int]],
    width: float,
    width_of: Callable[[str], float],
    keep: Sequence[tuple[int, int]],
) -> list[tuple[int, int]]:
    """``spans`` (``line`` wrapped to ``width``) made as even as the same number of lines allows.

    Filled greedily, a long Chinese title left its last character alone on the last line
    (按供应商…推送到手持终 / 端) in a box as wide as the widest line. The narrowest width
    that still gives as many lines, found by halving, shares the text out evenly (as CSS
    ``text-wrap: balance`` does): the box is narrower and no line is a stub. A word the
    wrap kept whole (:func:`_spaced_words`) stays whole.
    """
    count = len(spans)
    widths = list(map(width_of, line))
    low, high = sum(widths) / count, width

    def fits(trial: list[tuple[int, int]]) -> bool:
        cuts = [end for _, end in trial[:-1]]
        return len(trial) == count and not any(s < cut < e for s, e in keep for cut in cuts)

    best = spans
    # Most titles (CJK breaks anywhere) fit an even share plus one character: try that
    # first, so that the halving below starts from a range one character wide.
    guess = low + max(widths)
    if guess < high:
        trial = wrap_spans(line, guess, width_of, keep)
        if fits(trial):
            high, best = guess, trial
    # Halving until the range is under half the narrowest character: a finer step could
    # hardly move a break (a title is wrapped 2–5 times, and measured once).
    step = min((w for w in widths if w > 0), default=1) / 2
    while high - low > step:
        middle = (low + high) / 2
        trial = wrap_spans(line, middle, width_of, keep)
        if fits(trial):
            high, best = middle, trial
        else:
            low = middle
    return best
