"""What writing a document in a format would lose, found by writing it and reading it back.

A format's documentation can drift from its writer; a round trip cannot. :func:`losses`
writes the document to bytes in the target format, reads the bytes back and compares
node by node (in document order) and the document's own fields. Ids are not compared:
they are featuretree's bookkeeping, not something a user wrote.

What the file held that the reader did not keep (``Document.not_imported``: images,
boundaries, Markdown comments…; several sheets or top-level nodes that the reader put
under one made-up root, unless the file written keeps them apart as XMind's sheets are)
is lost too when that file is written over (the caller says whether it is:
``overwriting_source``), but for what the file written still holds, found by reading it
back (XMind's floating topics, callouts, summaries, boundaries and relationships, carried
and written back while what they join or span is there). Written elsewhere, the
document's own count of what it carries so (``Format.held``) stands for the source's:
what the file written holds less is lost. What else the reader carried through for the
format's writer (``Document.carried``: XMind styles, sheets, pictures, FreeMind
colours…) is written back, so it is neither counted nor lost; where a writer cannot give
some of it back, the format's ``comparer`` (:attr:`.registry.Format.comparer`) counts
what the file read back lacks (a Markdown list item's number where it must be written as
a heading).

JSON is lossless by definition (``Format.lossless``): no round trip for it.
"""

from __future__ import annotations

from featuretree.formats.errors import NOT_IMPORTED, FormatError, describe_not_imported
from featuretree.formats.registry import Format
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode

LOSS_KINDS = (
    "structure",
    "title",
    "notes",
    "tag",
    "status",
    "changelog",
    "suggestion",
    "link",
    "document_info",
    "revision",
    "merged_tops",
    "list_number",
)
"""What a round trip can lose, in the order it is listed (before what was not imported)."""

_ENGLISH: dict[str, tuple[str, str]] = {
    "structure": ("{n} node of the tree's shape", "{n} nodes of the tree's shape"),
    "title": ("{n} title", "{n} titles"),
    "notes": ("notes of {n} node", "notes of {n} nodes"),
    "tag": ("{n} tag", "{n} tags"),
    "status": ("{n} status", "{n} statuses"),
    "changelog": ("{n} change-log entry", "{n} change-log entries"),
    "suggestion": ("{n} suggestion", "{n} suggestions"),
    "link": ("{n} link", "{n} links"),
    "document_info": ("the document info", "the document info"),
    "revision": ("{n} revision", "{n} revisions"),
    "merged_tops": (
        "its several sheets or top-level nodes (put under one root)",
        "its several sheets or top-level nodes (put under one root)",
    ),
    "list_number": (
        "the number of {n} numbered list item",
        "the numbers of {n} numbered list items",
    ),
}
""":data:`LOSS_KINDS` in English, for the commands (which do not load the editor's
catalogues); the editor says them with :func:`describe_losses`."""


def losses(doc: Document, fmt: Format, *, overwriting_source: bool = False) -> dict[str, int]:
    """What writing ``doc`` as ``fmt`` loses, counted by kind (``{"changelog": 3}``).

    Empty when nothing is lost. With ``overwriting_source`` the kinds the reader counted
    in ``doc.not_imported`` are added: writing over the file drops them from it.
    """
    return check(doc, fmt, overwriting_source=overwriting_source)[0]


def check(
    doc: Document, fmt: Format, *, overwriting_source: bool = False
) -> tuple[dict[str, int], bytes | None]:
    """:func:`losses`, and the bytes written to find them (``None`` when none were).

    A save that goes ahead writes those bytes instead of serializing the document again
    (at 100,000 nodes the writer is about half the cost of the check).
    """
    lost: dict[str, int] = {}
    data: bytes | None = None
    back: Document | None = None
    if not fmt.lossless and fmt.can_write and fmt.export_only:
        # Written for other tools only (PlantUML, SVG): no round trip, and featuretree
        # cannot open it again; what no such diagram carries is counted from the document.
        _count_annotations(doc, lost)
    elif not fmt.lossless and fmt.can_write:
        try:
            data = fmt.writer(doc)
            back = fmt.reader(data)
        except FormatError:
            # The writer made something its reader refuses: everything is at risk.
            lost["structure"] = len(doc)
            back = None
        else:
            _compare(doc, back, lost, fmt.name)
            compare = fmt.comparer
            if compare is not None:
                # What the reader carried for the writer (a colleague's list numbers)
                # that the file written no longer holds.
                for kind, n in compare(doc, back).items():
                    _add(lost, kind, n)
    if overwriting_source:
        if doc.root_from_file_name and not _tops_kept(doc, back):
            # Several sheets or top-level nodes were put under a root the reader made up;
            # the file written has that one root instead.
            lost["merged_tops"] = 1
        # What the file written still holds of it is not lost (XMind's floating topics,
        # carried and written back beside their topic): what its reader finds again.
        kept = back.not_imported if back is not None else {}
        for kind, n in doc.not_imported.items():
            n -= min(n, kept.get(kind, 0))
            if n > 0:
                lost[kind] = lost.get(kind, 0) + n
    elif back is not None and fmt.held is not None:
        # Another file (a copy, a conversion, a document read from JSON): what the
        # document carries for the format beside its nodes (XMind's relationships,
        # summaries…) and the file written does not hold, as the writer could not write
        # it (what it joins or spans is gone). Over the source, the count above has it.
        for kind, n in fmt.held(doc).items():
            n -= back.not_imported.get(kind, 0)
            if n > 0:
                lost[kind] = lost.get(kind, 0) + n
    return lost, data


