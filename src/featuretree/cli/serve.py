"""``featuretree serve [FILE | --sample NAME]``: the editor in a web browser.

``textual-serve`` (the optional extra ``featuretree[web]``) serves a page running
xterm.js; each browser connection starts one editor process, the command
:func:`app_command` builds: this same Python running this same featuretree on the same
file. There is no login: anyone who can reach the port can edit the file, so the
server listens on 127.0.0.1 unless told otherwise, and says so when it is told.
"""

from __future__ import annotations

import argparse
import os
import site
import sys
from pathlib import Path

import featuretree
from featuretree.cli.common import STDIO, UsageError, add_source, source_path

NOT_INSTALLED = (
    "serving in a browser needs textual-serve, which is not installed; "
    "install it with: pip install 'featuretree[web]'"
)

OPEN_TO_OTHERS = (
    "warning: listening on {host}, not only this machine: there is no login, so anyone "
    "who can reach port {port} can open and edit {what}"
)

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})

DESCRIPTION = """\
Serve the editor on FILE (or a sample) to a web browser, with textual-serve (install it
with `pip install 'featuretree[web]'`). Each browser tab runs its own editor on the same
file; Ctrl+E exports arrive as browser downloads.

THERE IS NO LOGIN: anyone who can reach the port can edit the file. The server listens
on 127.0.0.1 (this machine only) unless --host says otherwise, and then it warns."""


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register ``serve``."""
    parser = commands.add_parser(
        "serve",
        help="open the editor in a web browser (no login: localhost only by default)",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_source(parser, required=False, stdin=False)
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1; anything else lets others edit)",
    )
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.set_defaults(run=run)


def app_command(args: argparse.Namespace) -> str:
    """The shell command each browser connection runs: this Python's featuretree editor.

    ``-P`` keeps the current folder off ``sys.path`` (a ``featuretree`` folder there
    must not stand in for this one); the file is absolute, since the command does not
    run in the folder the user thinks of.
    """
    words = [sys.executable, "-P", "-m", "featuretree", "edit"]
    if args.from_format:
        words += ["--from", args.from_format]
    if args.sample:
        words += ["--sample", args.sample]
    elif args.file:
        words += ["--", os.path.abspath(args.file)]
    import shlex  # only `serve` needs it: not imported by every command

    return shlex.join(words)


def child_pythonpath(current: str | None) -> str | None:
    """``$PYTHONPATH`` for the editor processes, so they import this featuretree.

    When featuretree is not imported from site-packages (a checkout run with
    ``PYTHONPATH=src``, a zip), its folder goes first, absolute; ``None``: keep it as is.
    """
    folder = Path(featuretree.__file__).resolve().parents[1]
    installed = {Path(p).resolve() for p in [*site.getsitepackages(), site.getusersitepackages()]}
    if folder in installed:
        return None
    parts = [p for p in (current or "").split(os.pathsep) if p and Path(p).resolve() != folder]
    return os.pathsep.join([str(folder), *parts])


def run(args: argparse.Namespace) -> int:
    """Serve the editor until Ctrl+C; exit status 2 when textual-serve is missing."""
    path = source_path(args)  # an unknown sample or FILE + --sample is a usage error here
    if path is not None and str(path) == STDIO:
        raise UsageError("the editor cannot open standard input (-); save it to a file first")
    if path is not None and os.path.isdir(path):
        raise UsageError(f"{path} is a folder; give a file to edit")
    if not 0 < args.port < 65536:
        raise UsageError(f"--port must be between 1 and 65535, not {args.port}")
    try:
        from textual_serve.server import Server
    except ImportError as exc:
        if exc.name is not None and not exc.name.startswith("textual_serve"):
            raise
        print(f"featuretree: {NOT_INSTALLED}", file=sys.stderr)
        return 2
    if args.host not in LOCAL_HOSTS:
        what = str(path) if path is not None else "its documents"
        print(
            f"featuretree: {OPEN_TO_OTHERS.format(host=args.host, port=args.port, what=what)}",
            file=sys.stderr,
        )
    pythonpath = child_pythonpath(os.environ.get("PYTHONPATH"))
    if pythonpath is not None:
        os.environ["PYTHONPATH"] = pythonpath  # textual-serve hands its environment on
    title = f"featuretree — {path.name}" if path is not None else "featuretree"
    server = Server(app_command(args), host=args.host, port=args.port, title=title)
    try:
        server.serve()
    except OSError as exc:
        print(
            f"featuretree: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return 1
    return 0
