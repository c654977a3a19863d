"""featuretree in a real git repository, set up as the README says: the merge driver,
textconv for ``git diff``/``git log -p``, and ``featuretree diff`` as the external diff."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from featuretree import formats
from featuretree.operations import History
from featuretree.operations import annotate as an

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "zhihu.json"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@dataclass
class Repo:
    """A work tree and ``git(*args)`` run in it."""

    path: Path
    git: Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    """A repository with samples/zhihu.json committed and featuretree configured for it."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "featuretree"
    # The featuretree on PATH is this checkout's, whatever is installed.
    script.write_text(
        f'#!/bin/sh\nPYTHONPATH="{ROOT / "src"}" exec "{sys.executable}" -m featuretree "$@"\n',
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    work = tmp_path / "repo"
    (work / "samples").mkdir(parents=True)
    shutil.copy(SAMPLE, work / "samples" / "zhihu.json")
    env_path = f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"
    (work / ".gitattributes").write_text(
        "samples/*.json merge=featuretree diff=featuretree\n", encoding="utf-8"
    )
    git = _git_runner(work, env_path)
    git("init", "-q", "-b", "main")
    git("config", "user.name", "林晓")
    git("config", "user.email", "lin@example.com")
    git("config", "merge.featuretree.name", "featuretree three-way merge")
    git("config", "merge.featuretree.driver", "featuretree merge %O %A %B -o %A")
    git("config", "diff.featuretree.textconv", "featuretree show")
    git("add", ".")
    git("commit", "-q", "-m", "v1.3")
    return Repo(work, git)


def _git_runner(work: Path, env_path: str):
    env = {**os.environ, "PATH": env_path, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(work.parent)}

    def git(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", *args], cwd=work, env=env, capture_output=True, text=True, check=check
        )

    return git


def _edit(repo: Repo, *commands) -> None:
    path = repo.path / "samples" / "zhihu.json"
    doc = formats.load(path)
    history = History(doc)
    for make in commands:
        history.do(make(doc))
    path.write_bytes(formats.dumps(doc, "json"))


def _commit(repo: Repo, message: str) -> None:
    repo.git("commit", "-q", "-am", message)


def _branches(repo: Repo, ours, theirs) -> subprocess.CompletedProcess[str]:
    git = repo.git
    git("checkout", "-q", "-b", "theirs")
    _edit(repo, *theirs)
    _commit(repo, "theirs")
    git("checkout", "-q", "main")
    _edit(repo, *ours)
    _commit(repo, "ours")
    return git("merge", "--no-edit", "theirs", check=False)


def test_git_merge_uses_the_driver_and_keeps_both_branches_edits(repo: Repo) -> None:
    result = _branches(
        repo,
        ours=[lambda d: an.rename(d, d.root.kids[0].id, "主页")],
        theirs=[
            lambda d: an.set_status(d, d.root.kids[2].id, "changed"),
            lambda d: an.add_change(d, d.root.kids[2].id, version="v1.4", summary="会员改版"),
        ],
    )
    assert result.returncode == 0, result.stdout + result.stderr
    merged = formats.load(repo.path / "samples" / "zhihu.json")
    assert merged.root.kids[0].title == "主页"
    assert merged.root.kids[2].status.value == "changed"
    assert merged.root.kids[2].changelog[-1].summary == "会员改版"
    assert "<<<<<<<" not in (repo.path / "samples" / "zhihu.json").read_text(encoding="utf-8")


def test_a_conflicting_pair_is_marked_and_left_for_the_pm(repo: Repo) -> None:
    result = _branches(
        repo,
        ours=[lambda d: an.rename(d, d.root.kids[0].id, "主页")],
        theirs=[lambda d: an.rename(d, d.root.kids[0].id, "发现")],
    )
    assert result.returncode != 0
    assert "CONFLICT" in result.stdout + result.stderr
    merged = formats.load(repo.path / "samples" / "zhihu.json")  # still a featuretree file
    home = merged.root.kids[0]
    assert home.title == "主页" and "conflict" in home.tags
    assert "发现" in home.notes
    status = repo.git("status", "--porcelain").stdout
    assert "UU samples/zhihu.json" in status


def test_git_diff_and_log_show_the_outline_through_textconv(repo: Repo) -> None:
    _edit(repo, lambda d: an.rename(d, d.root.kids[0].id, "主页"))
    _commit(repo, "rename")
    out = repo.git("log", "-p", "-1").stdout
    assert "-├── 首页" in out and "+├── 主页" in out
    assert '"title"' not in out  # the outline, not the JSON


def test_featuretree_diff_as_gits_external_diff(repo: Repo) -> None:
    git = repo.git
    git("config", "diff.featuretree.command", "featuretree diff")
    _edit(repo, lambda d: an.rename(d, d.root.kids[0].id, "主页"))
    result = git("diff")
    assert result.returncode == 0, result.stderr
    assert "featuretree diff samples/zhihu.json" in result.stdout
    assert "重命名  主页  “首页” → “主页”" in result.stdout


def test_a_file_it_cannot_read_does_not_stop_git_diff(repo: Repo) -> None:
    # A trial: a merge done without the driver left conflict markers in the file, and
    # `git diff` stopped ("fatal: external diff died"), so they could not be seen there.
    git = repo.git
    git("config", "diff.featuretree.command", "featuretree diff")
    path = repo.path / "samples" / "zhihu.json"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[3:3] = ["<<<<<<< HEAD", '  "x": 1,', "=======", '  "x": 2,', ">>>>>>> theirs"]
    path.write_text("\n".join(lines), encoding="utf-8")
    result = git("diff")
    assert result.returncode == 0, result.stderr
    assert "featuretree diff samples/zhihu.json: cannot compare" in result.stdout
    assert "line 4: a git merge left conflict markers here" in result.stdout


def test_a_tag_added_shows_in_git_diff_through_textconv(repo: Repo) -> None:
    # A trial: the `conflict` tags a merge adds did not show in `git diff`'s outline.
    _edit(repo, lambda d: an.set_tags(d, d.root.kids[0].id, ["conflict"]))
    out = repo.git("diff").stdout
    assert "+├── 首页  #conflict" in out
