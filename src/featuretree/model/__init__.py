"""The document model: nodes, annotations and the tree, with no UI and no I/O.

The names below are imported from their modules when first asked for, so that a
module that needs only :mod:`featuretree.model.tree` or :mod:`featuretree.model.text`
does not pay for pydantic (the annotations' models) at start-up.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from featuretree.model.annotations import (
        ChangeEntry,
        DocumentMeta,
        FeatureStatus,
        Link,
        Priority,
        Revision,
        Suggestion,
        SuggestionStatus,
    )
    from featuretree.model.document import Document
    from featuretree.model.node import FeatureNode

_WHERE = {
    "ChangeEntry": "annotations",
    "Document": "document",
    "DocumentMeta": "annotations",
    "FeatureNode": "node",
    "FeatureStatus": "annotations",
    "Link": "annotations",
    "Priority": "annotations",
    "Revision": "annotations",
    "Suggestion": "annotations",
    "SuggestionStatus": "annotations",
}

__all__ = [
    "ChangeEntry",
    "Document",
    "DocumentMeta",
    "FeatureNode",
    "FeatureStatus",
    "Link",
    "Priority",
    "Revision",
    "Suggestion",
    "SuggestionStatus",
]


def __getattr__(name: str) -> object:
    """A model class, or a submodule (``model.ids``), imported when first asked for."""
    module = _WHERE.get(name)
    if module is not None:
        return getattr(importlib.import_module(f"{__name__}.{module}"), name)
    if name.startswith("_"):
        raise AttributeError(name)
    try:
        return importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__name__}.{name}":
            raise
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
