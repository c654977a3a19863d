"""The fixed choices a PM makes on a node and a suggestion: status, priority, progress.

Plain enums, apart from the pydantic models of :mod:`featuretree.model.annotations`
(which re-exports them), so that printing marks or a command's help needs no pydantic.
"""

from __future__ import annotations

from enum import StrEnum


class FeatureStatus(StrEnum):
    """The colour a PM gives a box in the diagram."""

    EXISTING = "existing"
    NEW = "new"
    CHANGED = "changed"
    DEPRECATED = "deprecated"


class Priority(StrEnum):
    """Suggestion priority, P0 most urgent."""

    P0 = "P0"
    P1 = "P1"
    P2 = "P2"
    P3 = "P3"


class SuggestionStatus(StrEnum):
    """Where a suggestion stands."""

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    REJECTED = "rejected"

    @property
    def is_open(self) -> bool:
        """True while the suggestion still asks for work (not done, not rejected)."""
        return self not in (SuggestionStatus.DONE, SuggestionStatus.REJECTED)
