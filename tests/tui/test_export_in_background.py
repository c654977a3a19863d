"""Ctrl+E → PNG takes seconds (resvg rasterising): it is made in the background, the
editor goes on taking keys meanwhile, and the file is written once, atomically, with
the document as it was when Enter was pressed."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from editor_helpers import SIZE, editor, titles
from persistence_helpers import wait_for

from featuretree import formats
from featuretree.storage import forked
from featuretree.tui import FeatureTreeApp


@pytest.fixture(params=["fork", "thread"])
def slow_png(request, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake PNG writer that waits until the returned gate file exists (a file: it may
    run in a forked child) and says which nodes it drew; with and without fork."""
    monkeypatch.setenv(forked.FORK_ENV, "1" if request.param == "fork" else "0")
    if request.param == "fork" and not forked.available():
        pytest.skip("no fork here")
    gate = tmp_path / "gate"
    calls = tmp_path / "calls"
    original = formats.dumps

    def dumps(doc, fmt, **options):
        if fmt != "png":
            return original(doc, fmt, **options)
        with calls.open("a") as log:
            log.write("drawn\n")
        deadline = time.monotonic() + 20
        while not gate.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        return "PNG " + "|".join(node.title for node in doc.iter_nodes())

    def encoded(doc, fmt, **options):
        result = dumps(doc, fmt, **options)
        return result.encode() if isinstance(result, str) else result

    monkeypatch.setattr(formats, "dumps", encoded)
    return gate


def _notes(app: FeatureTreeApp, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    original = app.notify

    def notify(message, *args, **kwargs):
        seen.append(str(message))
        return original(message, *args, **kwargs)

    monkeypatch.setattr(app, "notify", notify)
    return seen


async def test_the_editor_takes_keys_while_a_png_is_made(
    doc_path: Path, slow_png: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = doc_path.with_suffix(".png")
    app = FeatureTreeApp(doc_path)
    notes = _notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.last_export_format = "png"  # the format chosen last: offered first
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = editor(app)
        assert app.screen is screen  # the form closed; the picture is being made
        assert any("Exporting" in note and "app.png" in note for note in notes)
        # Keys typed meanwhile are handled at once: a new node is added and named.
        await pilot.press("end", "enter", *"新节点", "enter")
        await pilot.pause()
        assert titles(screen)[-1] == "新节点"
        assert not target.exists() and not any("Exported" in note for note in notes)
        slow_png.touch()  # the picture is done
        await wait_for(pilot, lambda: any("Exported to" in note for note in notes), 20)
    drawn = target.read_text(encoding="utf-8")
    assert drawn.startswith("PNG App|") and "新节点" not in drawn  # as when Enter was pressed
    assert (slow_png.parent / "calls").read_text() == "drawn\n"  # drawn and written once
    assert sorted(p.name for p in doc_path.parent.iterdir() if p.name.startswith("app")) == [
        "app.json",
        "app.png",
    ]  # no temporary file left beside it


async def test_a_png_that_cannot_be_made_says_why(
    doc_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fails(doc, fmt, **options):
        raise formats.FormatError("PNG export needs resvg: pip install 'featuretree[png]'")

    monkeypatch.setattr(formats, "dumps", fails)
    app = FeatureTreeApp(doc_path)
    notes = _notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.last_export_format = "png"
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("Not exported" in note for note in notes), 20)
    assert any("needs resvg" in note for note in notes)
    assert not doc_path.with_suffix(".png").exists()


async def test_served_a_png_made_in_the_background_is_a_download(
    doc_path: Path, slow_png: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.app import App

    delivered: list[tuple[bytes, str | None]] = []

    def deliver_binary(self, path_or_file, *, save_filename=None, **kwargs):
        delivered.append((path_or_file.read(), save_filename))
        return "key"

    monkeypatch.setattr(App, "is_web", property(lambda self: True))
    monkeypatch.setattr(App, "deliver_binary", deliver_binary)
    slow_png.touch()
    app = FeatureTreeApp(doc_path)
    notes = _notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.last_export_format = "png"
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("Exported to app.png" in note for note in notes), 20)
    ((data, name),) = delivered
    assert name == "app.png" and data.startswith(b"PNG App|")
    assert not doc_path.with_suffix(".png").exists()  # served: nothing written on the server
