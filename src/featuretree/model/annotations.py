"""Pydantic models for what a node carries besides its title: change log, suggestions, links.

The models are frozen: an edit replaces an entry instead of mutating it, which is what
lets every operation be undone by putting the old value back.

No ``from __future__ import annotations`` here: pydantic would have to evaluate every
field's annotation from a string when the class is built, at every start of a command
that reads a file; real annotations are read as they are.
"""

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from featuretree.model.enums import FeatureStatus, Priority, SuggestionStatus
from featuretree.model.text import clean_line, clean_text

__all__ = [
    "ChangeEntry",
    "DocumentMeta",
    "FeatureStatus",
    "Link",
    "Priority",
    "Revision",
    "Suggestion",
    "SuggestionStatus",
]

Line = Annotated[str, AfterValidator(clean_line)]
"""A single line of user text, cleaned of control characters."""

RequiredLine = Annotated[str, AfterValidator(clean_line), StringConstraints(min_length=1)]
"""A single non-empty line of user text."""

Text = Annotated[str, AfterValidator(clean_text)]
"""Multi-line user text, cleaned of control characters."""

RequiredText = Annotated[str, AfterValidator(clean_text), StringConstraints(min_length=1)]

IdStr = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")]
"""A stable id: short, no spaces, safe in every export format."""


def _today() -> dt.date:
    return dt.date.today()


class ChangeEntry(BaseModel):
    """One line of a node's change log (修改记录)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Line | None = None
    date: dt.date = Field(default_factory=_today)
    author: Line | None = None
    summary: RequiredText


class Suggestion(BaseModel):
    """One optimization suggestion (优化建议) on a node."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: IdStr
    text: RequiredText
    rationale: Text | None = None
    priority: Priority = Priority.P2
    status: SuggestionStatus = SuggestionStatus.PROPOSED
    author: Line | None = None
    created: dt.date = Field(default_factory=_today)


class Link(BaseModel):
    """A link from a node to something outside the map: a PRD, a design, a ticket.

    Other tools keep these on a node (FreeMind ``LINK``, XMind ``href``, OPML ``url``,
    Markdown ``[title](url)``); featuretree keeps them as links, not as note text, so
    they are written back as links. ``title`` may be empty (the URL is shown then).
    """

    # Built on first use: most files have no link, and a command reading one need not
    # pay for this class's validator (pydantic's documented ``defer_build``).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    title: Line = ""
    url: RequiredLine


class Revision(BaseModel):
    """One row of the document's revision history (版本修订记录)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: RequiredLine
    date: dt.date = Field(default_factory=_today)
    author: Line | None = None
    summary: Text = ""


class DocumentMeta(BaseModel):
    """What the document is about: the product and who analysed it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: Line = ""
    product: Line = ""
    platform: Line = ""
    app_version: Line = ""
    author: Line = ""
    created: dt.date | None = None
    updated: dt.date | None = None
