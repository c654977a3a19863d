"""The ``featuretree`` command: open the editor, or show, convert, check and count documents.

Exit status: 0 done, 1 bad input (a broken file, a failed write), 2 usage error,
130 interrupted. No error ever prints a traceback; an unexpected exception is reported
in one line as an internal error (set ``FEATURETREE_DEBUG=1`` to see the traceback).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from featuretree import __version__
from featuretree.cli.common import UsageError, fit_streams
from featuretree.formats.errors import FormatError, MissingSupport
from featuretree.storage.atomic import WriteError

USAGE = """\
featuretree [FILE | --sample NAME]      open the editor
       featuretree COMMAND [ARGS]              see the commands below"""

EXAMPLES = """\
examples:
  featuretree --sample zhihu                  open the Zhihu sample in the editor
  featuretree show samples/zhihu.json --depth 2
  featuretree convert product.json product.md
  featuretree export product.json --format md -o product.md
  featuretree validate product.json other.md
  featuretree stats product.json --json
  featuretree diff v1.json v2.json --format md   a 修改记录 section for the PRD
  featuretree merge base.json ours.json theirs.json -o merged.json
  featuretree serve --sample zhihu            the editor in a browser (no login)
  cat product.json | featuretree show -

  FILE or IN may be - (standard input), OUT or -o may be - (standard output).
  convert and export -o never replace an existing file unless --force is given;
  then the old file is kept as OUT~.
"""

_TOP_LEVEL_FLAGS = ("-h", "--help", "--version")

COMMANDS = {
    "edit": ("edit", "add_parser"),
    "show": ("show", "add_parser"),
    "export": ("files", "add_parsers"),
    "convert": ("files", "add_parsers"),
    "validate": ("files", "add_parsers"),
    "stats": ("stats", "add_parser"),
    "diff": ("versions", "add_parsers"),
    "merge": ("versions", "add_parsers"),
    "samples": ("info", "add_parsers"),
    "schema": ("info", "add_parsers"),
    "serve": ("serve", "add_parser"),
}
"""Every command, in the order ``--help`` lists them: the module of :mod:`featuretree.cli`
that registers it and the function that does. ``featuretree CMD ...`` imports CMD's
module only (the others were ~1 ms of every command's start, issue 15)."""


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every command, or with ``command``'s only.

    argparse builds a whole parser per command, and each asks gettext for its words
    (a search of the locale directories every time): building the dozen to run one was
    ~0.3x ``python -c pass`` of every command's start. ``featuretree CMD ...`` needs
    CMD's alone; ``featuretree --help`` lists them all, so it builds them all.
    """
    parser = argparse.ArgumentParser(
        prog="featuretree",
        usage=USAGE,
        description="Build feature structure diagrams (功能结构图) with change logs (修改记录) "
        "and optimization suggestions (优化建议).",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"featuretree {__version__}")
    commands = parser.add_subparsers(
        title="commands", metavar="COMMAND", dest="command", prog="featuretree"
    )
    _add_commands(commands if command is None else _OnlyCommand(commands, command))
    parser.set_defaults(parsers=commands.choices)
    return parser


def command_names() -> list[str]:
    """Every command's name, in the order ``--help`` lists them, without importing them."""
    return list(COMMANDS)


def _add_commands(commands: argparse._SubParsersAction | _OnlyCommand) -> None:
    """Register every command (``_OnlyCommand``: the wanted one's module only)."""
    wanted = commands.wanted if isinstance(commands, _OnlyCommand) else None
    for module, function in dict.fromkeys(COMMANDS.values()):
        if wanted is None or COMMANDS[wanted][0] == module:
            registers = getattr(importlib.import_module(f"featuretree.cli.{module}"), function)
            registers(commands)


class _OnlyCommand:
    """The subparsers as a command module sees them when one command only is built:
    that command's ``add_parser`` reaches argparse; the module's other commands get a
    stand-in (what they then add to their parser goes nowhere)."""

    def __init__(self, real: argparse._SubParsersAction, wanted: str) -> None:
        self.real = real
        self.wanted = wanted

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        """``name``'s parser when it is the wanted command, else a stand-in for it."""
        if name == self.wanted:
            return self.real.add_parser(name, **kwargs)
        return _Unbuilt()


class _Unbuilt:
    """A parser that is not built: every method takes anything and does nothing."""

    def __getattr__(self, name: str) -> Callable[..., _Unbuilt]:
        return lambda *args, **kwargs: self


def _with_command(argv: list[str], commands: Sequence[str]) -> list[str]:
    """``featuretree FILE`` and ``featuretree --sample NAME`` mean ``featuretree edit ...``.

    A first word that is no command, has no extension and names no existing file is a
    mistyped command (``featuretree shwo``), not a new document: :class:`UsageError`.
    """
    if not argv:
        return ["edit"]
    first = argv[0]
    if first in commands or first in _TOP_LEVEL_FLAGS:
        return argv
    if (
        not first.startswith("-")
        and not os.path.splitext(os.path.basename(first))[1]
        and not os.path.lexists(first)
    ):
        import difflib

        close = difflib.get_close_matches(first.lower(), commands, n=3, cutoff=0.5)
        if close:
            raise UsageError(f"unknown command {first!r} (did you mean {' or '.join(close)}?)")
        raise UsageError(
            f"unknown command {first!r} (commands: {', '.join(commands)}); "
            f"to start a new document, give its file name with an extension: {first}.json"
        )
    return ["edit", *argv]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default ``sys.argv[1:]``) and return the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    fit_streams()
    try:
        return _run(args_list)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 141  # 128 + SIGPIPE, what `cmd | head` gives for other tools
    except Exception as exc:
        if os.environ.get("FEATURETREE_DEBUG"):
            raise
        detail = f"{type(exc).__name__}: {exc}"
        print(
            f"featuretree: internal error: {detail.splitlines()[0] if detail else ''}",
            file=sys.stderr,
        )
        return 1


