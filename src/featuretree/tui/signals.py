"""SIGTERM and SIGHUP (``kill``, the terminal window closed): keep the edits, then stop.

Python's default for both is to die on the spot: the last edits (autosave waits a few
seconds after an edit) and the text typed in an open notes editor or form were lost, and
the terminal was left in the app's screen (``reset`` needed). :func:`install` makes both
signals run :func:`stop` in the event loop instead: what is typed in a title, an open
notes editor or a form is applied as if kept (Enter, Ctrl+S), the recovery file is written at once, and the app exits
through ``App.exit``, which restores the terminal. The file itself is not written: the
user did not ask to save; starting again offers the recovered edits.
"""

from __future__ import annotations

import asyncio
import signal
from typing import TYPE_CHECKING

from featuretree.storage.atomic import WriteError

if TYPE_CHECKING:
    from featuretree.tui.app import FeatureTreeApp

STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)
"""The signals that stop the editor cleanly (Windows has no SIGHUP)."""


def install(app: FeatureTreeApp) -> None:
    """Handle :data:`STOP_SIGNALS` with :func:`stop` while ``app`` runs (call in ``on_mount``)."""
    loop = asyncio.get_running_loop()
    for signum in STOP_SIGNALS:
        try:
            loop.add_signal_handler(signum, stop, app, signum)
        except (NotImplementedError, RuntimeError, ValueError):
            return  # no signal handlers here (Windows' loop, not the main thread)


def stop(app: FeatureTreeApp, signum: int) -> None:
    """Keep what can be kept in the recovery file, then exit, restoring the terminal."""
    keep(app)
    app.exit(return_code=128 + signum)


def keep(app: FeatureTreeApp) -> None:
    """What is typed applied and the unsaved edits in the recovery file, at once: for an
    editor stopped without being asked (a signal, the browser tab closed)."""
    editor = app.editor
    if editor is not None:
        editor.keep_typing()  # a title (outline or diagram), notes or a form being typed
        editor.remember_view()  # folds and cursor: the file opens as it was left
        try:
            editor.persistence.write_now()
        except WriteError:
            pass  # no one left to tell: the terminal is going; the last autosave stays
