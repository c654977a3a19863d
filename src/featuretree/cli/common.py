"""What the commands share: choosing the input (FILE, ``-`` or --sample), loading it,
writing the output (OUT, ``-`` or a special file), and text that fits the terminal's encoding.
"""

from __future__ import annotations

import argparse
import codecs
import io
import json
import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from featuretree import formats
from featuretree.formats.errors import describe_not_imported
from featuretree.storage.atomic import (
    FileExistsWriteError,
    WriteError,
    atomic_write,
    backup_path,
    is_special,
)

if TYPE_CHECKING:
    from rich.console import Console

    from featuretree.model.document import Document

STDIO = "-"
"""As FILE: read standard input; as OUT: write standard output."""

FALLBACK_ERRORS = "featuretree-fallback"
"""The codec error handler of stdout and stderr: a mark the encoding cannot hold becomes
its ASCII stand-in (:data:`FALLBACK_MARKS`), any other character ``?``."""

FALLBACK_MARKS = {
    "✚": "+",
    "✱": "~",
    "✖": "x",
    "✎": "*",
    "◆": "#",  # the marks of model/marks.py
    "│": "|",
    "├": "|",
    "└": "`",
    "─": "-",
    "⋯": "...",  # show's tree guides
    "›": ">",
    "→": "->",
    "…": "...",
    "·": "-",
    "×": "x",
    "—": "-",
    "–": "-",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
}
"""ASCII stand-ins for the symbols the commands print, where the output encoding (GBK on a
Chinese Windows, cp1252, ASCII) cannot hold them."""


def _fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    text = exc.object[exc.start : exc.end]
    return "".join(FALLBACK_MARKS.get(ch, "?") for ch in text), exc.end


codecs.register_error(FALLBACK_ERRORS, _fallback)


def fit_streams() -> None:
    """Make stdout and stderr write what their encoding can hold instead of failing.

    A redirected stdout on a Chinese Windows is GBK, which has no ``✎``; without this,
    the first such mark ends the command with a ``UnicodeEncodeError``.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            reconfigure(errors=FALLBACK_ERRORS)
        except (ValueError, OSError):
            pass  # a closed or unusual stream: leave it as it is


def stdout_holds_unicode() -> bool:
    """True when stdout's encoding holds every character (UTF-8, UTF-16...)."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


def print_json(value: Any) -> None:
    """Print ``value`` as JSON on stdout, one document, ending with a newline.

    Non-ASCII text is written as itself where stdout can hold it and as ``\\uXXXX``
    escapes elsewhere: the same JSON either way, never a lossy ``?``.
    """
    text = json.dumps(value, ensure_ascii=not stdout_holds_unicode(), indent=2)
    sys.stdout.write(text + "\n")


MAX_WARNINGS = 50
"""Repairs listed before the rest are summed up in one line."""


class UsageError(Exception):
    """The command line asks for something impossible (exit status 2)."""


def add_force(parser: argparse.ArgumentParser) -> None:
    """Give ``parser`` the ``--force`` that lets it replace an existing OUT."""
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace OUT if it exists (the old file is kept as OUT~); without it an "
        "existing OUT is never overwritten",
    )


def add_source(
    parser: argparse.ArgumentParser,
    *,
    required: bool = True,
    name: str = "FILE",
    stdin: bool = True,
) -> None:
    """Give ``parser`` a ``FILE`` argument and the ``--sample NAME`` alternative to it."""
    parser.add_argument(
        "file",
        nargs="?",
        metavar=name,
        help="a featuretree file (or any format it reads)"
        + ("; - reads standard input" if stdin else ""),
    )
    parser.add_argument(
        "--sample", metavar="NAME", help="use a built-in sample instead (see `featuretree samples`)"
    )
    parser.add_argument(
        "--from",
        dest="from_format",
        metavar="FORMAT",
        help="read as FORMAT instead of guessing from the extension",
    )
    parser.set_defaults(source_required=required)


def source_path(args: argparse.Namespace) -> Path | None:
    """The file the command works on, from ``FILE`` or ``--sample``; ``None`` when neither."""
    if args.file and args.sample:
        raise UsageError("give a FILE or --sample NAME, not both")
    if args.sample:
        from featuretree.samples_catalog import sample_path

        return sample_path(args.sample)
    if args.file:
        return Path(args.file)
    if getattr(args, "source_required", True):
        raise UsageError("a FILE (or --sample NAME) is needed")
    return None


def open_document(args: argparse.Namespace) -> tuple[Document, Path]:
    """Load the command's input, print what was repaired, and return it with its path."""
    path = source_path(args)
    assert path is not None
    doc = load(path, getattr(args, "from_format", None))
    report_warnings(doc)
    return doc, path


def load(path: Path | str, fmt: str | None) -> Document:
    """Read ``path`` (``-``: standard input, its format from ``fmt`` or its content)."""
    if str(path) != STDIO:
        return formats.load(path, fmt)
    data = sys.stdin.buffer.read(formats.MAX_INPUT_BYTES + 1)
    if len(data) > formats.MAX_INPUT_BYTES:
        raise formats.FormatError("input too large (the limit is 512 MiB)", source="<stdin>")
    return formats.loads(data, fmt or formats.sniff(data), source="<stdin>")


