"""``export``, ``convert`` and ``validate``: moving documents between formats and checking them."""

from __future__ import annotations

import argparse
import sys

from featuretree import formats
from featuretree.cli.common import UsageError, add_source, open_document, report_warnings, source_path
from featuretree.formats.errors import FormatError
from featuretree.formats.json_format import MAX_PROBLEMS


def _format_names() -> str:
    return ", ".join(f.name for f in formats.all_formats() if f.writer is not None)


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """Register ``export``, ``convert`` and ``validate``."""
    export = commands.add_parser(
        "export",
        help="write a document in another format (to stdout, or -o FILE)",
        description=f"Write a document in another format. Formats: {_format_names()}.",
    )
    add_source(export)
    export.add_argument("--format", "-f", dest="to_format", metavar="NAME", help="the format to write")
    export.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout")
    export.set_defaults(run=run_export)

    convert = commands.add_parser(
        "convert",
        help="convert IN to OUT, formats from the extensions",
        description="Read IN and write OUT, each format from its extension unless "
        f"--from/--to say otherwise. Formats: {_format_names()}.",
    )
    add_source(convert, name="IN")
    convert.add_argument("output", metavar="OUT", help="the file to write")
    convert.add_argument("--to", dest="to_format", metavar="FORMAT", help="write as FORMAT")
    convert.set_defaults(run=run_convert)

    validate = commands.add_parser(
        "validate",
        help="check a file and list every problem in it",
        description="Check a document: exit 0 when it reads cleanly, 1 with every problem "
        "listed one per line. Repairs made while reading are printed as warnings.",
    )
    add_source(validate)
    validate.set_defaults(run=run_validate)


def absorb_extras(args: argparse.Namespace, extras: list[str]) -> list[str]:
    """Take ``convert IN --to md OUT``'s OUT, which argparse (3.11) leaves over.

    With an option between them, argparse gives IN to OUT's slot and leaves OUT unparsed;
    put them right. Returns what is still unrecognized.
    """
    if args.file is None and not args.sample and len(extras) == 1 and not extras[0].startswith("-"):
        args.file, args.output = args.output, extras[0]
        return []
    return extras


def run_export(args: argparse.Namespace) -> int:
    """Write the document in ``--format`` to ``-o`` or stdout."""
    if not args.to_format and not args.output:
        raise UsageError(f"export needs --format NAME (one of: {_format_names()})")
    doc, _ = open_document(args)
    if args.output:
        formats.save(doc, args.output, args.to_format)
        print(f"wrote {args.output}", file=sys.stderr)
        return 0
    data = formats.dumps(doc, args.to_format)
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0


def run_convert(args: argparse.Namespace) -> int:
    """Read IN, write OUT."""
    # Resolve the output format first: an unknown extension should not cost a load.
    formats.resolve(args.output, args.to_format, writing=True)
    doc, path = open_document(args)
    formats.save(doc, args.output, args.to_format)
    print(f"converted {path} → {args.output} ({len(doc)} nodes)")
    return 0


def run_validate(args: argparse.Namespace) -> int:
    """Read the document; list every problem (exit 1) or say it is valid."""
    path = source_path(args)
    assert path is not None
    try:
        doc = formats.load(path, args.from_format)
    except FormatError as exc:
        for problem in exc.problems:
            print(f"{exc.source or path}: {problem}")
        count = len(exc.problems)
        capped = " (stopped counting there)" if count >= MAX_PROBLEMS else ""
        print(f"invalid: {count} problem{'s' if count != 1 else ''}{capped}", file=sys.stderr)
        return 1
    report_warnings(doc, limit=None)
    print(f"valid: {len(doc)} nodes")
    return 0
