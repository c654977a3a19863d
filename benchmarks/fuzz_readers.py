"""Fuzz every registered reader with mutated real files and hostile inputs.

    python benchmarks/fuzz_readers.py [--n 10000] [--seconds 600] [--timeout 10]
                                      [--memory-mb 2048] [--only json,md] [--seed 1]

For every format with a reader (``formats.all_formats()``: formats added later join by
themselves), ``--n`` inputs are made from seeds — the samples, ``../shared/fixtures``
files of that format, each sample written by the format's own writer, and trimmed
versions of those — by truncation, byte flips/inserts/deletes, invalid UTF-8, BOMs,
NUL bytes, huge numbers, wrong types in JSON (also inside XMind zips), repeated slices
and deep nesting; a fixed set of hostile inputs comes first (billion laughs, external
entities, a zip bomb, 100,000-level nesting in each syntax).

Each input runs in a worker process under ``RLIMIT_AS`` (``--memory-mb``) with a
wall-clock ``--timeout``; a worker that hangs or dies is replaced. Outcomes:

    document     the reader returned a Document (its titles are checked for control
                 characters and it is written back as JSON)
    FormatError  the clean refusal
    recursion    RecursionError (formats.loads turns it into a FormatError, but the
                 reader has an undocumented depth limit)
    exception    any other exception: a bug, shown with its traceback
    hang         no answer within --timeout
    memory       MemoryError, or the worker killed by the memory limit
    unsafe       a document holding control characters or /etc/passwd text (XXE)

Prints a table of counts and time per reader, then the first tracebacks of each kind
with the input saved under --save (to reproduce: ``formats.by_name(NAME).reader(data)``).
Exit status 1 when anything but document/FormatError occurred.
"""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing
import random
import re
import resource
import sys
import time
import traceback
import zipfile
from collections import Counter
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from featuretree import formats  # noqa: E402
from featuretree.formats.errors import FormatError  # noqa: E402
from featuretree.model.document import Document  # noqa: E402
from featuretree.model.tree import preorder  # noqa: E402

SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared" / "fixtures"
OUTCOMES = ("document", "FormatError", "recursion", "exception", "hang", "memory", "unsafe")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_DIGITS = re.compile(rb"\d+")
HUGE_NUMBERS = (
    b"9" * 5000,
    b"1e999999",
    b"-1e-999999",
    b"18446744073709551616",
    b"-0",
    b"NaN",
    b"Infinity",
    b"0x1F",
    b"1_000",
)
BAD_UTF8 = (
    b"\xff",
    b"\xfe\xff",
    b"\xc3",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"\xc0\xaf",
    b"\x80",
)
BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf\xef\xbb\xbf", b"\x00\x00\xfe\xff")
WRONG_VALUES: tuple[Any, ...] = (
    None,
    True,
    0,
    -1,
    1.5e308,
    "",
    "x" * 10_000,
    [],
    {},
    [[[[]]]],
    {"title": 1},
    ["a", 1, None],
    "\x1b[31mred\x1b[0m",
    "\u202e\u0000",
)


# -- the worker ---------------------------------------------------------------------------


