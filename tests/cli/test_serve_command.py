"""``featuretree serve``: the command line around textual-serve (no browser needed here).

The real-browser tests are in ``tests/browser/`` (``pytest -m browser``).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

import featuretree
from featuretree.cli import serve
from featuretree.samples_catalog import sample_path


class FakeServer:
    """Stands in for ``textual_serve.server.Server``: records what it was given."""

    made: list[FakeServer] = []
    fail: OSError | None = None

    def __init__(self, command: str, host: str, port: int, title: str) -> None:
        self.command, self.host, self.port, self.title = command, host, port, title
        self.served = False
        FakeServer.made.append(self)

    def serve(self) -> None:
        if FakeServer.fail is not None:
            raise FakeServer.fail
        self.served = True


@pytest.fixture
def fake_server(monkeypatch: pytest.MonkeyPatch) -> type[FakeServer]:
    textual_serve_server = pytest.importorskip("textual_serve.server")
    FakeServer.made = []
    FakeServer.fail = None
    monkeypatch.setattr(textual_serve_server, "Server", FakeServer)
    # run() may set $PYTHONPATH for the editor processes: put it back afterwards
    monkeypatch.setenv("PYTHONPATH", os.environ.get("PYTHONPATH", ""))
    return FakeServer


def test_help_says_there_is_no_login_and_how_to_install(run) -> None:
    status, out, _ = run("serve", "--help")
    assert status == 0
    assert "NO LOGIN" in out
    assert "127.0.0.1" in out
    assert "pip install 'featuretree[web]'" in out


def test_top_level_help_names_serve(run) -> None:
    status, out, _ = run("--help")
    assert status == 0
    assert "serve" in out


def test_without_textual_serve_says_how_to_get_it(run, monkeypatch: pytest.MonkeyPatch) -> None:
    # None in sys.modules makes `import textual_serve...` fail as if it were not installed
    monkeypatch.setitem(sys.modules, "textual_serve", None)
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    status, out, err = run("serve", "--sample", "zhihu")
    assert status == 2
    assert out == ""
    assert err.strip() == f"featuretree: {serve.NOT_INSTALLED}"
    assert "pip install 'featuretree[web]'" in err
    assert "Traceback" not in err


def test_serves_this_pythons_featuretree_on_the_file_on_localhost(
    run, fake_server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "产品 图.json").write_text("{}", encoding="utf-8")
    status, _, err = run("serve", "产品 图.json")
    assert status == 0
    assert err == ""  # localhost: no warning
    (server,) = fake_server.made
    assert server.served
    assert (server.host, server.port) == ("127.0.0.1", 8000)
    assert shlex.split(server.command) == [
        sys.executable,
        "-P",
        "-m",
        "featuretree",
        "edit",
        "--",
        str(tmp_path / "产品 图.json"),
    ]


def test_sample_is_passed_by_name(run, fake_server) -> None:
    status, _, _ = run("serve", "--sample", "zhihu", "--port", "8123")
    assert status == 0
    (server,) = fake_server.made
    assert server.port == 8123
    assert shlex.split(server.command)[-3:] == ["edit", "--sample", "zhihu"]


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::"])
def test_listening_beyond_this_machine_warns(run, fake_server, host: str) -> None:
    status, _, err = run("serve", "--sample", "zhihu", "--host", host)
    assert status == 0
    assert fake_server.made[0].host == host
    assert err.startswith("featuretree: warning: listening on ")
    assert "there is no login" in err
    assert str(sample_path("zhihu")) in err


def test_port_in_use_is_one_line_and_exit_1(run, fake_server) -> None:
    fake_server.fail = OSError(98, "Address already in use")
    status, _, err = run("serve", "--sample", "zhihu", "--port", "8124")
    assert status == 1
    assert err.strip() == "featuretree: cannot listen on 127.0.0.1:8124: Address already in use"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--sample", "nope"], "no sample called 'nope'"),
        (["--port", "70000"], "--port must be between 1 and 65535"),
        (["-"], "cannot open standard input"),
    ],
)
def test_bad_input_is_a_usage_error(run, fake_server, args: list[str], message: str) -> None:
    status, _, err = run("serve", *args)
    assert status == 2
    assert message in err
    assert fake_server.made == []


def test_editor_processes_import_this_featuretree_from_any_folder(tmp_path: Path) -> None:
    """The command textual-serve runs, from another folder that has a ``featuretree`` of its
    own, still imports the featuretree that is serving (``-P`` and ``$PYTHONPATH``)."""
    decoy = tmp_path / "featuretree"
    decoy.mkdir()
    (decoy / "__init__.py").write_text("raise SystemExit('the decoy was imported')\n")
    env = dict(os.environ)
    pythonpath = serve.child_pythonpath(env.get("PYTHONPATH"))
    if pythonpath is not None:
        env["PYTHONPATH"] = pythonpath
    words = shlex.split(serve.app_command(_args()))
    python, flag = words[0], words[1]
    found = subprocess.run(
        [python, flag, "-c", "import featuretree; print(featuretree.__file__)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert found.stdout.strip() == featuretree.__file__


def _args(**given: object):
    import argparse

    defaults = {"file": None, "sample": "zhihu", "from_format": None}
    return argparse.Namespace(**(defaults | given))


def test_the_editor_runs_without_a_terminal_when_textual_serve_drives_it(
    run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under textual-serve the editor talks through pipes ($TEXTUAL_DRIVER is its web
    driver): `edit` must start instead of refusing for want of a terminal."""
    from featuretree.tui import FeatureTreeApp

    started: list[FeatureTreeApp] = []
    monkeypatch.setattr(FeatureTreeApp, "run", lambda self: started.append(self))
    status, _, err = run("edit", "--sample", "zhihu")  # stdin/stdout are not terminals here
    assert status == 2
    assert "needs a terminal" in err
    assert started == []
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    status, _, err = run("edit", "--sample", "zhihu")
    assert (status, err) == (0, "")
    assert len(started) == 1
