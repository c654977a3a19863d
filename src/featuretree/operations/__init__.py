"""Every edit of a document, as an undoable command (see :class:`History`)."""

from featuretree.operations.base import Command, Composite, History, OperationError

__all__ = ["Command", "Composite", "History", "OperationError"]
