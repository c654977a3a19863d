"""When the recovery copy is written, and what a save checks about its target file."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from featuretree.model.document import Document
from featuretree.operations import Command, OperationError
from featuretree.storage.fingerprint import Fingerprint

AUTOSAVE_DELAY = 3.0
"""Seconds of quiet after an edit before the recovery file is written."""
AUTOSAVE_MAX_WAIT = 10.0
"""While edits keep coming, the recovery file is still written at least this often."""
AUTOSAVE_QUIET = 0.5
"""Seconds without a key (or paste, or click) before the recovery write starts: its start
holds the editor for ~10 ms at 100k nodes (the fork), so it waits for a pause in the
typing or navigating rather than land on a key; never past ``AUTOSAVE_MAX_WAIT``."""
DELAY_ENV = "FEATURETREE_AUTOSAVE_DELAY"
CHILD_TIMEOUT = 120.0
"""Seconds an autosave child process may take before it is given up (and killed)."""
MIN_TIMER = 0.01
"""Seconds: the shortest autosave timer (an overdue autosave runs this soon)."""


def autosave_delays() -> tuple[float, float]:
    """(delay, max wait) in seconds: the defaults, or scaled from ``$FEATURETREE_AUTOSAVE_DELAY``."""
    try:
        delay = float(os.environ.get(DELAY_ENV, ""))
    except ValueError:
        return AUTOSAVE_DELAY, AUTOSAVE_MAX_WAIT
    if not delay > 0:
        return AUTOSAVE_DELAY, AUTOSAVE_MAX_WAIT
    return delay, delay * AUTOSAVE_MAX_WAIT / AUTOSAVE_DELAY


def quiet_for(delay: float) -> float:
    """The pause in input awaited before a recovery write, for an autosave ``delay``:
    :data:`AUTOSAVE_QUIET`, scaled as ``$FEATURETREE_AUTOSAVE_DELAY`` scales the delay."""
    return delay * AUTOSAVE_QUIET / AUTOSAVE_DELAY


@dataclass(frozen=True, eq=True)
class TypedStep:
    """The step keeping some text being typed would make (Enter on a title, Ctrl+S in the
    notes editor or a form), not made: ``build(doc, *args, **fields)``, an
    :mod:`featuretree.operations` builder.

    The recovery copy holds what is typed as if it were kept, while the editor's own
    document and history stay as the user left them (no undo step the user did not
    make): the step is made on the copy being written (:func:`with_typing`). Steps
    compare equal when they would make the same edit.
    """

    build: Callable[..., Command]
    args: tuple[Any, ...] = ()
    fields: Mapping[str, Any] = field(default_factory=dict)

    def make(self, doc: Document) -> Command:
        """The command, built for ``doc``; raises :class:`OperationError`."""
        return self.build(doc, *self.args, **self.fields)


def with_typing(doc: Document, steps: Iterable[TypedStep]) -> Document:
    """``doc`` with ``steps`` made on it (a copy nothing else uses: a forked child's, or
    one rebuilt from a snapshot); a step that cannot be made is left out, as its own
    save would refuse it. Returns ``doc``."""
    for step in steps:
        try:
            step.make(doc).apply(doc)
        except OperationError:
            continue  # kept in the editor, that text would get a message, not an edit
    return doc


def fingerprint_of(path: Path | None) -> Fingerprint | None:
    """The fingerprint of the file at ``path`` now (``None``: no path, or unreadable)."""
    if path is None:
        return None
    try:
        return Fingerprint.of(path)
    except OSError:
        return None  # unreadable now; saving will say why


def another_existing_file(target: Path, current: Path | None) -> bool:
    """Whether saving to ``target`` would replace a file other than the document's own."""
    target = Path(target)
    if not (target.exists() or target.is_symlink()):
        return False
    if current is None:
        return True
    try:
        return not target.resolve().samefile(current)
    except OSError:
        return target.absolute() != Path(current).absolute()
