"""Binding descriptions from the i18n catalogue instead of the English in ``BINDINGS``.

Textual copies a class's merged bindings into every instance; :func:`localize_bindings`
rewrites that instance copy, so the footer, help and command palette speak the UI
language chosen at start-up. Call it in ``__init__`` after ``super().__init__()``.
"""

from __future__ import annotations

import dataclasses

from textual.dom import DOMNode

from featuretree.i18n import binding_description
from featuretree.tui._textual.keys import node_bindings


def localize_bindings(node: DOMNode) -> None:
    """Give every binding of ``node`` that has an id its catalogue description."""
    table = node_bindings(node).key_to_bindings
    for key, bindings in table.items():
        table[key] = [_localized(binding) for binding in bindings]


def _localized(binding):
    if not binding.id:
        return binding
    text = binding_description(binding.id)
    if text == f"binding.{binding.id}":  # not in the catalogue: keep the English
        return binding
    return dataclasses.replace(binding, description=text)
