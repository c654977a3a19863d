"""Where a Ctrl+E export goes: one decision for both export forms.

In a terminal the export is written to the path in the form (atomically, asking once
before replacing a file). Served in a browser (``featuretree serve``) the path is on the
server, which the user may not even reach: the bytes go to the browser as a download
(Textual's ``App.deliver_binary``), named after the path, and nothing is written.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from textual.app import App

from featuretree.formats.errors import FormatError
from featuretree.i18n import t
from featuretree.storage.atomic import WriteError, atomic_write


class ExportForm(Protocol):
    """What :func:`deliver_export` needs of a form (both export screens have it)."""

    app: App
    _confirm: Path | None

    def show_error(self, message: str) -> None: ...


def deliver_export(form: ExportForm, path: Path, render: Callable[[], bytes]) -> Path | None:
    """Deliver the export ``render()`` makes: a browser download when served, else ``path``.

    Returns what was delivered (the download's file name, or the file written), for the
    "Exported" notice; ``None`` when the form now shows why not (it asks once before
    replacing an existing file, or says in one line what went wrong).
    """
    served = form.app.is_web
    if not served and path.exists() and form._confirm != path:
        form._confirm = path
        form.show_error(t("export.overwrite", path=str(path)))
        return None
    try:
        data = render()
        if served:
            form.app.deliver_binary(io.BytesIO(data), save_filename=path.name)
            return Path(path.name)
        atomic_write(path, data)
    except (FormatError, WriteError) as exc:
        form.show_error(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        return None
    except OSError as exc:
        form.show_error(f"{path}: {exc.strerror or exc}")
        return None
    return path
