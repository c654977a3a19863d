"""Fixtures for the editor tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from editor_helpers import members_document, small_document

from featuretree import formats
from featuretree.i18n import set_language
from featuretree.tui import FeatureTreeApp


@pytest.fixture
def doc_path(tmp_path: Path) -> Path:
    """A saved small document."""
    path = tmp_path / "app.json"
    formats.save(small_document(), path)
    return path


@pytest.fixture
def big_path(tmp_path: Path) -> Path:
    """:func:`editor_helpers.members_document` saved as JSON."""
    path = tmp_path / "big.json"
    formats.save(members_document(), path)
    return path


@pytest.fixture
def notes(monkeypatch):
    """Collect the app's notifications: ``notes(app)`` starts, the list is returned."""

    def start(app: FeatureTreeApp) -> list[str]:
        seen: list[str] = []
        original = app.notify

        def notify(message, *args, **kwargs):
            seen.append(str(message))
            return original(message, *args, **kwargs)

        monkeypatch.setattr(app, "notify", notify)
        return seen

    return start


@pytest.fixture(autouse=True)
def _private_user_files(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No editor test reads the developer's config or writes their recent-files list,
    and every one starts in English whatever LANG says."""
    folder = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("FEATURETREE_DATA_DIR", str(folder / "data"))
    monkeypatch.setenv("FEATURETREE_CONFIG", str(folder / "config.toml"))
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    yield folder
    set_language("en")
