"""The recent-files list shown on the start screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from featuretree import recent


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("FEATURETREE_DATA_DIR", str(folder))
    return folder


def _file(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_text("{}", encoding="utf-8")
    return path


def test_newest_first_without_duplicates(tmp_path: Path, data_dir: Path) -> None:
    a, b = _file(tmp_path, "a.json"), _file(tmp_path, "知乎.json")
    assert recent.add(a) == []
    recent.add(b)
    recent.add(a)
    assert recent.list_recent() == [a, b]


def test_only_existing_files_and_at_most_twenty(tmp_path: Path, data_dir: Path) -> None:
    files = [_file(tmp_path, f"f{i}.json") for i in range(25)]
    for path in files:
        recent.add(path)
    files[24].unlink()
    shown = recent.list_recent()
    assert len(shown) == 20
    assert shown[0] == files[23]
    assert files[24] not in shown


def test_broken_list_is_ignored_with_a_warning(tmp_path: Path, data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / "recent.json").write_text("{not json", encoding="utf-8")
    warnings: list[str] = []
    assert recent.list_recent(warnings) == []
    assert len(warnings) == 1 and "recent.json" in warnings[0]
    a = _file(tmp_path, "a.json")
    recent.add(a)  # a broken list is replaced, not fatal
    assert recent.list_recent() == [a]


def test_unwritable_folder_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    monkeypatch.setenv("FEATURETREE_DATA_DIR", str(blocker / "sub"))
    warnings = recent.add(_file(tmp_path, "a.json"))
    assert len(warnings) == 1 and "cannot save" in warnings[0]
