"""``samples`` and ``schema``: what ships with featuretree."""

from __future__ import annotations

import argparse
import sys

from featuretree.cli.common import stdout_console


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """Register ``samples`` and ``schema``."""
    samples = commands.add_parser(
        "samples",
        help="list the built-in sample documents",
        description="List the built-in samples; use one with --sample NAME wherever a FILE goes.",
    )
    samples.set_defaults(run=run_samples)
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the featuretree file format",
        description="Print the JSON Schema (draft 2020-12) of featuretree's .json files.",
    )
    schema.set_defaults(run=run_schema)


def run_samples(args: argparse.Namespace) -> int:
    """List every sample with its title and size."""
    # Imported here, not for every command's start: rich and the JSON reader.
    from rich.table import Table
    from rich.text import Text

    from featuretree import formats
    from featuretree.samples_catalog import all_samples

    samples = all_samples()
    if not samples:
        print("featuretree: no samples are installed", file=sys.stderr)
        return 1
    table = Table(box=None, pad_edge=False)
    table.add_column("name", style="bold")
    table.add_column("title")
    table.add_column("nodes", justify="right")
    for sample in samples:
        doc = formats.load(sample.path)
        table.add_row(Text(sample.name), Text(doc.meta.title or doc.root.title), str(len(doc)))
    console = stdout_console()
    console.print(table)
    example = next((s.name for s in samples if s.name == "zhihu"), samples[0].name)
    console.print(Text(f"open one: featuretree --sample {example}", style="dim"))
    return 0


def run_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema."""
    from featuretree.formats.json_schema import schema_text

    sys.stdout.write(schema_text())
    return 0
