"""A tiny host app for the annotation screens: push one, remember what it dismissed with."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App
from textual.screen import Screen

from featuretree.i18n import set_language

_UNSET = object()


class Host(App[None]):
    """Pushes ``screen`` on mount and records the result of its dismissal."""

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.screen_under_test = screen
        self.result: Any = _UNSET

    def on_mount(self) -> None:
        self.push_screen(self.screen_under_test, self._done)

    def _done(self, result: Any) -> None:
        self.result = result

    @property
    def dismissed(self) -> bool:
        return self.result is not _UNSET


@pytest.fixture(autouse=True)
def english():
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def host() -> type[Host]:
    """The host app class: ``app = host(screen)``."""
    return Host
