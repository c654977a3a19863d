"""``featuretree diff`` and ``featuretree merge`` as a user runs them."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from featuretree import formats
from featuretree.operations import History
from featuretree.operations import annotate as an
from featuretree.operations import structure as ops

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "zhihu.json"


def _write(path: Path, *commands) -> Path:
    doc = formats.load(SAMPLE)
    history = History(doc)
    for make in commands:
        history.do(make(doc))
    path.write_bytes(formats.dumps(doc, "json"))
    return path


def _rename_home(title: str):
    return lambda d: an.rename(d, d.root.kids[0].id, title)


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path]:
    old = _write(tmp_path / "v1.json")
    new = _write(
        tmp_path / "v2.json",
        _rename_home("主页"),
        lambda d: ops.add_child(d, d.root.kids[2].id, "会员新权益"),
    )
    return old, new


def test_diff_exits_0_when_equal_and_1_when_different(run, versions) -> None:
    old, new = versions
    assert run("diff", old, old)[0] == 0
    status, out, err = run("diff", old, new)
    assert status == 1 and err == ""
    assert "重命名  主页  “首页” → “主页”" in out.splitlines()
    assert "新增  会员 › 会员新权益" in out.splitlines()
    assert "\x1b[" not in out  # plain when not a terminal


def test_a_diff_of_revisions_only_does_not_say_nothing_changed(run, tmp_path) -> None:
    # A trial: "新增 0 个节点，删除 0 个，修改 0 个。" above the revision, exit status 1.
    old = _write(tmp_path / "v1.json")
    new = _write(
        tmp_path / "v2.json",
        lambda d: an.add_revision(d, version="v9", date="2026-12-04", summary="评审"),
    )
    status, out, _ = run("diff", old, new)
    assert status == 1
    assert "节点没有变化；文档信息或版本修订记录有变化。" in out.splitlines()
    assert "0 个" not in out


def test_diff_of_one_file_or_a_folder_says_what_is_wrong(run, versions, tmp_path) -> None:
    status, _, err = run("diff", versions[0])
    assert status == 2 and "got 1 file" in err and "1 files" not in err
    status, _, err = run("show", tmp_path)
    assert status != 0 and "is a folder, not a file" in err and "extension" not in err


def test_diff_md_is_a_change_log_section(run, versions) -> None:
    status, out, _ = run("diff", *versions, "--format", "md")
    assert status == 1
    assert out.startswith("## 修改记录\n\n新增 1 个节点，删除 0 个，修改 1 个。\n")
    assert "| 重命名 | 主页 | “首页” → “主页” |" in out


def test_diff_json_is_for_scripts(run, versions) -> None:
    status, out, _ = run("diff", *versions, "--format", "json")
    data = json.loads(out)
    assert status == 1 and data["added"] == 1 and not data["equal"]
    assert {"kind": "renamed", "old": "首页", "new": "主页"}.items() <= data["changes"][0].items()


def test_diff_reads_one_side_from_stdin(run, versions, monkeypatch) -> None:
    old, new = versions
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(old.read_bytes())))
    assert run("diff", "-", new)[0] == 1


def test_diff_of_a_broken_file_or_another_product_is_one_line_and_exit_2(
    run, versions, tmp_path
) -> None:
    old, _ = versions
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    status, out, err = run("diff", old, broken)
    assert status == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert err.startswith("featuretree diff: ") and "broken.json" in err
    status, out, err = run("diff", old, ROOT / "samples" / "wms.json")
    assert status == 2 and out == ""
    assert err.strip().splitlines() == [
        f"featuretree diff: {old} and {ROOT / 'samples' / 'wms.json'}: different products: "
        "'知乎' and '仓储管理系统（WMS）'"
    ]


def test_diff_takes_gits_external_diff_arguments(run, versions) -> None:
    old, new = versions
    status, out, _ = run("diff", "zhihu.json", old, "a" * 40, "100644", new, "b" * 40, "100644")
    assert status == 0  # git stops at an external diff that exits non-zero
    assert out.splitlines()[0] == "featuretree diff zhihu.json"
    assert "重命名  主页  “首页” → “主页”" in out
    status, out, _ = run("diff", "new.json", os.devnull, ".", ".", new, "b" * 40, "100644")
    assert status == 0 and "added" in out


def test_diff_in_a_terminal_is_coloured(versions) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "featuretree", "diff", *map(str, versions)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src"), "FORCE_COLOR": "1"},
        check=False,
    )
    assert result.returncode == 1 and "\x1b[33m重命名" in result.stdout


@pytest.fixture
def three(tmp_path: Path) -> tuple[Path, Path, Path]:
    base = _write(tmp_path / "base.json")
    ours = _write(tmp_path / "ours.json", _rename_home("主页"))
    theirs = _write(tmp_path / "theirs.json", lambda d: an.set_status(d, d.root.kids[2].id, "new"))
    return base, ours, theirs


def test_merge_writes_both_sides_edits(run, three, tmp_path) -> None:
    out = tmp_path / "merged.json"
    status, stdout, err = run("merge", *three, "-o", out)
    assert (status, stdout, err) == (0, "", "")
    merged = formats.load(out)
    assert merged.root.kids[0].title == "主页" and merged.root.kids[2].status.value == "new"


def test_merge_to_stdout(run, three) -> None:
    status, out, _ = run("merge", *three)
    assert status == 0
    assert formats.loads(out.encode(), "json").root.kids[0].title == "主页"


def test_merge_conflicts_exit_1_with_a_report_and_a_marked_result(run, tmp_path) -> None:
    base = _write(tmp_path / "base.json")
    ours = _write(tmp_path / "ours.json", _rename_home("主页"))
    theirs = _write(tmp_path / "theirs.json", _rename_home("发现"))
    out = tmp_path / "merged.json"
    status, _, err = run("merge", base, ours, theirs, "-o", out)
    assert status == 1
    assert "featuretree merge: CONFLICT 主页: title: kept OURS's “主页”, THEIRS had “发现”" in err
    home = formats.load(out).root.kids[0]
    assert "conflict" in home.tags and "对方（THEIRS）的标题是：发现" in home.notes


def test_merge_never_replaces_another_file_without_force(run, three, tmp_path) -> None:
    out = tmp_path / "precious.json"
    out.write_text("keep me", encoding="utf-8")
    status, _, err = run("merge", *three, "-o", out)
    assert status == 2 and "already exists" in err
    assert out.read_text(encoding="utf-8") == "keep me"
    assert run("merge", *three, "-o", out, "--force")[0] == 0
    assert (tmp_path / "precious.json~").read_text(encoding="utf-8") == "keep me"


def test_merge_as_a_git_driver_overwrites_ours_files_without_extensions(run, three, tmp_path):
    base, ours, theirs = three
    names = []
    for path, name in ((base, ".merge_file_O"), (ours, ".merge_file_A"), (theirs, ".merge_file_B")):
        target = tmp_path / name
        target.write_bytes(path.read_bytes())
        names.append(target)
    status, out, err = run("merge", *names, "-o", names[1])
    assert (status, out, err) == (0, "", "")
    merged = formats.load(names[1], "json")
    assert merged.root.kids[0].title == "主页" and merged.root.kids[2].status.value == "new"
    assert not (tmp_path / ".merge_file_A~").exists()


def test_merge_of_bad_input_writes_nothing(run, three, tmp_path) -> None:
    base, ours, _ = three
    broken = tmp_path / "broken.json"
    broken.write_text("[", encoding="utf-8")
    out = tmp_path / "merged.json"
    status, _, err = run("merge", base, ours, broken, "-o", out)
    assert status == 2 and len(err.strip().splitlines()) == 1 and not out.exists()
    status, _, err = run("merge", ROOT / "samples" / "wms.json", ours, ours, "-o", out)
    assert status == 2 and "different products" in err and not out.exists()
