"""CLI test helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

from featuretree.cli.main import main


@pytest.fixture(autouse=True)
def _debug(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let a bug inside a command raise in tests instead of becoming an 'internal error' line."""
    monkeypatch.setenv("FEATURETREE_DEBUG", "1")


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):
    """``run(*args) -> (status, stdout, stderr)`` through ``main``."""

    def _run(*args: str | Path) -> tuple[int, str, str]:
        status = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return status, out, err

    return _run