def _worker(conn: Connection, memory_bytes: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    from featuretree.formats.json_format import write_json

    while True:
        message = conn.recv()
        if message is None:
            return
        name, data = message
        reader = formats.by_name(name).reader  # type: ignore[union-attr]
        try:
            doc = reader(data)  # type: ignore[misc]
            outcome, detail = "document", _unsafe(doc)
            if detail:
                outcome = "unsafe"
            write_json(doc)
        except FormatError as exc:
            text = str(exc)
            outcome, detail = (
                ("FormatError", text) if text and "\n" not in text else ("exception", repr(text))
            )
        except RecursionError:
            outcome, detail = "recursion", traceback.format_exc(limit=-6)
        except MemoryError:
            outcome, detail = "memory", ""
        except Exception:
            outcome, detail = "exception", traceback.format_exc(limit=-8)
        conn.send((outcome, detail))


def _unsafe(doc: Document) -> str:
    if not isinstance(doc, Document):
        return f"reader returned {type(doc).__name__}, not a Document"
    for node in preorder(doc.root):
        for text in (node.title, node.notes, *node.tags):
            if _CONTROL.search(text):
                return f"control character kept in {text[:60]!r}"
            if "root:x:0:0" in text:
                return "external entity expanded: /etc/passwd in a title"
    return ""


class Worker:
    """A reader process that can be killed and replaced."""

    def __init__(self, memory_bytes: int) -> None:
        self.memory_bytes = memory_bytes
        self.context = multiprocessing.get_context("fork")
        self.process: Any = None
        self.start()

    def start(self) -> None:
        self.conn, child = self.context.Pipe()
        self.process = self.context.Process(
            target=_worker, args=(child, self.memory_bytes), daemon=True
        )
        self.process.start()
        child.close()

    def run(self, name: str, data: bytes, timeout: float) -> tuple[str, str]:
        """Read ``data`` as format ``name``; (outcome, detail)."""
        try:
            self.conn.send((name, data))
            if self.conn.poll(timeout):
                return self.conn.recv()
        except (EOFError, BrokenPipeError, ConnectionResetError):
            self.process.join(1)
            code = self.process.exitcode
            self.start()
            return "memory", f"worker died (exit code {code})"
        self.process.kill()
        self.process.join()
        self.start()
        return "hang", f"no answer within {timeout} s"

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(2)
        if self.process.is_alive():
            self.process.kill()


# -- inputs -------------------------------------------------------------------------------


def trimmed(doc: Document, keep: int) -> Document:
    """A copy of ``doc`` cut down to its first ``keep`` nodes in document order."""
    data = json.loads(formats.dumps(doc, "json"))
    count = 0
    stack = [data["root"]]
    while stack:
        node = stack.pop()
        count += 1
        if count >= keep:
            node["children"] = []
        node["children"] = node["children"][: max(0, keep - count)]
        stack.extend(reversed(node["children"]))
    return formats.loads(json.dumps(data, ensure_ascii=False).encode(), "json")


def seeds_for(fmt: formats.Format) -> list[bytes]:
    """Real files of this format: shared fixtures, and the samples written by its writer."""
    seeds = []
    if SHARED.is_dir():
        for path in sorted(SHARED.rglob("*")):
            if path.is_file() and formats.for_path(path) is fmt:
                seeds.append(path.read_bytes())
    for path in sorted(SAMPLES.glob("*.json")):
        doc = formats.load(path)
        for version in (doc, trimmed(doc, 40), trimmed(doc, 8)):
            if fmt.writer is not None:
                try:
                    seeds.append(fmt.writer(version))
                except Exception as exc:
                    print(f"  {fmt.name} writer failed on {path.name}: {exc!r}")
    return seeds


def deep(name: str, depth: int) -> bytes:
    """A document nested ``depth`` levels in format ``name``'s own syntax."""
    if name == "json":
        return b'{"title": "x", "children": [' * depth + b'{"title": "y"}' + b"]}" * depth
    if name in ("mm", "freemind"):
        return b"<map>" + b'<node TEXT="x">' * depth + b"</node>" * depth + b"</map>"
    if name == "opml":
        return (
            b'<opml version="2.0"><head/><body>'
            + b'<outline text="x">' * depth
            + b"</outline>" * depth
            + b"</body></opml>"
        )
    if name == "xmind":
        topic = (
            '{"id": "t", "title": "x", "children": {"attached": [' * depth
            + '{"id": "z", "title": "z"}'
            + "]}}" * depth
        )
        sheet = '[{"id": "s", "class": "sheet", "title": "s", "rootTopic": ' + topic + "}]"
        return zipped({"content.json": sheet.encode(), "manifest.json": b'{"file-entries": {}}'})
    if name == "md":
        depth = min(depth, 3000)  # indentation makes the file O(depth²) bytes
        return (
            b"# x\n"
            + b"\n".join(b"  " * i + b"- x" for i in range(depth))
            + b"\n"
            + b">" * depth
            + b" q\n"
        )
    if name == "mermaid":
        depth = min(depth, 3000)
        return b"mindmap\n" + b"\n".join(b" " * (i + 1) + b"x" for i in range(depth))
    return b"x\n" + b"\n".join(b" " * min(i, 3000) + b"- x" for i in range(min(depth, 3000)))


def zipped(members: dict[str, bytes]) -> bytes:
    """A zip archive of ``members``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    """A 200 KiB zip whose content.json inflates to 256 MiB (of JSON whitespace)."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("content.json", "w", force_zip64=True) as member,
    ):
        member.write(b"[")
        chunk = b" " * (1 << 20)
        for _ in range(256):
            member.write(chunk)
        member.write(b"]")
    return buffer.getvalue()


def hostile(name: str) -> list[tuple[str, bytes]]:
    """Fixed inputs every reader must refuse cleanly or read safely."""
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
            for i in range(1, 10)
        )
        + b"]>"
    )
    xxe = b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return [
        ("empty", b""),
        ("only a BOM", b"\xef\xbb\xbf"),
        ("NUL bytes", b"\x00" * 1000),
        ("random bytes", random.Random(7).randbytes(4096)),
        ("one long line", b"x" * 5_000_000),
        ("billion laughs (map)", laughs + b'<map><node TEXT="&lol9;"/></map>'),
        (
            "billion laughs (opml)",
            laughs + b'<opml><head/><body><outline text="&lol9;"/></body></opml>',
        ),
        ("external entity (map)", xxe + b'<map><node TEXT="&xxe;"/></map>'),
        (
            "external entity (opml)",
            xxe + b'<opml><head/><body><outline text="&xxe;"/></body></opml>',
        ),
        ("zip bomb", zip_bomb()),
        (
            "xmind zip with XML bomb",
            zipped(
                {
                    "content.xml": laughs
                    + b"<xmap-content><sheet><topic><title>&lol9;</title></topic></sheet></xmap-content>"
                }
            ),
        ),
        ("100,000 levels", deep(name, 100_000)),
        ("100,000 JSON arrays", b"[" * 100_000 + b"]" * 100_000),
    ]


