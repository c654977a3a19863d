"""``featuretree diff`` and ``featuretree merge``: their options.

The work is in :mod:`featuretree.cli.versions_run`, imported only when one of them runs,
so ``featuretree --help`` imports neither the versions core nor a format.
"""

from __future__ import annotations

import argparse

from featuretree.cli.common import add_force


def run_diff(args: argparse.Namespace) -> int:
    """``featuretree diff`` (see :func:`featuretree.cli.versions_run.run_diff`)."""
    from featuretree.cli.versions_run import run_diff as run

    return run(args)


def run_merge(args: argparse.Namespace) -> int:
    """``featuretree merge`` (see :func:`featuretree.cli.versions_run.run_merge`)."""
    from featuretree.cli.versions_run import run_merge as run

    return run(args)


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """Register ``diff`` and ``merge``."""
    parser = commands.add_parser(
        "diff",
        help="what changed between two versions of a document (exit 0 same, 1 different)",
        description="List what changed from OLD to NEW: nodes added, removed, renamed, "
        "moved, their notes, status, tags, links, change-log entries and suggestions, and "
        "the document information and revisions. Nodes are matched by id, and by path and "
        "title where ids differ (after an import). --format md writes a 修改记录 section "
        "for a PRD, in the document's language; json is for scripts. Exit status: 0 the "
        "same, 1 different, 2 trouble. Also usable as git's external diff "
        "(GIT_EXTERNAL_DIFF=featuretree diff: seven arguments, exit 0 when different too).",
    )
    parser.add_argument(
        "files",
        nargs="+",
        metavar="OLD NEW",
        help="the two versions (- reads one from standard input)",
    )
    parser.add_argument(
        "--format",
        "-f",
        dest="report_format",
        choices=("text", "md", "json"),
        default="text",
        help="text (coloured in a terminal), md or json",
    )
    parser.add_argument(
        "--from", dest="from_format", metavar="FORMAT", help="read both files as FORMAT"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write the changes to OUT (UTF-8, plain text; an existing OUT needs --force)",
    )
    add_force(parser)
    parser.set_defaults(run=run_diff)

    merge_parser = commands.add_parser(
        "merge",
        help="merge two people's edits of a document, three-way, by node id",
        description="Merge the edits that turned BASE into OURS and into THEIRS. Edits of "
        "different nodes, or of different fields of one node, all land. A field changed "
        "differently on both sides keeps OURS; a node deleted on one side and changed on "
        "the other is kept; each such node gets the tag `conflict` and a note saying what "
        "the other side had, and the conflicts are listed on stderr. Exit status: 0 merged "
        "cleanly, 1 merged with conflicts, 2 trouble (nothing written). Without -o the "
        "result goes to stdout. As a git merge driver: featuretree merge %%O %%A %%B -o %%A "
        "(OUT may always be OURS; any other existing OUT needs --force).",
    )
    merge_parser.add_argument("base", metavar="BASE", help="the version both sides started from")
    merge_parser.add_argument("ours", metavar="OURS", help="our version (wins conflicts)")
    merge_parser.add_argument("theirs", metavar="THEIRS", help="their version")
    merge_parser.add_argument(
        "-o", "--output", metavar="OUT", help="write the result to OUT (- is stdout)"
    )
    merge_parser.add_argument(
        "--from", dest="from_format", metavar="FORMAT", help="read the files as FORMAT"
    )
    add_force(merge_parser)
    merge_parser.set_defaults(run=run_merge)
