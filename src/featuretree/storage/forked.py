"""Run a piece of work in a forked child process: the parent's memory, none of its time.

Autosave serializes the whole document. In a thread, that competes with the editor for
the GIL: at 100,000 nodes a key pressed during an autosave waited 50–500 ms (up to
seconds under Pilot), and copying the document for the thread first cost 0.1–0.16 s on
the UI thread. ``fork()`` gives the child the document exactly as it is at that moment
(copy-on-write, ~10 ms at 100k nodes in the parent) and the child serializes and writes
it on another core, while the editor goes on untouched. Redis saves its data set the
same way.

The child runs only our own pure-Python code and file I/O, never Textual: it does not
touch the terminal, locks of other threads, or the event loop, and leaves with
``os._exit`` (no atexit handlers, no flushing of inherited buffers). Where ``fork`` is
not safe or not there (not Linux, or ``FEATURETREE_AUTOSAVE_FORK=0``), :func:`available`
says so and the caller uses a thread instead.
"""

from __future__ import annotations

import gc
import os
import select
import signal
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass

FORK_ENV = "FEATURETREE_AUTOSAVE_FORK"
MAX_MESSAGE = 4096
"""Bytes of an error message the child may send back."""


_working_for: int | None = None
"""In a child started by :func:`start`: the pid of the process it works for."""


def acting_pid() -> int:
    """The process this code acts for: in a child of :func:`start`, the parent that
    started it (the child is gone in a moment), else this process."""
    return _working_for if _working_for is not None else os.getpid()


def available() -> bool:
    """Whether work may run in a forked child here (Linux, not switched off)."""
    if os.environ.get(FORK_ENV, "").strip() in ("0", "no", "false", "off"):
        return False
    return sys.platform == "linux" and hasattr(os, "fork")


@dataclass
class Child:
    """A forked child doing some work; :meth:`wait` for its outcome (blocking)."""

    pid: int
    fd: int
    """Read end of the pipe the child reports an error on (closed by :meth:`wait`)."""

    def wait(self, timeout: float | None = None) -> str | None:
        """Block until the child ends: ``None`` when the work succeeded, else why not.

        A child still running after ``timeout`` seconds is killed (a write stuck on a
        dead network drive must not keep autosave waiting forever).
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        chunks: list[bytes] = []
        killed = False
        try:
            while True:
                left = None if deadline is None else max(0.0, deadline - time.monotonic())
                ready, _, _ = select.select([self.fd], [], [], left)
                if not ready:
                    os.kill(self.pid, signal.SIGKILL)
                    killed = True
                    break
                chunk = os.read(self.fd, MAX_MESSAGE)
                if not chunk:  # the child closed its end: it has exited
                    break
                chunks.append(chunk)
        finally:
            os.close(self.fd)
        _, status = os.waitpid(self.pid, 0)
        if killed:
            return f"gave up after {timeout:g} s"
        if os.waitstatus_to_exitcode(status) == 0:
            return None
        message = b"".join(chunks)[:MAX_MESSAGE].decode("utf-8", "replace").strip()
        return message or f"the writing process ended with status {status}"


def start(work: Callable[[], object]) -> Child:
    """Run ``work()`` in a forked child now; raises ``OSError`` when it cannot fork.

    Call it from the thread that owns the data ``work`` reads (the UI thread), so the
    child sees it in a consistent state. Whatever ``work`` raises is sent back as the
    message :meth:`Child.wait` returns.
    """
    parent = os.getpid()
    read_fd, write_fd = os.pipe()
    try:
        with warnings.catch_warnings():
            # Python 3.12+ warns about fork() in a process with threads; the child here
            # touches nothing another thread could hold (see the module docstring).
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
    except BaseException:
        os.close(read_fd)
        os.close(write_fd)
        raise
    if pid == 0:  # pragma: no cover - the child; its outcome is checked through the parent
        global _working_for
        _working_for = parent
        _run_child(work, read_fd, write_fd)
    os.close(write_fd)
    return Child(pid, read_fd)


def _run_child(work: Callable[[], object], read_fd: int, write_fd: int) -> None:  # pragma: no cover
    status = 1
    try:
        os.close(read_fd)
        _quiet_signals()
        # A collection would touch (and so copy) every object of the parent's heap.
        gc.disable()
        work()
        status = 0
    except BaseException as exc:
        message = str(exc) or type(exc).__name__
        try:
            os.write(write_fd, message.encode("utf-8", "replace")[:MAX_MESSAGE])
        except OSError:
            pass
    finally:
        os._exit(status)


def _quiet_signals() -> None:  # pragma: no cover - runs in the child
    """Keep the parent's signal handling out of the child.

    The child is in the terminal's foreground process group, so a resize sends it
    SIGWINCH too (and closing the terminal SIGHUP); the handlers it inherited would post
    to the event loop's wake-up pipe, which it shares with the parent.
    """
    try:
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGWINCH, signal.SIG_IGN)
        # The parent handles SIGTERM / SIGHUP by writing the recovery file itself
        # (tui/signals.py); a child still writing an older copy then must not outlive
        # it and land last, so it stops as a plain process would.
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
    except (ValueError, OSError, AttributeError):
        pass  # not the main thread, or no such signal here: nothing was installed then
