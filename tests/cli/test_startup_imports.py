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


@pytest.mark.parametrize("command", ["validate", "show", "stats"])
def test_reading_json_imports_only_the_json_format(command: str) -> None:
    modules = imported_by([command, str(SAMPLE)])
    assert modules & FORMAT_MODULES == {"featuretree.formats.json_format"}
    for package in ("textual", "featuretree.tui", "markdown_it", "defusedxml"):
        assert top_level(modules, package) == set(), package


def test_validate_does_not_import_rich() -> None:
    """validate prints plain lines: rich would only cost its import."""
    assert top_level(imported_by(["validate", str(SAMPLE)]), "rich") == set()


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
