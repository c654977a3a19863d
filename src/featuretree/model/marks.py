"""The marks a node carries, shared by the editor's rows and diagram, ``featuretree show``
and the exported picture (SVG, PNG, HTML).

Before the title, its feature status (plain existing features get none); after it, its
counts: change-log entries and open suggestions. One set of marks, so what a PM learns
in the editor reads the same in the terminal printout.
"""

from __future__ import annotations

from featuretree.model.enums import FeatureStatus

STATUS_MARK = {
    FeatureStatus.NEW: "✚",
    FeatureStatus.CHANGED: "✱",
    FeatureStatus.DEPRECATED: "✖",
}
"""The mark drawn before a title, by status; ``existing`` has none."""

STATUS_GLYPH = {status: f"{mark} " for status, mark in STATUS_MARK.items()}
"""The mark with the space that separates it from the title."""

CHANGES_MARK = "✎"
"""Before the number of change-log entries."""

SUGGESTIONS_MARK = "◆"
"""Before the number of open (not done, not rejected) suggestions."""


def count_badges(changes: int, open_count: int) -> str:
    """``"✎2 ◆3"``: the counts that are not zero, or ``""``."""
    badges = []
    if changes:
        badges.append(f"{CHANGES_MARK}{changes}")
    if open_count:
        badges.append(f"{SUGGESTIONS_MARK}{open_count}")
    return " ".join(badges)
