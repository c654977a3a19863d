"""A toast over the editor's split shows its Chinese whole (Textual issue #6357)."""

from __future__ import annotations

from pathlib import Path

import pytest

from terminal.screen import open_app


@pytest.mark.parametrize(("language", "copied"), [("zh", "已复制“设置”"), ("en", "Copied “设置”")])
def test_a_copied_title_is_readable_in_the_toast(
    tmp_path: Path, language: str, copied: str
) -> None:
    with open_app(["--sample", "zhihu"], tmp_path, size=(80, 24), language=language) as app:
        app.wait_for("知乎 App")
        app.press("end", *["up"] * 6)  # 设置, the last module, lies over the split
        app.press("ctrl+c")
        app.wait_for(copied[:2])
        assert copied in app.text(), app.text()
