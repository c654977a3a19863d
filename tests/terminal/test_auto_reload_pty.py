"""Another program rewrites the open file: the editor shows the new content by itself
(issue 17, "Also expected"), in a real terminal with the real 2-second look at the file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from featuretree import formats
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import attach
from terminal.screen import open_app

REWRITE = """\
import json, sys
path = sys.argv[1]
with open(path, encoding="utf-8") as handle:
    data = json.load(handle)
text = json.dumps(data, ensure_ascii=False).replace("书架", "阅读记录")
with open(path, "w", encoding="utf-8") as handle:  # in place, as many tools write
    handle.write(text)
"""


def _document(tmp_path: Path) -> Path:
    doc = Document.new("读书 App")
    attach(FeatureNode("书架", id="shelf"), doc.root)
    doc = Document(doc.root)
    path = tmp_path / "读书.json"
    formats.save(doc, path)
    return path


def test_a_file_rewritten_by_another_process_is_shown_again(tmp_path: Path) -> None:
    path = _document(tmp_path)
    with open_app([str(path)], tmp_path) as app:
        app.wait_for("书架")
        subprocess.run([sys.executable, "-c", REWRITE, str(path)], check=True)
        app.wait_for("阅读记录", timeout=15)  # within a look or two (every 2 s)
        app.wait_for("Reloaded", timeout=5)
        assert "书架" not in app.text()
        assert "●" not in app.lines()[0]  # unmodified: nothing to save