def _run(argv: list[str]) -> int:
    commands = command_names()
    typed = argv[0] if argv else None
    try:
        argv = _with_command(argv, commands)
    except UsageError as exc:
        print(f"featuretree: {exc}", file=sys.stderr)
        return 2
    parser = build_parser(argv[0] if argv[0] in commands else None)
    try:
        args, extras = parser.parse_known_args(argv)
        if extras and args.command == "convert":
            from featuretree.cli.files import absorb_extras

            extras = absorb_extras(args, extras)
        if extras:
            # Said by the command's own parser: its usage line, not the program's, shows
            # what the command takes (`diff` has no -o: its usage says so).
            # (`featuretree FILE --x` is the editor's: the program's usage says how to open one.)
            named = args.command is not None and (args.command != "edit" or typed == "edit")
            command = args.parsers[args.command] if named else parser
            command.error(f"unrecognized arguments: {' '.join(extras)}")
    except SystemExit as exc:  # --help, --version, or a usage error already printed
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    try:
        status = args.run(args)
        sys.stdout.flush()
    except UsageError as exc:
        print(f"featuretree {args.command}: {exc}", file=sys.stderr)
        return 2
    except MissingSupport as exc:
        # Something to install, not a broken input: said like a usage error.
        print(f"featuretree {args.command}: {exc}", file=sys.stderr)
        return 2
    except FormatError as exc:
        hint = ""
        if len(exc.problems) > 1 and args.command != "validate":
            hint = " — `featuretree validate` lists them all"
        print(f"featuretree: {exc}{hint}", file=sys.stderr)
        return 1
    except WriteError as exc:
        print(f"featuretree: {_message(exc)}", file=sys.stderr)
        return 1
    except Exception as exc:
        if _raised_by(exc, "featuretree.samples_catalog", "UnknownSample"):
            print(f"featuretree {args.command}: {exc}", file=sys.stderr)
            return 2
        if _raised_by(exc, "featuretree.operations.base", "OperationError"):
            print(f"featuretree: {_message(exc)}", file=sys.stderr)
            return 1
        raise
    return status


def _raised_by(exc: Exception, module: str, name: str) -> bool:
    """True when ``exc`` is a ``module.name`` error.

    Looked up in ``sys.modules`` rather than imported: a module that was never imported
    raised nothing, and importing it only to be sure would cost every command its import.
    """
    loaded = sys.modules.get(module)
    return loaded is not None and isinstance(exc, getattr(loaded, name))


def _message(exc: Exception) -> str:
    return exc.args[0] if exc.args else str(exc)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (e.g. captured by tests): nothing will flush to the pipe


if __name__ == "__main__":
    raise SystemExit(main())
