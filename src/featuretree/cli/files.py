"""``export``, ``convert`` and ``validate``: moving documents between formats and checking them."""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from typing import TYPE_CHECKING

from featuretree import formats
from featuretree.cli.common import (
    STDIO,
    UsageError,
    add_force,
    add_source,
    load,
    open_document,
    output_format,
    plural,
    print_json,
    refuse_existing,
    report_not_imported,
    write_output,
)
from featuretree.formats.errors import MAX_PROBLEMS, FormatError

PICTURE_FORMATS = ("svg", "png", "html")
"""The formats that draw the diagram, which take --direction, --depth and --stack."""

if TYPE_CHECKING:
    from featuretree.model.document import Document

# Only what building the parser needs is imported above: the format modules, the PRD
# writer and the model's tree walks are imported by the commands that use them.


def _format_names() -> str:
    return ", ".join(f.name for f in formats.all_formats() if f.can_write)


def _add_outline(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--outline",
        action="store_true",
        help="Markdown with titles and structure only (no ids, notes, statuses, change logs "
        "or suggestions): for markmap, 飞书, 语雀 and mind-map imports",
    )


def _check_outline(args: argparse.Namespace, fmt: formats.Format) -> None:
    """Refuse ``--outline`` where it means nothing, before the document is read."""
    if not args.outline:
        return
    if fmt.name != "md":
        raise UsageError(f"--outline is for Markdown (--format md, or OUT.md), not {fmt.name}")
    if getattr(args, "no_ids", False):
        raise UsageError(
            "--outline and --no-ids are two kinds of Markdown: --outline has titles only, "
            "--no-ids everything but the ids; choose one"
        )


def _file_bytes(doc: Document, fmt: formats.Format, args: argparse.Namespace) -> bytes:
    """``doc`` in ``fmt``, as ``--outline`` or ``--no-ids`` ask.

    A format that cannot hold the whole document (Mermaid has no notes, tags…) is said
    on stderr first, ``warning: Mermaid mind map does not keep: 3 notes``, as the
    editor's save question says it: a conversion never drops anything silently.
    """
    if not (args.outline or getattr(args, "no_ids", False) or fmt.lossless or fmt.export_only):
        from featuretree.formats.loss import check, describe_losses_english

        lost, data = check(doc, fmt)
        described = describe_losses_english(lost)
        if described:
            print(f"warning: {fmt.label} does not keep: {described}", file=sys.stderr)
        if data is not None:
            return data
    if args.outline:
        from featuretree.formats.markdown_writer import write_outline

        return write_outline(doc)
    # --no-ids is the PRD form of Markdown (formats/prd.py).
    if getattr(args, "no_ids", False):
        from featuretree.formats.prd import prd_markdown

        return prd_markdown(doc)
    return formats.dumps(doc, fmt.name)


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """Register ``export``, ``convert`` and ``validate``."""
    export = commands.add_parser(
        "export",
        help="write a document in another format (to stdout, or -o FILE)",
        description=f"Write a document in another format. Formats: {_format_names()}.",
    )
    add_source(export)
    export.add_argument(
        "--format", "-f", dest="to_format", metavar="NAME", help="the format to write"
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write to OUT instead of stdout (- is stdout); an existing OUT needs --force",
    )
    add_force(export)
    export.add_argument(
        "--no-ids",
        action="store_true",
        help="Markdown for a PRD: no <!-- id --> comments, statuses in the document's "
        "language (P1 · 已采纳), and a table of every suggestion at the end",
    )
    _add_outline(export)
    picture = export.add_argument_group("pictures (--format svg, png or html)")
    picture.add_argument(
        "--direction",
        choices=("down", "right"),
        help="down: the product on top (default); right: the product on the left",
    )
    picture.add_argument(
        "--depth", type=_count, metavar="N", help="draw N levels below the root (deeper: +N)"
    )
    picture.add_argument(
        "--stack",
        type=_count,
        metavar="COLUMNS",
        help="stack a parent's leaves in COLUMNS columns under it (default 1; 0: in a row)",
    )
    export.set_defaults(run=run_export)

    convert = commands.add_parser(
        "convert",
        help="convert IN to OUT, formats from the extensions",
        description="Read IN and write OUT, each format from its extension unless "
        "--from/--to say otherwise (- is stdin or stdout; then the format is --from/--to, "
        "or for stdin guessed from the content). An existing OUT is not replaced unless "
        f"--force is given; then the old file is kept as OUT~. Formats: {_format_names()}.",
    )
    add_source(convert, name="IN")
    convert.add_argument("output", metavar="OUT", help="the file to write (- is stdout)")
    convert.add_argument("--to", dest="to_format", metavar="FORMAT", help="write as FORMAT")
    add_force(convert)
    _add_outline(convert)
    convert.set_defaults(run=run_convert)

    validate = commands.add_parser(
        "validate",
        help="check files and list every problem in them",
        description="Check documents: exit 0 when every FILE reads cleanly, 1 when any "
        "does not, with every problem listed one per line after its file's name. Repairs "
        "made while reading are printed as warnings. With --json: one JSON object on stdout "
        '{"valid": bool, "files": [{"file", "valid", "nodes", "empty_titles", '
        '"problems": [{"where", "message", "node", "text"}], "warnings": [str]}]} '
        '("nodes" and "empty_titles" are null for a file that cannot be read).',
    )
    validate.add_argument(
        "file", nargs="*", metavar="FILE", help="the files to check (- reads standard input)"
    )
    validate.add_argument("--sample", metavar="NAME", help="check a built-in sample")
    validate.add_argument(
        "--from",
        dest="from_format",
        metavar="FORMAT",
        help="read as FORMAT instead of guessing from the extension",
    )
    validate.add_argument("--json", action="store_true", help="print the result as JSON")
    validate.set_defaults(run=run_validate)


