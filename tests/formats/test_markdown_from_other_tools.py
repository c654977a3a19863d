"""Markdown written by other tools: what is kept only as text is counted, never dropped
in silence ("Not imported: 1 table (kept as text), 5 bold spans"). A table with outer
pipes and a fenced code block are kept as written (and written back so): not counted."""

from __future__ import annotations

from featuretree.formats import loads
from featuretree.formats.errors import describe_not_imported
from featuretree.i18n import text_in

# A PM's page from a wiki (飞书 / 语雀 style): formatting, a table, an image, raw HTML.
WIKI_PAGE = """\
# 会员中心

<div align="center">产品规划 2026</div>

- **支付** 模块，调用 `getOrder` 接口
  - 支持 <video> 标签播放
  - ~~旧版~~ *收银台* 与 **积分** **抵扣**
  - <span style="color:red">重要</span>：风控
- ![流程图](https://example.com/flow.png)
- 权益说明

  | 等级 | 权益 |
  | --- | --- |
  | 白银 | **9 折** |

  城市 | 上线
  --- | ---
  北京 | 是

```sql
select * from 会员
```
"""


def _read(text: str):
    return loads(text.encode("utf-8"), "md")


def _titles(doc) -> list[str]:
    return [node.title for node in doc.iter_nodes()]


def test_what_is_kept_only_as_text_is_counted() -> None:
    doc = _read(WIKI_PAGE)
    assert doc.not_imported == {
        "bold": 3,  # 支付, 积分, 抵扣 (9 折 stays bold in its table, kept as written)
        "code_span": 1,
        "strikethrough": 1,
        "italic": 1,
        "html_tag": 1,  # <span>; its closing tag is not a second one
        "image": 1,
        "table": 1,  # the one without outer pipes
        "html_block": 1,
    }


def test_the_words_stay() -> None:
    doc = _read(WIKI_PAGE)
    assert _titles(doc) == [
        "会员中心",
        "支付 模块，调用 getOrder 接口",  # code keeps its text, as a reader sees it rendered
        "支持 <video> 标签播放",  # not display HTML: the user's words
        "旧版 收银台 与 积分 抵扣",
        "重要：风控",
        "流程图",  # an image keeps its alt text as the title
        "权益说明",
    ]
    notes = {node.title: node.notes for node in doc.iter_nodes()}
    assert notes["权益说明"] == (
        "| 等级 | 权益 |\n| --- | --- |\n| 白银 | **9 折** |\n\n| 城市 | 上线 |\n| 北京 | 是 |"
    )
    assert '<div align="center">产品规划 2026</div>' in notes["会员中心"]
    assert "```sql\nselect * from 会员\n```" in notes["会员中心"]


def test_the_summary_says_it_in_english_and_chinese() -> None:
    counts = _read(WIKI_PAGE).not_imported
    said = describe_not_imported(counts)
    assert "1 table (kept as text)" in said
    assert "3 bold spans" in said
    assert "1 code span" in said
    assert text_in("zh", "import.not_imported.table", count=2) == "2 个表格（保留为文字）"
    assert text_in("zh", "import.not_imported.bold", count=4) == "4 处加粗"
    assert text_in("en", "import.not_imported.bold", count=1) == "1 bold span"


def test_plain_cjk_outline_loses_nothing() -> None:
    doc = _read("# 知乎\n\n## 首页\n\n- 推荐\n  - 视频卡片 — 自动播放\n- 热榜：今日 Top 50\n")
    assert doc.not_imported == {}
    assert _titles(doc) == ["知乎", "首页", "推荐", "视频卡片 — 自动播放", "热榜：今日 Top 50"]


def test_comments_and_br_are_not_losses() -> None:
    doc = _read("# a <!-- markmap: fold -->\n\n- b<br>c\n")
    assert doc.not_imported == {}
    assert _titles(doc) == ["a", "b c"]
