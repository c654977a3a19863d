"""Every key of the editor's UI is in one registry, with an id a keymap can move."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from textual.dom import DOMNode

import featuretree.tui
from featuretree import i18n
from featuretree.tui.bindings import ALL_BINDINGS, UI_BINDINGS


def _tui_classes() -> list[type[DOMNode]]:
    classes = []
    for info in pkgutil.walk_packages(featuretree.tui.__path__, "featuretree.tui."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, DOMNode) and cls.__module__ == module.__name__:
                classes.append(cls)
    return classes


def test_every_binding_of_every_screen_and_widget_comes_from_the_registry() -> None:
    registry = {id(binding) for binding in [*ALL_BINDINGS, *UI_BINDINGS]}
    strays = [
        f"{cls.__module__}.{cls.__qualname__}: {binding!r}"
        for cls in _tui_classes()
        for binding in cls.__dict__.get("BINDINGS", [])
        if id(binding) not in registry
    ]
    assert strays == []


def test_every_binding_has_an_id_and_words_in_both_languages() -> None:
    for language in ("en", "zh"):
        i18n.set_language(language)
        try:
            for binding in [*ALL_BINDINGS, *UI_BINDINGS]:
                assert binding.id, binding
                text = i18n.binding_description(binding.id)
                assert text != f"binding.{binding.id}", (language, binding.id)
                if binding.group is not None:  # the key bar's one entry for the group
                    key = f"binding.group.{binding.group.description}"
                    assert key in i18n.CATALOGUES[language], (language, binding.id)
        finally:
            i18n.set_language("en")


@pytest.mark.parametrize("answer", ["overwrite", "save_as"])
async def test_a_question_answers_to_the_key_the_keymap_gives_it(answer: str) -> None:
    from textual.app import App
    from textual.widgets import Button

    from featuretree.tui.screens.questions import external_change_dialog

    chosen: list[str | None] = []

    class Host(App[None]):
        def on_mount(self) -> None:
            self.set_keymap({f"question.{answer}": "f9"})
            self.push_screen(external_change_dialog("a.json"), chosen.append)

    async with Host().run_test() as pilot:
        await pilot.pause()
        label = str(pilot.app.screen.query_one(f"#choice-{answer}", Button).label)
        assert label.endswith("(F9)")
        await pilot.press("f9")
        await pilot.pause()
    assert chosen == [answer]
