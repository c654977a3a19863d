"""The screen as a person reads it: the text of each terminal line (imported by tests).

Read from ``App.export_screenshot()`` (public API): every run of text in the SVG sits
at its cell column, so what a clipped widget never drew is missing here too.
"""

from __future__ import annotations

import html
import re

from rich.cells import cell_len
from textual.app import App

_RUN = re.compile(
    r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
    r'clip-path="url\(#terminal-(?:\d+-)?line-(\d+)\)">([^<]*)</text>'
)
_CELL = 12.2  # the SVG's width of one cell


def screen_lines(app: App) -> list[str]:
    """Each line of the app's screen now, right-stripped."""
    svg = app.export_screenshot()
    runs: dict[int, list[tuple[int, str]]] = {}
    for x, line, text in _RUN.findall(svg):
        runs.setdefault(int(line), []).append((round(float(x) / _CELL), html.unescape(text)))
    lines = []
    for number in range(max(runs, default=-1) + 1):
        out, used = [], 0
        for column, text in sorted(runs.get(number, [])):
            if column > used:
                out.append(" " * (column - used))
                used = column
            out.append(text)
            used += cell_len(text)
        lines.append("".join(out).replace("\xa0", " ").rstrip())
    return lines


def screen_text(app: App) -> str:
    """The whole screen as one string, a line per terminal line."""
    return "\n".join(screen_lines(app))
