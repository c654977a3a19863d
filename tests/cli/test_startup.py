"""What `featuretree FILE` imports before it can show anything.

Every module imported at start-up is paid on every open. Markdown's parser, the notes
editor (Textual's TextArea) and the suggestions board are needed only when used, and
cost ~110 ms together, so they wait until then.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
SAMPLE = SRC.parent / "samples" / "zhihu.json"

LATER = (
    "markdown_it",
    "textual._text_area_theme",
    "featuretree.tui.screens.notes",
    "featuretree.tui.screens.board",
)


def test_opening_the_editor_does_not_import_what_only_some_keys_need() -> None:
    code = (
        "import sys, featuretree.cli.main, featuretree.tui.app\n"
        f"print([m for m in {LATER!r} if m in sys.modules])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_what_waits_is_still_there_when_asked_for() -> None:
    from featuretree import formats
    from featuretree.tui.screens.board import SuggestionsBoard
    from featuretree.tui.screens.notes import NotesEditor

    assert NotesEditor.__name__ == "NotesEditor" and SuggestionsBoard.__name__ == "SuggestionsBoard"
    doc = formats.loads("# 知乎\n\n## 首页\n".encode(), "md")
    assert [kid.title for kid in doc.root.kids] == ["首页"]


def test_the_command_runs_and_leaves_the_collector_on(monkeypatch, capsys) -> None:
    import gc
    from pathlib import Path

    from featuretree.cli import launch

    sample = Path(__file__).resolve().parents[2] / "samples" / "zhihu.json"
    monkeypatch.setattr(sys, "argv", ["featuretree", "show", str(sample), "--depth", "1"])
    assert launch.main() == 0
    assert "首页" in capsys.readouterr().out
    assert gc.isenabled()


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "--sample", "zhihu"],
        ["stats", "--sample", "zhihu", "--json"],
        ["validate", "--sample", "zhihu"],
        ["export", "--sample", "zhihu", "--format", "xmind"],
        ["samples"],
        ["schema"],
        ["bogus"],
        ["new.json"],
        ["diff", str(SAMPLE), str(SAMPLE)],
        ["diff", str(SAMPLE), str(SAMPLE), "--format", "md"],
        ["merge", str(SAMPLE), str(SAMPLE), str(SAMPLE)],
    ],
)
def test_commands_that_do_not_open_the_editor_do_not_import_textual(argv, tmp_path) -> None:
    """Scripts pay for Textual only when the editor starts (issue 17): not for a typo of a
    command (`bogus`), nor for `featuretree new.json` refused for want of a terminal."""
    code = (
        "import sys, io\n"
        "from featuretree.cli.main import main\n"
        "sys.stdout = io.TextIOWrapper(io.BytesIO())\n"
        f"main({argv!r})\n"
        "print([m for m in sys.modules if m == 'textual' or m.startswith('textual.')],"
        " file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert result.stderr.strip().splitlines()[-1] == "[]"