class Mutator:
    """Random damage to a seed, in the ways real files get damaged or crafted."""

    def __init__(self, name: str, seeds: list[bytes], rng: random.Random) -> None:
        self.name, self.seeds, self.rng = name, seeds, rng
        # Small seeds are read faster, so they get most of the inputs.
        self.weights = [1 / (1 + len(seed) / 4096) for seed in seeds]
        self.operations = [
            self.truncate,
            self.flip,
            self.insert,
            self.delete,
            self.bad_utf8,
            self.bom,
            self.nul,
            self.huge_number,
            self.repeat,
            self.wrong_type,
            self.wrong_type,
            self.deep_nesting,
        ]

    def make(self) -> bytes:
        """One input: a seed (small ones more often) with one to three kinds of damage."""
        data = self.rng.choices(self.seeds, weights=self.weights)[0]
        for _ in range(self.rng.choice((1, 1, 1, 2, 3))):
            operation = self.rng.choice(self.operations)
            try:
                data = operation(data)
            except Exception as exc:
                print(f"  mutator {operation.__name__} failed: {exc!r}", file=sys.stderr)
        return data

    def _at(self, data: bytes) -> int:
        return self.rng.randrange(len(data) + 1)

    def truncate(self, data: bytes) -> bytes:
        if zipfile.is_zipfile(io.BytesIO(data)) and self.rng.random() < 0.5:
            return self.in_zip(data, self.truncate)
        return data[: self._at(data)]

    def flip(self, data: bytes) -> bytes:
        if not data:
            return b"\xff"
        if zipfile.is_zipfile(io.BytesIO(data)) and self.rng.random() < 0.7:
            return self.in_zip(data, self.flip)
        out = bytearray(data)
        for _ in range(self.rng.randint(1, 10)):
            out[self.rng.randrange(len(out))] ^= 1 << self.rng.randrange(8)
        return bytes(out)

    def insert(self, data: bytes) -> bytes:
        at = self._at(data)
        piece = self.rng.choice(
            (
                self.rng.randbytes(self.rng.randint(1, 8)),
                b"<",
                b">",
                b"&",
                b'"',
                b"{",
                b"}",
                b"[",
                b"]",
                b"\n",
                b"- ",
                b"# ",
                b"\t",
                b"\r",
                b"\x1b[31m",
                b"[bold]",
                b"]]>",
            )
        )
        return data[:at] + piece + data[at:]

    def delete(self, data: bytes) -> bytes:
        at = self._at(data)
        return data[:at] + data[at + self.rng.randint(1, 64) :]

    def bad_utf8(self, data: bytes) -> bytes:
        at = self._at(data)
        return data[:at] + self.rng.choice(BAD_UTF8) + data[at:]

    def bom(self, data: bytes) -> bytes:
        return self.rng.choice(BOMS) + data

    def nul(self, data: bytes) -> bytes:
        at = self._at(data)
        return data[:at] + b"\x00" * self.rng.choice((1, 1, 3, 100)) + data[at:]

    def huge_number(self, data: bytes) -> bytes:
        runs = list(_DIGITS.finditer(data))
        if not runs:
            return data + self.rng.choice(HUGE_NUMBERS)
        run = self.rng.choice(runs)
        return data[: run.start()] + self.rng.choice(HUGE_NUMBERS) + data[run.end() :]

    def repeat(self, data: bytes) -> bytes:
        at = self._at(data)
        piece = data[at : at + self.rng.randint(1, 200)]
        return data[:at] + piece * self.rng.choice((2, 10, 100, 1000)) + data[at:]

    def deep_nesting(self, data: bytes) -> bytes:
        # Rarely, and not too deep: the fixed inputs already hold 100,000 levels.
        if self.rng.random() < 0.7:
            return self.insert(data)
        return deep(self.name, self.rng.choice((50, 500, 2000)))

    def wrong_type(self, data: bytes) -> bytes:
        """Replace one value of a JSON document (or JSON inside a zip) by one of another type."""
        if zipfile.is_zipfile(io.BytesIO(data)):
            return self.in_zip(data, self.wrong_type)
        try:
            value = json.loads(data)
        except (ValueError, RecursionError):
            return self.flip(data)
        slots: list[tuple[Any, Any]] = []
        stack = [value]
        while stack and len(slots) < 5000:
            item = stack.pop()
            keys = (
                list(item)
                if isinstance(item, dict)
                else range(len(item))
                if isinstance(item, list)
                else []
            )
            for key in keys:
                slots.append((item, key))
                stack.append(item[key])
        if not slots:
            return json.dumps(self.rng.choice(WRONG_VALUES)).encode()
        container, key = self.rng.choice(slots)
        container[key] = self.rng.choice(WRONG_VALUES)
        if isinstance(container, dict) and self.rng.random() < 0.2:
            container[self.rng.choice(("children", "extra", "id", "format", "version"))] = (
                self.rng.choice(WRONG_VALUES)
            )
        return json.dumps(value, ensure_ascii=self.rng.random() < 0.5).encode(
            "utf-8", "surrogatepass"
        )

    def in_zip(self, data: bytes, damage: Any) -> bytes:
        """Apply ``damage`` to one member of a zip archive and zip it again."""
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                members = {info.filename: archive.read(info) for info in archive.infolist()}
        except Exception:
            return data
        if not members:
            return data
        member = self.rng.choice(sorted(members))
        if not zipfile.is_zipfile(io.BytesIO(members[member])):
            members[member] = damage(members[member])
        return zipped(members)


