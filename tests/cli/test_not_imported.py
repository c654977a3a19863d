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
