"""Where the built-in sample documents are, in a checkout or in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]
_CANDIDATES = (_PACKAGE / "samples", _PACKAGE.parents[1] / "samples")


def samples_dir() -> Path | None:
    """The folder holding the samples (``featuretree/samples`` when installed), if any."""
    for folder in _CANDIDATES:
        if folder.is_dir():
            return folder
    return None


def available_samples() -> list[str]:
    """Names of the samples (``"zhihu"``, ...), sorted."""
    folder = samples_dir()
    return sorted(p.stem for p in folder.glob("*.json")) if folder else []


def sample_path(name: str) -> Path | None:
    """The file of sample ``name``, or ``None`` when there is no such sample."""
    folder = samples_dir()
    if folder is None:
        return None
    path = folder / f"{name}.json"
    return path if path.is_file() else None
