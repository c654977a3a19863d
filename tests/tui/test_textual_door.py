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
    assert outside == [], outside


def _private_attributes() -> set[str]:
    return {
        part.removesuffix("()")
        for names in PRIVATE_NAMES.values()
        for name in names
        for part in name.split(".")
        if part.startswith("_")
    }


def test_no_private_name_of_textual_is_used_outside_the_door() -> None:
    """Neither the editor's code nor the tests reach past the door (its own test aside)."""
    names = _private_attributes()
    used = re.compile(r"\.(" + "|".join(sorted(names)) + r")\b")
    importing = re.compile(r"^\s*(from|import)\s+textual\._", re.MULTILINE)
    tests = Path(__file__).resolve().parents[1]
    files = [p for p in TUI.rglob("*.py") if "_textual" not in p.parts]
    files += [p for p in tests.rglob("*.py") if p.name != Path(__file__).name]
    found = [
        f"{path}: {match.group(0)}"
        for path in files
        for match in [
            *used.finditer(path.read_text("utf-8")),
            *importing.finditer(path.read_text("utf-8")),
        ]
    ]
    assert names and found == [], found
