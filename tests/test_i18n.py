"""The UI catalogue: every English string has a Chinese one, and the languages are chosen right."""

from __future__ import annotations

import pytest

from featuretree import i18n
from featuretree.i18n import (
    CATALOGUES,
    detect_language,
    error_text,
    placeholders,
    set_language,
    t,
)
from featuretree.model import Document
from featuretree.operations import History, OperationError, structure


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    set_language("en")


def test_zh_covers_every_english_key() -> None:
    missing = sorted(CATALOGUES["en"].keys() - CATALOGUES["zh"].keys())
    extra = sorted(CATALOGUES["zh"].keys() - CATALOGUES["en"].keys())
    assert missing == [], f"keys without a Chinese text: {missing}"
    assert extra == [], f"Chinese keys English does not have: {extra}"


@pytest.mark.parametrize("language", sorted(set(CATALOGUES) - {"en"}))
def test_placeholders_match_english(language: str) -> None:
    wrong = {
        key: (placeholders(text), placeholders(CATALOGUES["en"][key]))
        for key, text in CATALOGUES[language].items()
        if key in CATALOGUES["en"] and placeholders(text) != placeholders(CATALOGUES["en"][key])
    }
    assert wrong == {}


def test_no_empty_strings() -> None:
    for language, catalogue in CATALOGUES.items():
        assert [k for k, v in catalogue.items() if not v.strip()] == [], language


@pytest.mark.parametrize(
    ("configured", "env", "expected"),
    [
        (None, {"LANG": "zh_CN.UTF-8"}, "zh"),
        (None, {"LANG": "zh_TW.UTF-8"}, "zh"),
        (None, {"LANG": "en_US.UTF-8"}, "en"),
        (None, {"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "en"),  # LC_ALL wins
        (None, {"LC_MESSAGES": "zh_CN", "LANG": "en_US"}, "zh"),
        (None, {}, "en"),
        (None, {"LANG": "fr_FR.UTF-8"}, "en"),
        ("zh", {"LANG": "en_US.UTF-8"}, "zh"),  # the config wins over the environment
        ("en", {"LANG": "zh_CN.UTF-8"}, "en"),
        ("auto", {"LANG": "zh_CN.UTF-8"}, "zh"),
        ("klingon", {"LANG": "zh_CN.UTF-8"}, "zh"),
    ],
)
def test_language_detection(configured, env, expected) -> None:
    assert detect_language(configured, env) == expected


def test_t_formats_and_falls_back() -> None:
    set_language("zh")
    assert t("app.saved", path="a.json") == "已保存 a.json"
    assert t("binding.tree.add_child") == "添加子节点"
    assert t("no.such.key") == "no.such.key"
    set_language("en")
    assert t("app.saved", path="a.json") == "Saved a.json"
    assert t("app.saved") == "Saved {path}"  # a missing parameter never crashes


def test_operation_errors_are_translated() -> None:
    doc = Document.new("r")
    history = History(doc)
    first = history.do(structure.add_child(doc, doc.root.id, "a")).focus_after
    with pytest.raises(OperationError) as info:
        structure.move_up(doc, first)
    set_language("zh")
    assert error_text(info.value) == "已经是同级中的第一个"
    with pytest.raises(OperationError) as info:
        structure.delete(doc, "nope")
    assert error_text(info.value) == "不存在 id 为 'nope' 的节点"
    assert error_text("something new") == "something new"
    set_language("en")
    assert error_text(info.value) == "there is no node with id 'nope'"


def test_errors_with_a_code_use_it() -> None:
    class CodedError(OperationError):
        code = "no_revision"
        params = {"number": 3}

    set_language("zh")
    assert error_text(CodedError("whatever")) == "没有第 3 条修订"


def test_every_operation_error_template_is_used_by_the_operations() -> None:
    # guards against the catalogue drifting from the messages the operations raise
    import inspect

    from featuretree.model import query
    from featuretree.operations import annotate
    from featuretree.storage import atomic

    source = inspect.getsource(structure) + inspect.getsource(annotate) + inspect.getsource(query)
    written = inspect.getsource(atomic)  # the write errors' words, as atomic._reason says them
    for key, template in CATALOGUES["en"].items():
        if key.startswith("error.write_"):
            tail = template.split("}")[-1].lstrip(": ")
            assert "cannot write {" in written and (
                not tail or tail in written or tail == "no such file or directory"
            ), key
        elif key.startswith("error."):
            head = template.split("{")[0]
            assert head in source, key


def test_write_errors_are_said_in_chinese() -> None:
    from featuretree.storage.atomic import WriteError

    set_language("zh")
    assert (
        error_text(WriteError("cannot write /a/b.json: the disk is full"))
        == "无法写入 /a/b.json：磁盘已满"
    )
    assert (
        error_text(WriteError("cannot write /a: it is a folder")) == "无法写入 /a：这是一个文件夹"
    )
    assert (
        error_text(WriteError("cannot write /a/b.json: input/output error"))
        == "无法写入 /a/b.json：input/output error"
    )  # the system's own words when not known


def test_every_editor_binding_has_a_description() -> None:
    keys = pytest.importorskip("featuretree.tui.bindings")
    for language in CATALOGUES:
        set_language(language)
        for binding in keys.ALL_BINDINGS:
            text = i18n.binding_description(binding.id)
            assert text != f"binding.{binding.id}", (language, binding.id)
            assert "{" not in text


def test_counts_say_one_node_not_one_nodes() -> None:
    """Issue 11: "Copied “设置” (1 nodes)"; English needs the singular, Chinese has none."""
    set_language("en")
    assert t("app.copied", title="设置", count=1) == "Copied “设置” (1 node)"
    assert t("app.cut", title="设置", count=4) == "Cut “设置” (4 nodes)"
    assert t("detail.counts", changes=1, open=1) == "1 change · 1 open suggestion"
    assert t("detail.counts", changes=0, open=2) == "0 changes · 2 open suggestions"
    assert t("filter.active", query="p:P0", count=1) == "Filter: p:P0 (1 node)"
    assert (
        t("board.summary", shown=1, total=1, sort="priority")
        == "1 of 1 suggestion · sorted by priority"
    )
    set_language("zh")
    assert t("app.copied", title="设置", count=1) == "已复制“设置”（1 个节点）"


def test_every_english_count_has_its_plural_form() -> None:
    """A number followed by a plural noun must choose its form: no "{count} nodes"."""
    import re

    bare = re.compile(r"\{(\w+)\} (?:open )?(nodes|changes|suggestions|entries|problems)\b")
    assert [key for key, text in CATALOGUES["en"].items() if bare.search(text)] == []