def write_output(out: str, data: bytes, *, fmt: formats.Format, force: bool) -> bool:
    """Write ``data`` (a file in ``fmt``) to ``out``; True when it went to standard output.

    ``-`` is stdout (binary formats refused on a terminal); a special file (``/dev/stdout``,
    a pipe) is written directly; a regular file atomically, and an existing one only with
    ``force``, its old bytes kept as ``OUT~`` (said on stderr).
    """
    if out == STDIO or _is_stdout(out):
        # /dev/stdout too: written through sys.stdout, so that what the command prints
        # after it goes after it, not over its first bytes (a redirected file's offset).
        write_stdout(data, fmt)
        return True
    if is_special(out):
        if fmt.binary and _is_terminal(out):
            raise UsageError(binary_to_terminal(fmt))
        atomic_write(out, data)
        return False
    existed = os.path.lexists(out)
    try:
        atomic_write(out, data, backup=force, overwrite=force)
    except FileExistsWriteError:
        refuse_existing(out, force=False)
        raise
    if existed:
        print(
            f"featuretree: replaced {out}; the previous version is {backup_path(out)}",
            file=sys.stderr,
        )
    return False


def refuse_existing(out: str, force: bool) -> None:
    """Fail early (before reading the input) when ``out`` exists and ``--force`` is not given."""
    if out == STDIO or is_special(out) or not os.path.lexists(out):
        return
    if os.path.isdir(out):
        # --force cannot help: said as the write would say it, not "add --force".
        raise WriteError(f"cannot write {out}: it is a folder")
    if force:
        return
    raise WriteError(
        f"{out} already exists; add --force to replace it "
        f"(the old file is kept as {backup_path(out).name})"
    )


def output_format(out: str, name: str | None) -> formats.Format:
    """The format to write ``out`` in: ``name``, else ``out``'s extension (``-`` needs a name)."""
    if out == STDIO and not name:
        raise UsageError("writing to standard output (-) needs the format: --format/--to NAME")
    if out != STDIO and os.path.isdir(out):  # before "cannot tell the format" of its name
        raise WriteError(f"cannot write {out}: it is a folder")
    return formats.resolve(None if out == STDIO else out, name, writing=True)


def write_stdout(data: bytes, fmt: formats.Format) -> None:
    """Write a file's bytes to stdout, refusing a binary format on a terminal."""
    if fmt.binary and sys.stdout.isatty():
        raise UsageError(binary_to_terminal(fmt))
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def binary_to_terminal(fmt: formats.Format) -> str:
    """Why a binary file is not printed on a terminal, and what to do instead."""
    return (
        f"{fmt.label} files are binary and stdout is a terminal; "
        "use -o FILE or redirect stdout (> FILE, | command)"
    )


def _is_stdout(path: str) -> bool:
    """True when ``path`` is the file standard output writes to (``/dev/stdout``, ``/dev/fd/1``)."""
    if not is_special(path):
        return False
    try:
        here, there = os.stat(path), os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def _is_terminal(path: str) -> bool:
    """True when ``path`` is a terminal (``/dev/tty``, ``/dev/pts/3``).

    Only a character device is opened to ask: opening a named pipe to look would block, or
    hand its reader an end of file before the real write.
    """
    try:
        if not stat.S_ISCHR(os.stat(path).st_mode):
            return False
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        return os.isatty(fd)
    finally:
        os.close(fd)


def report_warnings(doc: Document, limit: int | None = MAX_WARNINGS) -> None:
    """Print ``doc.warnings`` (repairs made while reading) to stderr, one a line."""
    shown = doc.warnings if limit is None else doc.warnings[:limit]
    for warning in shown:
        print(f"warning: {warning}", file=sys.stderr)
    hidden = len(doc.warnings) - len(shown)
    if hidden:
        print(
            f"warning: ... and {hidden} more {'repair' if hidden == 1 else 'repairs'}",
            file=sys.stderr,
        )


def report_not_imported(doc: Document, fmt: formats.Format | None = None) -> None:
    """Print what the reader could not keep (``doc.not_imported``) to stderr, on one line
    apart from the repairs: ``warning: not imported: 3 images, 1 attachment``.

    ``fmt``: the format written. One that writes back what the document carries for
    its source format (featuretree JSON; XMind to XMind) keeps those (XMind's
    relationships, floating topics…): they are not said.
    """
    counts = dict(doc.not_imported)
    for source in formats.all_formats() if counts and fmt is not None else ():
        if (
            source.holds is not None
            and (fmt.lossless or fmt.name == source.name)
            and (doc.carried.document(source.name) or doc.carried.nodes(source.name))
        ):
            held = source.held
            assert held is not None
            for kind, n in held(doc).items():
                counts[kind] = counts.get(kind, 0) - n
    described = describe_not_imported(counts)
    if described:
        print(f"warning: not imported: {described}", file=sys.stderr)


def plural(count: int, word: str, words: str | None = None) -> str:
    """``"1 node"``, ``"2 nodes"``: a count with its English noun.

    The commands speak English only; this saves them importing the editor's catalogues
    of both languages (:func:`featuretree.i18n.plural` says the same).
    """
    noun = word if count == 1 else (words or f"{word}s")
    return f"{count} {noun}"


def stdout_is_plain() -> bool:
    """True when stdout is no terminal and nothing makes rich treat it as one.

    rich would print plain text there anyway, so a command can write it without
    importing rich (~2x ``python -c pass``). ``FORCE_COLOR`` or ``TTY_COMPATIBLE=1``
    (rich's own switches) leave the choice to rich: False then, as for a terminal.
    """
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1":
        return False
    try:
        return not sys.stdout.isatty()
    except (AttributeError, ValueError, OSError):
        return True  # a closed or odd stream is no terminal


def stdout_console() -> Console:
    """A console on the current ``sys.stdout`` (plain text when it is not a terminal)."""
    # Imported here: rich is ~40 ms of a command's start, and only printing needs it.
    from rich.console import Console

    return Console(file=sys.stdout, highlight=False)
