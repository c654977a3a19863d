"""The HTML page: one self-contained file with the picture, node details and suggestions."""

from __future__ import annotations

import json
import re
from pathlib import Path

from featuretree import formats
from featuretree.formats.html_format import write_html
from featuretree.model.annotations import Suggestion
from featuretree.model.tree import preorder

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="ft-data">(.*?)</script>', page, re.S)
    assert match
    return json.loads(match.group(1))


def test_page_needs_no_network():
    page = write_html(formats.load(SAMPLES / "zhihu.json")).decode()
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", page))
    assert urls <= {"http://www.w3.org/2000/svg"}
    assert "<link" not in page and " src=" not in page and "@import" not in page
    assert "url(" not in page


def test_page_carries_every_node_and_the_suggestions_table():
    doc = formats.load(SAMPLES / "zhihu.json")
    page = write_html(doc).decode()
    data = _data(page)
    assert data["root"] == doc.root.id
    for node in preorder(doc.root):
        entry = data["nodes"][node.id]
        assert entry["title"] == node.title
        assert entry["kids"] == [kid.id for kid in node.kids]
        assert len(entry["suggestions"]) == len(node.suggestions)
        assert f'data-id="{node.id}"' in page
    table = page[page.index("<tbody>") : page.index("</tbody>")]
    assert table.count("<tr>") == sum(1 for _ in doc.iter_suggestions())
    assert "优化建议汇总" in page and "<svg" in page and "<?xml" not in page
    assert write_html(doc) == page.encode()  # deterministic


def test_user_text_cannot_end_the_script_or_add_markup():
    doc = formats.load(SAMPLES / "wms.json")
    hostile = '</script><script>alert(1)</script><img src=x onerror=alert(2)> & "引号"'
    node = doc.root.kids[0]
    node.title = hostile
    node.notes = hostile
    doc.set_suggestions(node, (Suggestion(id="hostile1", text=hostile),))
    page = write_html(doc).decode()
    assert "<script>alert(1)" not in page and "<img" not in page
    assert page.count("<script") == 2  # the data block and the page's own script
    data = _data(page)
    assert data["nodes"][node.id]["title"] == hostile
    assert data["nodes"][node.id]["notes"] == hostile


def test_html_is_export_only_and_takes_the_picture_options(tmp_path, capsys):
    from featuretree.cli.main import main

    fmt = formats.by_name("html")
    assert fmt.export_only and formats.for_path("x.htm") is fmt
    out = tmp_path / "wms.html"
    assert (
        main(["export", "--sample", "wms", "-f", "html", "--direction", "right", "-o", str(out)])
        == 0
    )
    data = _data(out.read_text(encoding="utf-8"))
    assert data["direction"] == "right"
