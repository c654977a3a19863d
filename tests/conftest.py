"""Shared test fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED_FIXTURES = ROOT.parent / "shared" / "fixtures"


@pytest.fixture
def shared_fixtures() -> Path:
    """The team lead's real files from other tools; the test skips where they are absent."""
    if not SHARED_FIXTURES.is_dir():
        pytest.skip("../shared/fixtures is not present beside this checkout")
    return SHARED_FIXTURES


@pytest.fixture(autouse=True)
def _isolated_state_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """No test reads or writes the real user's recovery files: state goes to a temp folder."""
    folder = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("FEATURETREE_STATE_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def _isolated_user_files(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """No test reads the developer's config.toml or adds to their recent-files list."""
    folder = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("FEATURETREE_DATA_DIR", str(folder / "data"))
    monkeypatch.setenv("FEATURETREE_CONFIG", str(folder / "config.toml"))
    return folder


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip the browser tests unless the marker expression asks for them."""
    if "browser" in (config.getoption("markexpr") or ""):
        return
    opt_in = pytest.mark.skip(reason="real-browser test: run with `pytest -m browser`")
    for item in items:
        if item.get_closest_marker("browser") is not None:
            item.add_marker(opt_in)
