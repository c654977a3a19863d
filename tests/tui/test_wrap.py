"""CJK text wraps at any character, Latin words stay whole, punctuation stays put."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text

from featuretree.tui.widgets.wrap import KEEP_TOGETHER, wrap_spans, wrap_text


def lines(text: str, width: int) -> list[str]:
    return wrap_text(Text(text), width).plain.split("\n")


def test_a_chinese_run_fills_the_line_after_a_latin_word() -> None:
    # Rich wraps at spaces only: it gave ['AI ', '总结与引用来源一起展', ...].
    assert lines("AI 总结与引用来源一起展示在卡片上方便查看", 20) == [
        "AI 总结与引用来源一",
        "起展示在卡片上方便查",
        "看",
    ]


def test_closing_punctuation_never_starts_a_line() -> None:
    wrapped = lines("生成总结并标注引用的回答，可追问。", 20)
    assert all(not line.startswith(("，", "。")) for line in wrapped)
    assert "".join(wrapped) == "生成总结并标注引用的回答，可追问。"


def test_latin_words_stay_whole_and_long_ones_fold() -> None:
    assert lines("hello world this is a verylongwordthatdoesnotfit end", 12) == [
        "hello world",
        "this is a",
        "verylongword",
        "thatdoesnotf",
        "it end",
    ]


def test_line_breaks_and_blank_lines_are_kept() -> None:
    assert lines("a\n\nb 测试", 5) == ["a", "", "b 测", "试"]


@given(st.text(alphabet="ab 中文，。“”\n", max_size=60), st.integers(min_value=2, max_value=30))
def test_no_character_but_a_space_at_a_break_is_lost(text: str, width: int) -> None:
    wrapped = lines(text, width)
    assert [line for line in wrapped if cell_len(line) > width] == []
    assert "".join(wrapped).replace(" ", "") == text.replace("\n", "").replace(" ", "")


def test_spans_of_an_empty_line() -> None:
    assert wrap_spans("", 10) == [(0, 0)]


def test_a_lines_indent_is_kept() -> None:
    # A suggestion written as a list: "  · 二级" is shown indented, as it is in the file.
    text = wrap_text(Text("一级：帮助中心\n  · 二级：常见问题 FAQ"), 40)
    assert text.plain == "一级：帮助中心\n  · 二级：常见问题 FAQ"
    # An indent wider than the line is a break like any other run of spaces.
    assert wrap_spans("    ab", 3) == [(4, 6)]


def test_a_span_kept_together_moves_to_the_next_line_whole() -> None:

    for width in range(6, 20):
        head = Text("很长的功能标题名称")
        head.append("  ")
        head.append("现有", style=KEEP_TOGETHER)
        lines = wrap_text(head, width).plain.split("\n")
        assert "现有" in lines[-1], (width, lines)
        assert all(cell_len(line) <= width for line in lines), (width, lines)
