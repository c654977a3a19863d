"""The document model: nodes, annotations and the tree, with no UI and no I/O."""

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
