"""``featuretree convert`` from markmap Markdown to JSON and back keeps markmap's own
syntax (checkboxes, ==mark==, math, links on titles) as written."""

from __future__ import annotations

from pathlib import Path

PAGE = """\
# 会员中心

## [帮助](https://help.example.com/)

- [ ] 接入微信支付
- [x] 积分商城上线
- ==重点==：续费 $a*b_1$
"""


def test_markdown_to_json_to_markdown_keeps_markmap_syntax(run, tmp_path: Path) -> None:
    source = tmp_path / "map.md"
    source.write_text(PAGE, encoding="utf-8")
    assert run("convert", source, tmp_path / "map.json")[0] == 0
    assert run("convert", tmp_path / "map.json", tmp_path / "back.md")[0] == 0
    text = (tmp_path / "back.md").read_text(encoding="utf-8")
    assert "## [帮助](https://help.example.com/)" in text
    assert "[ ] 接入微信支付" in text and "[x] 积分商城上线" in text
    assert "==重点==：续费 $a*b_1$" in text
    assert "\\" not in text


def test_markmap_fixture_survives_json(run, tmp_path: Path, shared_fixtures: Path) -> None:
    source = shared_fixtures / "markdown" / "markmap-example.md"
    assert run("convert", source, tmp_path / "map.json")[0] == 0
    assert run("convert", tmp_path / "map.json", tmp_path / "back.md")[0] == 0
    text = (tmp_path / "back.md").read_text(encoding="utf-8")
    assert "==highlight==" in text and "- [x] checkbox" in text
    assert "$x = {-b \\pm \\sqrt{b^2-4ac} \\over 2a}$" in text
    assert "\n- [GitHub](https://github.com/gera2ld/markmap)" in text  # a list item, as read