def still_held(not_imported: dict[str, int], lost: dict[str, int]) -> dict[str, int]:
    """What of ``not_imported`` (``Document.not_imported``) a file written over its source
    still holds, ``lost`` being what :func:`check` found that writing loses (XMind's
    floating topics are written back): a later save that drops them says so."""
    return {
        kind: n - lost.get(kind, 0) for kind, n in not_imported.items() if n > lost.get(kind, 0)
    }


def _tops_kept(doc: Document, back: Document | None) -> bool:
    """Whether the file written keeps the made-up root's children apart (as XMind sheets
    are written back), or has no several to keep: read back, its root is made up again,
    or it has one top-level node where the made-up root had one child."""
    if back is None:
        return False
    return back.root_from_file_name or len(doc.root.kids) <= 1


def _count_annotations(doc: Document, lost: dict[str, int]) -> None:
    """Change logs, suggestions, tags and revisions: what a diagram-only format drops."""
    for node in doc.iter_nodes():
        for kind, n in (
            ("changelog", len(node.changelog)),
            ("suggestion", len(node.suggestions)),
            ("tag", len(node.tags)),
        ):
            if n:
                _add(lost, kind, n)
    if doc.revisions:
        _add(lost, "revision", len(doc.revisions))


def _add(lost: dict[str, int], kind: str, n: int) -> None:
    lost[kind] = lost.get(kind, 0) + max(n, 1)


def _compare(doc: Document, back: Document, lost: dict[str, int], fmt: str) -> None:
    """Count what ``back`` (``doc`` read back as ``fmt``) lacks, node by node in document
    order."""
    before = list(doc.iter_nodes())
    after = list(back.iter_nodes())
    if len(before) != len(after):
        _add(lost, "structure", abs(len(before) - len(after)))
    for old, new in zip(before, after):
        # A root made up again on reading (several XMind sheets) has no title in the
        # file: opening names it after the file, as it was named when first read.
        if old.title != new.title and not (new is back.root and back.root_from_file_name):
            _add(lost, "title", 1)
        if old.notes != new.notes and _notes_differ(old, new, back, fmt):
            _add(lost, "notes", 1)
        if set(old.tags) - set(new.tags):
            _add(lost, "tag", len(set(old.tags) - set(new.tags)))
        if old.status != new.status:
            _add(lost, "status", 1)
        if old.changelog != new.changelog:
            _add(lost, "changelog", len(old.changelog))
        if _suggestions(old) != _suggestions(new):
            _add(lost, "suggestion", len(old.suggestions))
        if _links(old) != _links(new):
            _add(lost, "link", len(old.links))
        if (old.parent is None) != (new.parent is None) or len(old.kids) != len(new.kids):
            lost.setdefault("structure", 1)
    if _meta(doc) != _meta(back):
        _add(lost, "document_info", 1)
    if doc.revisions != back.revisions:
        _add(lost, "revision", len(doc.revisions))


def _notes_differ(old: FeatureNode, new: FeatureNode, back: Document, fmt: str) -> bool:
    """Whether the notes of ``old`` and of ``new`` (it read back as ``fmt``) differ.

    The lines the reader wrote to name what it carried (a node's carried ``"lines"``:
    ``图片：…`` for an XMind picture, written back on the topic) are its, not the user's:
    it puts them at the note's end, wherever the user had them (typing below one moves
    it), and puts one back that the user deleted. Nothing is lost so: they are left out
    of both before comparing.
    """
    made = back.carried.node(fmt, new.id).get("lines")
    if not isinstance(made, list) or not made:
        return old.notes.strip() != new.notes.strip()
    texts = []
    for notes in (old.notes, new.notes):
        kept = notes.split("\n")
        for line in made:
            if line in kept:
                del kept[len(kept) - 1 - kept[::-1].index(line)]  # its last, as the writer
        texts.append("\n".join(kept).strip())
    return texts[0] != texts[1]


def _suggestions(node: FeatureNode) -> list[dict[str, object]]:
    # Ids are the format's business (some cannot store them); the rest is the user's.
    return [s.model_dump(exclude={"id"}) for s in node.suggestions]


def _links(node: FeatureNode) -> list[tuple[str, str]]:
    return [(link.title, link.url) for link in node.links]


def _meta(doc: Document) -> dict[str, object]:
    # The title is set from the root when a format has no place for it.
    meta = doc.meta.model_dump()
    if meta.get("title") in ("", doc.root.title):
        meta["title"] = ""
    return meta


def describe_losses_english(lost: dict[str, int]) -> str:
    """:func:`describe_losses` in English, without the editor's catalogues (the commands')."""
    parts = []
    for kind in LOSS_KINDS:
        n = lost.get(kind, 0)
        if n > 0:
            parts.append(_ENGLISH[kind][n != 1].format(n=n))
    rest = describe_not_imported({k: n for k, n in lost.items() if k not in LOSS_KINDS})
    return ", ".join([*parts, rest] if rest else parts)


def describe_losses(lost: dict[str, int]) -> str:
    """``"3 change-log entries, 2 suggestions, 1 image"`` in the UI language; ``""`` for none."""
    # Imported here: the commands check losses too, and speak English (no catalogues).
    from featuretree.i18n import t

    order = [*LOSS_KINDS, *NOT_IMPORTED]
    parts = []
    for kind in sorted(lost, key=lambda k: (order.index(k) if k in order else len(order), k)):
        n = lost[kind]
        if n <= 0:
            continue
        key = f"loss.{kind}" if kind in LOSS_KINDS else f"import.not_imported.{kind}"
        text = t(key, count=n)
        if text == key:  # a kind no catalogue names yet: still said, never hidden
            text = f"{n} {kind.replace('_', ' ')}"
        parts.append(text)
    return t("loss.separator").join(parts)
