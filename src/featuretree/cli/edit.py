"""``featuretree [FILE]``: open the editor."""

from __future__ import annotations

import argparse
import sys

from featuretree.cli.common import add_source, source_path
from featuretree.collector import gc_paused

UNAVAILABLE = "the editor is not available yet; try `featuretree show FILE`"


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register ``edit`` (what ``featuretree FILE`` runs)."""
    parser = commands.add_parser(
        "edit",
        help="open the editor (the default: `featuretree FILE`, `featuretree --sample NAME`)",
        description="Open FILE (or a sample, or a new document) in the keyboard-driven editor.",
    )
    add_source(parser, required=False)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Start the Textual app on the chosen file, if the editor is installed."""
    path = source_path(args)
    try:
        # Imported here: Textual is slow to import and the other commands never need it
        # (with the collector paused, as in cli.launch: ~25,000 more long-lived objects).
        with gc_paused(long_lived=True):
            from featuretree.tui import FeatureTreeApp
    except ImportError as exc:
        # Only the editor's absence (no package, or no app in it) means "not available";
        # an import failing deeper inside the editor is a bug and must surface.
        if exc.name != "featuretree.tui":
            raise
        print(f"featuretree: {UNAVAILABLE}", file=sys.stderr)
        return 2
    if args.sample:
        # A sample opens as a template: saving asks for a new file instead of
        # overwriting the copy that ships with featuretree.
        FeatureTreeApp(None, sample=path.stem).run()  # type: ignore[union-attr]
    else:
        FeatureTreeApp(str(path) if path is not None else None).run()
    return 0
