"""What a command imports before it answers (issue 15): only what it uses.

``featuretree --help`` needs the parser and nothing else: no format module, no model
(pydantic), no rich, no Textual. ``validate x.json`` needs the JSON reader and the model,
not the other formats' parsers, nor rich, nor Textual. Checked in ``sys.modules`` of a
fresh interpreter running the real command line.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
SAMPLE = ROOT / "samples" / "zhihu.json"

FORMAT_MODULES = {
    "featuretree.formats.json_format",
    "featuretree.formats.markdown_format",
    "featuretree.formats.markdown_reader",
    "featuretree.formats.markdown_writer",
    "featuretree.formats.xmind_format",
    "featuretree.formats.freemind_format",
    "featuretree.formats.opml_format",
    "featuretree.formats.mermaid_format",
    "featuretree.formats.plantuml_format",
    "featuretree.formats.prd",
}


def imported_by(argv: list[str]) -> set[str]:
    """The modules loaded once ``featuretree ARGV`` has run, in a fresh interpreter."""
    code = (
        "import sys, io\n"
        "from featuretree.cli.main import main\n"
        "out = io.TextIOWrapper(io.BytesIO(), encoding='utf-8')\n"
        "real, sys.stdout = sys.stdout, out\n"
        "try:\n"
        f"    status = main({argv!r})\n"
        "finally:\n"
        "    sys.stdout = real\n"
        "print(status)\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=True,
    )
    status, *modules = result.stdout.split()
    assert status == "0", result.stderr
    return set(modules)


def top_level(modules: set[str], name: str) -> set[str]:
    """``name`` and its submodules among ``modules``."""
    return {m for m in modules if m == name or m.startswith(f"{name}.")}


def test_help_imports_no_format_no_model_no_rich_no_textual() -> None:
    modules = imported_by(["--help"])
    assert modules & FORMAT_MODULES == set()
    for package in ("textual", "rich", "pydantic", "featuretree.tui", "markdown_it", "orjson"):
        assert top_level(modules, package) == set(), package
    assert "featuretree.model.annotations" not in modules
    # dataclasses imports inspect (ast, dis, tokenize): ~0.5x `python -c pass` for nothing.
    for name in ("dataclasses", "inspect", "featuretree.i18n", "difflib"):
        assert top_level(modules, name) == set(), name


@pytest.mark.parametrize("command", ["validate", "show", "stats"])
def test_reading_json_imports_only_the_json_format(command: str) -> None:
    modules = imported_by([command, str(SAMPLE)])
    assert modules & FORMAT_MODULES == {"featuretree.formats.json_format"}
    # orjson only pays for its import on a big file (json_format.ORJSON_FROM).
    for package in ("textual", "featuretree.tui", "markdown_it", "defusedxml", "orjson"):
        assert top_level(modules, package) == set(), package


def test_validate_does_not_import_rich() -> None:
    """validate prints plain lines: rich would only cost its import."""
    assert top_level(imported_by(["validate", str(SAMPLE)]), "rich") == set()


NEVER_FOR_A_FILE = (
    # The editor's catalogues of both languages: the commands speak English.
    "featuretree.i18n",
    # Only a mistyped command needs its close matches.
    "difflib",
    # Only --sample NAME needs the catalogue of samples.
    "featuretree.samples_catalog",
    # Only `serve` quotes a command line.
    "shlex",
    # Only JSON nested deeper than the standard parser goes needs the iterative one.
    "featuretree.formats.json_iterative",
)


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", str(SAMPLE)],
        ["show", str(SAMPLE)],
        ["stats", str(SAMPLE)],
        ["export", str(SAMPLE), "--format", "mermaid"],
    ],
    ids=["validate", "show", "stats", "export"],
)
def test_commands_on_a_file_import_nothing_they_do_not_use(argv: list[str]) -> None:
    modules = imported_by(argv)
    for name in NEVER_FOR_A_FILE:
        assert top_level(modules, name) == set(), name


@pytest.mark.parametrize("command", ["show", "stats"])
def test_show_or_stats_into_a_pipe_does_not_import_rich(command: str) -> None:
    """A pipe gets plain lines (what rich would print there too): rich's import is
    about twice the interpreter's own start, and buys nothing."""
    assert top_level(imported_by([command, str(SAMPLE)]), "rich") == set()


