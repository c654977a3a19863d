"""What a Markdown file written lacks of what its reader carried for the writer.

The round trip of :mod:`.loss` compares the model; a colleague's Markdown has more that
featuretree keeps for it without modelling it (``Document.carried``), which the writer
gives back where Markdown lets it. Where it cannot, the save question must say so:
:func:`carried_losses` compares what was carried with what the file written holds,
read back.
"""

from __future__ import annotations

from featuretree.model.document import Document

FORMAT = "markdown"


def carried_losses(doc: Document, back: Document) -> dict[str, int]:
    """What ``back`` (``doc`` written as Markdown and read again) lost of the look
    ``doc`` carried, by kind: ``list_number``, the numbered list items still in the list
    they were read in (an item moved elsewhere takes its new list's markers) that the
    file written does not number, each a heading there now (Markdown numbers no heading:
    an item after a heading of its parent must be one too)."""
    carried = doc.carried
    if carried.document(FORMAT).get("numbered") is not True:
        return {}  # a file without numbered lists (and featuretree's own): nothing to look up
    again = back.carried
    lost = 0
    for old, new in zip(doc.iter_nodes(), back.iter_nodes()):
        as_read = carried.node(FORMAT, old.id)
        mark = as_read.get("marker")
        if not isinstance(mark, str) or mark[-1:] not in (".", ")"):
            continue
        if old.parent is None or as_read.get("under") != old.parent.id:
            continue  # moved: numbered or not as its new list is
        written = again.node(FORMAT, new.id).get("marker")
        if not isinstance(written, str) or written[-1:] != mark[-1]:
            lost += 1
    return {"list_number": lost} if lost else {}
