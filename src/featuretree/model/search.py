"""Search over a document: what `/` in the editor runs.

Matching ignores case and character width: ``ＡＢＣ`` finds ``abc`` and ``ｐ０`` finds
``p0``. Text is compared after NFKC normalization and ``casefold``; :func:`text_spans`
maps a match back onto the user's original characters for highlighting.

A search of several words (``质检 结果``) finds the nodes that hold every word, anywhere
in their texts and in any order, as the filter's words and the palette do: a PM types a
space between words that the title writes together (``质检结果登记``).
"""

from __future__ import annotations

import bisect
import gc
import operator
import re
import time
import unicodedata
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from functools import lru_cache
from itertools import compress, repeat

from featuretree.model.annotations import Suggestion
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
    """Where the words of the search ``text`` occur in ``node``'s title, for highlighting
    (in order, overlapping spans joined); none in a node that does not hold every word,
    which the search does not find."""
    words = text.split()
    if len(words) <= 1:
        return text_spans(node.title, text)
    if not _holds(_haystack(node), search_words(text)):
        return []
    spans = sorted(span for word in words for span in text_spans(node.title, word))
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


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
    """Which of ``node``'s texts contain ``text`` or one of its words (names from
    :data:`MATCH_FIELDS`), so the editor can say where a node matched when its title does
    not show it."""
    words = search_words(text)
    if not words:
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
        if any(word in normalize(value) for value in texts[field] if value for word in words)
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
    words = search_words(text)
    if not words:
        return []
    with _gc_paused():
        return [node.id for node in preorder(doc.root) if _holds(_haystack(node), words)]


def search_target(text: str) -> str:
    """``text`` as a search compares it: control characters dropped, trimmed, normalized."""
    return normalize(_CONTROL.sub("", text).strip())


def search_words(text: str) -> list[str]:
    """The words of a search (see :func:`search_target`), each of which a match holds;
    a full-width space (U+3000) separates words too."""
    return search_target(text).split()


def _holds(haystack: str, words: list[str]) -> bool:
    """True when ``haystack`` contains every one of ``words``."""
    return all(word in haystack for word in words)


def narrows(before: str, after: str) -> bool:
    """True when every match of the search ``after`` is a match of ``before`` (each word
    of ``before`` is part of a word of ``after``): only ``before``'s matches need a look.
    A blank ``before`` found nothing, so it narrows nothing."""
    old, new = search_words(before), search_words(after)
    return bool(old) and all(any(word in grown for grown in new) for word in old)


INDEXED_FIELDS = ("status", "notes", "tags", "suggestions", "changelog")
NORMALIZED_TAGS = "tags (normalized)"
"""The column of each node's tags as matching sees them (see :func:`normalize`), made
by a :class:`SearchIndex` as it walks too."""
"""The fields whose columns a :class:`SearchIndex` makes as it walks (what filters read)."""
WORDS_KEPT = 16
"""How many filter words' positions a :class:`SearchIndex` remembers."""


