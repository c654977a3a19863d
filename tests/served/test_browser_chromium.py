"""``featuretree serve`` in a real Chromium (opt-in: ``pytest -m browser``; README).

Each test starts ``featuretree serve`` (this checkout's code) on a free port and drives
pages in the system Chromium with playwright. xterm.js draws on a canvas, so the tests
assert on what the app does (the file saved, the download received); to wait for the
app they read what it sent to the page over the websocket (the terminal output stream,
escape codes removed). Screenshots of each step are kept for a person to look at: in
``$FEATURETREE_BROWSER_SHOTS`` if set, else in the test's tmp folder (the path is
printed; ``pytest -m browser -s`` shows it).
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import featuretree
from featuretree import formats
from featuretree.samples_catalog import sample_path

pytestmark = pytest.mark.browser

ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][A-Z0-9]|[=>78])")
TIMEOUT = 20.0


@pytest.fixture
def shots(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """Where this test's screenshots go."""
    base = os.environ.get("FEATURETREE_BROWSER_SHOTS")
    folder = (Path(base) if base else tmp_path / "shots") / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {folder}")
    return folder


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., str]]:
    """``serve(*args) -> url``: run ``featuretree serve *args`` in ``tmp_path/server``."""
    started: list[subprocess.Popen[bytes]] = []
    folder = tmp_path / "server"
    folder.mkdir()

    def start(*args: str) -> str:
        port = _free_port()
        env = dict(os.environ)
        for name in ("LC_ALL", "LC_MESSAGES"):
            env.pop(name, None)
        env.update(
            LANG="zh_CN.UTF-8",  # the Chinese UI, as the PMs see it
            FEATURETREE_AUTOSAVE_DELAY="0.3",
            # this checkout's featuretree, in the server and in each editor it starts
            PYTHONPATH=os.pathsep.join(
                [str(Path(featuretree.__file__).resolve().parents[1]), env.get("PYTHONPATH", "")]
            ),
        )
        log = open(tmp_path / f"serve-{port}.log", "wb")  # noqa: SIM115 - closed at teardown
        process = subprocess.Popen(
            [sys.executable, "-m", "featuretree", "serve", *args, "--port", str(port)],
            cwd=folder,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its group holds the editors it starts, ended below
        )
        log.close()
        started.append(process)
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail((tmp_path / f"serve-{port}.log").read_text(errors="replace"))
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                return f"http://127.0.0.1:{port}/"
            except OSError:
                time.sleep(0.1)
        pytest.fail(f"featuretree serve did not listen on port {port}")

    yield start
    for process in started:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            continue
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


