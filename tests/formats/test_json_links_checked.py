"""A node's links are checked as strictly as ever, though their validator is built only
when the first file with links is read (json_build._links_adapter): the same problems,
at the same JSON paths, in the same words."""

from __future__ import annotations

import json

import pytest

from featuretree.formats.errors import FormatError
from featuretree.formats.json_format import read_json


def _read(links: object):
    root = {"title": "App", "children": [{"title": "搜索", "links": links}]}
    return read_json(json.dumps({"format": "featuretree", "version": 1, "root": root}).encode())


@pytest.mark.parametrize(
    ("links", "problem"),
    [
        ([{"title": "PRD"}], "root.children[0].links[0].url: missing"),
        ("https://x", "root.children[0].links: must be a list"),
        ([{"url": "https://x", "colour": "red"}], "root.children[0].links[0].colour: unknown key"),
    ],
    ids=["no url", "not a list", "unknown key"],
)
def test_a_bad_link_is_reported_where_it_is(links: object, problem: str) -> None:
    with pytest.raises(FormatError) as caught:
        _read(links)
    assert [str(p) for p in caught.value.problems] == [problem]


def test_good_links_are_read() -> None:
    doc = _read([{"title": "设计稿", "url": "https://d"}, {"url": "https://prd"}])
    assert [(link.title, link.url) for link in doc.root.kids[0].links] == [
        ("设计稿", "https://d"),
        ("", "https://prd"),
    ]
