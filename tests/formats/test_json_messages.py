"""A JSON file that does not parse is said in words a PM can act on, in the UI's language."""

from __future__ import annotations

import pytest

from featuretree.formats.errors import FormatError
from featuretree.formats.json_format import read_json
from featuretree.i18n import set_language


@pytest.fixture
def chinese():
    set_language("zh")
    yield
    set_language("en")


def _problem(data: bytes):
    with pytest.raises(FormatError) as caught:
        read_json(data)
    (problem,) = caught.value.problems
    return problem


@pytest.mark.parametrize("data", [b"", b"  \n\t\n", b"\xef\xbb\xbf"])
def test_an_empty_file_is_said_to_be_empty(data: bytes, chinese) -> None:
    problem = _problem(data)
    assert str(problem) == "invalid JSON: the file is empty"
    assert problem.text() == "JSON 格式错误：文件是空的"


@pytest.mark.parametrize(
    "data",
    [
        '{"format": "featuretree", "version": 1, "root": {"title": "仓储'.encode(),
        b'{"title": "a", "children": [{"title": "b"}, ',
        b'{"title": "a", "children": [{"title": "b"}',
    ],
)
def test_a_file_cut_short_is_said_to_end_early(data: bytes, chinese) -> None:
    problem = _problem(data)
    assert "the file ends before its JSON does" in str(problem)
    assert "starting at" not in str(problem)
    assert problem.text() == "JSON 格式错误：文件在 JSON 结束之前就结束了（写入或复制时被截断？）"


@pytest.mark.parametrize(
    ("data", "english", "chinese_words"),
    [
        (b'{"title": "a",}', "Expecting property name enclosed in double quotes", "带双引号的名称"),
        (b'{"title": "a" "notes": ""}', "Expecting ',' delimiter", "缺少逗号"),
        (b'{"title": "a"} x', "Extra data", "多余的内容"),
        (b'{"title": "a\nb"}', "Invalid control character", "换行或控制字符"),
        (b'{"title": "a\\qb"}', "Invalid \\escape", "反斜杠转义"),
    ],
)
def test_a_syntax_error_is_said_in_chinese(
    data: bytes, english: str, chinese_words: str, chinese
) -> None:
    problem = _problem(data)
    assert str(problem).startswith("line 1, column ")
    assert str(problem).endswith(f"invalid JSON: {english}")
    assert problem.text().startswith("JSON 格式错误：") and chinese_words in problem.text()
    assert problem.place().startswith("第 1 行第 ")
