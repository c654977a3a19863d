"""The filter language: what `f` in the editor runs (search itself is in :mod:`.search`).

Matching ignores case and character width: ``ＡＢＣ`` finds ``abc``, ``ｐ０`` finds ``P0``,
and a query typed with a Chinese input method (``tag：会员``, “quoted words”) means the same
as its ASCII spelling. Text is compared after NFKC normalization and ``casefold``.

The filter language (``parse_filter``), terms separated by spaces, all must hold (AND):

===========================  ==========================================================
``word`` / ``"two words"``    the text occurs in the title, notes, tags, suggestions or
                              change log (as search does)
``priority:P0`` / ``p:0``     the node has a suggestion with that priority
``sstatus:proposed``          the node has a suggestion with that status
(also ``suggestion:``)        (proposed, accepted, in_progress, done, rejected, or
                              ``open`` = proposed/accepted/in_progress)
``status:new``                ``status:`` takes both kinds of value: feature statuses
                              (existing, new, changed, deprecated) test the node itself,
                              suggestion statuses test its suggestions — the two sets of
                              names do not overlap, so the value says which is meant
``tag:会员`` / ``#会员``       the node has that tag (whole tag, case-insensitive)
``has:notes``                 also ``has:changelog``, ``has:suggestions``, ``has:tags``
``a,b``                       a comma inside a value means OR: ``priority:P0,P1``
``优先级:`` ``状态:``           the keys in Chinese: ``优先级``, ``状态``, ``建议状态``,
``标签:`` ``有:``              ``标签``, ``有`` (values too: ``状态:待评估``, ``有:备注``)
``-term``                     negation: the node must not match the term
===========================  ==========================================================

Priority and suggestion-status terms (not negated) must hold for the **same** suggestion:
``priority:P0 status:open`` finds nodes with an open P0 suggestion, not nodes with some P0
suggestion and some other open one. A negated one is a condition on the node:
``-priority:P0`` keeps nodes with no P0 suggestion at all.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, compress, repeat

from featuretree.model.annotations import FeatureStatus, Priority, Suggestion, SuggestionStatus
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode
from featuretree.model.search import (  # noqa: F401  (re-exported: one import for the editor)
    NORMALIZED_TAGS,
    Matches,
    SearchIndex,
    _gc_paused,
    _node_contains,
    _norm_cached,
    matched_fields,
    node_matches_text,
    normalize,
    prepare,
    search,
    text_spans,
    title_spans,
)
from featuretree.model.tree import preorder

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class FilterError(ValueError):
    """A filter query that cannot be understood; the message says what to type instead.

    The message is English; ``code`` and ``params`` name it for the UI's catalogues
    (``error.<code>``, see :func:`featuretree.i18n.error_text`), so the Chinese UI says it
    in Chinese.
    """

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


# -- the filter language --------------------------------------------------------------------

SuggestionTest = Callable[[Suggestion], bool]
NodeTest = Callable[[FeatureNode], bool]

_OPEN = frozenset(s for s in SuggestionStatus if s.is_open)

_FEATURE_STATUS = {s.value: s for s in FeatureStatus} | {
    "现有": FeatureStatus.EXISTING,
    "已有": FeatureStatus.EXISTING,
    "新增": FeatureStatus.NEW,
    "修改": FeatureStatus.CHANGED,
    "变更": FeatureStatus.CHANGED,
    "废弃": FeatureStatus.DEPRECATED,
    "下线": FeatureStatus.DEPRECATED,
}
_SUGGESTION_STATUS: dict[str, frozenset[SuggestionStatus]] = {
    s.value: frozenset({s}) for s in SuggestionStatus
} | {
    "in-progress": frozenset({SuggestionStatus.IN_PROGRESS}),
    "inprogress": frozenset({SuggestionStatus.IN_PROGRESS}),
    "doing": frozenset({SuggestionStatus.IN_PROGRESS}),
    "open": _OPEN,
    "closed": frozenset(SuggestionStatus) - _OPEN,
    "待评估": frozenset({SuggestionStatus.PROPOSED}),
    "提议": frozenset({SuggestionStatus.PROPOSED}),
    "已采纳": frozenset({SuggestionStatus.ACCEPTED}),
    "采纳": frozenset({SuggestionStatus.ACCEPTED}),
    "进行中": frozenset({SuggestionStatus.IN_PROGRESS}),
    "已完成": frozenset({SuggestionStatus.DONE}),
    "完成": frozenset({SuggestionStatus.DONE}),
    "已拒绝": frozenset({SuggestionStatus.REJECTED}),
    "拒绝": frozenset({SuggestionStatus.REJECTED}),
    "未完成": _OPEN,
    "未关闭": _OPEN,
}
_HAS: dict[str, NodeTest] = {
    "notes": lambda n: bool(n.notes.strip()),
    "changelog": lambda n: bool(n.changelog),
    "suggestions": lambda n: bool(n.suggestions),
    "tags": lambda n: bool(n.tags),
}
_HAS_ALIASES = {
    "note": "notes",
    "log": "changelog",
    "changes": "changelog",
    "change": "changelog",
    "suggestion": "suggestions",
    "tag": "tags",
    "备注": "notes",
    "说明": "notes",
    "修改记录": "changelog",
    "优化建议": "suggestions",
    "建议": "suggestions",
    "标签": "tags",
}

KEYS: dict[str, str] = {
    "priority": "priority",
    "p": "priority",
    "sstatus": "sstatus",
    "suggestion": "sstatus",
    "status": "status",
    "tag": "tag",
    "has": "has",
    # the same keys in Chinese, as the Chinese UI names the fields
    "优先级": "priority",
    "建议状态": "sstatus",
    "状态": "status",
    "标签": "tag",
    "有": "has",
}
"""Every key the filter language knows, and the term it stands for."""

SUGGESTION_STATUS_VALUES = ("proposed", "accepted", "in_progress", "done", "rejected", "open")
FEATURE_STATUS_VALUES = tuple(s.value for s in FeatureStatus)

_KEY = "[a-z_]+|" + "|".join(sorted((k for k in KEYS if not k.isascii()), key=len, reverse=True))
_TOKEN = re.compile(rf'(-)?(?:({_KEY}):)?(?:"([^"]*)"|([^\s"]+))', re.IGNORECASE)
_BARE_KEY = re.compile(rf"({_KEY}):", re.IGNORECASE)


@dataclass(frozen=True)
class Term:
    """One condition on a node; ``negated`` terms must not hold."""

    source: str
    test: NodeTest
    negated: bool = False
    word: str | None = None
    """For a free word: its normalized text (the board matches it against one suggestion)."""
    field: str | None = None
    """When the test reads one attribute of the node: its name (a filter over an index
    reads that column instead of calling ``test``), tested as ``values`` says."""
    values: frozenset | None = None
    """With ``field``: the values that pass (``None``: any true value passes; for
    ``notes``, any but blanks: ``has:notes``; for the normalized tags, a node passes
    when one of its tags is in ``values``)."""


@dataclass(frozen=True)
class Filter:
    """A parsed filter query: node conditions plus one condition on a single suggestion."""

    query: str
    terms: tuple[Term, ...] = ()
    suggestion_tests: tuple[SuggestionTest, ...] = ()
    words: tuple[str, ...] = field(default=())
    """The free words (normalized), for highlighting matches."""

    @property
    def is_empty(self) -> bool:
        """True when the query asks nothing (every node matches)."""
        return not self.terms and not self.suggestion_tests

    def suggestion_matches(self, suggestion: Suggestion) -> bool:
        """True when ``suggestion`` passes every priority and suggestion-status term."""
        return all(test(suggestion) for test in self.suggestion_tests)

    def matches_suggestion(self, node: FeatureNode, suggestion: Suggestion) -> bool:
        """True when this one suggestion (on ``node``) satisfies the query.

        Free words look at the suggestion's text, rationale and author and at the node's
        title; the other terms test the node (its tags, feature status...) as usual.
        """
        if not self.suggestion_matches(suggestion):
            return False
        haystack = None
        for term in self.terms:
            if term.word is not None:
                if haystack is None:
                    haystack = normalize(
                        "\n".join(
                            (
                                suggestion.text,
                                suggestion.rationale or "",
                                suggestion.author or "",
                                node.title,
                            )
                        )
                    )
                found = term.word in haystack
            else:
                found = term.test(node)
            if found == term.negated:
                return False
        return True

    def matches(self, node: FeatureNode) -> bool:
        """True when ``node`` itself satisfies the query."""
        tests = self.suggestion_tests
        if tests:
            # most nodes carry no suggestion: the cheapest and most selective check first
            suggestions = node.suggestions
            if not suggestions or not any(all(test(s) for test in tests) for s in suggestions):
                return False
        return all(term.test(node) != term.negated for term in self.terms)


def _values(key: str, raw: str) -> list[str]:
    values = [v for v in (part.strip() for part in raw.split(",")) if v]
    if not values:
        raise FilterError("filter_needs_value", f"{key}: needs a value", key=key)
    return values


def _priority_set(key: str, raw: str) -> frozenset[Priority]:
    found = set()
    for value in _values(key, raw):
        name = value.upper()
        if not name.startswith("P"):
            name = "P" + name
        try:
            found.add(Priority(name))
        except ValueError:
            raise FilterError(
                "filter_bad_priority", f"priority must be P0–P3, not '{value}'", value=value
            ) from None
    return frozenset(found)


def _suggestion_status_set(key: str, values: list[str]) -> frozenset[SuggestionStatus]:
    found: set[SuggestionStatus] = set()
    for value in values:
        statuses = _SUGGESTION_STATUS.get(value.lower())
        if statuses is None:
            raise FilterError(
                "filter_unknown_sstatus",
                f"{key}: unknown suggestion status '{value}' "
                f"(use {', '.join(SUGGESTION_STATUS_VALUES)})",
                key=key,
                value=value,
                values=", ".join(SUGGESTION_STATUS_VALUES),
            )
        found |= statuses
    return frozenset(found)


def _status_term(key: str, raw: str) -> tuple[str, object]:
    """``status:`` values name feature statuses or suggestion statuses, never both at once."""
    values = _values(key, raw)
    feature = [v for v in values if v.lower() in _FEATURE_STATUS]
    if feature and len(feature) < len(values):
        raise FilterError(
            "filter_mixed_status",
            f"{key}:{raw} mixes feature and suggestion statuses; write them as two terms",
            key=key,
            value=raw,
        )
    if feature:
        return "feature", frozenset(_FEATURE_STATUS[v.lower()] for v in feature)
    try:
        return "suggestion", _suggestion_status_set(key, values)
    except FilterError:
        raise FilterError(
            "filter_unknown_status",
            f"status: unknown status '{values[0]}' (feature: {', '.join(FEATURE_STATUS_VALUES)}; "
            f"suggestion: {', '.join(SUGGESTION_STATUS_VALUES)})",
            value=values[0],
            feature=", ".join(FEATURE_STATUS_VALUES),
            suggestion=", ".join(SUGGESTION_STATUS_VALUES),
        ) from None


def _tokens(query: str) -> Iterable[tuple[bool, str | None, str, str]]:
    """``(negated, key, value, source)`` for each term of the normalized ``query``."""
    pos, end = 0, len(query)
    while pos < end:
        if query[pos].isspace():
            pos += 1
            continue
        match = _TOKEN.match(query, pos)
        if match is None or match.end() == pos:
            raise FilterError("filter_open_quote", 'a quote (") is not closed')
        negated, key, quoted, bare = match.groups()
        value = quoted if quoted is not None else bare
        if key is None and quoted is None:
            bare_key = _BARE_KEY.fullmatch(value)
            if bare_key:
                raise FilterError(
                    "filter_needs_value",
                    f"{bare_key.group(1)}: needs a value",
                    key=bare_key.group(1),
                )
        yield bool(negated), key, value, match.group(0)
        pos = match.end()


def parse_filter(query: str) -> Filter:
    """Parse a filter query (see the module docstring); ``FilterError`` says what is wrong."""
    text = unicodedata.normalize("NFKC", query)
    for fancy in "“”„‟＂":
        text = text.replace(fancy, '"')
    terms: list[Term] = []
    suggestion_tests: list[SuggestionTest] = []
    words: list[str] = []
    for negated, key, value, source in _tokens(text):
        if key is None and value.startswith("#") and len(value) > 1:
            key, value = "tag", value[1:]
        if key is None:
            if value == "-" and not negated:
                continue  # a lone dash: the user is about to type a negated term
            target = normalize(_CONTROL.sub("", value))
            if not target.strip():
                continue
            words.append(target)
            terms.append(Term(source, lambda n, t=target: _node_contains(n, t), negated, target))
            continue
        kind = KEYS.get(key.lower())
        if kind is None:
            raise FilterError(
                "filter_unknown_key",
                f"unknown filter key '{key}:' (use priority:, status:, sstatus:, tag:, has:;"
                ' put "quotes" around text that contains a colon)',
                key=key,
            )
        suggestion_test: SuggestionTest | None = None
        if kind == "priority":
            priorities = _priority_set(key, value)
            suggestion_test = lambda s, ps=priorities: s.priority in ps  # noqa: E731
        elif kind == "sstatus":
            statuses = _suggestion_status_set(key, _values(key, value))
            suggestion_test = lambda s, ss=statuses: s.status in ss  # noqa: E731
        elif kind == "status":
            which, chosen = _status_term(key, value)
            if which == "feature":
                terms.append(
                    Term(
                        source,
                        lambda n, fs=chosen: n.status in fs,
                        negated,
                        field="status",
                        values=chosen,  # type: ignore[arg-type]
                    )
                )
            else:
                suggestion_test = lambda s, ss=chosen: s.status in ss  # noqa: E731
        elif kind == "tag":
            tags = frozenset(normalize(v) for v in _values(key, value))
            terms.append(
                Term(
                    source,
                    lambda n, ts=tags: bool(n.tags) and any(normalize(t) in ts for t in n.tags),
                    negated,
                    field=NORMALIZED_TAGS,
                    values=tags,
                )
            )
        elif kind == "has":
            tests = []
            for name in _values(key, value):
                name = _HAS_ALIASES.get(name.lower(), name.lower())
                if name not in _HAS:
                    raise FilterError(
                        "filter_bad_has",
                        f"has: takes notes, changelog, suggestions or tags, not '{name}'",
                        value=name,
                    )
                tests.append(_HAS[name])
            test = tests[0] if len(tests) == 1 else lambda n, ts=tuple(tests): any(t(n) for t in ts)
            # has:changelog/suggestions/tags is "the attribute is not empty"
            names = {_HAS_ALIASES.get(v.lower(), v.lower()) for v in _values(key, value)}
            field_name = names.pop() if len(names) == 1 else None
            terms.append(Term(source, test, negated, field=field_name))
        if suggestion_test is not None:
            if negated:
                terms.append(
                    Term(
                        source,
                        lambda n, st=suggestion_test: any(st(s) for s in n.suggestions),
                        True,
                    )
                )
            else:
                suggestion_tests.append(suggestion_test)
    return Filter(query, tuple(terms), tuple(suggestion_tests), tuple(words))


def matching_nodes(doc: Document, flt: Filter) -> list[str]:
    """Ids of the nodes that satisfy ``flt`` themselves, in document order."""
    return [node.id for node in preorder(doc.root) if flt.matches(node)]


@dataclass
class Kept:
    """What a filter shows (:func:`filter_keep`)."""

    nodes: set[FeatureNode]
    """The matches and all their ancestors."""
    matching: list[FeatureNode]
    """The nodes that satisfy the filter themselves, in document order."""
    rows: tuple[list[FeatureNode], list[int]] | None = None
    """With an index: ``nodes`` in document order and their depths (the filtered rows)."""


def filter_keep(doc: Document, flt: Filter, index: SearchIndex | None = None) -> Kept:
    """What a filter shows: the matches and their ancestors (so the tree stays readable).

    Each term narrows the candidates left by the ones before, in one pass over a list
    (not one call of :meth:`Filter.matches` per node: at 100,000 nodes that is most of
    the cost). ``index``: a ready :class:`~featuretree.model.search.SearchIndex` of
    ``doc``: no walk of the tree, free words scan its texts, and the rows come out in
    document order. An empty filter matches every node.
    """
    with _gc_paused():
        if index is None or not index.ready:
            nodes = list(preorder(doc.root))
            matching = [nodes[i] for i in _narrow(nodes, None, flt)]
            kept: set[FeatureNode] = set()
            for node in matching:
                current: FeatureNode | None = node
                while current is not None and current not in kept:
                    kept.add(current)
                    current = current.parent
            return Kept(kept, matching)
        nodes, depths = index.nodes, index.depths
        found = _narrow(nodes, index, flt)
        shown = _with_ancestors(found, index.parents)
        rows = list(map(nodes.__getitem__, shown))
        matching = list(map(nodes.__getitem__, found))
        return Kept(set(rows), matching, (rows, list(map(depths.__getitem__, shown))))


def _with_ancestors(found: list[int], parents: list[int]) -> list[int]:
    """The positions ``found`` and those of all their ancestors (``parents[i]``: the
    position of ``i``'s parent, -1 for the root), ascending.

    Each chain up stops at a position already kept: linear in what is shown, not in
    the size of the document.
    """
    kept = bytearray(len(parents))
    shown: list[int] = []
    add = shown.append
    for i in found:
        while i >= 0 and not kept[i]:
            kept[i] = 1
            add(i)
            i = parents[i]
    shown.sort()
    return shown


def prepare_filters(index: SearchIndex) -> Iterator[None]:
    """Work out, a step at a time (yielding after each), what the first filter of each
    kind would otherwise pay for (10-30 ms each at 100,000 nodes): the document's
    suggestions in one list, and the groups of the fields ``status:`` and ``has:`` read.
    An editor runs the steps between keys once its search index is ready."""
    index.suggestions()
    yield
    index.groups("status")  # status:new (by value)
    yield
    for name in ("changelog", "suggestions", "tags", "notes"):  # has:... (by presence)
        index.groups(name, *_PRESENT.get(name, (bool,)))
        yield


_PRESENT: dict[str, tuple[Callable[[object], object], ...]] = {"notes": (str.strip, bool)}
"""What ``has:`` asks of a field, as keys for :meth:`SearchIndex.groups` (``bool``:
not empty; notes: more than blanks)."""


def _at(column: list, positions: list[int] | range) -> Iterable:
    """``column[i]`` for each of ``positions`` (the column itself for all of them)."""
    if isinstance(positions, range):
        return column
    return map(column.__getitem__, positions)


def _narrow(nodes: list[FeatureNode], index: SearchIndex | None, flt: Filter) -> list[int]:
    """Positions in ``nodes`` of those satisfying ``flt``; ``index``: the (ready) index
    ``nodes`` comes from, whose texts and columns spare reading the nodes.

    Each term keeps the positions passing it, from those left by the terms before, with
    ``compress`` over a ``map``: the loop runs in C, and with an index nothing but the
    suggestion tests calls back into Python for each position.
    """
    positions: list[int] | range = range(len(nodes))
    tests = flt.suggestion_tests
    if tests:
        # most nodes carry no suggestion: the suggestions themselves are tested, one
        # list of them for the document, and each must pass every test on its own
        if index is not None:
            owners, items = index.suggestions()
        else:
            owners, items = [], []
            for i, node in enumerate(nodes):
                for suggestion in node.suggestions:
                    owners.append(i)
                    items.append(suggestion)
        picked: list[int] | range = range(len(items))
        for test in tests:
            picked = list(compress(picked, map(test, _at(items, picked))))
        positions = list(dict.fromkeys(map(owners.__getitem__, picked)))  # once each, in order
    texts = index.texts if index is not None else None
    # free words against the index's texts first (a string search each), then the rest
    terms = sorted(flt.terms, key=lambda term: term.word is None or texts is None)
    for term in terms:
        word = term.word
        flags: Iterable
        if word is not None and texts is not None:
            if isinstance(positions, range) and not term.negated and index is not None:
                positions = index.word_positions(word)  # the whole document: known words
                continue
            flags = map(operator.contains, _at(texts, positions), repeat(word))
        elif term.field is not None and index is not None:
            present = _PRESENT.get(term.field, (bool,))  # has:notes: more than blanks
            if term.field == NORMALIZED_TAGS and term.values is not None:
                # tag:a,b — one of the node's tags (normalized as the index was built)
                flags = map(term.values.isdisjoint, _at(index.column(term.field), positions))
                if not term.negated:
                    flags = map(operator.not_, flags)
                positions = list(compress(positions, flags))
                continue
            if isinstance(positions, range):
                # the whole document: the positions of each value are known
                groups = index.groups(term.field, *(() if term.values else present))
                chosen = term.values or (True,)
                picked = [
                    found for value, found in groups.items() if (value in chosen) != term.negated
                ]
                positions = (
                    picked[0][:] if len(picked) == 1 else sorted(chain.from_iterable(picked))
                )
                continue
            flags = _at(index.column(term.field), positions)
            if term.values:
                flags = map(term.values.__contains__, flags)
            else:
                for key in present:
                    flags = map(key, flags)
        else:
            flags = map(term.test, _at(nodes, positions))
        if term.negated:
            flags = map(operator.not_, flags)
        positions = list(compress(positions, flags))
    return list(positions)


def filter_nodes(doc: Document, flt: Filter) -> set[str]:
    """Ids of the nodes that match ``flt`` plus all their ancestors (so the tree stays readable).

    An empty filter keeps every node. Each ancestor chain is walked only until it meets a
    node already kept, so the cost is linear in the size of the document.
    """
    if flt.is_empty:
        return {node.id for node in preorder(doc.root)}
    kept: set[str] = set()
    matches = flt.matches
    with _gc_paused():
        for node in preorder(doc.root):
            if matches(node):
                current: FeatureNode | None = node
                while current is not None and current.id not in kept:
                    kept.add(current.id)
                    current = current.parent
    return kept
