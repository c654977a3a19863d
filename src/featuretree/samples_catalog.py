"""The built-in sample documents (知乎, WMS, 网易云音乐...), wherever they are installed.

A wheel carries them as ``featuretree/samples/`` (pyproject's force-include); an
editable install or a source checkout has them in the repository's ``samples/``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


class UnknownSample(LookupError):
    """No sample has the name asked for; the message lists the ones that exist."""


@dataclass(frozen=True)
class Sample:
    """One sample file: its name for ``--sample`` and where it is."""

    name: str
    path: Path

    @cached_property
    def title(self) -> str:
        """What the sample is called inside: its document title (``知乎 App 功能结构图``).

        Falls back to the root's title, then to :attr:`name` when the file cannot be read.
        """
        try:
            data = json.loads(self.path.read_bytes())
        except (OSError, ValueError, RecursionError):
            return self.name
        if not isinstance(data, dict):
            return self.name
        for holder in (data.get("meta"), data.get("root")):
            if isinstance(holder, dict) and isinstance(holder.get("title"), str):
                title = " ".join(holder["title"].split())  # one line, whatever the file holds
                if title:
                    return title
        return self.name


def samples_dir() -> Path | None:
    """The folder holding the samples: the installed package's first, then the checkout's."""
    for candidate in (_PACKAGE_DIR / "samples", _PACKAGE_DIR.parents[1] / "samples"):
        if candidate.is_dir():
            return candidate
    return None


def all_samples() -> list[Sample]:
    """Every sample, sorted by name."""
    folder = samples_dir()
    if folder is None:
        return []
    return [Sample(path.stem, path) for path in sorted(folder.glob("*.json"))]


def sample_path(name: str) -> Path:
    """The file of sample ``name`` (``zhihu`` or ``zhihu.json``); :class:`UnknownSample` if none."""
    wanted = name.removesuffix(".json").lower()
    samples = all_samples()
    for sample in samples:
        if sample.name.lower() == wanted:
            return sample.path
    known = ", ".join(s.name for s in samples) or "none are installed"
    raise UnknownSample(f"there is no sample called {name!r} (available: {known})")
