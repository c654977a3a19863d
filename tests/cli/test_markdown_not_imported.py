"""``convert`` says on stderr what a Markdown file from another tool had that is kept
only as text (tables, formatting...)."""

from __future__ import annotations

from pathlib import Path

WIKI_PAGE = """\
# 会员中心

- **支付** 与 **积分**
- ![流程图](https://example.com/flow.png)
- 权益

  | 等级 | 权益 |
  | --- | --- |
  | 白银 | 9 折 |

  城市 | 上线
  --- | ---
  北京 | 是
"""


def test_convert_says_what_was_kept_only_as_text(run, tmp_path: Path) -> None:
    source = tmp_path / "wiki.md"
    source.write_text(WIKI_PAGE, encoding="utf-8")
    status, out, err = run("convert", source, tmp_path / "out.json")
    assert status == 0
    assert "warning: not imported: 1 image, 1 table (kept as text), 2 bold spans" in err
    assert "not imported" not in out


def test_a_plain_outline_has_nothing_to_say(run, tmp_path: Path) -> None:
    source = tmp_path / "plain.md"
    source.write_text("# 知乎\n\n- 首页\n  - 推荐\n", encoding="utf-8")
    status, _, err = run("convert", source, tmp_path / "out.json")
    assert status == 0 and "not imported" not in err
