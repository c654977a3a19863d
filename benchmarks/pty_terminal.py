"""A pseudo-terminal that runs a program and times the frames it writes (for benchmarks).

:class:`PtyTerminal` starts a command on the slave side of a pty of a fixed size and plays
the terminal on the master side, the way a real xterm would as far as timing goes:

- it reads everything the program writes, as soon as it is written, and stamps each read
  with ``time.perf_counter()``;
- it answers the DECRQM queries Textual sends at start-up: ``CSI ? 2026 $ p`` (synchronized
  output) with "supported, reset" — so Textual wraps every frame in ``CSI ? 2026 h`` …
  ``CSI ? 2026 l`` — and any other mode (e.g. 2048, in-band resize) with "not recognized";
- a **frame** is one synchronized-output block; its time is when the block's closing
  ``CSI ? 2026 l`` was read from the master.

It does not draw anything: the cost of a terminal emulator's rendering is not included.
CPU time of the program is read from ``/proc/PID/task/*/schedstat`` (nanoseconds on CPU,
all threads), so it does not depend on how busy the rest of the machine is.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from dataclasses import dataclass, field

SYNC_START = b"\x1b[?2026h"
SYNC_END = b"\x1b[?2026l"
_DECRQM = re.compile(rb"\x1b\[\?(\d+)\$p")
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[=>NOPc78]")


XTERM_KEYS = {
    "up": b"\x1b[A",
    "down": b"\x1b[B",
    "right": b"\x1b[C",
    "left": b"\x1b[D",
    "pagedown": b"\x1b[6~",
    "home": b"\x1b[H",
    "end": b"\x1b[F",
    "space": b" ",
    "tab": b"\t",
    "enter": b"\r",
    "delete": b"\x1b[3~",
    "f2": b"\x1bOQ",
    "f12": b"\x1b[24~",
    "alt+up": b"\x1b[1;3A",
    "alt+down": b"\x1b[1;3B",
    "alt+right": b"\x1b[1;3C",
    "alt+left": b"\x1b[1;3D",
    "ctrl+c": b"\x03",
    "ctrl+v": b"\x16",
    "ctrl+z": b"\x1a",
    "ctrl+y": b"\x19",
    "ctrl+q": b"\x11",
}
"""What xterm sends for each key (normal cursor-key mode; Textual reads these raw)."""


@dataclass
class Frame:
    """One synchronized-output block: when its end was read, and what it held."""

    end: float
    data: bytes

    @property
    def text(self) -> str:
        """The characters the frame draws, escape sequences removed (for finding words)."""
        return _ESCAPES.sub("", self.data.decode("utf-8", "replace"))


@dataclass
class Burst:
    """What one input caused: the frames written until the program was idle again."""

    sent: float
    frames: list[Frame] = field(default_factory=list)
    cpu_ns: int = 0
    unframed_bytes: int = 0

    @property
    def first_ms(self) -> float | None:
        """Input written → end of the first frame (what the user sees move), or ``None``."""
        return (self.frames[0].end - self.sent) * 1000 if self.frames else None

    @property
    def last_ms(self) -> float | None:
        """Input written → end of the last frame of the burst (e.g. a delayed detail panel)."""
        return (self.frames[-1].end - self.sent) * 1000 if self.frames else None

    @property
    def nbytes(self) -> int:
        """Bytes of all frames of the burst."""
        return sum(len(f.data) for f in self.frames)


class PtyTerminal:
    """Runs ``argv`` in a ``columns`` × ``lines`` pty; see the module docstring."""

    def __init__(
        self, argv: list[str], env: dict[str, str], *, columns: int = 120, lines: int = 40
    ) -> None:
        self.argv = argv
        self.env = {**env, "COLUMNS": str(columns), "LINES": str(lines)}
        self.size = (columns, lines)
        self.proc: subprocess.Popen[bytes] | None = None
        self.master = -1
        self.spawned = 0.0
        self.first_output: float | None = None
        self.frames: list[Frame] = []
        self.unframed = 0  # bytes written outside any frame (mode switches, or no sync)
        self._pending = b""  # output not yet split into frames
        self._last_output = 0.0
        self.sync_answered = False

    # -- process --------------------------------------------------------------------------

    def spawn(self) -> None:
        """Start the program; ``self.spawned`` is the moment just before the fork."""
        master, slave = os.openpty()
        columns, lines = self.size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        self.master = master

        def controlling_tty() -> None:  # runs in the child, after setsid
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.spawned = time.perf_counter()
        try:
            # All three on the terminal: Textual draws on stderr (``LinuxDriver`` writes to
            # ``sys.__stderr__``), reads keys from stdin and sizes itself from either.
            self.proc = subprocess.Popen(
                self.argv,
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=self.env,
                start_new_session=True,
                preexec_fn=controlling_tty,
                close_fds=True,
            )
        finally:
            os.close(slave)

    @property
    def pid(self) -> int:
        """The program's process id."""
        assert self.proc is not None
        return self.proc.pid

    def cpu_ns(self) -> int:
        """Nanoseconds the program's live threads have spent on a CPU so far."""
        total = 0
        task_dir = f"/proc/{self.pid}/task"
        try:
            tids = os.listdir(task_dir)
        except FileNotFoundError:
            return 0
        for tid in tids:
            try:
                with open(f"{task_dir}/{tid}/schedstat", "rb") as stat:
                    total += int(stat.read().split()[0])
            except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
                pass  # a thread that ended between listdir and open
        return total

    def wait_exit(self, timeout: float) -> int | None:
        """Keep reading until the program exits; its status, or ``None`` on timeout."""
        assert self.proc is not None
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            self.pump(0.05)
            status = self.proc.poll()
            if status is not None:
                return status
        return None

    def kill(self) -> None:
        """End the program (its whole session) if it still runs, and close the pty."""
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(timeout=5)
        if self.master >= 0:
            os.close(self.master)
            self.master = -1

    def __enter__(self) -> PtyTerminal:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.kill()

    # -- input and output -----------------------------------------------------------------

    def send(self, data: bytes) -> float:
        """Type ``data`` (the bytes a terminal sends for a key); returns when it was sent."""
        sent = time.perf_counter()
        os.write(self.master, data)
        return sent

    def pump(self, timeout: float) -> bool:
        """Read what the program wrote within ``timeout`` seconds; ``True`` if anything."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.master, 1 << 20)
        except OSError:  # EIO: the program closed the terminal (it exited)
            return False
        now = time.perf_counter()
        if not data:
            return False
        if self.first_output is None:
            self.first_output = now
        self._last_output = now
        self._answer_queries(data)
        self._split_frames(data, now)
        return True

    def _answer_queries(self, data: bytes) -> None:
        # A query split across two reads is not answered; Textual writes each in one go.
        for match in _DECRQM.finditer(data):
            mode = int(match.group(1))
            state = 2 if mode == 2026 else 0  # 2: supported and reset; 0: not recognized
            self.sync_answered |= mode == 2026
            os.write(self.master, b"\x1b[?%d;%d$y" % (mode, state))

    def _split_frames(self, data: bytes, now: float) -> None:
        pending = self._pending + data
        while True:
            start = pending.find(SYNC_START)
            if start < 0:
                keep = len(SYNC_START) - 1  # a marker may be cut at the end of this read
                self.unframed += max(0, len(pending) - keep)
                pending = pending[-keep:] if len(pending) > keep else pending
                break
            self.unframed += start
            end = pending.find(SYNC_END, start + len(SYNC_START))
            if end < 0:
                pending = pending[start:]
                break
            self.frames.append(Frame(now, pending[start + len(SYNC_START) : end]))
            pending = pending[end + len(SYNC_END) :]
        self._pending = pending

    def wait_idle(self, quiet: float, *, timeout: float = 120.0, busy_share: float = 0.05) -> float:
        """Read until nothing was written for ``quiet`` s and the program used (almost) no CPU.

        "Almost": under ``busy_share`` of one CPU over the last ``quiet`` seconds, so a
        key that takes long to produce its first frame is not mistaken for a key that
        writes nothing. Returns the time of the last output.
        """
        start = time.perf_counter()
        step = quiet / 4
        samples: list[tuple[float, int]] = [(start, self.cpu_ns())]
        last = max(self._last_output, start)
        while True:
            if self.pump(step):
                last = self._last_output
                continue
            now = time.perf_counter()
            samples.append((now, self.cpu_ns()))
            window = [s for s in samples if s[0] >= now - quiet - 1e-3]
            quiet_long = now - last >= quiet and now - start >= quiet
            if quiet_long and len(window) >= 2:
                (t0, c0), (t1, c1) = window[0], window[-1]
                if t1 - t0 >= quiet * 0.7 and (c1 - c0) / 1e9 <= busy_share * (t1 - t0):
                    return last
            if now - start > timeout:
                raise TimeoutError(f"program still busy after {timeout:.0f} s")

    def key(self, data: bytes, quiet: float) -> Burst:
        """Send one key and wait until the program is idle: the frames and CPU it caused."""
        before = len(self.frames)
        unframed = self.unframed
        cpu = self.cpu_ns()
        burst = Burst(self.send(data))
        self.wait_idle(quiet)
        burst.frames = self.frames[before:]
        burst.cpu_ns = self.cpu_ns() - cpu
        burst.unframed_bytes = self.unframed - unframed
        return burst
