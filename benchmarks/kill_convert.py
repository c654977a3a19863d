"""Kill ``featuretree convert`` at random moments; the target must stay a whole file.

    python benchmarks/kill_convert.py [--runs 1000] [--nodes 5000] [--ext .json] [--seed 1]

Two different generated documents, A and B, are converted in turn to the same target
(A, B, A, B...), and every run is ended by SIGKILL at a random moment: for half of the
runs anywhere in the life of the process, for the other half during its write (the
script waits for the temporary file to appear, then kills within 1.5 times the time
a write was measured to take, from temporary file to rename). After each kill the
target must be byte for byte either the file that was there before the run or the
file this run writes (and it is loaded now and then to be sure it reads); temporary
files left by killed runs must not pile up (each write sweeps those of dead
processes). Prints the counts; exit status 1 if any target was neither old nor new.
"""

from __future__ import annotations

import argparse
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import make_document

from featuretree import formats

DIRECT = "import sys; from featuretree import formats; formats.save(formats.load(sys.argv[1]), sys.argv[2])"


def command(source: Path, target: Path, direct: bool) -> list[str]:
    """The command line of one conversion."""
    if direct:
        return [sys.executable, "-c", DIRECT, str(source), str(target)]
    return [sys.executable, "-m", "featuretree", "convert", str(source), str(target)]


def temp_files(folder: Path, target: Path) -> list[Path]:
    """Temporary files of writes to ``target`` in ``folder``."""
    return [
        p
        for p in folder.iterdir()
        if p.name.startswith(f".{target.name}") and p.name.endswith(".tmp")
    ]


def calibrate(cmd: list[str], folder: Path, target: Path) -> tuple[float, float, float]:
    """Seconds from start until the temporary file appears, until it is renamed, and until
    the process ends (the longest of three runs)."""
    appeared, renamed, ended = [], [], []
    for _ in range(3):
        started = time.perf_counter()
        process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seen = gone = None
        while process.poll() is None:
            present = bool(temp_files(folder, target))
            if seen is None and present:
                seen = time.perf_counter() - started
            elif seen is not None and gone is None and not present:
                gone = time.perf_counter() - started
            time.sleep(0.0002)
        ended.append(time.perf_counter() - started)
        appeared.append(seen if seen is not None else ended[-1] * 0.9)
        renamed.append(gone if gone is not None else ended[-1])
        if process.returncode != 0:
            raise SystemExit(f"calibration run failed (exit {process.returncode}): {' '.join(cmd)}")
    return max(appeared), max(renamed), max(ended)


def main() -> int:
    """Run the kill test and print its counts."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--nodes", type=int, default=5000, help="size of each generated document")
    parser.add_argument(
        "--ext", default=".json", help="target extension, i.e. format (.json, .md, .opml...)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--direct", action="store_true", help="call formats.save directly, not the CLI"
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)

    with tempfile.TemporaryDirectory(prefix="kill-convert-") as tmp:
        folder = Path(tmp)
        sources = [folder / "a.json", folder / "b.json"]
        for seed, source in enumerate(sources, start=1):
            formats.save(make_document(args.nodes, seed=seed), source)
        target = folder / f"target{args.ext}"
        fmt = formats.for_path(target)
        assert fmt is not None
        expected = [formats.dumps(formats.load(s), fmt.name) for s in sources]
        assert expected[0] != expected[1]
        print(
            f"documents: {args.nodes:,} nodes each; target {target.name}: "
            f"{len(expected[0]) / 1024:.0f} KiB / {len(expected[1]) / 1024:.0f} KiB"
        )

        cmds = [command(s, target, args.direct) for s in sources]
        write_at, renamed_at, lifetime = calibrate(cmds[1], folder, target)
        if target.read_bytes() != expected[1]:
            print("the converter's output differs from formats.dumps: cannot check by bytes")
            return 1
        write_span = max(renamed_at - write_at, 0.002)
        print(
            f"one conversion: {lifetime * 1000:.0f} ms; its temporary file appears at "
            f"{write_at * 1000:.0f} ms and is renamed at {renamed_at * 1000:.0f} ms",
            flush=True,
        )

        outcomes: Counter[str] = Counter()
        bad: list[str] = []
        max_stray = 0
        started = time.perf_counter()
        previous = expected[1]
        for run in range(args.runs):
            which = run % 2
            before = {p.name for p in temp_files(folder, target)}
            process = subprocess.Popen(
                cmds[which], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            if rng.random() < 0.5:
                time.sleep(rng.uniform(0, lifetime * 1.05))
            else:
                outcomes["aimed at the write"] += 1
                while process.poll() is None and not temp_files(folder, target):
                    time.sleep(0.0002)
                time.sleep(rng.uniform(0, write_span * 1.5))
            process.send_signal(signal.SIGKILL)
            code = process.wait()
            data = target.read_bytes()
            if data == expected[which]:
                state = "new" if data != previous else "same"
            elif data == previous:
                state = "old"
            else:
                state = "NEITHER"
                kept = folder.parent / f"kill-convert-bad-{run}{args.ext}"
                kept.write_bytes(data)
                bad.append(
                    f"run {run}: target is neither old nor new ({len(data)} bytes, kept as {kept})"
                )
            if code == 0:
                outcomes[f"finished before the kill, target {state}"] += 1
            else:
                outcomes[f"killed, target {state}"] += 1
            stray = temp_files(folder, target)
            if any(p.name not in before for p in stray):
                outcomes["killed mid-write (its temporary file left on disk)"] += 1
            max_stray = max(max_stray, len(stray))
            if run % 25 == 0 or state == "NEITHER":
                try:
                    formats.load(target)
                except formats.FormatError as exc:
                    bad.append(f"run {run}: target does not load: {exc}")
            previous = data
            if (run + 1) % 100 == 0:
                print(
                    f"  {run + 1:,} runs, {time.perf_counter() - started:.0f} s, {len(bad)} bad",
                    flush=True,
                )
        elapsed = time.perf_counter() - started

        left_before = len(temp_files(folder, target))
        subprocess.run(cmds[0], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        left_after = len(temp_files(folder, target))

    print(f"\n{args.runs:,} runs in {elapsed:.0f} s")
    for name, count in sorted(outcomes.items()):
        print(f"  {count:6,}  {name}")
    print(
        f"  temporary files on disk at once: at most {max_stray}; "
        f"{left_before} at the end, {left_after} after one more (unkilled) conversion"
    )
    for line in bad:
        print("  BAD", line)
    print("result:", "FAIL" if bad else "PASS — the target was always the old or the new file")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
