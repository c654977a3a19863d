"""The command never shows a traceback, survives pipes, and opens the editor when there is one."""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

import pytest
from rich.cells import cell_len

from featuretree.cli import show
from featuretree.formats.json_format import write_json
from featuretree.model import Document, FeatureNode
from featuretree.model.tree import attach
from featuretree.samples_catalog import sample_path

SCRIPT = Path(sys.executable).parent / "featuretree"


def test_unexpected_exception_is_one_internal_error_line(
    run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FEATURETREE_DEBUG")

    def boom(args):
        raise ZeroDivisionError("division by zero\nsecond line")

    monkeypatch.setattr(show, "run", boom)
    status, _out, err = run("show", "--sample", "zhihu")
    assert status == 1
    assert err == "featuretree: internal error: ZeroDivisionError: division by zero\n"


def test_ctrl_c_exits_130_quietly(run, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(show, "run", interrupted)
    assert run("show", "--sample", "zhihu") == (130, "", "")


def test_broken_pipe_exits_quietly(run, monkeypatch: pytest.MonkeyPatch) -> None:
    def closed(args):
        raise BrokenPipeError

    monkeypatch.setattr(show, "run", closed)
    status, _, err = run("show", "--sample", "zhihu")
    assert status != 0 and err == ""


# -- the editor ---------------------------------------------------------------------------------


def _in_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if stdin and stdout were a terminal (under pytest they are not)."""
    from featuretree.cli import edit

    monkeypatch.setattr(edit, "has_terminal", lambda: None)


def test_editor_not_available_yet(run, monkeypatch: pytest.MonkeyPatch) -> None:
    _in_a_terminal(monkeypatch)
    monkeypatch.setitem(sys.modules, "featuretree.tui", None)
    for args in ((), ("some.json",), ("--sample", "zhihu"), ("edit", "x.json")):
        status, _, err = run(*args)
        assert status == 2
        assert err == "featuretree: the editor is not available yet; try `featuretree show FILE`\n"


class _FakeApp:
    opened: list[tuple[str | None, str | None]] = []
    return_code: int | None = 0  # as Textual's App: the exit status it was asked for

    def __init__(self, path: str | None, *, sample: str | None = None) -> None:
        self.path = path
        self.sample = sample

    def run(self) -> None:
        _FakeApp.opened.append((self.path, self.sample))


def test_editor_opens_file_sample_or_nothing(run, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("featuretree.tui")
    fake.FeatureTreeApp = _FakeApp  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "featuretree.tui", fake)
    _in_a_terminal(monkeypatch)
    _FakeApp.opened.clear()
    assert run("plan.json")[0] == 0
    assert run("--sample", "Zhihu.json")[0] == 0  # opened as a template, never overwritten
    assert run()[0] == 0
    assert _FakeApp.opened == [("plan.json", None), (None, "zhihu"), (None, None)]
    status, _, err = run("--sample", "nope")
    assert status == 2 and "no sample called 'nope'" in err
    assert len(_FakeApp.opened) == 3


# -- show on pathological trees -----------------------------------------------------------------


def test_show_renders_a_20000_level_chain_with_bounded_width() -> None:
    root = FeatureNode("L0", id="n0")
    node = root
    for i in range(1, 20_000):
        child = FeatureNode(f"L{i}", id=f"n{i}")
        attach(child, node)
        node = child
    lines = [line.plain for line in show.render(Document(root))]
    assert len(lines) == 1 + 20_000
    assert lines[-1].endswith("└── L19999")
    assert "⋯19999⋯" in lines[-1]
    assert max(cell_len(line) for line in lines) < 200


def test_show_guides_connect_siblings_across_subtrees() -> None:
    root = FeatureNode("App", id="r")
    a, a1, b = FeatureNode("A", id="a"), FeatureNode("A1", id="a1"), FeatureNode("B", id="b")
    attach(a, root)
    attach(a1, a)
    attach(b, root)
    lines = [line.plain for line in show.render(Document(root))]
    assert lines[1:4] == ["App", "├── A", "│   └── A1"]
    assert lines[4] == "└── B"


# -- the installed console script ---------------------------------------------------------------


@pytest.mark.skipif(not SCRIPT.exists(), reason="console script not installed beside this Python")
def test_console_script_help_and_show(tmp_path: Path) -> None:
    help_run = subprocess.run([SCRIPT, "--help"], capture_output=True, text=True, timeout=60)
    assert help_run.returncode == 0
    assert "validate" in help_run.stdout
    show_run = subprocess.run(
        [SCRIPT, "show", sample_path("zhihu")],
        capture_output=True,
        text=True,
        timeout=60,
        encoding="utf-8",
    )
    assert show_run.returncode == 0, show_run.stderr
    assert "首页" in show_run.stdout and "├── " in show_run.stdout
    assert "\x1b[" not in show_run.stdout


@pytest.mark.skipif(not SCRIPT.exists(), reason="console script not installed beside this Python")
def test_console_script_broken_file_and_closed_pipe(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"title": [')
    result = subprocess.run([SCRIPT, "show", broken], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr

    # a reader that stops after one line (like `| head -1`) must not cause a traceback
    big = tmp_path / "big.json"
    root = FeatureNode("root", id="root")
    for i in range(3000):
        attach(FeatureNode(f"节点 {i}", id=f"n{i}"), root)
    big.write_bytes(write_json(Document(root)))
    process = subprocess.Popen(
        [SCRIPT, "show", big], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode()
    process.wait(timeout=60)
    assert "Traceback" not in stderr and stderr == ""