class SearchIndex:
    """Every node's texts (normalized) in document order: a search is one scan of a list.

    Searching the tree itself walks it and checks each node's cache (~0.1 s at 100,000
    nodes, ~0.35 s the first time, when every text is normalized). The index does that
    walk once, in steps of a few milliseconds (:meth:`build`), so an editor can build it
    between keys; then a search scans a list of strings (a few ms at 100,000 nodes), and
    a grown query only re-checks the previous matches (:meth:`find` ``within``).

    It describes the tree as it was when built: after an edit, make a new one.
    """

    def __init__(self, root: FeatureNode) -> None:
        self.root = root
        self.nodes: list[FeatureNode] = []
        """The nodes in document order (preorder)."""
        self.texts: list[str] = []
        """``texts[i]``: every text of ``nodes[i]``, normalized and joined (see _haystack)."""
        self.depths: list[int] = []
        """``depths[i]``: the depth of ``nodes[i]`` (0 for the root)."""
        self.parents: list[int] = []
        """``parents[i]``: the position of ``nodes[i]``'s parent (-1 for the root)."""
        self._stack: list[tuple[FeatureNode, int, int]] | None = [(root, 0, -1)]
        self._position: dict[str, int] = {}
        self._columns: dict = {name: [] for name in (*INDEXED_FIELDS, NORMALIZED_TAGS)}
        """Columns (see :meth:`column`; those of ``INDEXED_FIELDS`` made by the walk) and
        what :meth:`groups`, :meth:`suggestions` and :meth:`word_positions` remember."""

    @property
    def ready(self) -> bool:
        """True once every node is indexed."""
        return self._stack is None

    def build(self, budget: float | None = None) -> bool:
        """Index more nodes: all of them, or for about ``budget`` seconds; True when done."""
        stack = self._stack
        if stack is None:
            return True
        deadline = None if budget is None else time.perf_counter() + budget
        nodes, texts, position = self.nodes, self.texts, self._position
        add_node, add_text, add_depth = nodes.append, texts.append, self.depths.append
        add_parent = self.parents.append
        columns = self._columns
        add_status, add_notes, add_tags = (columns[name].append for name in INDEXED_FIELDS[:3])
        add_suggestions, add_changelog = (columns[name].append for name in INDEXED_FIELDS[3:])
        add_normalized_tags = columns[NORMALIZED_TAGS].append
        normalized_tags: dict[tuple[str, ...], tuple[str, ...]] = {(): ()}  # few distinct ones
        pop, extend = stack.pop, stack.extend
        clock = time.perf_counter
        with _gc_paused():
            while stack:
                for _ in range(64):  # the clock is read once per batch
                    if not stack:
                        break
                    node, depth, parent = pop()
                    here = len(nodes)
                    position[node.id] = here
                    add_node(node)
                    add_depth(depth)
                    add_parent(parent)
                    add_text(_haystack(node))
                    # the node is at hand: the columns filters read cost little now,
                    # ~5 ms each later (a read of 100,000 nodes all over memory)
                    add_status(node.status)
                    add_notes(node.notes)
                    tags = node.tags
                    add_tags(tags)
                    key = tags if type(tags) is tuple else tuple(tags)  # (a list: hashable)
                    known = normalized_tags.get(key)
                    if known is None:
                        known = normalized_tags[key] = tuple(map(normalize, key))
                    add_normalized_tags(known)
                    add_suggestions(node.suggestions)
                    add_changelog(node.changelog)
                    kids = node.kids
                    if kids:
                        depth += 1
                        extend([(kid, depth, here) for kid in reversed(kids)])
                if deadline is not None and stack and clock() >= deadline:
                    return False
        self._stack = None
        return True

    def find(self, text: str, within: Iterable[int] | None = None) -> list[int]:
        """Positions (into :attr:`nodes`) of the nodes whose texts contain ``text``.

        ``within``: positions known to hold every match (those of a search for a part of
        ``text``): only they are checked. The index must be :attr:`ready`.
        """
        words = search_words(text)
        if not words:
            return []
        texts = self.texts
        if len(words) > 1:
            positions = range(len(texts)) if within is None else within
            return [i for i in positions if _holds(texts[i], words)]
        target = words[0]
        if within is None:
            return [i for i, haystack in enumerate(texts) if target in haystack]
        return [i for i in within if target in texts[i]]

    def word_positions(self, word: str) -> list[int]:
        """Positions of the nodes whose texts contain the normalized ``word`` (the index
        must be :attr:`ready`).

        The last few words asked for are remembered, so a filter applied again as its
        query is typed does not scan the document again for the words it already had;
        a word grown from a remembered one ("会" → "会员") checks only that one's nodes.
        """
        words = self._columns.setdefault("(words)", {})
        found = words.get(word)
        if found is None:
            within = min(
                (known for part, known in words.items() if part in word),
                key=len,
                default=None,
            )
            texts = self.texts
            if within is None:
                flags = map(operator.contains, texts, repeat(word))
                found = list(compress(range(len(texts)), flags))
            else:
                flags = map(operator.contains, map(texts.__getitem__, within), repeat(word))
                found = list(compress(within, flags))
            if len(words) >= WORDS_KEPT:
                del words[next(iter(words))]  # the oldest
            words[word] = found
        return found

    def column(self, field: str) -> list:
        """``field`` of every node, in document order (made once; those of
        ``INDEXED_FIELDS`` as the index is built): a filter testing one attribute then
        reads a list instead of 100,000 nodes. The index must be :attr:`ready`."""
        columns = self._columns
        if field not in columns:
            columns[field] = list(map(operator.attrgetter(field), self.nodes))
        return columns[field]

    def groups(self, field: str, *keys: Callable[[object], object]) -> dict:
        """The positions of the nodes by their value of ``field`` (passed through each of
        ``keys`` in turn: ``str.strip, bool`` groups by "not blank"), each list in
        document order (made once per ``field`` and ``keys``): a filter term over the
        whole document takes its positions from here, without a scan.

        Made with one pass in C per distinct value (builtins as ``keys`` keep it so): a
        few ms at 100,000 nodes for the few values of a status or a "has".
        """
        columns = self._columns
        name = (field, keys)
        if name not in columns:
            values = self.column(field)
            for key in keys:
                values = list(map(key, values))
            everywhere = range(len(values))
            columns[name] = {
                value: list(compress(everywhere, map(operator.eq, values, repeat(value))))
                for value in set(values)
            }
        return columns[name]

    def suggestions(self) -> tuple[list[int], list[Suggestion]]:
        """Every suggestion in document order, and the position of the node holding each
        (made once, on first use): a filter on priority or status tests these, not
        100,000 nodes most of which hold none."""
        columns = self._columns
        if "(suggestions)" not in columns:
            held = self.column("suggestions")
            owners: list[int] = []
            items: list[Suggestion] = []
            for i in compress(range(len(held)), held):
                suggestions = held[i]
                owners.extend(repeat(i, len(suggestions)))
                items.extend(suggestions)
            columns["(suggestions)"] = (owners, items)
        return columns["(suggestions)"]

    def position(self, node_id: str) -> int | None:
        """Where the node ``node_id`` is in document order (``None``: not indexed)."""
        return self._position.get(node_id)


