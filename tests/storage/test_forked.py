"""Work done in a forked child: its result, its errors, a child that hangs."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from featuretree.storage import forked

pytestmark = pytest.mark.skipif(not forked.available(), reason="fork is used on Linux only")


def test_the_child_sees_the_data_as_it_was_when_started(tmp_path: Path):
    data = ["before"]
    target = tmp_path / "out.txt"
    child = forked.start(lambda: target.write_text(",".join(data)))
    data.append("after")  # the parent changes its data at once: the child has its own copy
    assert child.wait(timeout=30) is None
    assert target.read_text() == "before"


def test_an_error_in_the_child_comes_back_as_a_message():
    def fail() -> None:
        raise OSError("disk full")

    assert forked.start(fail).wait(timeout=30) == "disk full"


def test_a_child_that_hangs_is_killed_after_the_timeout():
    started = time.monotonic()
    message = forked.start(lambda: time.sleep(60)).wait(timeout=0.3)
    assert message is not None and "gave up" in message
    assert time.monotonic() - started < 10


def test_it_can_be_switched_off(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(forked.FORK_ENV, "0")
    assert not forked.available()