def _count(value: str) -> int:
    """A whole number, 0 or more (for --depth and --stack)."""
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number (0 or more), not {value!r}")
    return number


def absorb_extras(args: argparse.Namespace, extras: list[str]) -> list[str]:
    """Take ``convert IN --to md OUT``'s OUT, which argparse (3.11) leaves over.

    With an option between them, argparse gives IN to OUT's slot and leaves OUT unparsed;
    put them right. Returns what is still unrecognized.
    """
    out = extras[0] if len(extras) == 1 else ""
    if args.file is None and not args.sample and out and (out == STDIO or not out.startswith("-")):
        args.file, args.output = args.output, extras[0]
        return []
    return extras


def run_export(args: argparse.Namespace) -> int:
    """Write the document in ``--format`` to ``-o`` or stdout."""
    if not args.to_format and not args.output:
        raise UsageError(f"export needs --format NAME (one of: {_format_names()})")
    out = args.output or STDIO
    fmt = output_format(out, args.to_format)
    if args.no_ids and fmt.name != "md":
        raise UsageError(f"--no-ids is for Markdown (--format md), not {fmt.name}")
    _check_outline(args, fmt)
    picture = {
        name: value
        for name in ("direction", "depth", "stack")
        if (value := getattr(args, name)) is not None
    }
    if picture and fmt.name not in PICTURE_FORMATS:
        options = ", ".join(f"--{name}" for name in picture)
        raise UsageError(f"{options}: for pictures (--format svg, png or html), not {fmt.name}")
    refuse_existing(out, args.force)
    doc, _ = open_document(args)
    report_not_imported(doc, fmt)
    if picture:
        writer = importlib.import_module(f"featuretree.formats.{fmt.name}_format")
        data = getattr(writer, f"write_{fmt.name}")(doc, **picture)
    else:
        data = _file_bytes(doc, fmt, args)
    if not write_output(out, data, fmt=fmt, force=args.force):
        print(f"wrote {out}", file=sys.stderr)
    hint = _wide_picture_hint(fmt.name, data, picture)
    if hint:
        print(hint, file=sys.stderr)
    _warn_undrawn(doc, fmt, picture.get("depth"))
    return 0


def _warn_undrawn(doc: Document, fmt: formats.Format, depth: object = None) -> None:
    """After a PNG: the characters of its titles that it shows as empty boxes (no font here
    draws them: emoji where no emoji font is installed), which resvg does silently.
    ``depth``: the deepest level drawn (--depth)."""
    if fmt.name != "png":
        return
    from featuretree.formats.png_format import picture_titles, undrawn_characters

    titles = picture_titles(doc, depth if isinstance(depth, int) else None)
    missing = undrawn_characters("".join(titles))
    if missing:
        where = next(title for title in titles if any(char in title for char in missing))
        print(
            f"warning: the PNG shows {' '.join(missing)} as empty boxes (no font here draws "
            f"them; first in {where!r}): install an emoji font, e.g. fonts-noto-color-emoji",
            file=sys.stderr,
        )


WIDE_PICTURE = 8000
"""SVG px (PNG: image px / 2) beyond which a picture as wide as 5 times its height gets a
hint: about four screens, and on a slide or in a PRD its titles are too small to read."""


def _wide_picture_hint(name: str, data: bytes, picture: dict[str, object]) -> str:
    """For a top-down SVG or PNG much wider than high, how to draw a narrower one.

    A few hundred nodes drawn top-down make a ribbon (a 500-node tree: 30,000 × 750 px):
    the options that fix it are not where a PM looks, so the export says them.
    """
    if picture.get("direction") == "right" or picture.get("depth") is not None:
        return ""
    size = _picture_size(name, data)
    if size is None:
        return ""
    width, height, scale = size
    if width < WIDE_PICTURE * scale or width < 5 * height:
        return ""
    return (
        f"hint: the picture is {round(width):,} px wide and {round(height):,} high; "
        "--direction right draws the modules one under another (a tall picture to scroll), "
        "--depth 2 only the top levels"
    )


