"""Tab in the Open… and Save as dialogs completes a typed path from the files there."""

from __future__ import annotations

from pathlib import Path

from featuretree.storage.completion import complete


def _files(folder: Path, *names: str) -> None:
    for name in names:
        if name.endswith("/"):
            (folder / name).mkdir()
        else:
            (folder / name).write_text("x", encoding="utf-8")


def test_one_match_is_completed_whole(tmp_path: Path) -> None:
    _files(tmp_path, "美团 副本.xmind", "知乎.json")
    done = complete(f"{tmp_path}/美团", tmp_path)
    assert done.text == f"{tmp_path}/美团 副本.xmind"
    assert done.names == ("美团 副本.xmind",)


def test_several_matches_grow_to_what_they_share_and_are_listed(tmp_path: Path) -> None:
    _files(tmp_path, "wms 入库.json", "wms 出库.json", "WMS 策略.md", "other.json")
    done = complete("wms", tmp_path)  # relative to the folder the app runs in
    assert done.text == "wms "
    assert done.names == ("wms 入库.json", "wms 出库.json", "WMS 策略.md")


def test_the_names_own_spelling_is_used(tmp_path: Path) -> None:
    _files(tmp_path, "WMS.json")
    assert complete("wm", tmp_path).text == "WMS.json"


def test_a_folder_ends_in_a_slash_and_hidden_names_need_a_dot(tmp_path: Path) -> None:
    _files(tmp_path, "产品/", ".secret.json")
    assert complete("产", tmp_path).text == "产品/"
    assert complete("", tmp_path).names == ("产品/",)
    assert complete(".s", tmp_path).names == (".secret.json",)


def test_nothing_matching_or_no_such_folder_leaves_the_text(tmp_path: Path) -> None:
    assert complete("无此文件", tmp_path).names == ()
    assert complete("no/such/folder/x", tmp_path).text == "no/such/folder/x"


def test_only_the_names_kept_are_offered_and_folders_always(tmp_path: Path) -> None:
    for name in ("wms.json", "wms.png", "wms.svg"):
        (tmp_path / name).write_text("x")
    (tmp_path / "wms 图").mkdir()
    done = complete("wm", tmp_path, keep=lambda name: name.endswith(".json"))
    assert done.names == ("wms 图/", "wms.json")
