"""The palette's Screenshot: an SVG of the screen, saved where it can be, said literally.

Textual's own command saves into ``~/Downloads`` and fails when that folder does not
exist, and its toast is markup (``[$text-success]'…svg'``) that the app's literal
notifications show raw. Here the folder is the first that already exists of: the
Downloads folder, the document's folder, the current folder. Nothing is created but
the SVG file itself, written atomically.
"""

from __future__ import annotations

import time
from pathlib import Path

import platformdirs
from textual.app import App

from featuretree.i18n import t
from featuretree.storage.atomic import WriteError, atomic_write


def screenshot_folder(document: Path | None) -> Path:
    """Where a screenshot goes: Downloads, else the document's folder, else the current one."""
    candidates: list[Path] = []
    try:
        candidates.append(platformdirs.user_downloads_path())
    except Exception:
        pass
    if document is not None:
        candidates.append(Path(document).expanduser().absolute().parent)
    for folder in candidates:
        if folder.is_dir():
            return folder
    return Path.cwd()


def screenshot_name(now: float | None = None) -> str:
    """``featuretree_2026-12-03T15_40_00.svg``: sortable, and valid on every file system."""
    stamp = time.strftime("%Y-%m-%dT%H_%M_%S", time.localtime(now))
    return f"featuretree_{stamp}.svg"


def save_screenshot(
    app: App[object], document: Path | None, folder: Path | None = None, filename: str | None = None
) -> Path | None:
    """Save an SVG of ``app``'s screen and say where (or why not) in a literal toast.

    ``folder`` and ``filename`` default to :func:`screenshot_folder` and
    :func:`screenshot_name`. Returns the file written, or ``None`` when it could not be.
    """
    target = (folder or screenshot_folder(document)) / (filename or screenshot_name())
    try:
        atomic_write(target, app.export_screenshot().encode("utf-8"))
    except (WriteError, OSError) as exc:
        app.notify(
            t("screenshot.failed", error=str(exc)),
            title=t("screenshot.title"),
            severity="error",
            timeout=8,
            markup=False,
        )
        return None
    app.notify(
        t("screenshot.saved", path=str(target)),
        title=t("screenshot.title"),
        timeout=6,
        markup=False,
    )
    return target
