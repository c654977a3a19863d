"""The installed Textual still has every private name that ``tui/_textual`` uses, and
nothing outside that package uses one."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from featuretree.tui._textual import PRIVATE_NAMES

TUI = Path(__file__).resolve().parents[2] / "src" / "featuretree" / "tui"


@pytest.mark.parametrize(
    ("module", "name"),
    [(module, name) for module, names in PRIVATE_NAMES.items() for name in names],
)
def test_textual_still_has(module: str, name: str) -> None:
    target = importlib.import_module(module)
    for part in name.split("."):
        made = part.endswith("()")
        part = part.removesuffix("()")
        assert hasattr(target, part), f"Textual no longer has {module}.{name}"
        target = getattr(target, part)
        if made:
            target = target()


def test_only_the_door_imports_a_private_textual_module() -> None:
    importing = re.compile(r"^\s*(from|import)\s+textual\._", re.MULTILINE)
    outside = [
        str(path.relative_to(TUI))
        for path in TUI.rglob("*.py")
        if "_textual" not in path.parts and importing.search(path.read_text("utf-8"))
    ]
    assert outside == [] or set(outside) <= KNOWN_UNTIL_ISSUE_12, outside


KNOWN_UNTIL_ISSUE_12 = {"annotation_keys.py"}
"""Imports still to move behind the door (the tui/ re-cut); none may be added."""
