"""What the commands share: choosing the input (FILE or --sample), loading it, consoles."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console

from featuretree import formats
from featuretree.model.document import Document
from featuretree.samples_catalog import sample_path

MAX_WARNINGS = 50
"""Repairs listed before the rest are summed up in one line."""


class UsageError(Exception):
    """The command line asks for something impossible (exit status 2)."""


def add_source(parser: argparse.ArgumentParser, *, required: bool = True, name: str = "FILE") -> None:
    """Give ``parser`` a ``FILE`` argument and the ``--sample NAME`` alternative to it."""
    parser.add_argument(
        "file", nargs="?", metavar=name, help="a featuretree file (or any format it reads)"
    )
    parser.add_argument(
        "--sample", metavar="NAME", help="use a built-in sample instead (see `featuretree samples`)"
    )
    parser.add_argument(
        "--from", dest="from_format", metavar="FORMAT", help="read as FORMAT instead of guessing from the extension"
    )
    parser.set_defaults(source_required=required)


def source_path(args: argparse.Namespace) -> Path | None:
    """The file the command works on, from ``FILE`` or ``--sample``; ``None`` when neither."""
    if args.file and args.sample:
        raise UsageError("give a FILE or --sample NAME, not both")
    if args.sample:
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
    doc = formats.load(path, getattr(args, "from_format", None))
    report_warnings(doc)
    return doc, path


def report_warnings(doc: Document, limit: int | None = MAX_WARNINGS) -> None:
    """Print ``doc.warnings`` (repairs made while reading) to stderr, one a line."""
    shown = doc.warnings if limit is None else doc.warnings[:limit]
    for warning in shown:
        print(f"warning: {warning}", file=sys.stderr)
    hidden = len(doc.warnings) - len(shown)
    if hidden:
        print(f"warning: ... and {hidden} more {'repair' if hidden == 1 else 'repairs'}",
              file=sys.stderr)


def stdout_console() -> Console:
    """A console on the current ``sys.stdout`` (plain text when it is not a terminal)."""
    return Console(file=sys.stdout, highlight=False)
