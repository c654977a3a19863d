"""Which characters a key types: every one but a control character (the house rule: a
space is never stripped; control characters are stripped on import only)."""

from __future__ import annotations

import pytest

from featuretree.model.text import is_typed_text


@pytest.mark.parametrize(
    "character",
    ["a", " ", "书", "\u3000", "\u00a0", "\u2002", "\u202f", "\u200d", "😀", "，"],
    ids=repr,
)
def test_text_and_every_kind_of_space_is_typed(character: str) -> None:
    assert is_typed_text(character)


@pytest.mark.parametrize(
    "character", [None, "", "\x00", "\x1b", "\t", "\n", "\r", "\x7f", "\x85", "\x9b", "\ud800"]
)
def test_controls_are_not_typed(character: str | None) -> None:
    assert not is_typed_text(character)
