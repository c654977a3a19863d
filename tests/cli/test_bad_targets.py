"""Bad input a person types at the command line is named for what it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from featuretree import formats
from featuretree.samples_catalog import sample_path


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """A copy of the Zhihu sample, in a folder with a space and Chinese in its name."""
    folder = tmp_path / "产品 文档"
    folder.mkdir()
    path = folder / "知乎 v2.json"
    path.write_bytes(sample_path("zhihu").read_bytes())
    return path


def test_an_unknown_option_shows_the_commands_own_usage(run, plan: Path) -> None:
    status, out, err = run("diff", plan, plan, "--to", "md")
    assert status == 2 and out == ""
    assert err.startswith("usage: featuretree diff ")  # what diff takes, not the program's
    assert err.endswith("featuretree diff: error: unrecognized arguments: --to md\n")
    status, _out, err = run("show", plan, "--bogus")
    assert status == 2 and err.startswith("usage: featuretree show ")


def test_an_unknown_option_for_the_editor_shows_the_programs_usage(run, plan: Path) -> None:
    status, _out, err = run(plan, "--bogus")
    assert status == 2
    assert err.startswith("usage: featuretree [FILE | --sample NAME]")


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize(
    "command",
    [
        ("convert", "{plan}", "{out}"),
        ("export", "{plan}", "--format", "md", "-o", "{out}"),
        ("merge", "{plan}", "{plan}", "{plan}", "-o", "{out}"),
    ],
)
def test_a_folder_as_the_output_is_said_to_be_one(
    run, plan: Path, command: tuple[str, ...], force: bool
) -> None:
    out = plan.parent / "导出.json"  # a folder named like a file
    out.mkdir()
    args = [part.format(plan=plan, out=out) for part in command]
    status, stdout, err = run(*args, *(["--force"] if force else []))
    assert status in (1, 2) and stdout == ""
    assert err.rstrip("\n").endswith(f"cannot write {out}: it is a folder")
    assert "--force" not in err and "format" not in err
    assert out.is_dir() and not list(out.iterdir())
    assert formats.load(plan).root.title == "知乎 App"


def test_convert_with_one_file_says_out_is_missing(run, plan: Path) -> None:
    before = plan.read_bytes()
    for extra in ([], ["--force"]):
        status, out, err = run("convert", plan, *extra)
        assert status == 2 and out == ""
        assert err == (
            f"featuretree convert: convert needs IN and OUT (featuretree convert IN OUT); "
            f"got one file, {plan}\n"
        )
    assert plan.read_bytes() == before and not plan.with_name(plan.name + "~").exists()


def test_a_file_that_cannot_be_opened_is_offered_only_formats_that_open(
    run, tmp_path: Path
) -> None:
    notes = tmp_path / "幕布 大纲.txt"
    notes.write_text("入库\n出库\n", encoding="utf-8")
    status, _out, err = run("show", notes)
    assert status == 1
    assert err.startswith(f"featuretree: {notes}: cannot tell the format from the extension")
    assert ".md" in err and ".opml" in err
    assert ".svg" not in err and ".png" not in err and ".html" not in err
    status, _out, err = run("convert", notes, tmp_path / "x.docx")
    assert status == 1 and ".svg" in err  # a file to write may be a picture


def test_diff_writes_the_changes_for_the_team_to_a_file(run, plan: Path, tmp_path: Path) -> None:
    from featuretree.operations import annotate as an

    doc = formats.load(plan)
    an.rename(doc, doc.root.kids[0].id, "主页 改版").apply(doc)
    new = plan.with_name("知乎 v3.json")
    new.write_bytes(formats.dumps(doc, "json"))
    out = tmp_path / "修改 记录.md"
    status, stdout, err = run("diff", plan, new, "--format", "md", "-o", out)
    assert status == 1 and stdout == "" and err == f"wrote {out}\n"
    text = out.read_text(encoding="utf-8")
    assert text.startswith("## 修改记录") and "“首页” → “主页 改版”" in text
    out.write_text("我的笔记", encoding="utf-8")
    status, _stdout, err = run("diff", plan, new, "--format", "md", "-o", out)
    assert status == 2 and "already exists; add --force" in err
    assert out.read_text(encoding="utf-8") == "我的笔记"
    status, _stdout, _err = run("diff", plan, new, "--format", "md", "-o", out, "--force")
    assert status == 1 and out.read_text(encoding="utf-8") == text
    assert out.with_name(out.name + "~").read_text(encoding="utf-8") == "我的笔记"