class Matches:
    """The result of a search, with next / previous relative to any node (wrapping around).

    ``step`` from a node that is not a match goes to the first match after (or before) it
    in document order, as F3 does in an editor. Made from a :class:`SearchIndex`
    (:meth:`from_index`), it keeps positions in the index and finds a node's place among
    them by bisection: nothing proportional to the number of matches is built.
    """

    def __init__(self, doc: Document, text: str, ids: list[str] | None = None) -> None:
        self.doc = doc
        self.text = text
        self._ids: list[str] | None = search(doc, text) if ids is None else ids
        """The matching ids (worked out from ``positions`` on first use, with an index)."""
        self._index: dict[str, int] | None = None
        self._order: dict[str, int] | None = None
        self.search_index: SearchIndex | None = None
        self.positions: list[int] | None = None
        """With an index: the matches' positions in it, in document order."""

    @classmethod
    def from_index(
        cls, doc: Document, index: SearchIndex, text: str, previous: Matches | None = None
    ) -> Matches:
        """The matches of ``text`` in a ready ``index``; only ``previous``' matches are
        checked when its text is part of ``text`` (the query grew) and it used this index."""
        within = None
        if (
            previous is not None
            and previous.search_index is index
            and previous.positions is not None
            and narrows(previous.text, text)  # the query grew: its matches are among these
        ):
            within = previous.positions
        matches = cls(doc, text, [])
        matches.search_index = index
        matches.positions = index.find(text, within)
        matches._ids = None
        return matches

    @property
    def ids(self) -> list[str]:
        """The matching nodes' ids, in document order."""
        if self._ids is None:
            assert self.search_index is not None and self.positions is not None
            nodes = self.search_index.nodes
            self._ids = [nodes[i].id for i in self.positions]
        return self._ids

    def __len__(self) -> int:
        return len(self.positions) if self.positions is not None else len(self._ids or ())

    def position(self, node_id: str | None) -> int | None:
        """The 0-based index of ``node_id`` among the matches, or ``None``."""
        if node_id is None:
            return None
        if self.positions is not None and self.search_index is not None:
            spot = self.search_index.position(node_id)
            if spot is None:
                return None
            at = bisect.bisect_left(self.positions, spot)
            return at if at < len(self.positions) and self.positions[at] == spot else None
        if self._index is None:
            self._index = {node_id: i for i, node_id in enumerate(self.ids)}
        return self._index.get(node_id)

    def _id_at(self, at: int) -> str:
        if self.positions is not None and self.search_index is not None:
            return self.search_index.nodes[self.positions[at]].id
        return self.ids[at]

    def step(self, current: str | None, direction: int = 1) -> str | None:
        """The next (``direction=1``) or previous (``-1``) match from ``current``; ``None`` if no match."""
        count = len(self)
        if not count:
            return None
        here = self.position(current)
        if here is not None:
            return self._id_at((here + direction) % count)
        if current is None or current not in self.doc:
            return self._id_at(0 if direction > 0 else -1)
        index = self.search_index
        if index is not None and self.positions is not None:
            # the positions are in document order: a bisection finds the next match
            spot = index.position(current)
            if spot is not None:
                if direction > 0:
                    return self._id_at(bisect.bisect_right(self.positions, spot) % count)
                return self._id_at(bisect.bisect_left(self.positions, spot) - 1)
        if self._order is None:
            self._order = {node.id: i for i, node in enumerate(preorder(self.doc.root))}
        order = self._order
        spot = order.get(current, -1)
        ids = self.ids
        if direction > 0:
            return next((i for i in ids if order.get(i, -1) > spot), ids[0])
        return next((i for i in reversed(ids) if order.get(i, -1) < spot), ids[-1])