def _picture_size(name: str, data: bytes) -> tuple[float, float, float] | None:
    """Width and height in px of an SVG or PNG picture as written, and its px per SVG px
    (a PNG is drawn at 2×, less only for the largest pictures); None for other formats."""
    if name == "png" and data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        return width, height, 2.0
    if name == "svg":
        found = re.search(rb'<svg [^>]*?width="([0-9.]+)" height="([0-9.]+)"', data[:1000])
        if found:
            return float(found[1]), float(found[2]), 1.0
    return None


def run_convert(args: argparse.Namespace) -> int:
    """Read IN, write OUT."""
    if args.file is None and not args.sample:
        # One name given: argparse took it as OUT (IN may be --sample). Said as what is
        # missing, not as "OUT already exists" about the file meant as IN.
        raise UsageError(
            f"convert needs IN and OUT (featuretree convert IN OUT); got one file, {args.output}"
        )
    # Resolve the output format first: an unknown extension should not cost a load.
    fmt = output_format(args.output, args.to_format)
    _check_outline(args, fmt)
    refuse_existing(args.output, args.force)
    doc, path = open_document(args)
    report_not_imported(doc, fmt)
    to_stdout = write_output(args.output, _file_bytes(doc, fmt, args), fmt=fmt, force=args.force)
    _warn_undrawn(doc, fmt)
    name = "<stdin>" if str(path) == STDIO else path
    out = "<stdout>" if to_stdout else args.output
    # The summary must not mix into the converted file when that goes to stdout.
    print(
        f"converted {name} → {out} ({plural(len(doc), 'node')})",
        file=sys.stderr if to_stdout else sys.stdout,
    )
    return 0


def run_validate(args: argparse.Namespace) -> int:
    """Read each document; list every problem (exit 1 if any file has one) or say it is valid."""
    sources: list[str] = list(args.file)
    if args.sample:
        from featuretree.samples_catalog import sample_path

        sources.append(str(sample_path(args.sample)))
    if not sources:
        raise UsageError("a FILE (or --sample NAME) is needed")
    if sources.count(STDIO) > 1:
        raise UsageError("standard input (-) can be read only once")
    results = [_validate_one(source, args.from_format) for source in sources]
    ok = all(result["valid"] for result in results)
    if args.json:
        print_json({"valid": ok, "files": results})
        return 0 if ok else 1
    named = len(results) > 1
    for result in results:
        _print_result(result, named=named)
    if named:
        bad = sum(1 for result in results if not result["valid"])
        summary = (
            f"{plural(bad, 'file')} of {len(results)} invalid"
            if bad
            else f"all {len(results)} files valid"
        )
        print(summary, file=sys.stderr)
    return 0 if ok else 1


def _validate_one(source: str, from_format: str | None) -> dict[str, object]:
    """What ``validate --json`` says about one file (see the command's description)."""
    name = "<stdin>" if source == STDIO else source
    result: dict[str, object] = {
        "file": name,
        "valid": True,
        "nodes": None,
        "empty_titles": None,
        "problems": [],
        "warnings": [],
    }
    try:
        doc = load(source, from_format)
    except FormatError as exc:
        result["valid"] = False
        result["problems"] = [
            {"where": p.where, "message": p.message, "node": p.node, "text": p.for_people()}
            for p in exc.problems
        ]
        return result
    warnings = list(doc.warnings)
    empty = empty_titles(doc)
    warnings += [
        f"{title_path}: title: empty, shown as (untitled) ({json_path}.title)"
        for title_path, json_path in empty
    ]
    result["nodes"] = len(doc)
    result["warnings"] = warnings
    result["empty_titles"] = len(empty)
    return result


def _print_result(result: dict[str, object], *, named: bool) -> None:
    """The plain-text report of one file: problems on stdout, warnings on stderr."""
    problems = result["problems"]
    assert isinstance(problems, list)
    if not result["valid"]:
        for problem in problems:
            print(f"{result['file']}: {problem['text']}")
        count = len(problems)
        capped = " (stopped counting there)" if count >= MAX_PROBLEMS else ""
        prefix = f"{result['file']}: " if named else ""
        print(f"{prefix}invalid: {plural(count, 'problem')}{capped}", file=sys.stderr)
        return
    warnings = result["warnings"]
    assert isinstance(warnings, list)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    empty = result["empty_titles"]
    assert isinstance(empty, int) and isinstance(result["nodes"], int)
    extra = f" ({plural(empty, 'empty title')})" if empty else ""
    prefix = f"{result['file']}: " if named else ""
    print(f"{prefix}valid: {plural(result['nodes'], 'node')}{extra}")


def empty_titles(doc: Document, limit: int = MAX_PROBLEMS) -> list[tuple[str, str]]:
    """(title path, JSON path) of the first ``limit`` nodes with an empty title, in document order.

    Walked iteratively (depth is unbounded); paths are spelled out only for those found.
    """
    from featuretree.formats.json_problems import TITLE_SEPARATOR
    from featuretree.model.tree import ancestors, index_in_parent, preorder

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
