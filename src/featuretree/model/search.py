"""Search over a document: what `/` in the editor runs.

Matching ignores case and character width: ``ＡＢＣ`` finds ``abc`` and ``ｐ０`` finds
``p0``. Text is compared after NFKC normalization and ``casefold``; :func:`text_spans`
maps a match back onto the user's original characters for highlighting.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from collections.abc import Iterable
from contextlib import contextmanager
from functools import lru_cache

from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.tree import preorder

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
"""Control characters never occur in a search text (NUL separates a node's texts)."""


# -- normalization ----------------------------------------------------------------------


@lru_cache(maxsize=1 << 17)
def _norm_cached(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def normalize(text: str) -> str:
    """``text`` as matching sees it: NFKC (full-width → half-width) and case-folded."""
    if text.isascii():
        return text.lower()  # casefold and NFKC agree with lower() on ASCII, and it is 10× cheaper
    return _norm_cached(text)


def _clusters(text: str) -> Iterable[tuple[int, int]]:
    """Spans of a base character plus its combining marks (normalization stays inside them)."""
    start = 0
    for i in range(1, len(text)):
        if not unicodedata.combining(text[i]):
            yield start, i
            start = i
    if text:
        yield start, len(text)


def text_spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Where ``needle`` occurs in ``text`` as ``(start, end)`` indices into ``text``.

    Matching is normalized (see :func:`normalize`); spans never overlap and are in order.
    """
    target = normalize(needle.strip())
    if not target or not text:
        return []
    if text.isascii():
        folded, origin = text.lower(), None
    else:
        # Normalize cluster by cluster, remembering where each normalized character came
        # from, so that a match maps back onto the user's original characters.
        pieces: list[str] = []
        origin_list: list[int] = []
        for start, end in _clusters(text):
            piece = unicodedata.normalize("NFKC", text[start:end]).casefold()
            pieces.append(piece)
            origin_list.extend([start] * len(piece))
        folded = "".join(pieces)
        origin = origin_list
    spans: list[tuple[int, int]] = []
    at = folded.find(target)
    while at != -1:
        stop = at + len(target)
        if origin is None:
            spans.append((at, stop))
        else:
            begin = origin[at]
            end = origin[stop] if stop < len(origin) else len(text)
            if end <= begin:  # the match ends inside one source character: cover all of it
                end = begin + 1
            if not spans or begin >= spans[-1][1]:
                spans.append((begin, end))
        at = folded.find(target, stop)
    return spans


def title_spans(node: FeatureNode, text: str) -> list[tuple[int, int]]:
    """Where the search ``text`` occurs in ``node``'s title, for highlighting."""
    return text_spans(node.title, text)


# -- search -------------------------------------------------------------------------------


def _haystack(node: FeatureNode) -> str:
    """Every text of ``node``, normalized and joined by NUL (which no search text contains).

    Cached on the node together with the field values it was built from: edits replace
    those values (strings and tuples are immutable), so an ``is`` check tells whether the
    cache is still good, and holding the references makes that check exact.
    """
    title, notes, tags = node.title, node.notes, node.tags
    suggestions, changelog, links = node.suggestions, node.changelog, node.links
    cached = getattr(node, "_query_cache", None)
    if (
        cached is not None
        and cached[0] is title
        and cached[1] is notes
        and cached[2] is tags
        and cached[3] is suggestions
        and cached[4] is changelog
        and cached[6] is links
    ):
        return cached[5]
    parts = [title, notes, *tags]
    for link in links:
        parts.append(link.title)
        parts.append(link.url)
    for suggestion in suggestions:
        parts.append(suggestion.text)
        if suggestion.rationale:
            parts.append(suggestion.rationale)
    parts.extend(entry.summary for entry in changelog)
    # one normalization of the joined text: NUL composes with nothing, so this equals
    # normalizing each part, and it skips the cache that unique titles would only churn
    joined = "\0".join(parts)
    haystack = (
        joined.lower() if joined.isascii() else unicodedata.normalize("NFKC", joined).casefold()
    )
    node._query_cache = (title, notes, tags, suggestions, changelog, haystack, links)  # type: ignore[attr-defined]
    return haystack


def _node_contains(node: FeatureNode, target: str) -> bool:
    """True when the normalized ``target`` occurs in any text the node carries."""
    return target in _haystack(node)


@contextmanager
def _gc_paused():
    """The first search of a big document caches a tuple per node; without this, the
    collector would walk the whole document several times while they are made."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def prepare(doc: Document) -> None:
    """Build every node's search cache now (e.g. in a worker after loading a big file), so
    the first keystroke of a search costs what the later ones do."""
    with _gc_paused():
        for node in preorder(doc.root):
            _haystack(node)


MATCH_FIELDS = ("title", "tags", "notes", "links", "suggestions", "changelog")
"""The texts a search looks at, in the order :func:`matched_fields` names them."""


def matched_fields(node: FeatureNode, text: str) -> list[str]:
    """Which of ``node``'s texts contain ``text`` (names from :data:`MATCH_FIELDS`), so the
    editor can say where a node matched when its title does not show it."""
    target = normalize(_CONTROL.sub("", text).strip())
    if not target:
        return []
    texts = {
        "title": [node.title],
        "tags": list(node.tags),
        "notes": [node.notes],
        "links": [part for link in node.links for part in (link.title, link.url)],
        "suggestions": [
            part
            for suggestion in node.suggestions
            for part in (suggestion.text, suggestion.rationale or "")
        ],
        "changelog": [entry.summary for entry in node.changelog],
    }
    return [
        field
        for field in MATCH_FIELDS
        if any(target in normalize(value) for value in texts[field] if value)
    ]


def node_matches_text(node: FeatureNode, text: str) -> bool:
    """True when ``text`` occurs in the node's title, notes, tags, links, suggestions or change log."""
    target = normalize(_CONTROL.sub("", text).strip())
    return bool(target) and _node_contains(node, target)


def search(doc: Document, text: str) -> list[str]:
    """Ids of the nodes whose texts contain ``text``, in document order; ``[]`` for blank text.

    Looks at titles, notes, tags, links (title and URL), suggestion texts and rationales,
    and change-log summaries.
    """
    target = normalize(_CONTROL.sub("", text).strip())
    if not target:
        return []
    with _gc_paused():
        return [node.id for node in preorder(doc.root) if target in _haystack(node)]


class Matches:
    """The result of a search, with next / previous relative to any node (wrapping around).

    ``step`` from a node that is not a match goes to the first match after (or before) it
    in document order, as F3 does in an editor.
    """

    def __init__(self, doc: Document, text: str) -> None:
        self.doc = doc
        self.text = text
        self.ids = search(doc, text)
        self._index = {node_id: i for i, node_id in enumerate(self.ids)}
        self._order: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def position(self, node_id: str | None) -> int | None:
        """The 0-based index of ``node_id`` among the matches, or ``None``."""
        return self._index.get(node_id) if node_id is not None else None

    def step(self, current: str | None, direction: int = 1) -> str | None:
        """The next (``direction=1``) or previous (``-1``) match from ``current``; ``None`` if no match."""
        if not self.ids:
            return None
        here = self.position(current)
        if here is not None:
            return self.ids[(here + direction) % len(self.ids)]
        if current is None or current not in self.doc:
            return self.ids[0 if direction > 0 else -1]
        if self._order is None:
            self._order = {node.id: i for i, node in enumerate(preorder(self.doc.root))}
        order = self._order
        spot = order.get(current, -1)
        if direction > 0:
            return next((i for i in self.ids if order.get(i, -1) > spot), self.ids[0])
        return next((i for i in reversed(self.ids) if order.get(i, -1) < spot), self.ids[-1])