def test_show_into_a_pipe_prints_the_tree_as_plain_text() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "featuretree", "show", str(SAMPLE), "--depth", "1"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONPATH": str(SRC), "PYTHONIOENCODING": "utf-8"},
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=True,
    )
    lines = result.stdout.splitlines()
    assert lines[0].startswith("知乎 App 功能结构图  知乎 · iOS / Android")
    assert lines[1] == "知乎 App  #问答社区"  # tags as the editor shows them
    assert lines[2].startswith("├── 首页  ✎")
    assert "\x1b" not in result.stdout


def test_show_with_forced_colour_still_prints_through_rich() -> None:
    """FORCE_COLOR makes rich treat a pipe as a terminal: the marks keep their colours."""
    result = subprocess.run(
        [sys.executable, "-m", "featuretree", "show", str(SAMPLE), "--depth", "1"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONPATH": str(SRC), "FORCE_COLOR": "1", "COLUMNS": "100"},
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=True,
    )
    assert "\x1b[1m知乎 App 功能结构图\x1b[0m" in result.stdout
    assert "\x1b[90m├── \x1b[0m首页" in result.stdout


def _launched_environment(environ: dict[str, str]) -> str:
    """PYDANTIC_DISABLE_PLUGINS as the `featuretree` program runs with it."""
    code = (
        "import os, sys\n"
        "sys.argv = ['featuretree', 'validate', sys.argv[1]]\n"
        "from featuretree.cli import launch\n"
        "status = launch.main()\n"
        "print(status, repr(os.environ.get('PYDANTIC_DISABLE_PLUGINS')))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    result = subprocess.run(
        [sys.executable, "-c", code, str(SAMPLE)],
        capture_output=True,
        text=True,
        env={**env, "PYTHONPATH": str(SRC), **environ},
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=True,
    )
    return result.stdout.splitlines()[-1]


def test_the_program_skips_pydantic_plugin_discovery() -> None:
    """featuretree has no pydantic plug-in: reading every installed package's metadata
    to look for one is skipped (pydantic's documented switch)."""
    assert _launched_environment({}) == "0 '__all__'"


def test_a_users_pydantic_plugin_setting_is_kept() -> None:
    assert _launched_environment({"PYDANTIC_DISABLE_PLUGINS": ""}) == "0 ''"
    assert _launched_environment({"PYDANTIC_DISABLE_PLUGINS": "logfire"}) == "0 'logfire'"


def test_loading_a_format_leaves_the_collector_running() -> None:
    """A format's first import runs with the cyclic collector paused (its objects live as
    long as the process); afterwards, and after a failed import, it runs again."""
    code = (
        "import gc\n"
        "from featuretree.formats.registry import Format, by_name\n"
        "assert callable(by_name('json').reader) and gc.isenabled()\n"
        "broken = Format('x', 'X', ('.x',), module='featuretree.no_such_module', reads='r')\n"
        "try:\n"
        "    broken.reader\n"
        "except ImportError:\n"
        "    pass\n"
        "print(gc.isenabled())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "True"


def test_export_imports_the_format_it_writes_and_no_other() -> None:
    modules = imported_by(["export", str(SAMPLE), "--format", "mermaid"])
    assert modules & FORMAT_MODULES == {
        "featuretree.formats.json_format",
        "featuretree.formats.mermaid_format",
    }
    assert top_level(modules, "textual") == set()


def test_every_declared_format_finds_its_functions() -> None:
    """A declared reader or writer names a function its module really has (a lazy entry
    that points nowhere would only fail when a user first picks that format)."""
    from featuretree import formats

    for fmt in formats.all_formats():
        assert fmt.can_read == callable(fmt.reader), fmt.name
        assert fmt.can_write == callable(fmt.writer), fmt.name


def test_every_command_built_alone_parses_as_in_the_full_parser(capsys) -> None:
    """`featuretree CMD ...` builds CMD's parser only: each command still answers its
    --help alone, and `featuretree --help` lists exactly the commands that exist."""
    from featuretree.cli.main import command_names, main

    names = command_names()
    assert {"edit", "show", "export", "convert", "validate", "stats", "diff", "merge"} <= set(names)
    assert main(["--help"]) == 0
    listing = capsys.readouterr().out
    for name in names:
        assert f"\n    {name} " in listing, name
        assert main([name, "--help"]) == 0
        assert capsys.readouterr().out.startswith(f"usage: featuretree {name}")
    assert main(["stats", str(SAMPLE), "--bogus"]) == 2
    assert "unrecognized arguments: --bogus" in capsys.readouterr().err


def test_the_table_of_commands_is_what_their_modules_register() -> None:
    """`featuretree CMD` imports CMD's module only, found in a table: the table names
    every command the modules register, each with the module that registers it."""
    import argparse

    from featuretree.cli.main import build_parser, command_names

    full = build_parser()
    (subparsers,) = [a for a in full._actions if isinstance(a, argparse._SubParsersAction)]
    assert list(subparsers.choices) == command_names()
    for name in command_names():
        parser = build_parser(name)
        (alone,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        assert list(alone.choices) == [name], name


@pytest.mark.parametrize(
    ("argv", "module"),
    [
        (["validate", str(SAMPLE)], "files"),
        (["show", str(SAMPLE)], "show"),
        (["stats", str(SAMPLE)], "stats"),
        (["export", str(SAMPLE), "--format", "md"], "files"),
    ],
    ids=["validate", "show", "stats", "export"],
)
def test_a_command_imports_its_own_command_module_only(argv: list[str], module: str) -> None:
    modules = imported_by(argv)
    command_modules = {m for m in modules if m.startswith("featuretree.cli.") and m.count(".") == 2}
    # common: what every command shares; main: the command line itself.
    assert command_modules == {
        "featuretree.cli.main",
        "featuretree.cli.common",
        f"featuretree.cli.{module}",
    }


def test_the_program_exits_without_scanning_its_objects_for_cycles() -> None:
    """The interpreter's shutdown collections skip what the command leaves alive (it is
    frozen by the program's last exit handler), and the command's output is complete."""
    code = (
        "import atexit, gc, sys\n"
        # Registered before the program's own handler, so it runs after it.
        "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0))\n"
        "sys.argv = ['featuretree', 'validate', sys.argv[1]]\n"
        "from featuretree.cli import launch\n"
        "raise SystemExit(launch.main())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(SAMPLE)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["valid: 98 nodes", "frozen True"]


def test_validating_a_file_without_links_does_not_build_the_link_validator() -> None:
    """pydantic builds a model's validator when its class is made unless it is deferred:
    a file with no link (the sample) does not pay for Link's; one with links builds it."""
    code = (
        "import sys\n"
        "from featuretree.cli.main import main\n"
        "status = main(['validate', sys.argv[1]])\n"
        "from featuretree.model.annotations import Link\n"
        "print(status, Link.__pydantic_complete__)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(SAMPLE)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=True,
    )
    assert result.stdout.splitlines()[-1] == "0 False"


def test_markdown_export_checks_its_own_markdown_without_markdown_it() -> None:
    """``export --format md`` reads what it wrote back (the loss check); featuretree's own
    Markdown is read line by line, so markdown-it (~35 ms to import) is not loaded."""
    modules = imported_by(["export", str(SAMPLE), "--format", "md"])
    assert "featuretree.formats.markdown_reader" in modules  # the check did read it back
    assert top_level(modules, "markdown_it") == set()


def test_markdown_export_imports_markdown_only() -> None:
    """``export --format md`` loads the Markdown writer and reader (its loss check), not
    the other formats, nor HTML's entity table and reducer (a tag in a title is checked
    against a set of tag names), nor Textual."""
    modules = imported_by(["export", str(SAMPLE), "--format", "md"])
    assert modules & FORMAT_MODULES == {
        "featuretree.formats.json_format",
        "featuretree.formats.markdown_format",
        "featuretree.formats.markdown_reader",
        "featuretree.formats.markdown_writer",
        "featuretree.formats.prd",  # the reader looks for a PRD's suggestions summary
    }
    for name in ("html", "featuretree.formats.html_text", "textual", "featuretree.tui"):
        assert top_level(modules, name) == set(), name


def test_the_trimmed_characters_are_markdown_its() -> None:
    from markdown_it.common.utils import MD_TRIM_CHARS

    from featuretree.formats.markdown_plain import TRIM_CHARS

    assert TRIM_CHARS == MD_TRIM_CHARS
