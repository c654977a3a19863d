"""``featuretree [FILE]``: open the editor."""

from __future__ import annotations

import argparse
import os
import sys

from featuretree.cli.common import STDIO, UsageError, add_source, source_path
from featuretree.collector import gc_paused

UNAVAILABLE = "the editor is not available yet; try `featuretree show FILE`"

NO_TERMINAL = (
    "the editor needs a terminal, and {which} not one; to print a document use "
    "`featuretree show FILE`, to convert it `featuretree convert IN OUT`"
)


def has_terminal() -> str | None:
    """``None`` when stdin and stdout are both terminals, else which of them is not."""
    missing = [
        name
        for name, stream in (("stdin", sys.stdin), ("stdout", sys.stdout))
        if stream is None or not _isatty(stream)
    ]
    if not missing:
        return None
    return " and ".join(missing) + (" are" if len(missing) > 1 else " is")


def _isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return False


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register ``edit`` (what ``featuretree FILE`` runs)."""
    parser = commands.add_parser(
        "edit",
        help="open the editor (the default: `featuretree FILE`, `featuretree --sample NAME`)",
        description="Open FILE (or a sample, or a new document) in the keyboard-driven editor. "
        "It needs a terminal: with stdin or stdout redirected it exits with status 2.",
    )
    add_source(parser, required=False, stdin=False)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Start the Textual app on the chosen file, if the editor is installed and there is
    a terminal to draw it on (from a script or a pipe it would hang, drawing on nothing)."""
    path = source_path(args)
    if path is not None and str(path) == STDIO:
        raise UsageError("the editor cannot open standard input (-); save it to a file first")
    # Under `featuretree serve` (textual-serve sets $TEXTUAL_DRIVER to its web driver)
    # the editor draws in a browser through pipes: no terminal is needed.
    missing = None if os.environ.get("TEXTUAL_DRIVER") else has_terminal()
    if missing is not None:
        print(f"featuretree: {NO_TERMINAL.format(which=missing)}", file=sys.stderr)
        return 2
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
        app = FeatureTreeApp(None, sample=path.stem)  # type: ignore[union-attr]
    else:
        app = FeatureTreeApp(str(path) if path is not None else None)
    app.run()
    # 128 + the signal after SIGTERM / SIGHUP (tui/signals.py), as a shell reports it.
    return app.return_code or 0
