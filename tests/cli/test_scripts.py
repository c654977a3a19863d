"""The command line as scripts use it (issue 17, items 3 and 10–14).

Overwrites refused without --force, typos of commands, binary output on a terminal,
narrow output encodings (GBK, cp1252, ASCII), ``-`` for stdin/stdout, special files,
several files for ``validate``, ``--json`` output, usage errors that exit 2.
"""

from __future__ import annotations

import io
import json
import os
import pty
import subprocess
import sys
import types
from pathlib import Path

import pytest

from featuretree import formats
from featuretree.cli.main import main
from featuretree.samples_catalog import sample_path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO.parent / "shared" / "fixtures"
SRC = REPO / "src"


def _fixture(relative: str) -> Path:
    path = FIXTURES / relative
    if not path.is_file():
        pytest.skip(f"fixture {relative} is not here")
    return path


def _cli(
    *args: str | Path,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    **kwargs,
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m featuretree ARGS`` as a user's shell would, on this worktree's code."""
    environ = {**os.environ, "PYTHONPATH": str(SRC), **(env or {})}
    environ.pop("FEATURETREE_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "featuretree", *map(str, args)],
        input=stdin,
        capture_output="stdout" not in kwargs,
        env=environ,
        cwd=cwd,
        timeout=60,
        check=False,
        **kwargs,
    )


def _rich_json(tmp_path: Path) -> Path:
    """A JSON document with change logs and suggestions: what a careless overwrite loses."""
    path = tmp_path / "z.json"
    path.write_bytes(sample_path("zhihu").read_bytes())
    return path


# -- 3. convert and export -o never overwrite without --force ----------------------------------


def test_convert_refuses_to_overwrite_a_richer_json_without_force(run, tmp_path: Path) -> None:
    """`convert z.mmd z.json` replaced 16 change-log entries and 22 suggestions by nothing."""
    mermaid = _fixture("mermaid/test.mmd")
    target = _rich_json(tmp_path)
    before = target.read_bytes()
    status, out, err = run("convert", mermaid, target)
    assert status == 1 and out == ""
    assert err == (
        f"featuretree: {target} already exists; add --force to replace it "
        "(the old file is kept as z.json~)\n"
    )
    assert target.read_bytes() == before
    assert not (tmp_path / "z.json~").exists()


def test_convert_force_replaces_and_keeps_the_old_file_as_a_backup(run, tmp_path: Path) -> None:
    mermaid = _fixture("mermaid/test.mmd")
    target = _rich_json(tmp_path)
    before = target.read_bytes()
    status, _, err = run("convert", mermaid, target, "--force")
    assert status == 0, err
    assert f"replaced {target}; the previous version is {target}~" in err
    assert (tmp_path / "z.json~").read_bytes() == before
    assert formats.load(target).root.title == formats.load(mermaid).root.title
    assert (
        sum(len(n.changelog) for n in formats.load(tmp_path / "z.json~", "json").iter_nodes()) == 16
    )


def test_export_o_refuses_to_overwrite_without_force(run, tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    target.write_text("# 我的笔记\n", encoding="utf-8")
    status, _, err = run("export", "--sample", "wms", "--format", "md", "-o", target)
    assert status == 1 and "already exists; add --force" in err
    assert target.read_text(encoding="utf-8") == "# 我的笔记\n"
    status, _, err = run("export", "--sample", "wms", "--format", "md", "-o", target, "--force")
    assert status == 0, err
    assert (tmp_path / "plan.md~").read_text(encoding="utf-8") == "# 我的笔记\n"
    assert target.read_text(encoding="utf-8").startswith("# 仓储管理系统")
    # --no-ids (the PRD form) follows the same rule.
    status, _, err = run("export", "--sample", "wms", "-o", target, "--no-ids")
    assert status == 1 and "--force" in err


def test_a_new_output_file_needs_no_force_and_leaves_no_backup(run, tmp_path: Path) -> None:
    target = tmp_path / "new.opml"
    status, _, err = run("convert", "--sample", "wms", target)
    assert status == 0, err
    assert target.exists() and not (tmp_path / "new.opml~").exists()
    assert "replaced" not in err


# -- 10. a mistyped command is not a new document; no editor without a terminal -----------------


@pytest.mark.parametrize(
    ("word", "suggestion"),
    [
        ("shwo", "show"),
        ("stat", "stats"),
        ("valdate", "validate"),
        ("conver", "convert"),
        ("exprot", "export"),
    ],
)
def test_a_typo_of_a_command_suggests_it(
    run, tmp_path: Path, monkeypatch, word: str, suggestion: str
) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, err = run(word, "--sample", "zhihu")
    assert status == 2 and out == ""
    assert err == f"featuretree: unknown command '{word}' (did you mean {suggestion}?)\n"


def test_an_unknown_word_lists_the_commands_and_how_to_start_a_new_file(
    run, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    status, _, err = run("bogus")
    assert status == 2
    assert "unknown command 'bogus' (commands: edit, show, export" in err
    assert "bogus.json" in err
    assert not (tmp_path / "bogus").exists()


def test_bogus_without_a_terminal_exits_at_once_instead_of_hanging(tmp_path: Path) -> None:
    """It started the editor on a new file "bogus" and hung until killed."""
    result = _cli("bogus", cwd=tmp_path, stdin=b"")
    assert result.returncode == 2
    assert b"unknown command 'bogus'" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_editor_refuses_to_start_without_a_terminal(tmp_path: Path) -> None:
    result = _cli("plan.json", cwd=tmp_path, stdin=b"")
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "featuretree: the editor needs a terminal, and stdin and stdout are not one; to print "
        "a document use `featuretree show FILE`, to convert it `featuretree convert IN OUT`\n"
    )
    assert list(tmp_path.iterdir()) == []


def _in_a_terminal(monkeypatch) -> None:
    """As if stdin and stdout were a terminal (under pytest they are not)."""
    from featuretree.cli import edit

    monkeypatch.setattr(edit, "has_terminal", lambda: None)


def test_an_existing_file_without_extension_still_opens(run, tmp_path: Path, monkeypatch) -> None:
    opened: list[str | None] = []

    class FakeApp:
        return_code: int | None = 0  # as Textual's App: the exit status it was asked for

        def __init__(self, path: str | None, *, sample: str | None = None) -> None:
            self.path = path

        def run(self) -> None:
            opened.append(self.path)

    fake = types.ModuleType("featuretree.tui")
    fake.FeatureTreeApp = FakeApp  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "featuretree.tui", fake)
    _in_a_terminal(monkeypatch)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "Plan").write_bytes(sample_path("wms").read_bytes())
    assert run("Plan")[0] == 0
    assert run("新文档.json")[0] == 0
    assert opened == ["Plan", "新文档.json"]


# -- 11. binary output never onto a terminal -----------------------------------------------------


def _on_a_terminal(*args: str) -> tuple[int, bytes, bytes]:
    """Run the command with stdout a pseudo-terminal; (status, what reached it, stderr)."""
    primary, secondary = pty.openpty()
    environ = {**os.environ, "PYTHONPATH": str(SRC)}
    environ.pop("FEATURETREE_DEBUG", None)
    with subprocess.Popen(
        [sys.executable, "-m", "featuretree", *args],
        stdout=secondary,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=environ,
    ) as proc:
        os.close(secondary)
        seen = b""
        while True:  # drain the terminal as it fills, or the command blocks on it
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # EIO: the command closed its end
                break
            if not chunk:
                break
            seen += chunk
        os.close(primary)
        err = proc.stderr.read() if proc.stderr else b""
        status = proc.wait(timeout=60)
    return status, seen, err


@pytest.mark.parametrize("target", [(), ("-o", "-"), ("-o", "/dev/stdout")])
def test_xmind_is_not_written_onto_a_terminal(target: tuple[str, ...]) -> None:
    status, seen, err = _on_a_terminal("export", "--sample", "wms", "--format", "xmind", *target)
    assert status == 2
    assert b"PK" not in seen
    assert b"XMind files are binary and stdout is a terminal; use -o FILE or redirect" in err


def test_xmind_to_a_pipe_or_a_file_is_still_written(tmp_path: Path) -> None:
    piped = _cli("export", "--sample", "wms", "--format", "xmind")
    assert piped.returncode == 0 and piped.stdout.startswith(b"PK\x03\x04")
    with open(tmp_path / "out.xmind", "wb") as out:
        redirected = _cli(
            "export", "--sample", "wms", "--format", "xmind", stdout=out, stderr=subprocess.PIPE
        )
    assert redirected.returncode == 0
    assert formats.load(tmp_path / "out.xmind").root.title == "仓储管理系统（WMS）"


def test_markdown_is_still_printed_on_a_terminal() -> None:
    status, seen, _ = _on_a_terminal("export", "--sample", "wms", "--format", "md")
    assert status == 0 and "仓储管理系统".encode() in seen


# -- 12. every command writes what the output encoding can hold --------------------------------


def _run_encoded(monkeypatch, encoding: str, *args: str | Path) -> tuple[int, bytes, str]:
    """Run in-process with stdout a ``encoding`` stream (a redirected stdout on Windows)."""
    buffer = io.BytesIO()
    stream = io.TextIOWrapper(buffer, encoding=encoding, newline="\n")
    err = io.StringIO()
    monkeypatch.setattr(sys, "stdout", stream)
    monkeypatch.setattr(sys, "stderr", err)
    status = main([str(a) for a in args])
    stream.flush()
    return status, buffer.getvalue(), err.getvalue()


def test_show_on_a_gbk_stdout_prints_chinese_and_ascii_marks(monkeypatch) -> None:
    """`internal error: UnicodeEncodeError` on a Chinese Windows's redirected stdout."""
    monkeypatch.delenv("FEATURETREE_DEBUG")
    status, data, err = _run_encoded(
        monkeypatch, "gbk", "show", "--sample", "zhihu", "--depth", "1"
    )
    assert status == 0, err
    text = data.decode("gbk")
    lines = text.splitlines()
    # GBK holds Chinese, ◆ and the tree lines; ✎ (not in GBK) becomes "*".
    assert "├── 首页  *8 ◆6  (+20)" in lines
    assert "└── 我的  *1 ◆5  (+20)" in lines
    assert "· * change-log entries · ◆ open suggestions" in text
    assert "?" not in text


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_show_on_a_western_or_ascii_stdout_uses_ascii_marks(monkeypatch, encoding: str) -> None:
    monkeypatch.delenv("FEATURETREE_DEBUG")
    status, data, err = _run_encoded(
        monkeypatch, encoding, "show", "--sample", "zhihu", "--depth", "1"
    )
    assert status == 0, err
    lines = data.decode(encoding).splitlines()
    assert "|-- ??  *8 #6  (+20)" in lines
    assert "`-- ??  *1 #5  (+20)" in lines


@pytest.mark.parametrize(
    "command",
    [
        ("stats", "--sample", "zhihu"),
        ("validate", "--sample", "zhihu"),
        ("samples",),
        ("show", "--sample", "netease-music"),
        ("schema",),
        ("--help",),
        ("show", "--help"),
    ],
)
@pytest.mark.parametrize("encoding", ["gbk", "cp1252", "ascii"])
def test_every_command_survives_a_narrow_encoding(monkeypatch, command, encoding) -> None:
    monkeypatch.delenv("FEATURETREE_DEBUG")
    status, data, err = _run_encoded(monkeypatch, encoding, *command)
    assert status == 0, err
    assert data and "internal error" not in err
    data.decode(encoding)  # what was written is all in the encoding


def test_convert_and_validate_messages_on_a_gbk_stderr(tmp_path: Path) -> None:
    """Messages naming files and title paths go to stderr, which is GBK too."""
    broken = tmp_path / "坏.json"
    broken.write_text(
        json.dumps(
            {"title": "知乎", "children": [{"title": "首页", "status": "hot"}]}, ensure_ascii=False
        ),
        encoding="utf-8",
    )
    result = _cli("validate", broken, env={"PYTHONIOENCODING": "gbk"})
    assert result.returncode == 1
    assert "知乎 > 首页: status: must be one of" in result.stdout.decode("gbk")
    result = _cli(
        "convert", "--sample", "wms", tmp_path / "输出.md", env={"PYTHONIOENCODING": "cp1252"}
    )
    assert result.returncode == 0 and b"-> " in result.stdout


def test_json_output_is_the_same_json_in_any_encoding(monkeypatch) -> None:
    monkeypatch.delenv("FEATURETREE_DEBUG")
    _, utf8, _ = _run_encoded(monkeypatch, "utf-8", "stats", "--sample", "zhihu", "--json")
    _, ascii_, _ = _run_encoded(monkeypatch, "ascii", "stats", "--sample", "zhihu", "--json")
    assert "知乎".encode() in utf8 and b"\\u77e5\\u4e4e" in ascii_
    assert json.loads(utf8) == json.loads(ascii_)


# -- 13. "-" is stdin and stdout; special files are written directly ---------------------------


def test_dash_is_stdin_for_every_command(tmp_path: Path) -> None:
    data = sample_path("wms").read_bytes()
    shown = _cli("show", "-", "--depth", "0", stdin=data)
    assert shown.returncode == 0 and "仓储管理系统".encode() in shown.stdout
    checked = _cli("validate", "-", stdin=data)
    assert (checked.returncode, checked.stdout) == (0, b"valid: 85 nodes\n")
    converted = _cli("convert", "-", tmp_path / "out.md", "--from", "json", stdin=data)
    assert converted.returncode == 0, converted.stderr
    assert b"converted <stdin>" in converted.stdout
    assert len(formats.load(tmp_path / "out.md")) == 85
    exported = _cli("export", "-", "--format", "md", stdin=data)
    assert exported.stdout.startswith("# 仓储管理系统（WMS）".encode())
    counted = _cli("stats", "-", "--json", stdin=data)
    assert json.loads(counted.stdout)["nodes"] == 85
    assert not (tmp_path / "-").exists()


def test_stdin_format_is_guessed_from_the_content() -> None:
    for fmt in ("md", "opml", "mm", "mermaid", "xmind", "json"):
        data = formats.dumps(formats.load(sample_path("wms")), fmt)
        shown = _cli("show", "-", "--depth", "0", stdin=data)
        assert shown.returncode == 0, (fmt, shown.stderr)
        assert "仓储管理系统".encode() in shown.stdout, fmt


def test_dash_output_is_stdout_and_no_file_named_dash(tmp_path: Path) -> None:
    exported = _cli("export", "--sample", "wms", "--format", "md", "-o", "-", cwd=tmp_path)
    assert exported.returncode == 0 and exported.stdout.startswith("# 仓储管理系统".encode())
    converted = _cli("convert", "--sample", "wms", "-", "--to", "opml", cwd=tmp_path)
    assert converted.returncode == 0 and converted.stdout.startswith(b"<?xml")
    # The summary goes to stderr, not into the converted file.
    assert b"converted" in converted.stderr and b"converted" not in converted.stdout
    options_first = _cli("convert", "--sample", "wms", "--to", "md", "-", cwd=tmp_path)
    assert options_first.returncode == 0 and options_first.stdout.startswith(b"# ")
    assert list(tmp_path.iterdir()) == []
    no_format = _cli("convert", "--sample", "wms", "-", cwd=tmp_path)
    assert no_format.returncode == 2 and b"needs the format" in no_format.stderr


def test_dev_stdout_to_a_pipe_and_to_a_redirected_file(tmp_path: Path) -> None:
    """The atomic write renamed over /dev/stdout's target and failed."""
    piped = _cli("export", "--sample", "wms", "--format", "md", "-o", "/dev/stdout")
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.startswith("# 仓储管理系统".encode())
    target = tmp_path / "redirected.opml"
    with open(target, "wb") as out:
        redirected = _cli(
            "convert",
            "--sample",
            "wms",
            "/dev/stdout",
            "--to",
            "opml",
            stdout=out,
            stderr=subprocess.PIPE,
        )
    assert redirected.returncode == 0, redirected.stderr
    assert len(formats.load(target)) == 85
    assert b"converted" in redirected.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["redirected.opml"]


def test_dev_null_is_written_without_force(run) -> None:
    status, _, err = run("convert", "--sample", "wms", os.devnull, "--to", "json")
    assert status == 0, err
    assert os.path.exists(os.devnull) and not os.path.isfile(os.devnull)


def test_the_editor_does_not_open_stdin(run, monkeypatch) -> None:
    _in_a_terminal(monkeypatch)
    status, _, err = run("edit", "-")
    assert status == 2 and "cannot open standard input" in err


# -- 14. validate several files, --json, exit 2 for usage errors, no empty table ---------------


def test_validate_checks_every_file_and_names_each(run, tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_bytes(sample_path("wms").read_bytes())
    bad = tmp_path / "bad.json"
    bad.write_text('{"title": 1}', encoding="utf-8")
    mermaid = _fixture("mermaid/test.mmd")
    status, out, err = run("validate", good, bad, mermaid)
    assert status == 1
    lines = out.splitlines()
    assert lines[0] == f"{good}: valid: 85 nodes"
    assert lines[1].startswith(f"{bad}: ") and "title" in lines[1]
    assert lines[2].startswith(f"{mermaid}: valid: ")
    assert f"{bad}: invalid: 1 problem" in err and "1 file of 3 invalid" in err
    status, out, err = run("validate", good, mermaid)
    assert status == 0 and "all 2 files valid" in err


def test_validate_json(run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"title": "a", "children": [{"title": "b", "status": "hot"}]}', encoding="utf-8"
    )
    status, out, _ = run("validate", "--json", bad, "--sample", "wms")
    assert status == 1
    result = json.loads(out)
    assert result["valid"] is False
    first, second = result["files"]
    assert set(first) == {"file", "valid", "nodes", "empty_titles", "problems", "warnings"}
    assert (first["file"], first["valid"], first["nodes"]) == (str(bad), False, None)
    assert first["problems"][0]["where"] == "root.children[0].status"
    assert first["problems"][0]["node"] == "a › b"
    assert (second["valid"], second["nodes"], second["problems"]) == (True, 85, [])
    assert second["file"] == str(sample_path("wms"))


def test_stats_json_has_every_documented_key(run) -> None:
    status, out, _ = run("stats", "--sample", "zhihu", "--json")
    assert status == 0
    result = json.loads(out)
    assert set(result) == {
        "title",
        "nodes",
        "depth",
        "leaves",
        "statuses",
        "changelog_entries",
        "nodes_with_changes",
        "suggestions",
    }
    assert (result["nodes"], result["changelog_entries"]) == (98, 16)
    assert result["suggestions"]["total"] == 22 and result["suggestions"]["open"] == 15
    assert set(result["statuses"]) == {"existing", "new", "changed", "deprecated"}
    assert set(result["suggestions"]["by_priority"]) == {"P0", "P1", "P2", "P3"}
    assert result["suggestions"]["by_priority"]["P0"]["done"] == 1


def test_show_json_rows_in_document_order_with_folded_counts(run) -> None:
    status, out, _ = run("show", "--sample", "zhihu", "--depth", "1", "--json")
    assert status == 0
    result = json.loads(out)
    assert (result["title"], result["nodes"]) == ("知乎 App 功能结构图", 98)
    rows = result["rows"]
    assert [row["title"] for row in rows] == [
        "知乎 App",
        "首页",
        "内容详情",
        "会员",
        "发布",
        "消息",
        "我的",
    ]
    home = rows[1]
    assert set(home) == {
        "id",
        "title",
        "depth",
        "status",
        "tags",
        "changelog",
        "open_suggestions",
        "suggestions",
        "children",
        "folded",
    }
    assert (home["depth"], home["changelog"], home["open_suggestions"], home["folded"]) == (
        1,
        8,
        6,
        20,
    )
    status, out, _ = run("show", "--sample", "zhihu", "--json")
    assert len(json.loads(out)["rows"]) == 98


def test_unknown_sample_is_a_usage_error_listing_the_samples(run) -> None:
    status, _, err = run("stats", "--sample", "nope")
    assert status == 2
    assert "there is no sample called 'nope' (available: " in err and "zhihu" in err


def test_stats_without_suggestions_prints_no_empty_table(run, tmp_path: Path) -> None:
    path = tmp_path / "plain.json"
    path.write_text('{"title": "知乎", "children": [{"title": "首页"}]}', encoding="utf-8")
    status, out, _ = run("stats", path)
    assert status == 0
    assert "Suggestions by priority" not in out and "P0" not in out
    assert "suggestions   0" in out or "suggestions  0" in out
    status, out, _ = run("stats", "--sample", "zhihu")
    assert "Suggestions by priority" in out
