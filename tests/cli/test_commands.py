"""Every command of ``featuretree``, through ``main`` as a user would type it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from featuretree import formats
from featuretree.cli import stats as stats_module
from featuretree.formats.json_schema import schema
from featuretree.model.annotations import FeatureStatus
from featuretree.model.tree import preorder
from featuretree.samples_catalog import all_samples, sample_path

COMMANDS = ("edit", "show", "export", "convert", "validate", "stats", "samples", "schema")


@pytest.fixture
def markup_file(tmp_path: Path) -> Path:
    path = tmp_path / "markup.json"
    path.write_text(
        json.dumps(
            {
                "title": "[bold red]App[/]",
                "children": [
                    {
                        "title": "[link=https://evil.example]点我[/link]",
                        "status": "new",
                        "changelog": [{"summary": "x"}, {"summary": "y"}],
                        "suggestions": [
                            {"text": "a"},
                            {"text": "b", "status": "done"},
                            {"text": "c"},
                        ],
                    },
                    {"title": ":smile: [/]", "status": "deprecated"},
                ],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def broken_file(tmp_path: Path) -> Path:
    path = tmp_path / "broken.json"
    path.write_text(
        json.dumps(
            {
                "format": "featuretree",
                "version": 1,
                "root": {"title": "a", "children": [{"title": 1}, {"title": "b", "status": "??"}]},
            }
        ),
        encoding="utf-8",
    )
    return path


def test_help_lists_every_command(run) -> None:
    status, out, _ = run("--help")
    assert status == 0
    for command in COMMANDS:
        assert f"\n    {command} " in out


def test_unknown_option_is_a_usage_error(run) -> None:
    status, _, err = run("show", "--sample", "zhihu", "--colour")
    assert status == 2
    assert "unrecognized arguments" in err


# -- show ------------------------------------------------------------------------------------


def test_show_prints_tree_status_and_counts(run, markup_file: Path) -> None:
    status, out, err = run("show", markup_file)
    assert status == 0, err
    lines = out.splitlines()
    assert lines[1] == "[bold red]App[/]"
    assert lines[2] == "├── ✚ [link=https://evil.example]点我[/link]  ✎2 ◆2"
    assert lines[3] == "└── ✖ :smile: [/]"
    assert "\x1b" not in out  # not a terminal: no colour codes


def test_show_uses_the_editors_marks_with_a_legend_and_counts_closed_suggestions(
    run, markup_file: Path
) -> None:
    """Issue 11: show printed 💡 and [new] where the editor draws ◆ and ✚; no legend for
    the status marks; a done suggestion was counted nowhere."""
    from featuretree.tui.widgets.tree_rows import STATUS_GLYPH

    _, out, _ = run("show", markup_file)
    lines = out.splitlines()
    assert STATUS_GLYPH[FeatureStatus.NEW] + "[link" in lines[2]
    assert lines[-2:] == [
        "✚ new · ✱ changed · ✖ deprecated · ✎ change-log entries · ◆ open suggestions",
        "◆ counts open suggestions only: 2 open, 1 more done or rejected",
    ]
    assert all(cell_len(line) <= 80 for line in lines[-2:])
    _status, out, _ = run("stats", markup_file)
    assert "2 still open, 1 done or rejected" in out


def test_show_depth_counts_everything_inside_a_folded_node(run) -> None:
    doc = formats.load(sample_path("zhihu"))
    top_bar = next(n for n in doc.iter_nodes() if n.title == "顶部栏")
    changes = sum(len(n.changelog) for n in preorder(top_bar))
    open_count = sum(n.open_suggestions for n in preorder(top_bar))
    status, out, _ = run("show", "--sample", "zhihu", "--depth", "2")
    assert status == 0
    line = next(line for line in out.splitlines() if "顶部栏" in line)
    assert line.endswith(f"顶部栏  ✎{changes} ◆{open_count}  (+{len(list(preorder(top_bar))) - 1})")
    assert (
        out.splitlines()[-1]
        == "(+N) a node folded by --depth: its counts include everything under it"
    )


def test_show_sample_matches_the_document(run) -> None:
    doc = formats.load(sample_path("zhihu"))
    status, out, _ = run("show", "--sample", "zhihu")
    assert status == 0
    assert out.splitlines()[0].startswith(doc.meta.title)
    assert f"{len(doc)} nodes" in out.splitlines()[0]
    for node in doc.iter_nodes():
        assert node.title in out


def test_show_depth_hides_deeper_levels_and_says_so(run) -> None:
    doc = formats.load(sample_path("wms"))
    status, out, _ = run("show", "--sample", "wms", "--depth", "1")
    assert status == 0
    tree = [line for line in out.splitlines()[1:] if line.startswith(("├", "└", doc.root.title))]
    assert len(tree) == 1 + len(doc.root.kids)
    hidden = len(doc) - 1 - len(doc.root.kids)
    assert f"({hidden} deeper nodes not shown" in out
    status, out, _ = run("show", "--sample", "wms", "--depth", "0")
    root_line = out.splitlines()[1]
    assert root_line.startswith(doc.root.title) and root_line.endswith(f"  (+{len(doc) - 1})")


@pytest.mark.parametrize("depth", ["-1", "two"])
def test_show_bad_depth_is_a_usage_error(run, depth: str) -> None:
    status, _, err = run("show", "--sample", "zhihu", "--depth", depth)
    assert status == 2 and "--depth" in err


def test_show_without_a_file_is_a_usage_error(run) -> None:
    status, _, err = run("show")
    assert status == 2 and "FILE" in err
    status, _, err = run("show", "x.json", "--sample", "zhihu")
    assert status == 2 and "not both" in err


# -- errors -------------------------------------------------------------------------------------


def test_broken_file_is_one_line_and_exit_1(run, broken_file: Path) -> None:
    for command in ("show", "stats", "export", "convert"):
        extra = ["--format", "json"] if command == "export" else []
        extra += [str(broken_file.with_suffix(".out.json"))] if command == "convert" else []
        status, out, err = run(command, broken_file, *extra)
        assert status == 1, command
        assert out == ""
        assert err.count("\n") == 1, err
        assert err.startswith(
            f"featuretree: {broken_file}: root.children[0].title: must be a string"
        )
        assert "(and 1 more problem)" in err
        assert "Traceback" not in err
    assert not broken_file.with_suffix(".out.json").exists()


def test_missing_file_and_unknown_sample(run, tmp_path: Path) -> None:
    status, _, err = run("show", tmp_path / "nope.json")
    assert status == 1 and "nope.json: cannot read" in err
    status, _, err = run("show", "--sample", "nope")
    # A name that is not a sample is a usage error (2), and the message lists the samples.
    assert status == 2 and "no sample called 'nope'" in err and "zhihu" in err
    for sample in all_samples():
        assert sample.name in err


def test_repairs_are_printed_as_warnings(run, tmp_path: Path) -> None:
    path = tmp_path / "dup.json"
    path.write_text('{"title": "a", "id": "x", "children": [{"title": "b", "id": "x"}]}')
    status, out, err = run("show", path)
    assert status == 0
    assert err.startswith("warning: root.children[0].id: duplicate id 'x'")
    assert "b" in out


# -- validate -------------------------------------------------------------------------------------


def test_validate_valid_file(run) -> None:
    doc = formats.load(sample_path("zhihu"))
    status, out, _ = run("validate", "--sample", "zhihu")
    assert (status, out) == (0, f"valid: {len(doc)} nodes\n")


def test_validate_lists_every_problem(run, broken_file: Path) -> None:
    status, out, err = run("validate", broken_file)
    assert status == 1
    assert out.splitlines() == [
        f"{broken_file}: a › (untitled): title: must be a string (root.children[0].title)",
        f"{broken_file}: a › b: status: must be one of existing, new, changed, deprecated "
        f'(got "??") (root.children[1].status)',
    ]
    assert "invalid: 2 problems" in err


def test_validate_names_nodes_by_title_in_document_order_in_words_for_people(
    run, tmp_path: Path
) -> None:
    """Issue 11: title paths next to JSON paths, document order, "month 13 is not a month"."""
    path = tmp_path / "知乎.json"
    path.write_text(
        json.dumps(
            {
                "title": "知乎 App",
                "children": [
                    {
                        "title": "首页",
                        "children": [
                            {
                                "title": "推荐",
                                "status": "bogus",
                                "children": [{"title": "流", "tags": "x"}],
                            },
                            {
                                "title": "热榜",
                                "status": "hot",
                                "changelog": [
                                    {"version": "1", "date": "2026-13-01", "summary": "s"}
                                ],
                                "suggestions": [
                                    {"text": "x", "priority": "P5", "created": "2026-02-30"}
                                ],
                            },
                        ],
                    },
                    {"title": "我的", "colour": "red"},
                ],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    status, out, _ = run("validate", path)
    assert status == 1
    assert out.splitlines() == [
        f"{path}: 知乎 App › 首页 › 推荐: status: must be one of existing, new, changed, "
        f'deprecated (got "bogus") (root.children[0].children[0].status)',
        f"{path}: 知乎 App › 首页 › 推荐 › 流: tags: must be a list of strings "
        f"(root.children[0].children[0].children[0].tags)",
        f"{path}: 知乎 App › 首页 › 热榜: status: must be one of existing, new, changed, "
        f'deprecated (got "hot") (root.children[0].children[1].status)',
        f"{path}: 知乎 App › 首页 › 热榜: changelog[0].date: month 13 is not a month "
        f'("2026-13-01") (root.children[0].children[1].changelog[0].date)',
        f"{path}: 知乎 App › 首页 › 热榜: suggestions[0].priority: must be one of P0, P1, P2, P3 "
        f'(got "P5") (root.children[0].children[1].suggestions[0].priority)',
        f"{path}: 知乎 App › 首页 › 热榜: suggestions[0].created: 2026-02 has no day 30 "
        f'("2026-02-30") (root.children[0].children[1].suggestions[0].created)',
        f"{path}: 知乎 App › 我的: colour: unknown key (root.children[1].colour)",
    ]


def test_validate_reports_empty_titles(run, tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    path.write_text(
        json.dumps(
            {
                "title": "知乎 App",
                "children": [{"title": "首页", "children": [{"title": ""}]}, {"title": "我的"}],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    status, out, err = run("validate", path)
    assert status == 0
    assert out == "valid: 4 nodes (1 empty title)\n"
    assert err == (
        "warning: 知乎 App › 首页 › (untitled): title: empty, shown as (untitled) "
        "(root.children[0].children[0].title)\n"
    )


def test_validate_syntax_error_has_line_and_column(run, tmp_path: Path) -> None:
    path = tmp_path / "syntax.json"
    path.write_text('{\n  "title": "a",\n}')
    status, out, _ = run("validate", path)
    assert status == 1
    assert out.startswith(f"{path}: line 3, column 1: invalid JSON")


def test_validate_newer_version_is_refused(run, tmp_path: Path) -> None:
    path = tmp_path / "v9.json"
    path.write_text('{"format": "featuretree", "version": 9, "root": {"title": "a"}}')
    status, out, _ = run("validate", path)
    assert status == 1 and "newer featuretree" in out


# -- export and convert ------------------------------------------------------------------------


def test_export_json_to_stdout_is_the_file(run) -> None:
    status, out, _ = run("export", "--sample", "zhihu", "--format", "json")
    assert status == 0
    assert out.encode("utf-8") == sample_path("zhihu").read_bytes()


def test_export_to_a_file(run, tmp_path: Path) -> None:
    out_path = tmp_path / "z.json"
    status, out, _err = run("export", "--sample", "zhihu", "-o", out_path)
    assert status == 0 and out == ""
    assert out_path.read_bytes() == sample_path("zhihu").read_bytes()


def test_export_needs_a_format(run) -> None:
    status, _, err = run("export", "--sample", "zhihu")
    assert status == 2 and "--format" in err
    status, _, err = run("export", "--sample", "zhihu", "--format", "docx")
    assert status == 1 and "unknown format 'docx'" in err


def test_convert_round_trip_through_every_writable_format(run, tmp_path: Path) -> None:
    source = sample_path("zhihu")
    for fmt in formats.all_formats():
        if fmt.writer is None:
            continue
        target = tmp_path / f"out{fmt.extensions[0]}"
        status, out, err = run("convert", source, target)
        if fmt.name == "png" and status == 2:
            # resvg-py or a CJK font is missing here: refused, saying how to get it.
            assert "install" in err and not target.exists()
            continue
        assert status == 0, err
        assert target.exists() and target.stat().st_size > 0
        assert "converted" in out


def test_convert_to_unknown_extension_writes_nothing(run, tmp_path: Path) -> None:
    status, _, err = run("convert", "--sample", "zhihu", tmp_path / "out.docx")
    assert status == 1 and "cannot tell the format" in err
    assert not (tmp_path / "out.docx").exists()


def test_convert_with_explicit_formats(run, tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_bytes(sample_path("wms").read_bytes())
    target = tmp_path / "out.data"
    status, _, err = run("convert", source, target, "--from", "json", "--to", "json")
    assert status == 0, err
    assert target.read_bytes() == source.read_bytes()


def test_convert_accepts_options_between_in_and_out(run, tmp_path: Path) -> None:
    target = tmp_path / "out.data"
    status, _, err = run("convert", sample_path("wms"), "--to", "json", target)
    assert status == 0, err
    assert target.read_bytes() == sample_path("wms").read_bytes()
    status, _, err = run("convert", sample_path("wms"), "--to", "json", target, "extra")
    assert status == 2 and "unrecognized arguments" in err


def test_failed_write_is_one_line(run, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "out.json"
    status, _, err = run("convert", "--sample", "zhihu", target)
    assert status == 1
    assert err.startswith("featuretree: cannot write") and err.count("\n") == 1


# -- stats, samples, schema ----------------------------------------------------------------


def test_stats_reports_the_documents_numbers(run) -> None:
    doc = formats.load(sample_path("netease-music"))
    expected = stats_module.compute(doc)
    status, out, _ = run("stats", "--sample", "netease-music")
    assert status == 0
    rows = {line.split()[0]: line.split()[1] for line in out.splitlines()[1:7] if line.strip()}
    assert rows["nodes"] == str(len(doc))
    assert rows["leaves"] == str(sum(1 for n in doc.iter_nodes() if not n.kids))
    assert rows["suggestions"] == str(sum(1 for _ in doc.iter_suggestions()))
    total_changes = sum(len(n.changelog) for n in doc.iter_nodes())
    assert re.search(
        rf"^change log +{total_changes} +entries on {expected.nodes_with_changes} nodes", out, re.M
    )
    assert "P0" in out and "in progress" in out


def test_stats_counts_priority_by_status() -> None:
    doc = formats.loads(
        json.dumps(
            {
                "title": "a",
                "suggestions": [
                    {"text": "x", "priority": "P0", "status": "done"},
                    {"text": "y", "priority": "P0", "status": "done"},
                    {"text": "z", "priority": "P3"},
                ],
                "children": [{"title": "b", "children": [{"title": "c"}]}],
            }
        ).encode(),
        "json",
    )
    result = stats_module.compute(doc)
    assert (result.nodes, result.depth, result.leaves) == (3, 2, 1)
    assert result.suggestion_count == 3 and result.open_suggestions == 1
    assert result.suggestions[stats_module.Priority.P0, stats_module.SuggestionStatus.DONE] == 2


def test_samples_lists_each_with_its_size(run) -> None:
    status, out, _ = run("samples")
    assert status == 0
    samples = all_samples()
    assert len(samples) >= 3
    for sample in samples:
        doc = formats.load(sample.path)
        line = next(line for line in out.splitlines() if line.startswith(sample.name + " "))
        assert doc.meta.title in line and line.rstrip().endswith(str(len(doc)))


def test_schema_prints_the_json_schema(run) -> None:
    status, out, _ = run("schema")
    assert status == 0
    assert json.loads(out) == schema()


def test_export_markdown_for_a_prd_without_ids(run, tmp_path: Path) -> None:
    """Issue 11: `export --format md --no-ids` — no <!-- id --> comments, 已采纳, one table."""
    status, out, _ = run("export", "--sample", "zhihu", "--format", "md", "--no-ids")
    assert status == 0
    assert "<!--" not in out
    assert "· 已采纳 —" in out and "· accepted —" not in out
    assert "**优化建议汇总**" in out
    target = tmp_path / "prd.md"
    status, _, err = run("export", "--sample", "zhihu", "-o", target, "--no-ids")
    assert status == 0 and target.read_text(encoding="utf-8") == out
    status, _, err = run("export", "--sample", "zhihu", "--format", "opml", "--no-ids")
    assert status == 2 and "--no-ids is for Markdown" in err


def test_one_is_singular_everywhere_a_count_is_printed(run, tmp_path: Path) -> None:
    """Issue 11: "(1 nodes)"."""
    path = tmp_path / "one.json"
    path.write_text(
        json.dumps({"title": "知乎", "changelog": [{"summary": "x"}]}, ensure_ascii=False),
        encoding="utf-8",
    )
    assert run("validate", path)[1] == "valid: 1 node\n"
    assert run("convert", path, tmp_path / "one.md")[1].endswith("(1 node)\n")
    assert "1 node" in run("show", path)[1].splitlines()[0]
    assert "1  entry on 1 node " in run("stats", path)[1]
