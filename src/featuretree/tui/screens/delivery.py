"""Where a Ctrl+E export goes: one decision for both export forms.

In a terminal the export is written to the path in the form (atomically, asking once
before replacing a file, and keeping the file it replaces as ``FILE~``, as Ctrl+S and the
CLI's ``--force`` do: ``atomic_write(..., backup=True)``). Served in a browser (``featuretree serve``) the path is on the
server, which the user may not even reach: the bytes go to the browser as a download
(Textual's ``App.deliver_binary``), named after the path, and nothing is written.

An export that takes seconds to make (a PNG: resvg rasterising the picture) is made in
the background (:func:`export_in_background`): the form closes, "Exporting…" is said,
the editor goes on taking keys, and the outcome is said when it is done.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from textual.app import App

from featuretree.formats.errors import FormatError
from featuretree.i18n import error_text, t
from featuretree.model.document import Document
from featuretree.session.names import is_document_file
from featuretree.session.snapshot import Snapshot
from featuretree.storage import forked
from featuretree.storage.atomic import WriteError, atomic_write, backup_path

BACKGROUND_TIMEOUT = 600.0
"""Seconds a background export may take before it is given up (a picture at the largest
size :mod:`~featuretree.formats.png_format` draws takes well under a minute)."""


class ExportForm(Protocol):
    """What :func:`deliver_export` needs of a form (both export screens have it)."""

    app: App
    _confirm: Path | None
    source: Path | None
    """The open document's own file (``None``: it has none), never written by an export."""

    def show_error(self, message: str) -> None: ...


def deliver_export(form: ExportForm, path: Path, render: Callable[[], bytes]) -> Path | None:
    """Deliver the export ``render()`` makes: a browser download when served, else ``path``.

    Returns what was delivered (the download's file name, or the file written), for the
    "Exported" notice; ``None`` when the form now shows why not (it asks once before
    replacing an existing file, or says in one line what went wrong).
    """
    served = form.app.is_web
    if (
        open_file_refused(form, path)
        or folder_missing(form, path)
        or not confirm_replace(form, path)
    ):
        return None
    try:
        data = render()
        if served:
            form.app.deliver_binary(io.BytesIO(data), save_filename=path.name)
            return Path(path.name)
        atomic_write(path, data, backup=True)  # the file replaced stays as FILE~
    except (FormatError, WriteError) as exc:
        # in the UI's language, as the background export says it (error.write_* patterns)
        form.show_error(error_text(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        return None
    except OSError as exc:
        form.show_error(f"{path}: {exc.strerror or exc}")
        return None
    return path


def open_file_refused(form: ExportForm, path: Path) -> bool:
    """True (the form now says so, pointing at Ctrl+S) when ``path`` is the open
    document's own file: an export written over it would replace the document under the
    editor, which would then take its own export for a change made outside and offer to
    reload it. Served, nothing is written on the server: the download is not refused."""
    if form.app.is_web or not is_document_file(path, form.source):
        return False
    form.show_error(t("export.own_file", name=path.name))
    return True


def folder_missing(form: ExportForm, path: Path) -> bool:
    """True (the form now says so) when ``path``'s folder does not exist, so nothing can
    be written there: said before any work starts, with the typed path still in the form,
    never after the form closed (a background export). Served, nothing is written there."""
    folder = path.parent
    if form.app.is_web or folder.is_dir():
        return False
    form.show_error(t("error.write_no_folder", path=str(path)))
    return True


def confirm_replace(form: ExportForm, path: Path) -> bool:
    """Whether the export may go to ``path``: False (the form now says why) the first
    time it names an existing file, so that Enter again replaces it (see
    :func:`path_typed`: only while the form still names that file)."""
    if not form.app.is_web and path.exists() and form._confirm != path:
        form._confirm = path
        form.show_error(t("export.overwrite", path=str(path), backup=backup_path(path).name))
        return False
    return True


def path_typed(form: ExportForm, path: Path | None) -> None:
    """The form's path (or format) was changed and now names ``path`` (``None``: no
    name): a "exists — press Enter again to replace it" said about another file is
    taken back, the warning cleared and Enter no longer armed to replace that file.
    Named again, the file is warned about again. Decided on the path the form names
    now, not on each change message: one that arrives late never takes back a warning
    that is still true."""
    if form._confirm is not None and path != form._confirm:
        form._confirm = None
        form.show_error("")


def export_in_background(
    app: App,
    path: Path,
    doc: Document,
    render: Callable[[Document], bytes],
    *,
    label: str | None = None,
    on_failed: Callable[[], None] | None = None,
    check: Callable[[], str | None] | None = None,
) -> None:
    """Make ``render(doc)`` and deliver it (as :func:`deliver_export`) while the editor
    goes on; say "Exporting…" now and the outcome when it is done.

    Call on the UI thread, after :func:`confirm_replace`. Nothing reads ``doc`` while the
    editor changes it: on Linux a forked child (``storage/forked.py``, as autosave does)
    renders its copy of the document as it is now and writes the file, since resvg keeps
    Python's lock while it rasterises and a thread would freeze the editor all the same;
    elsewhere the document is copied here (:class:`Snapshot`) and a thread renders the
    copy. The file is written atomically, once; a browser download is made from a
    temporary file. ``label`` names the format in the "Exported" notice (else the
    file's extension). ``on_failed`` is called (on the UI thread) when it failed, after
    the failure is said: the form is closed by then, and its caller may keep the path.
    ``check`` (in the worker, after the file is written) says what is wrong with it, if
    anything: a warning to show (a PNG's characters no font draws).
    """
    served = app.is_web
    app.notify(t("export.working", path=path.name if served else str(path)), markup=False)
    folder = Path(tempfile.mkdtemp(prefix="featuretree-export-")) if served else None
    target = folder / path.name if folder is not None else path
    child = None
    if forked.available():
        try:
            child = forked.start(lambda: atomic_write(target, render(doc), backup=True))
        except OSError:
            child = None  # no fork now (out of processes or memory): a thread then
    snapshot = Snapshot.of(doc) if child is None else None

    def make() -> None:
        if child is not None:
            error = child.wait(timeout=BACKGROUND_TIMEOUT)
            if error is not None:
                raise WriteError(error)
        else:
            assert snapshot is not None
            atomic_write(target, render(snapshot.document()), backup=True)

    def work() -> None:  # in the worker's thread
        try:
            make()
            if served:
                data = target.read_bytes()
                app.call_from_thread(app.deliver_binary, io.BytesIO(data), save_filename=path.name)
            delivered = Path(path.name) if served else path
            app.call_from_thread(
                app.notify,
                t("app.exported", path=str(delivered), format=label or path.suffix.lstrip(".")),
                timeout=6,
                markup=False,
            )
            warning = _checked(check)
            if warning:
                app.call_from_thread(
                    app.notify, warning, severity="warning", timeout=10, markup=False
                )
        except (FormatError, WriteError, OSError) as exc:
            message = error_text(exc).splitlines()[0] if str(exc) else type(exc).__name__
            app.call_from_thread(
                app.notify,
                t("export.failed", path=str(path), error=message),
                severity="error",
                timeout=10,
                markup=False,
            )
            if on_failed is not None:
                app.call_from_thread(on_failed)
        finally:
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)

    app.run_worker(work, name="export", group="export", thread=True, exit_on_error=False)


def _checked(check: Callable[[], str | None] | None) -> str | None:
    """``check()``'s warning; none when there is no check or it could not be made (the
    file is written: a check that fails says nothing rather than "not exported")."""
    if check is None:
        return None
    try:
        return check()
    except (FormatError, OSError, ValueError):
        return None
