"""Whole-process start-up of the ``featuretree`` command, as ratios to ``python -c pass``.

    python benchmarks/startup.py [--runs 30] [--python PATH] [--only help validate ...]
                                 [--baseline OLD_SRC]

Each command is run ``--runs`` times as a fresh process (``python -m featuretree ...``
with this checkout's ``src`` first on ``PYTHONPATH``), interleaved round-robin with the
floor (``python -c pass``) so that a busy moment of a shared machine falls on every
command alike. ``--baseline`` times the same commands with another ``src`` (e.g. ``git
archive main src | tar -x -C /tmp/old``, then ``--baseline /tmp/old/src``) in the same
loop, as ``old ...`` rows: a before/after that shares the machine's moments. For each it prints the median and p95 of the wall time, the same as
ratios to the floor's median measured in the same run, and the median CPU time (user +
system of the child), which other processes disturb less than wall time.

Goals (issue 15): ``validate``/``show``/``stats``/``export`` of a small file ≤ 100 ms,
``--help`` ≤ 60 ms, on the 2-core machine where the floor is ~10 ms.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "zhihu.json"


PYDANTIC_FLOOR = """\
import gc, os
gc.disable()
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
from pydantic import BaseModel
class One(BaseModel):
    x: int
"""


# The same, exiting as the `featuretree` program does (cli/launch.py): its last exit
# handler freezes what is alive, so the interpreter's shutdown collections skip it.
PYDANTIC_FLOOR_FROZEN = PYDANTIC_FLOOR + "import atexit\natexit.register(gc.freeze)\n"


def commands(out_dir: str) -> dict[str, list[str]]:
    """The command lines timed, by label (``python`` stands for the interpreter)."""
    ft = ["python", "-m", "featuretree"]
    return {
        "floor": ["python", "-c", "pass"],
        "help": [*ft, "--help"],
        "validate": [*ft, "validate", str(SAMPLE)],
        "show": [*ft, "show", str(SAMPLE)],
        "stats": [*ft, "stats", str(SAMPLE)],
        "export-md": [*ft, "export", str(SAMPLE), "--format", "md"],
        "convert-json": [
            *ft,
            "convert",
            str(SAMPLE),
            os.path.join(out_dir, "out.json"),
            "--force",
        ],
        # References, not commands: what the model's pydantic classes and Textual cost alone,
        # and one trivial pydantic model with the settings the command runs with (collector
        # paused, no plug-in search): every command that reads a file validates with
        # pydantic, so none can start faster than this.
        "model-import": ["python", "-c", "import featuretree.model.annotations"],
        "pydantic-floor": ["python", "-c", PYDANTIC_FLOOR],
        "pydantic-frozen": ["python", "-c", PYDANTIC_FLOOR_FROZEN],
        "textual": ["python", "-c", "import textual.app"],
    }


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``argv`` (its output thrown away)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def main() -> int:
    """Time every command and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="runs of each command (30)")
    parser.add_argument("--python", default=sys.executable, help="the interpreter to time")
    parser.add_argument("--only", nargs="*", help="labels to time (the floor always is)")
    parser.add_argument("--baseline", metavar="SRC", help="also time the commands with this src")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # What the `featuretree` entry point sets (cli/launch.py) is not inherited from here.
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    old_env = {**env, "PYTHONPATH": str(Path(args.baseline).resolve())} if args.baseline else env
    with tempfile.TemporaryDirectory() as out_dir:
        table = commands(out_dir)
        if args.only:
            table = {k: v for k, v in table.items() if k == "floor" or k in args.only}
        lines = {k: [args.python if w == "python" else w for w in v] for k, v in table.items()}
        envs = dict.fromkeys(lines, env)
        if args.baseline:
            for label in [k for k in lines if k != "floor"]:
                lines[f"old {label}"] = lines[label]
                envs[f"old {label}"] = old_env
        for label, argv in lines.items():  # warm the bytecode caches and the page cache
            run_once(argv, envs[label])
        walls: dict[str, list[float]] = {k: [] for k in lines}
        cpus: dict[str, list[float]] = {k: [] for k in lines}
        for _ in range(args.runs):
            for label, argv in lines.items():
                wall, cpu = run_once(argv, envs[label])
                walls[label].append(wall)
                cpus[label].append(cpu)
    floor = statistics.median(walls["floor"])
    floor_cpu = statistics.median(cpus["floor"])
    print(f"{args.runs} runs each, interleaved; floor = `python -c pass`")
    print(
        f"{'command':<18}{'median ms':>10}{'p95 ms':>9}{'median ×':>10}{'p95 ×':>8}"
        f"{'cpu ms':>9}{'cpu ×':>8}"
    )
    for label in lines:
        med = statistics.median(walls[label])
        high = p95(walls[label])
        cpu = statistics.median(cpus[label])
        print(
            f"{label:<18}{med * 1000:>10.1f}{high * 1000:>9.1f}{med / floor:>10.1f}"
            f"{high / floor:>8.1f}{cpu * 1000:>9.1f}{cpu / floor_cpu:>8.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
