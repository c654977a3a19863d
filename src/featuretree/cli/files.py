"""``export``, ``convert`` and ``validate``: moving documents between formats and checking them."""

from __future__ import annotations

import argparse
import sys

from featuretree import formats
from featuretree.cli.common import UsageError, add_source, open_document, report_warnings, source_path
from featuretree.formats.errors import FormatError
from featuretree.formats.json_format import MAX_PROBLEMS
from featuretree.formats.json_problems import TITLE_SEPARATOR
from featuretree.formats.prd import prd_markdown
from featuretree.i18n import plural
from featuretree.model.document import Document
from featuretree.model.tree import ancestors, index_in_parent, preorder
from featuretree.storage.atomic import atomic_write


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
    export.add_argument(
        "--no-ids", action="store_true",
        help="Markdown for a PRD: no <!-- id --> comments, statuses in the document's "
        "language (P1 · 已采纳), and a table of every suggestion at the end")
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
    if args.no_ids:
        return _export_prd(args)
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


def _export_prd(args: argparse.Namespace) -> int:
    """``export --format md --no-ids``: the PRD form of Markdown (``formats/prd.py``)."""
    fmt = formats.resolve(args.output, args.to_format, writing=True)
    if fmt.name != "md":
        raise UsageError(f"--no-ids is for Markdown (--format md), not {fmt.name}")
    doc, _ = open_document(args)
    data = prd_markdown(doc)
    if args.output:
        atomic_write(args.output, data)
        print(f"wrote {args.output}", file=sys.stderr)
        return 0
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
    print(f"converted {path} → {args.output} ({plural(len(doc), 'node')})")
    return 0


def run_validate(args: argparse.Namespace) -> int:
    """Read the document; list every problem (exit 1) or say it is valid."""
    path = source_path(args)
    assert path is not None
    try:
        doc = formats.load(path, args.from_format)
    except FormatError as exc:
        for problem in exc.problems:
            print(f"{exc.source or path}: {problem.for_people()}")
        count = len(exc.problems)
        capped = " (stopped counting there)" if count >= MAX_PROBLEMS else ""
        print(f"invalid: {plural(count, 'problem')}{capped}", file=sys.stderr)
        return 1
    report_warnings(doc, limit=None)
    empty = empty_titles(doc)
    for title_path, json_path in empty:
        print(f"warning: {title_path}: title: empty, shown as (untitled) ({json_path}.title)",
              file=sys.stderr)
    extra = f" ({plural(len(empty), 'empty title')})" if empty else ""
    print(f"valid: {plural(len(doc), 'node')}{extra}")
    return 0


def empty_titles(doc: Document, limit: int = MAX_PROBLEMS) -> list[tuple[str, str]]:
    """(title path, JSON path) of the first ``limit`` nodes with an empty title, in document order.

    Walked iteratively (depth is unbounded); paths are spelled out only for those found.
    """
    found: list[tuple[str, str]] = []
    for node in preorder(doc.root):
        if node.title.strip():
            continue
        chain = [*ancestors(node), node]
        titles = [n.title or "(untitled)" for n in chain]
        if len(titles) > 12:
            titles[4:-4] = [f"…({len(titles) - 8} levels)…"]
        json_path = "root" + "".join(f".children[{index_in_parent(n)}]" for n in chain[1:])
        found.append((TITLE_SEPARATOR.join(titles), json_path))
        if len(found) == limit:
            break
    return found
