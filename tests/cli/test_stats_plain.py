"""``featuretree stats`` into a pipe: the tables rich prints there, drawn without rich.

A pipe (or a file) gets plain text from rich anyway; drawing the same lines without it
spares the command rich's import (issue 15). These tests hold the two to the same output.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text

from featuretree import formats
from featuretree.cli import stats as stats_module
from featuretree.model.enums import Priority, SuggestionStatus
from featuretree.samples_catalog import sample_path

SRC = Path(__file__).resolve().parents[2] / "src"


def rich_lines(stats: stats_module.Stats, title: str) -> list[str]:
    """What the rich path prints for ``stats`` on a wide, colourless console."""
    out = io.StringIO()
    console = Console(file=out, width=300, color_system=None, highlight=False, legacy_windows=False)
    console.print(Text(title, style="bold"))
    console.print(stats_module._overview(stats))
    if stats.suggestion_count:
        console.print()
        console.print(stats_module._suggestion_table(stats))
    return out.getvalue().splitlines()


class _AsciiOut(io.StringIO):
    encoding = "ascii"


def test_a_pipe_gets_the_lines_rich_prints_for_a_sample() -> None:
    doc = formats.load(sample_path("zhihu"))
    stats = stats_module.compute(doc)
    title = doc.meta.title or doc.root.title
    assert stats_module.plain_lines(stats, title) == rich_lines(stats, title)


def test_counts_wider_than_their_column_heading_line_up_as_in_rich() -> None:
    stats = stats_module.Stats()
    stats.nodes, stats.depth, stats.leaves = 123_456, 17, 100_000
    stats.suggestions[Priority.P0, SuggestionStatus.DONE] = 123_456
    stats.suggestions[Priority.P3, SuggestionStatus.IN_PROGRESS] = 7
    lines = stats_module.plain_lines(stats, "知乎 App")
    assert lines == rich_lines(stats, "知乎 App")
    assert "│ P0       │        · │        · │           · │ 123456 │        · │ 123456 │" in lines


def test_no_suggestions_no_table() -> None:
    stats = stats_module.Stats()
    stats.nodes = 1
    lines = stats_module.plain_lines(stats, "知乎")
    assert lines == rich_lines(stats, "知乎")
    assert len(lines) == 7 and lines[-1].startswith("suggestions  0  0 still open")


def test_ascii_output_gets_rich_ascii_borders(monkeypatch) -> None:
    """Where stdout cannot hold box drawing (GBK, ASCII), rich draws ASCII borders."""
    doc = formats.load(sample_path("zhihu"))
    stats = stats_module.compute(doc)
    monkeypatch.setattr(stats_module, "stdout_holds_unicode", lambda: False)
    lines = stats_module.plain_lines(stats, "t")
    out = _AsciiOut()
    console = Console(file=out, width=300, color_system=None, legacy_windows=False)
    console.print(stats_module._suggestion_table(stats))
    assert lines[-len(out.getvalue().splitlines()) :] == out.getvalue().splitlines()
    assert lines[-1].startswith("+---") and lines[-2].startswith("| total    |")


@pytest.mark.parametrize("forced", [{}, {"FORCE_COLOR": "1"}])
def test_stats_through_a_pipe_prints_the_table(forced: dict[str, str]) -> None:
    """The real command into a pipe: plain lines; with FORCE_COLOR, rich's coloured ones."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    result = subprocess.run(
        [sys.executable, "-m", "featuretree", "stats", "--sample", "zhihu"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**env, "PYTHONPATH": str(SRC), "PYTHONIOENCODING": "utf-8", **forced},
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=True,
    )
    assert "P0" in result.stdout and "Suggestions by priority × status" in result.stdout
    assert ("\x1b[" in result.stdout) == bool(forced)
