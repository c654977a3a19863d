"""``convert`` and ``export`` say on stderr what the input had that was not imported."""

from __future__ import annotations

from pathlib import Path

import pytest

FREEMIND = """<map><node TEXT="App">
<node TEXT="首页"><arrowlink DESTINATION="ID_2"/></node>
<node><richcontent TYPE="NODE"><html><body><img src="images/流程图.png"/></body></html></richcontent></node>
</node></map>"""


@pytest.fixture
def mm_path(tmp_path: Path) -> Path:
    path = tmp_path / "colleague.mm"
    path.write_text(FREEMIND, encoding="utf-8")
    return path


def test_convert_says_what_was_not_imported(run, mm_path: Path, tmp_path: Path) -> None:
    status, out, err = run("convert", mm_path, tmp_path / "out.json")
    assert status == 0
    assert "warning: not imported: 1 image, 1 arrow link" in err
    assert "not imported" not in out


def test_export_to_stdout_keeps_it_off_the_output(run, mm_path: Path) -> None:
    status, out, err = run("export", mm_path, "--format", "md")
    assert status == 0
    assert "warning: not imported: 1 image, 1 arrow link" in err
    assert "not imported" not in out


def test_nothing_is_said_when_everything_was_imported(run, tmp_path: Path) -> None:
    path = tmp_path / "plain.mm"
    path.write_text('<map><node TEXT="App"><node TEXT="首页"/></node></map>', encoding="utf-8")
    status, _, err = run("convert", path, tmp_path / "out.json")
    assert status == 0 and "not imported" not in err


_ANNOTATED_MM = """<map><node TEXT="App">
<node TEXT="首页"><richcontent TYPE="NOTE"><html><body><p>首页 备注</p></body></html></richcontent>
<attribute NAME="tag" VALUE="核心"/></node>
</node></map>"""


def test_convert_to_a_format_that_drops_notes_says_so(run, tmp_path: Path) -> None:
    path = tmp_path / "colleague.mm"
    path.write_text(_ANNOTATED_MM, encoding="utf-8")
    status, out, err = run("convert", path, tmp_path / "out.mmd")
    assert status == 0
    # Mermaid holds titles only: the note and the tag do not reach OUT, and that is said.
    assert "does not keep: notes of 1 node, 1 tag" in err
    assert "does not keep" not in out
    # A format that keeps them says nothing.
    status, _, err = run("convert", path, tmp_path / "out.opml")
    assert status == 0 and "does not keep" not in err


def test_export_to_stdout_says_what_it_drops_on_stderr(run, tmp_path: Path) -> None:
    path = tmp_path / "colleague.mm"
    path.write_text(_ANNOTATED_MM, encoding="utf-8")
    status, out, err = run("export", path, "--format", "mermaid")
    assert status == 0
    assert "does not keep" in err and "does not keep" not in out
    assert out.startswith("mindmap")


def _xmind(path: Path) -> None:
    import io
    import json
    import zipfile

    root = {
        "id": "r",
        "title": "App",
        "children": {
            "attached": [{"id": "a", "title": "首页"}, {"id": "b", "title": "我的"}],
            "detached": [{"id": "f", "title": "待定"}],
        },
    }
    sheet = {
        "id": "s",
        "title": "App",
        "rootTopic": root,
        "relationships": [{"id": "r1", "end1Id": "a", "end2Id": "f"}],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.json", json.dumps([sheet], ensure_ascii=False))
    path.write_bytes(buffer.getvalue())


def test_an_xmind_converted_to_json_keeps_what_the_editor_does_not_show(
    run, tmp_path: Path
) -> None:
    # The floating topic and the relationship are carried in the JSON (and written back
    # when it is converted to XMind again): nothing to warn about.
    path = tmp_path / "colleague.xmind"
    _xmind(path)
    status, _, err = run("convert", path, tmp_path / "out.json")
    assert status == 0 and "not imported" not in err, err
    status, _, err = run("convert", tmp_path / "out.json", tmp_path / "back.xmind")
    assert status == 0 and "warning" not in err, err
    # Markdown has no place for them: said.
    status, _, err = run("convert", path, tmp_path / "out.md")
    assert "warning: not imported: 1 floating topic, 1 relationship" in err, err