class Tab:
    """One browser page on the server, with what the editor drew in it so far."""

    def __init__(self, browser, url: str, shots: Path, name: str) -> None:
        self.context = browser.new_context(
            viewport={"width": 1200, "height": 800}, accept_downloads=True
        )
        self.page = self.context.new_page()
        self.shots = shots
        self.name = name
        self._received = bytearray()
        self.page.on("websocket", self._watch)
        self.page.goto(url)

    def _watch(self, websocket) -> None:
        def received(payload: bytes | str) -> None:
            if isinstance(payload, bytes):
                self._received += payload

        websocket.on("framereceived", received)

    def drawn(self) -> str:
        """Everything the editor sent, as text (escape codes removed)."""
        return ANSI.sub("", self._received.decode("utf-8", errors="replace"))

    def wait_for(self, text: str, *, after: int = 0) -> int:
        """Wait until the editor has drawn ``text`` (past position ``after``); its end."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            found = self.drawn().find(text, after)
            if found >= 0:
                return found + len(text)
            self.page.wait_for_timeout(100)  # lets playwright deliver the frames
        self.shot("timeout")
        pytest.fail(f"{self.name}: {text!r} was never drawn; last: {self.drawn()[-400:]!r}")

    def mark(self) -> int:
        """Where the output is now, to wait for what comes after."""
        return len(self.drawn())

    def settle(self, seconds: float = 0.4) -> None:
        self.page.wait_for_timeout(seconds * 1000)

    def focus(self) -> None:
        """Click the terminal (keys go nowhere before): on the title bar, which does nothing."""
        self.page.locator(".xterm-screen").first.click(position={"x": 600, "y": 5})

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)
            self.settle(0.15)

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)

    def shot(self, step: str) -> Path:
        path = self.shots / f"{self.name}-{step}.png"
        self.page.screenshot(path=str(path))
        return path

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def tabs(browser, shots: Path) -> Iterator[Callable[[str, str], Tab]]:
    opened: list[Tab] = []

    def open_tab(url: str, name: str) -> Tab:
        tab = Tab(browser, url, shots, name)
        opened.append(tab)
        return tab

    yield open_tab
    for tab in opened:
        tab.close()


def _wait_until(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")


def _titles(path: Path) -> list[str]:
    """Every node title in featuretree JSON file ``path``, in document order."""
    if not path.exists():
        return []
    try:
        doc = formats.load(path)
    except formats.FormatError:
        return []  # being written
    titles, stack = [], [doc.root]
    while stack:
        node = stack.pop()
        titles.append(node.title)
        stack.extend(reversed(node.kids))
    return titles


def _cjk_font_draws_glyphs(page) -> bool:
    """Whether Chromium draws 知乎 differently from characters no font has (empty boxes)."""
    return page.evaluate(
        """() => {
            const canvas = document.createElement('canvas');
            canvas.width = 96; canvas.height = 40;
            const g = canvas.getContext('2d');
            const draw = (s) => {
                g.clearRect(0, 0, 96, 40);
                g.font = '28px monospace';
                g.fillText(s, 0, 30);
                return g.getImageData(0, 0, 96, 40).data.join(',');
            };
            return draw('知乎') !== draw('\\u0378\\u0379');
        }"""
    )


def test_a_sample_in_the_page_gets_a_chinese_node_and_is_saved(serve, tabs, tmp_path: Path) -> None:
    tab = tabs(serve("--sample", "zhihu"), "sample")
    tab.wait_for("知乎直答")
    assert _cjk_font_draws_glyphs(tab.page), (
        "no CJK font for Chromium: apt-get install fonts-noto-cjk"
    )
    tab.shot("1-opened")
    tab.focus()
    tab.press("Home", "Tab")  # a child of the root
    tab.type("浏览器里加的功能")
    tab.wait_for("浏览器里加的功能")
    tab.shot("2-typed")
    tab.press("Enter")
    at = tab.mark()
    tab.press("Control+s")  # a sample is a template: asks where to save it
    tab.wait_for(".json", after=at)
    tab.shot("3-save-as")
    tab.press("Enter")  # the suggested name, in the server's folder
    folder = tmp_path / "server"
    _wait_until(
        lambda: any("浏览器里加的功能" in _titles(p) for p in folder.glob("*.json")),
        "the saved file",
    )
    (saved,) = folder.glob("*.json")
    assert formats.load(saved).root.kids[-1].title == "浏览器里加的功能"  # where Tab put it
    assert set(_titles(sample_path("zhihu"))) < set(_titles(saved))  # and all the rest
    tab.settle()
    tab.shot("4-saved")


def test_export_to_markdown_arrives_as_a_download(serve, tabs, tmp_path: Path) -> None:
    source = tmp_path / "知乎.json"
    source.write_bytes(sample_path("zhihu").read_bytes())
    tab = tabs(serve(str(source)), "export")
    tab.wait_for("知乎直答")
    tab.focus()
    tab.press("Control+e")
    tab.wait_for("Markdown")
    tab.shot("1-export-form")
    with tab.page.expect_download(timeout=TIMEOUT * 1000) as caught:
        tab.press("Enter")
    download = caught.value
    assert download.suggested_filename == "知乎.md"
    received = tmp_path / "received.md"
    download.save_as(received)
    assert received.read_bytes() == formats.dumps(formats.load(source), "md")
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".md") == ["received.md"]
    tab.wait_for("知乎.md")  # the "exported" notice
    tab.shot("2-downloaded")


def test_two_pages_on_one_file_lose_nothing_and_the_second_is_asked(
    serve, tabs, tmp_path: Path
) -> None:
    source = tmp_path / "知乎.json"
    source.write_bytes(sample_path("zhihu").read_bytes())
    url = serve(str(source))
    state = Path(os.environ["FEATURETREE_STATE_DIR"]) / "recovery"

    first = tabs(url, "first")
    first.wait_for("知乎直答")
    first.focus()
    first.press("Home", "Tab")
    first.type("甲功能")
    first.press("Enter")
    # its autosave keeps the unsaved edit for the file (the recovery file, with its pid)
    _wait_until(lambda: any(state.glob("*.recovery")), "the first page's autosave")

    second = tabs(url, "second")
    second.wait_for("可能仍打开着它")  # told: featuretree (process N) may still have it open
    second.shot("1-told")
    second.focus()
    second.press("r")  # restore: the first page's edit, here too
    second.press("End")  # the root's last child: that edit
    second.wait_for("甲功能")
    second.press("Home", "Tab")
    second.type("乙功能")
    second.press("Enter")

    first.press("Control+s")
    _wait_until(lambda: "甲功能" in _titles(source), "the first page's save")
    assert "乙功能" not in _titles(source)

    at = second.mark()
    second.press("Control+s")
    second.wait_for("自打开以来已在磁盘上被修改", after=at)  # asked: changed on disk
    second.shot("2-asked")
    second.settle(1.0)
    assert "乙功能" not in _titles(source)  # nothing written before the answer
    second.press("o")  # overwrite: its document holds the first page's edit too
    _wait_until(lambda: "乙功能" in _titles(source), "the second page's save")
    titles = _titles(source)
    assert "甲功能" in titles and "乙功能" in titles
    assert json.loads(source.read_text(encoding="utf-8"))  # a whole file
    second.settle()
    second.shot("3-saved")


def test_a_list_pasted_with_ctrl_shift_v_becomes_nodes_and_ctrl_v_says_so(
    serve, tabs, tmp_path: Path
) -> None:
    """The browser's paste (Ctrl+Shift+V; Cmd+V on a Mac) reaches the editor as a paste:
    lines become nodes with their indentation and spaces. Ctrl+V is the editor's own key
    (paste a copied node); with none copied it says which paste to use."""
    source = tmp_path / "仓库.json"
    source.write_bytes(sample_path("wms").read_bytes())
    tab = tabs(serve(str(source)), "paste")
    first = formats.load(source).root.kids[0].title
    tab.wait_for(first)
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab.page.evaluate(
        "navigator.clipboard.writeText('退货管理\\n  退货 申请\\n  退货 审核（仓库主管）\\n逆向物流 追踪')"
    )
    tab.focus()
    tab.press("Home")
    at = tab.mark()
    tab.press("Control+v")
    tab.wait_for("Ctrl+Shift+V", after=at)
    tab.shot("1-ctrl-v")
    tab.press("Control+Shift+v")
    tab.wait_for("逆向物流", after=at)
    tab.shot("2-pasted")
    tab.press("Control+s")
    _wait_until(lambda: "逆向物流 追踪" in _titles(source), "the saved file")
    kids = formats.load(source).root.kids
    assert [(k.title, [g.title for g in k.kids]) for k in kids[-2:]] == [
        ("退货管理", ["退货 申请", "退货 审核（仓库主管）"]),
        ("逆向物流 追踪", []),
    ]


def test_a_tab_closed_while_a_title_is_typed_keeps_it_for_the_next_tab(
    serve, tabs, tmp_path: Path
) -> None:
    """Closing the tab (Ctrl+W closes it: the browser keeps that key) stopped the editor
    at once, losing the title being typed. It is kept as on SIGHUP and offered next time."""
    source = tmp_path / "仓库.json"
    source.write_bytes(sample_path("wms").read_bytes())
    url = serve(str(source))
    first_title = formats.load(source).root.kids[0].title
    tab = tabs(url, "closed")
    tab.wait_for(first_title)
    tab.focus()
    tab.press("Home", "Tab")
    tab.type("关页前 新增的功能")
    tab.wait_for("新增的功能")
    tab.page.close()
    again = tabs(url, "reopened")
    again.wait_for("上次停止时保留了")  # the recovery prompt
    again.shot("1-offered")
    again.focus()
    again.press("r")  # restore
    again.wait_for("关页前 新增的功能")
    again.press("Control+s")
    _wait_until(lambda: "关页前 新增的功能" in _titles(source), "the saved file")
