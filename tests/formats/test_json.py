"""The lossless JSON format: byte-exact round trips, and a clear message for every bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from featuretree import formats
from featuretree.formats.errors import FormatError
from featuretree.formats.json_format import read_json, write_json
from featuretree.model import ChangeEntry, Document, FeatureNode, FeatureStatus, Suggestion
from featuretree.model.annotations import DocumentMeta, Priority, Revision, SuggestionStatus
from featuretree.model.tree import attach, preorder

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _wrap(root: dict, **top) -> bytes:
    return json.dumps({"format": "featuretree", "version": 1, "root": root, **top}).encode()


def _problems(data: bytes) -> list[str]:
    with pytest.raises(FormatError) as caught:
        read_json(data)
    return [str(p) for p in caught.value.problems]


# -- round trips -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["zhihu", "wms", "netease-music"])
def test_samples_round_trip_byte_for_byte(name: str) -> None:
    data = (SAMPLES / f"{name}.json").read_bytes()
    assert write_json(read_json(data)) == data


def test_output_is_deterministic_and_diff_friendly() -> None:
    doc = read_json(_wrap({"title": "知乎", "children": [{"title": "首页"}]}))
    first = write_json(doc)
    assert write_json(doc) == first
    text = first.decode("utf-8")
    assert '"title": "知乎"' in text  # CJK is not \u-escaped
    assert "\\u" not in text
    assert text.endswith("}\n")
    assert text.count("\n") > 20  # indented: one key per line
    assert json.loads(text)["root"]["children"][0]["title"] == "首页"


def test_everything_survives_a_round_trip() -> None:
    root = FeatureNode("App", id="app", notes="多行\n备注\t制表", tags=("a", "b"))
    child = FeatureNode(
        'quote " backslash \\ [b]x[/b]',
        id="c1",
        status=FeatureStatus.DEPRECATED,
        changelog=[
            ChangeEntry(version="v2", date="2026-01-02", author="林晓", summary="改了\n两行")
        ],
        suggestions=[
            Suggestion(
                id="s1",
                text="建议",
                rationale="因为",
                priority=Priority.P0,
                status=SuggestionStatus.IN_PROGRESS,
                author="周",
                created="2026-02-03",
            )
        ],
    )
    attach(child, root)
    doc = Document(
        root,
        meta=DocumentMeta(title="T", product="P", created="2026-01-01"),
        revisions=[Revision(version="v1", date="2026-01-01", summary="初版")],
    )
    again = read_json(write_json(doc))
    assert write_json(again) == write_json(doc)
    node = again.node("c1")
    assert node.title == child.title
    assert node.status is FeatureStatus.DEPRECATED
    assert node.changelog == child.changelog
    assert node.suggestions == child.suggestions
    assert again.node("app").notes == "多行\n备注\t制表"
    assert again.meta == doc.meta and again.revisions == doc.revisions


def test_bare_node_input_gets_generated_ids() -> None:
    doc = read_json(
        '{"title": "App", "children": [{"title": "首页"}, {"title": "我的", "children": []}]}'.encode()
    )
    assert [n.title for n in preorder(doc.root)] == ["App", "首页", "我的"]
    assert len({n.id for n in preorder(doc.root)}) == 3
    # No title of its own: the root's, following it, and written as the root's.
    assert doc.meta.title == ""
    assert b'"title": "App"' in write_json(doc).split(b'"root"')[0]
    assert doc.warnings == []


def test_optional_keys_may_be_null_or_absent() -> None:
    doc = read_json(
        _wrap(
            {
                "title": "a",
                "notes": None,
                "tags": None,
                "status": None,
                "changelog": None,
                "suggestions": None,
                "children": None,
            }
        )
    )
    node = doc.root
    assert (node.notes, node.tags, node.status) == ("", (), FeatureStatus.EXISTING)


def test_suggestion_without_id_gets_one() -> None:
    doc = read_json(_wrap({"title": "a", "suggestions": [{"text": "x"}, {"text": "y"}]}))
    first, second = doc.root.suggestions
    assert first.id and second.id and first.id != second.id
    assert first.priority is Priority.P2 and first.status is SuggestionStatus.PROPOSED


def test_byte_order_mark_is_accepted() -> None:
    assert read_json(b"\xef\xbb\xbf" + _wrap({"title": "a"})).root.title == "a"


def test_control_characters_are_stripped_on_read() -> None:
    doc = read_json(
        _wrap({"title": "a\u001b[31mred\u0007", "notes": "x\u0000y", "tags": ["\u009bz"]})
    )
    assert doc.root.title == "a[31mred"
    assert doc.root.notes == "xy"
    assert doc.root.tags == ("z",)


def test_lone_surrogates_do_not_break_saving() -> None:
    doc = read_json(b'{"title": "a\\ud800b", "notes": "\\udc00"}')
    assert doc.root.title == "ab"
    write_json(doc).decode("utf-8")


# -- bad input ----------------------------------------------------------------------------


def test_bad_value_is_named_by_its_json_path() -> None:
    children = [{"title": str(i)} for i in range(3)]
    children.append({"title": "bad", "suggestions": [{"text": "x", "priority": "P7"}]})
    problems = _problems(_wrap({"title": "app", "children": children}))
    assert len(problems) == 1
    assert problems[0].startswith("root.children[3].suggestions[0].priority: ")
    assert "P0" in problems[0]


def test_every_problem_is_reported_not_just_the_first() -> None:
    problems = _problems(
        _wrap(
            {
                "title": "app",
                "colour": "red",
                "children": [
                    {"title": 3},
                    {"title": "x", "status": "shiny", "tags": "a,b"},
                    {"title": "y", "changelog": [{"date": "2026-13-40"}]},
                    "not a node",
                ],
            }
        )
    )
    wheres = [p.split(":")[0] for p in problems]
    assert wheres == [
        "root.colour",
        "root.children[0].title",
        "root.children[1].tags",
        "root.children[1].status",
        "root.children[2].changelog[0].date",
        "root.children[2].changelog[0].summary",
        "root.children[3]",
    ]
    assert "unknown key" in problems[0]
    assert "shiny" in problems[3]


def test_syntax_error_gives_line_and_column() -> None:
    (problem,) = _problems(b'{\n  "title": "a",\n  "children": [,]\n}')
    assert problem.startswith("line 3, column 16: invalid JSON")


def test_git_conflict_markers_are_named_as_such() -> None:
    # A trial: a merge without featuretree's driver left both versions in the file, and
    # the problem read "invalid JSON: Expecting property name enclosed in double quotes".
    data = b'{\n  "title": "a",\n<<<<<<< HEAD\n  "x": 1\n=======\n  "x": 2\n>>>>>>> b\n}'
    (problem,) = _problems(data)
    assert problem.startswith("line 3: a git merge left conflict markers here")
    assert "git merge --abort" in problem


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (_wrap({"title": "a"}, version=2), "newer featuretree"),
        (_wrap({"title": "a"}, version=0), "unknown file format version 0"),
        (_wrap({"title": "a"}, version="1"), "version: missing or not a whole number"),
        (
            json.dumps({"format": "xmind", "version": 1, "root": {}}).encode(),
            "not a featuretree document",
        ),
        (json.dumps({"format": "featuretree", "version": 1}).encode(), "root: missing"),
        (b"[1, 2]", "not a featuretree document"),
        (b'"just a string"', "not a featuretree document"),
        (b"", "invalid JSON"),
        (b"\xff\xfe{}", "not valid utf-8"),
        (b'{"title": "a", "n": ' + b"9" * 5000 + b"}", "invalid JSON"),
        (_wrap({"title": "a"}, meta={"colour": 1}), "meta.colour: unknown key"),
        (_wrap({"title": "a"}, meta=[1]), "meta: must be an object"),
        (_wrap({"title": "a"}, revisions=[{"summary": "no version"}]), "revisions[0].version"),
        (_wrap({"title": "a"}, extra=True), "extra: unknown key"),
        (_wrap({"title": "a", "children": {"title": "b"}}), "root.children: must be a list"),
        (_wrap({"title": "a", "changelog": "today"}), "root.changelog: must be a list"),
        (_wrap({"title": "a", "status": ["new"]}), "root.status: must be one of"),
        (_wrap({"title": "a", "notes": 5}), "root.notes: must be a string"),
    ],
)
def test_bad_input_is_one_clear_format_error(data: bytes, expected: str) -> None:
    with pytest.raises(FormatError) as caught:
        formats.loads(data, "json", source="doc.json")
    message = str(caught.value)
    assert message.startswith("doc.json: ")
    assert expected in message
    assert "\n" not in message


def test_duplicate_ids_are_repaired_with_a_warning() -> None:
    doc = read_json(
        _wrap(
            {
                "title": "a",
                "id": "same",
                "children": [{"title": "b", "id": "same"}, {"title": "c", "id": "has space"}],
                "suggestions": [{"id": "s", "text": "x"}, {"id": "s", "text": "y"}],
            }
        )
    )
    node_ids = [n.id for n in preorder(doc.root)]
    assert node_ids[0] == "same" and len(set(node_ids)) == 3
    assert len({s.id for s in doc.root.suggestions}) == 2
    joined = "\n".join(doc.warnings)
    assert "root.children[0].id: duplicate id 'same'" in joined
    assert "root.children[1].id: invalid id" in joined
    assert "duplicate suggestion id 's'" in joined
    # the repaired document saves and reloads without further warnings
    assert read_json(write_json(doc)).warnings == []


def test_problem_list_is_capped() -> None:
    data = _wrap({"title": "a", "children": [{"title": i} for i in range(1000)]})
    assert 1 < len(_problems(data)) <= 250


# -- depth ----------------------------------------------------------------------------


def _chain(depth: int) -> Document:
    root = FeatureNode("L0", id="n0")
    node = root
    for i in range(1, depth):
        child = FeatureNode(f"L{i}", id=f"n{i}")
        attach(child, node)
        node = child
    return Document(root)


def test_deep_document_writes_without_recursion() -> None:
    data = write_json(_chain(20_000))
    assert data.count(b'"status"') == 20_000


def test_moderately_deep_document_round_trips() -> None:
    doc = _chain(400)  # 800 JSON levels: within json.loads' reach
    data = write_json(doc)
    assert write_json(read_json(data)) == data


def test_deep_document_round_trips() -> None:
    # 40,000 JSON levels: beyond json.loads, read by the iterative fallback parser
    data = write_json(_chain(20_000))
    doc = read_json(data)
    assert len(doc) == 20_000
    assert doc.node("n19999").parent is doc.node("n19998")
    assert write_json(doc) == data


# -- property: random trees ----------------------------------------------------------------

_text = st.text(
    alphabet=st.one_of(
        st.sampled_from("知乎首页推荐[]/b\\\"'*#-\n\t <>&"),
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
    ),
    max_size=12,
)
_line = _text.map(lambda s: s.replace("\n", " ").replace("\t", " ").strip())
_changes = st.lists(
    st.builds(
        ChangeEntry,
        summary=_text.filter(lambda s: s.strip()),
        version=st.none() | _line,
        author=st.none() | _line,
        date=st.dates(),
    ),
    max_size=2,
)
_statuses = st.sampled_from(list(FeatureStatus))


@st.composite
def _documents(draw) -> Document:
    count = draw(st.integers(1, 25))
    nodes = []
    for i in range(count):
        suggestions = [
            Suggestion(id=f"s{i}_{j}", text=text, priority=priority, status=status)
            for j, (text, priority, status) in enumerate(
                draw(
                    st.lists(
                        st.tuples(
                            _text.filter(lambda s: s.strip()),
                            st.sampled_from(list(Priority)),
                            st.sampled_from(list(SuggestionStatus)),
                        ),
                        max_size=2,
                    )
                )
            )
        ]
        node = FeatureNode(
            draw(_line),
            id=f"n{i}",
            notes=draw(_text),
            tags=draw(st.lists(_line.filter(bool), max_size=2, unique=True)),
            status=draw(_statuses),
            changelog=draw(_changes),
            suggestions=suggestions,
        )
        if nodes:
            attach(node, nodes[draw(st.integers(0, len(nodes) - 1))])
        nodes.append(node)
    return Document(nodes[0], meta=DocumentMeta(title=draw(_line), product=draw(_line)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_documents())
def test_random_trees_round_trip(doc: Document) -> None:
    data = write_json(doc)
    again = read_json(data)
    assert again.warnings == []
    assert write_json(again) == data
    assert [
        (n.id, n.title, n.notes, n.tags, n.status, n.changelog, n.suggestions)
        for n in preorder(again.root)
    ] == [
        (n.id, n.title, n.notes, n.tags, n.status, n.changelog, n.suggestions)
        for n in preorder(doc.root)
    ]
