"""Starting featuretree in a pty for benchmarks: which code, which environment, open, quit.

Used by ``pty_keys.py``. ``export_commit`` lets a run use one commit's ``src/featuretree``
(the shared work tree holds other people's uncommitted edits); ``open_app`` starts the
console script in a :class:`~pty_terminal.PtyTerminal` and times the open.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from pty_terminal import XTERM_KEYS, PtyTerminal

QUIET = 0.2
"""Seconds without output (and > 3× the detail panel's 60 ms delay) that mean "idle"."""


def app_command() -> list[str]:
    """``featuretree`` as a user starts it: the console script beside this Python."""
    script = Path(sys.executable).with_name("featuretree")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "featuretree"]


def app_env(
    data_dir: str, state_dir: str, colors: str, source: str | None = None
) -> dict[str, str]:
    """A clean environment: no user config, recent files or Textual overrides.

    ``source``: a folder holding a ``featuretree`` package to run instead of the installed
    (editable: the working tree's) one.
    """
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "LANG": "C.UTF-8",
        "TERM": "xterm-256color",
        "FEATURETREE_DATA_DIR": data_dir,
        "FEATURETREE_STATE_DIR": state_dir,
        "FEATURETREE_CONFIG": os.devnull,
    }
    if colors == "truecolor":
        env["COLORTERM"] = "truecolor"
    if source is not None:
        env["PYTHONPATH"] = source  # ahead of site-packages, so ahead of the editable install
    return env


REPO = Path(__file__).resolve().parents[1]


def export_commit(rev: str, folder: Path) -> str:
    """Write ``src/featuretree`` as of ``rev`` under ``folder``; the path for PYTHONPATH.

    The shared work tree holds other engineers' uncommitted edits; a commit's own files
    make the figures reproducible (and stable while those edits change under the run).
    """
    archive = subprocess.run(
        ["git", "archive", "--format=tar", rev, "src/featuretree"],
        cwd=REPO,
        check=True,
        capture_output=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    source = str(folder / "src")
    # Byte-compile now, as an installed package is: the first start must not pay for it.
    subprocess.run([sys.executable, "-m", "compileall", "-q", source], check=True)
    found = subprocess.run(
        [sys.executable, "-c", "import featuretree; print(featuretree.__file__)"],
        env={**os.environ, "PYTHONPATH": source},
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    if not found.startswith(source):
        raise RuntimeError(f"PYTHONPATH={source} still imports featuretree from {found}")
    return source


def describe_source(rev: str | None) -> str:
    """Which code runs: a commit, or the work tree (and whether src/ has local edits)."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()

    if rev is not None:
        return f"featuretree at commit {git('rev-parse', '--short', rev)} (exported)"
    edited = [line for line in git("status", "--porcelain", "--", "src").splitlines() if line]
    local = f" + uncommitted edits to {len(edited)} file(s) in src/" if edited else ""
    return f"featuretree work tree at {git('rev-parse', '--short', 'HEAD')}{local}"


def imports_alone(source: str | None) -> float:
    """Wall ms of a fresh Python importing the CLI and the editor (no app, no file)."""
    env = {**os.environ, "PYTHONPATH": source} if source else None
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "import featuretree.cli.main, featuretree.tui"], check=True, env=env
    )
    return (time.perf_counter() - start) * 1000


def open_app(path: Path, env: dict[str, str], title: str) -> tuple[PtyTerminal, dict[str, float]]:
    """Start the editor on ``path``; wait for the first frame showing ``title``, then idle."""
    term = PtyTerminal([*app_command(), str(path)], env)
    term.spawn()
    try:
        deadline = time.perf_counter() + 300
        seen = 0
        first = None
        while first is None:
            if time.perf_counter() > deadline or term.proc.poll() is not None:
                raise RuntimeError(f"no frame showing {title!r} (exit status {term.proc.poll()})")
            term.pump(0.05)
            for frame in term.frames[seen:]:
                if title in frame.text:
                    first = frame
                    break
            seen = len(term.frames)
        last = term.wait_idle(QUIET)
        if not term.sync_answered:
            print("  warning: the app never asked for synchronized output", file=sys.stderr)
        times = {
            "spawn → first output (imports done)": (term.first_output - term.spawned) * 1000,
            "open → first frame (wall)": (first.end - term.spawned) * 1000,
            "open → last frame of the burst": (last - term.spawned) * 1000,
        }
        return term, times
    except BaseException:
        term.kill()
        raise


def quit_app(term: PtyTerminal, dirty: bool) -> None:
    """Ctrl+Q (then "d": discard, when asked about unsaved changes); kill if it hangs."""
    term.send(XTERM_KEYS["ctrl+q"])
    if dirty:
        term.wait_idle(QUIET)
        term.send(b"d")
    if term.wait_exit(20) is None:
        print("  warning: the app did not quit; killed", file=sys.stderr)
    term.kill()
