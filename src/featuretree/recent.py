"""Recently opened files, for the start screen: a small JSON list in the user's data folder.

``FEATURETREE_DATA_DIR`` moves the folder (tests). The list is a convenience: a broken
or unwritable file is reported as a warning and otherwise ignored, never fatal.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import platformdirs

from featuretree.storage.atomic import WriteError, atomic_write

ENV_VAR = "FEATURETREE_DATA_DIR"
MAX_RECENT = 20


def data_dir() -> Path:
    """The folder featuretree keeps its own data in."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path("featuretree")


def recent_path() -> Path:
    """The JSON file holding the recent files."""
    return data_dir() / "recent.json"


def _read(warnings: list[str]) -> list[str]:
    path = recent_path()
    try:
        raw = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:
        warnings.append(f"{path}: cannot read ({exc.strerror or exc})")
        return []
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        warnings.append(f"{path}: not a list of files ({exc.__class__.__name__}); ignored")
        return []
    if not isinstance(data, list):
        warnings.append(f"{path}: not a list of files; ignored")
        return []
    return [item for item in data if isinstance(item, str) and item]


def list_recent(warnings: list[str] | None = None) -> list[Path]:
    """Recently opened files that still exist, newest first, at most 20.

    Problems reading the list are appended to ``warnings`` when it is given.
    """
    found: list[Path] = []
    for item in _read(warnings if warnings is not None else []):
        path = Path(item)
        try:
            if path.is_file() and path not in found:
                found.append(path)
        except OSError:
            continue
        if len(found) == MAX_RECENT:
            break
    return found


def add(path: str | os.PathLike[str]) -> list[str]:
    """Put ``path`` (made absolute) first in the list; returns warnings (empty when all went well)."""
    warnings: list[str] = []
    entry = str(Path(path).expanduser().absolute())
    items = [entry] + [item for item in _read(warnings) if item != entry]
    items = items[: MAX_RECENT * 2]  # keep a few spares for files on unmounted drives
    target = recent_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, json.dumps(items, ensure_ascii=False, indent=1).encode("utf-8"))
    except OSError as exc:
        warnings.append(f"{target}: cannot save the recent files ({exc.strerror or exc})")
    except WriteError as exc:
        warnings.append(f"cannot save the recent files: {exc}")
    return warnings