# -- the run ------------------------------------------------------------------------------


def main() -> int:
    """Fuzz each reader; print the table and the first findings."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=10_000, help="inputs per reader")
    parser.add_argument("--seconds", type=float, default=600, help="time budget per reader")
    parser.add_argument("--timeout", type=float, default=10, help="seconds one input may take")
    parser.add_argument("--memory-mb", type=int, default=2048)
    parser.add_argument("--only", help="comma-separated format names")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--save", type=Path, default=Path("/tmp/featuretree-fuzz"), help="where findings go"
    )
    parser.add_argument("--show", type=int, default=3, help="findings shown per reader and outcome")
    args = parser.parse_args()
    wanted = set(args.only.split(",")) if args.only else None
    readers = [
        f for f in formats.all_formats() if f.reader and (wanted is None or f.name in wanted)
    ]
    args.save.mkdir(parents=True, exist_ok=True)
    worker = Worker(args.memory_mb * 2**20)
    table: list[tuple[str, Counter[str], int, float]] = []
    findings: list[str] = []
    try:
        for fmt in readers:
            rng = random.Random(f"{args.seed}-{fmt.name}")
            seeds = seeds_for(fmt) or [b""]
            fixed = hostile(fmt.name)
            mutator = Mutator(fmt.name, seeds, rng)
            counts: Counter[str] = Counter()
            shown: Counter[str] = Counter()
            started = time.perf_counter()
            done = 0
            slowest: list[tuple[float, str, int]] = []
            while done < args.n and time.perf_counter() - started < args.seconds:
                label, data = fixed[done] if done < len(fixed) else ("mutated", mutator.make())
                before = time.perf_counter()
                outcome, detail = worker.run(fmt.name, data, args.timeout)
                took = time.perf_counter() - before
                slowest.append((took, label, len(data)))
                slowest = sorted(slowest, reverse=True)[:3]
                counts[outcome] += 1
                done += 1
                if outcome not in ("document", "FormatError") and shown[outcome] < args.show:
                    shown[outcome] += 1
                    saved = args.save / f"{fmt.name}-{outcome}-{done}.bin"
                    saved.write_bytes(data)
                    findings.append(
                        f"--- {fmt.name}: {outcome} on {label} input #{done} "
                        f"({len(data):,} bytes, saved as {saved})\n{detail.rstrip()}"
                    )
            elapsed = time.perf_counter() - started
            table.append((fmt.name, counts, done, elapsed))
            print(
                f"{fmt.name}: {done:,} inputs in {elapsed:.0f} s: "
                + ", ".join(f"{k} {v:,}" for k, v in sorted(counts.items()))
                + "; slowest: "
                + ", ".join(f"{t:.2f} s ({label}, {size:,} B)" for t, label, size in slowest),
                flush=True,
            )
    finally:
        worker.stop()

    print()
    header = (
        f"{'reader':<10}{'inputs':>8}"
        + "".join(f"{name:>12}" for name in OUTCOMES)
        + f"{'seconds':>9}"
    )
    print(header)
    print("-" * len(header))
    for name, counts, done, elapsed in table:
        print(
            f"{name:<10}{done:>8,}"
            + "".join(f"{counts[o]:>12,}" for o in OUTCOMES)
            + f"{elapsed:>9.0f}"
        )
    for finding in findings:
        print()
        print(finding)
    bad = sum(counts[o] for _, counts, _, _ in table for o in OUTCOMES[2:])
    print(
        f"\n{'FAIL' if bad else 'PASS'}: {bad} inputs ended otherwise than in a document or a FormatError"
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
