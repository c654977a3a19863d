"""File names that complete a path being typed (the Open… and Save as dialogs' Tab).

Textual-free: the dialog asks :func:`complete` with what is in its field and shows the
answer. Names are matched from their start, case-insensitively (``美团`` finds
``美团 副本.xmind``, ``wms`` finds ``WMS.json``); a folder ends in ``/`` so that the next Tab
goes into it; names starting with a dot only when the typed name does.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MAX_NAMES = 200
"""Names read from one folder at most (a huge folder must not stall a key)."""


@dataclass(frozen=True)
class Completion:
    """What Tab makes of a typed path: the ``text`` to put in the field (the typed text
    grown as far as every match agrees) and the ``names`` that match, sorted."""

    text: str
    names: tuple[str, ...]


def complete(
    typed: str, cwd: Path | None = None, keep: Callable[[str], bool] | None = None
) -> Completion:
    """The completion of ``typed``, a path as typed (relative to ``cwd``, ``~`` allowed).

    ``keep``: which file names to offer (Open… offers the files it can open, not the
    PNG exported beside them); folders are always offered.
    """
    head, sep, prefix = typed.rpartition("/")
    folder_text = head + sep
    folder = Path(os.path.expanduser(folder_text or "."))
    if not folder.is_absolute():
        folder = (cwd or Path.cwd()) / folder
    names: list[str] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                if name.startswith(".") and not prefix.startswith("."):
                    continue
                if not name.casefold().startswith(prefix.casefold()):
                    continue
                try:
                    is_dir = entry.is_dir()
                except OSError:
                    is_dir = False
                if not is_dir and keep is not None and not keep(name):
                    continue
                names.append(name + "/" if is_dir else name)
                if len(names) >= MAX_NAMES:
                    break
    except OSError:
        return Completion(typed, ())
    names.sort(key=str.casefold)
    if not names:
        return Completion(typed, ())
    if len(names) == 1:
        return Completion(folder_text + names[0], tuple(names))
    # As far as every match agrees, character by character and whatever the case, in
    # the first name's own spelling (WMS for wms).
    first, shared = names[0], 0
    while shared < len(first) and all(
        len(name) > shared and name[shared].casefold() == first[shared].casefold() for name in names
    ):
        shared += 1
    grown = first[:shared] if shared > len(prefix) else prefix
    return Completion(folder_text + grown, tuple(names))
