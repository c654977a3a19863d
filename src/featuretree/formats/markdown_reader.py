"""Reading Markdown into a document: headings and list items become nodes.

The layout is described in :mod:`featuretree.formats.markdown_format`. featuretree's
own layout is read line by line first (:mod:`markdown_lines`, fast and lean); any text
it does not accept goes to markdown-it, whose flat token stream is walked once with an
index and explicit stacks. Both fill the same :class:`_TreeReader`.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter, ValidationError

from featuretree.formats._util import decode_clean_text, gc_paused
from featuretree.formats.errors import FormatError, Problem, at_line, warning_text
from featuretree.formats.json_problems import friendly_problem
from featuretree.formats.markdown_annotations import (
    DocData,
    NodeData,
    QuoteReader,
    block_text,
    count,
    decode_notes,
    matching_close,
    source_lines,
)
from featuretree.formats.markdown_lines import LineReader, NotSimple
from featuretree.formats.markdown_plain import normalize
from featuretree.formats.markdown_syntax import (
    inline_links,
    is_br,
    parse_comment,
    plain_text,
    title_links,
)
from featuretree.formats.markdown_writer import HEADING_LEVELS
from featuretree.formats.prd import GeneratedSummary, split_generated_summary, summary_rows
from featuretree.model import ids
from featuretree.model.annotations import ChangeEntry, DocumentMeta, Link, Revision, Suggestion
from featuretree.model.document import Document
from featuretree.model.node import FeatureNode, trusted_node
from featuretree.model.text import clean_line, clean_text

if TYPE_CHECKING:
    from markdown_it.token import Token

    from featuretree.formats.markdown_parsing import OutlineParser

MAX_NESTING = 200
"""Container levels markdown-it may open (a list level takes two). Its block parser
recurses once per level, so the limit also keeps it clear of Python's recursion limit.
The writer never nests deeper than about 70."""

MAX_LIST_LEVELS = MAX_NESTING // 2 - 1
_LEAF_OPENERS = frozenset(("paragraph_open", "heading_open"))

UNTITLED = "Untitled"
MAX_PROBLEMS = 200

_parsers: list[OutlineParser] = []
"""The markdown-it parser, made when first needed: featuretree's own Markdown is read
line by line (:class:`LineReader`) without it, and importing markdown-it is ~35 ms."""


def _parser() -> OutlineParser:
    if not _parsers:
        from featuretree.formats.markdown_parsing import OutlineParser

        _parsers.append(OutlineParser(MAX_NESTING))
    return _parsers[0]


def split_front_matter(text: str) -> tuple[dict[str, str], str, int]:
    """``(fields, body, lines before body)`` for a leading ``---`` YAML block.

    Only top-level ``key: value`` scalars are read (markmap's ``title`` among them);
    nested options such as ``markmap:`` are skipped.
    """
    if not text.startswith("---"):
        return {}, text, 0
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return {}, text, 0
    for end in range(1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            break
    else:
        return {}, text, 0
    fields: dict[str, str] = {}
    for line in lines[1:end]:
        if not line or line[0] in " \t#-" or ":" not in line:
            continue
        key, _, value = line.partition(":")
        fields[key.strip()] = _yaml_scalar(value.strip())
    return fields, "\n".join(lines[end + 1 :]), end + 1


def _yaml_scalar(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == '"':
        try:
            return str(json.loads(value))
        except ValueError:
            return value[1:-1]
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    return value.split(" #", 1)[0].strip()


class _TreeReader:
    """Builds :class:`NodeData` from the token stream."""

    def __init__(
        self, tokens: list[Token], line_offset: int, source: list[str] | None = None
    ) -> None:
        self.tokens = tokens
        self.source = source
        """The lines the tokens were parsed from (a table's source is kept from them)."""
        self.line_offset = line_offset
        self.problems: list[Problem] = []
        self.not_imported: dict[str, int] = {}
        """What is kept only as text: formatting, tables, HTML, code blocks."""
        self.quotes = QuoteReader(tokens, line_offset, self.problems, self.not_imported, source)
        self.top = NodeData(line=0)
        self.doc = DocData()
        self.path: list[NodeData] = [self.top]
        """The chain from the synthetic top to the node placed last (index = depth + 1)."""
        self.markers: dict[int, tuple[str, int]] = {}
        """By ``id()`` of an item of a numbered list, its marker as written (``"3."``,
        ``"3)"``) and its place in its list: the writer numbers the list as the file did
        (:func:`.markdown_writer.list_markers`). Any other item is a bullet."""

    def line_of(self, tok: Token) -> int:
        return (tok.map[0] if tok.map else 0) + self.line_offset + 1

    def place(self, node: NodeData, parent: NodeData) -> None:
        """Make ``node`` the last child of ``parent`` and the end of the path."""
        path = self.path
        index = parent.index + 1
        if index > len(path) or path[index - 1] is not parent:
            # Only after a depth marker jumped elsewhere: rebuild the chain, iteratively.
            chain: list[NodeData] = []
            current: NodeData | None = parent
            while current is not None:
                chain.append(current)
                current = current.parent
            chain.reverse()
            path[:] = chain
        del path[index:]
        path.append(node)
        node.index = index
        node.parent = parent
        parent.children.append(node)

    def settle(self, node: NodeData, markers: dict[str, str] | None = None) -> None:
        """Place a list item once its marker (if any) is known: under the item that
        encloses it, or at the depth a ``depth: N`` marker names."""
        if markers and "id" in markers and node.node_id is None:
            node.node_id = markers["id"]
        if node.index:
            return
        assert node.parent is not None
        parent = node.parent
        depth_text = (markers or {}).get("depth")
        if depth_text is not None:
            depth = int(depth_text) if depth_text.isdigit() else -1
            if 1 <= depth <= len(self.path) - 1:
                parent = self.path[depth]
            else:
                self.problems.append(
                    Problem.keyed(
                        at_line(node.line),
                        "problem.depth_marker",
                        marker=repr(depth_text),
                        most=len(self.path) - 1,
                    )
                )
        self.place(node, parent)
        if depth_text is not None and id(node) in self.markers:
            # Past the writer's cap the items are one flat list: a numbered one's place
            # is among the siblings it is placed after, not in that list.
            mark = self.markers[id(node)][0]
            siblings = parent.children
            before = self.markers.get(id(siblings[-2])) if len(siblings) > 1 else None
            at = before[1] + 1 if before is not None and before[0][-1] == mark[-1] else 0
            self.markers[id(node)] = (mark, at)

    def read_title(self, node: NodeData, inline: Token) -> dict[str, str]:
        """Give ``node`` the title and links of a heading's or item's text; its markers."""
        markers: dict[str, str] = {}
        for tok in inline.children or ():
            # A title is one line: a hard break or <br> in it is not written back (a soft
            # break is a space in Markdown, nothing is lost).
            if tok.type == "hardbreak" or (tok.type == "html_inline" and is_br(tok.content)):
                count(self.not_imported, "line_break")
        title = clean_line(
            plain_text(inline.children, line_break=" ", markers=markers, lost=self.not_imported)
        )
        links = title_links(inline.children, inline.content)
        return node.set_title(inline.content, title, markers, links)

    def read(self) -> None:
        tokens = self.tokens
        headings: list[tuple[int, NodeData]] = []
        items: list[list[Any]] = []  # [token level, node, still waiting for its title]
        lists: list[list[Any]] = []  # [delimiter ("." or ")"; "-" for bullets), items so far]
        markers = self.markers
        k, n = 0, len(tokens)
        while k < n:
            tok = tokens[k]
            kind = tok.type
            if kind == "heading_open" and tok.level == 0:
                level = int(tok.tag[1:])
                while headings and headings[-1][0] >= level:
                    headings.pop()
                node = NodeData(line=self.line_of(tok))
                node.node_id = self.read_title(node, tokens[k + 1]).get("id")
                self.place(node, headings[-1][1] if headings else self.top)
                headings.append((level, node))
                k += 3
                continue
            if kind in ("bullet_list_open", "ordered_list_open"):
                lists.append(["-" if kind == "bullet_list_open" else tok.markup, 0])
                k += 1
                continue
            if kind in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
                k += 1
                continue
            if kind == "list_item_close":
                self.settle(items.pop()[1])
                k += 1
                continue
            if kind == "list_item_open":
                if items:
                    self.settle(items[-1][1])
                    items[-1][2] = False
                parent = items[-1][1] if items else headings[-1][1] if headings else self.top
                item = NodeData(line=self.line_of(tok), parent=parent, item=True)
                items.append([tok.level, item, True])
                within = lists[-1] if lists else None
                if within is not None and within[0] != "-":
                    # The number as written ("03") and its delimiter, and its place.
                    markers[id(item)] = (tok.info + within[0], within[1])
                    within[1] += 1
                k += 1
                continue
            current = items[-1][1] if items else headings[-1][1] if headings else self.top
            waiting = bool(items) and items[-1][2] and tok.level == items[-1][0] + 1
            if items:
                items[-1][2] = False
            if waiting and kind in ("paragraph_open", "heading_open"):
                self.settle(current, self.read_title(current, tokens[k + 1]))
                k += 3
                continue
            if waiting and kind == "html_block":
                # An item with an empty title is just its marker comment.
                markers = parse_comment(tok.content)
                self.settle(current, markers)
                if markers is None:
                    count(self.not_imported, "html_block")
                    current.notes.append(tok.content.strip())
                elif not markers:  # another tool's or an author's comment: not written back
                    count(self.not_imported, "comment")
                k += 1
                continue
            if items:
                self.settle(current)
            if kind in ("paragraph_open", "heading_open"):
                current.links.extend(inline_links(tokens[k + 1].children))
                current.notes.append(plain_text(tokens[k + 1].children, lost=self.not_imported))
                current.written_notes.append(source_lines(self.source, tok))
                current.plain_notes = True
                k += 3
                continue
            close = matching_close(tokens, k) if tok.nesting == 1 else k
            if kind == "html_block" and parse_comment(tok.content) == {}:
                count(self.not_imported, "comment")  # not featuretree's marker: dropped
            if kind == "blockquote_open":
                self.quotes.read(k, close, current, self.doc)
                current.quoted_notes = True
            elif kind != "hr" and not (
                kind == "html_block" and parse_comment(tok.content) is not None
            ):
                text = block_text(tokens, k, close, self.not_imported, self.source)
                if text:
                    current.notes.append(text)
                    current.written_notes.append(source_lines(self.source, tok))
                    current.plain_notes = True
            k = close + 1


_BULLET = ("-", 0)


class _Builder:
    """Turns :class:`NodeData` into model objects: ids checked, annotations validated."""

    def __init__(
        self, problems: list[Problem], markers: dict[int, tuple[str, int]] | None = None
    ) -> None:
        self.problems = problems
        self.markers = markers or {}
        """:attr:`_TreeReader.markers`: carried for the items of lists with numbered ones."""
        self.warnings: list[str] = []
        self.node_ids: set[str] = set()
        self.suggestion_ids: set[str] = set()
        self.nodes: dict[str, FeatureNode] = {}
        """Every node built, by id (what ``Document.register`` would index)."""
        self.suggestion_owners: dict[str, FeatureNode] = {}
        """The node of every suggestion built, by the suggestion's id."""
        self.file_has_ids = False
        """Whether the file wrote any id (a node's or a suggestion's), valid or not."""
        self.forms: dict[str, dict[str, str]] = {}
        """By node id, how it was written where the writer would write it otherwise:
        ``form`` ``"item"`` for a list item at depth < 3, ``"heading"`` for a heading
        deeper; ``notes`` ``"plain"`` for notes outside a blockquote; for the list items
        of a node with a numbered list among them, ``marker`` as written (``"2."``,
        ``"2)"``, ``"-"``), ``at`` (its place in its list) and ``under`` (its parent's id),
        see :func:`.markdown_writer.list_markers`."""
        self.numbered = False
        """Whether the file has a numbered list (the writer then looks up markers)."""

    def fresh(self, key: str) -> str:
        return ids.derived_id(key, _Taken(self.node_ids, self.suggestion_ids))

    def build(self, root: NodeData) -> FeatureNode:
        order: list[NodeData] = []
        stack = [root]
        while stack:
            data = stack.pop()
            order.append(data)
            stack.extend(reversed(data.children))
        # Ids written in the file are kept first, so a fresh id never takes one of them.
        wanted: list[str | None] = []
        unnamed: set[int] = set()  # the nodes with a suggestion the file gives no id
        for data in order:
            keep = (
                data.node_id
                if data.node_id and _valid_id(data.node_id) and data.node_id not in self.node_ids
                else None
            )
            if data.node_id:
                self.file_has_ids = True
            if data.node_id and keep is None:
                self.warnings.append(
                    warning_text("warning.line_id", line=data.line, id=repr(data.node_id))
                )
            if keep:
                self.node_ids.add(keep)
            wanted.append(keep)
            for _line, record in data.suggestions:
                sid = record.get("id")
                if sid:
                    self.file_has_ids = True
                if sid and _valid_id(sid) and sid not in self.suggestion_ids:
                    self.suggestion_ids.add(sid)
                else:
                    record.pop("id", None)
                    unnamed.add(id(data))
        markers = self.markers
        # The nodes with a numbered list among their items: those items, and the bullet
        # items beside them, carry how they were marked (none in most files: no cost).
        numbered = {id(d.parent) for d in order if id(d) in markers} if markers else ()
        self.numbered = bool(numbered)
        built_ids: dict[int, str] = {}
        kids: dict[int, int] = {}  # children given an id so far, by parent
        depths: dict[int, int] = {}
        forms: dict[int, dict[str, str]] = {}
        for data, node_id in zip(order, wanted):
            depth = depths[id(data)] = depths[id(data.parent)] + 1 if data.parent is not None else 0
            if depth and data.item != (depth >= HEADING_LEVELS):
                # A colleague's outline in its own shape (markmap: lists right under
                # a heading): the writer keeps it (see markdown_writer.markdown_lines).
                forms.setdefault(id(data), {})["form"] = "item" if data.item else "heading"
            kept = {} if self.file_has_ids else data.as_written()  # a colleague's Markdown
            if kept:
                forms.setdefault(id(data), {}).update(kept)
            if data.plain_notes and not data.quoted_notes and not data.item:
                # Paragraphs and blocks right under a heading, as markmap draws them
                # (a table or code there is a node of its map): not put in a quote.
                forms.setdefault(id(data), {})["notes"] = "plain"
            # Parents come first in ``order``: the parent's id and the node's place under
            # it are known, and make the id of a node the file gives none (the same on
            # every read).
            parent_id = built_ids.get(id(data.parent)) if data.parent is not None else None
            if parent_id is not None:
                place = kids.get(id(data.parent), 0)
                kids[id(data.parent)] = place + 1
                key = ids.node_key(parent_id, place, data.title)
                if place and not data.item and data.parent.children[place - 1].item:  # type: ignore[union-attr]
                    # A heading after list items: one by its depth too, but the writer
                    # takes a node without a form there for an added item.
                    forms.setdefault(id(data), {})["form"] = "heading"
            else:
                key = ids.node_key("", 0, data.title)
            if node_id is None:
                node_id = self.fresh(key)
                self.node_ids.add(node_id)
            built_ids[id(data)] = node_id
            if numbered and data.item and id(data.parent) in numbered:
                mark, at = markers.get(id(data), _BULLET)
                forms.setdefault(id(data), {}).update(marker=mark, at=str(at), under=parent_id)
            if id(data) in forms:
                self.forms[node_id] = forms[id(data)]
            if unnamed and id(data) in unnamed:  # a fresh id, derived from its node
                for i, (_, record) in enumerate(data.suggestions):
                    if "id" not in record:
                        record["id"] = self.fresh(f"{key}#s{i}")
                        self.suggestion_ids.add(record["id"])
        changelogs, suggestions = self.annotations(order)
        nodes: dict[str, FeatureNode] = {}
        owners: dict[str, FeatureNode] = {}
        built: dict[int, FeatureNode] = {}
        for data, changelog, node_suggestions in zip(order, changelogs, suggestions):
            node_id = built_ids[id(data)]
            # trusted_node: the values are final (cleaned text, tuples), as __init__ stores them.
            node = trusted_node(
                data.title,
                node_id,
                clean_text(decode_notes(data.notes)) if data.notes else "",
                tuple(data.tags),
                data.status,
                changelog,
                node_suggestions,
                tuple(_links(data.links)) if data.links else (),
            )
            # Its own list now, so that ``kids`` never takes anytree's missing-attribute path.
            node._NodeMixin__children = []  # type: ignore[attr-defined]
            built[id(data)] = node
            nodes[node_id] = node
            for suggestion in node_suggestions:
                owners[suggestion.id] = node
            if data.parent is not None and id(data.parent) in built:
                parent = built[id(data.parent)]
                parent.kids.append(node)
                node._NodeMixin__parent = parent  # type: ignore[attr-defined]
        self.nodes = nodes
        self.suggestion_owners = owners
        # NodeData is done with: without its parent/children cycles reference counting
        # frees it at once, instead of the collector after a 100k-node read.
        for data in order:
            data.parent = None
            data.children = []
        return built[id(root)]

    def annotations(
        self, order: list[NodeData]
    ) -> tuple[list[tuple[ChangeEntry, ...]], list[tuple[Suggestion, ...]]]:
        """Each node's change log and suggestions as models, node by node.

        All of the document's at once, one pydantic call each for 100,000 nodes; only
        when one is wrong, node by node, to say which and where (in the file's order)."""
        try:
            changelogs = _each_node(_LIST_ADAPTERS[ChangeEntry], [d.changelog for d in order])
            suggestions = _each_node(_LIST_ADAPTERS[Suggestion], [d.suggestions for d in order])
        except ValidationError:
            pass
        else:
            return changelogs, suggestions
        changelogs, suggestions = [], []
        for data in order:
            changelogs.append(
                tuple(self.validated(ChangeEntry, data.changelog, "修改记录"))
                if data.changelog
                else ()
            )
            suggestions.append(
                tuple(self.validated(Suggestion, data.suggestions, "优化建议"))
                if data.suggestions
                else ()
            )
        return changelogs, suggestions

    def validated(
        self, model: Any, records: list[tuple[int, dict[str, Any]]], what: str
    ) -> list[Any]:
        if not records:
            return []
        adapter = _LIST_ADAPTERS.get(model)
        if adapter is not None:
            # All of them at once (pydantic's loop); one by one only to say what is wrong.
            try:
                return adapter.validate_python([record for _, record in records])
            except ValidationError:
                pass
        out = []
        for line, record in records:
            try:
                out.append(model.model_validate(record))
            except ValidationError as exc:
                for error in exc.errors():
                    where = ".".join(str(part) for part in error["loc"])
                    if len(self.problems) < MAX_PROBLEMS:
                        self.problems.append(
                            Problem.keyed(
                                at_line(line),
                                "problem.in_record",
                                what=what,
                                where=where,
                                detail=friendly_problem(error),
                            )
                        )
        return out


_LIST_ADAPTERS: dict[Any, TypeAdapter[Any]] = {
    model: TypeAdapter(list[model]) for model in (ChangeEntry, Suggestion, Revision)
}


def _each_node(
    adapter: TypeAdapter[Any], per_node: list[list[tuple[int, dict[str, Any]]]]
) -> list[tuple[Any, ...]]:
    """The records of every node validated in one call, cut back into one tuple a node."""
    records = [record for found in per_node for _, record in found]
    models = adapter.validate_python(records) if records else []
    out: list[tuple[Any, ...]] = []
    start = 0
    for found in per_node:
        if found:
            end = start + len(found)
            out.append(tuple(models[start:end]))
            start = end
        else:
            out.append(())
    return out


def _links(found: list[tuple[str, str]]) -> list[Link]:
    """The node's links in the order met (as the file has them: a link given twice is twice)."""
    out: list[Link] = []
    for title, url in found:
        title, url = clean_line(title), clean_line(url)
        if url:
            out.append(Link(title=title, url=url))
    return out


class _Taken:
    """Membership over both id sets without building their union."""

    def __init__(self, *sets: set[str]) -> None:
        self.sets = sets

    def __contains__(self, value: object) -> bool:
        return any(value in s for s in self.sets)


_VALID_ID = re.compile(r"[A-Za-z0-9_.:\-]{1,64}")


def _valid_id(value: str) -> bool:
    return _VALID_ID.fullmatch(value) is not None


MAX_BRACKET_NESTING = 256
"""Deeper ``[`` nesting is refused: markdown-it's link-label scan is quadratic in it
(100,000 nested brackets take minutes), and no outline needs more than a few."""

# A bracket, or a backslash escaping one (or escaping a backslash, which then escapes
# nothing): the same depths as stepping over every escape, with a match only where a
# bracket or a doubled backslash is, not at each of the writer's many ``\_``/hard breaks.
_BRACKETS = re.compile(r"\\[\[\]\\]|[\[\]]")


def _check_brackets(body: str, line_offset: int) -> None:
    if body.count("[") <= MAX_BRACKET_NESTING:
        return  # too few to nest that deep
    depth = 0
    for match in _BRACKETS.finditer(body):
        char = match.group()
        if char == "[":
            depth += 1
            if depth > MAX_BRACKET_NESTING:
                line = body.count("\n", 0, match.start()) + line_offset + 1
                raise FormatError(
                    [
                        Problem.keyed(
                            at_line(line), "problem.too_many_brackets", limit=MAX_BRACKET_NESTING
                        )
                    ]
                )
        elif char == "]" and depth:
            depth -= 1


def _inline_parser() -> Callable[[str], list[Token]]:
    """The inline tokens of a run, as markdown-it makes them inside a document: runs
    without markup quickly, and each other run once (its tokens are only read after).
    markdown-it is imported on the first run asked for: a file without markup in its
    notes and titles (featuretree's own) never asks."""
    seen: dict[str, list[Token]] = {}
    made: list[Any] = []  # quick_children and the parser, once needed

    def inline(content: str) -> list[Token]:
        if not made:
            from featuretree.formats.markdown_parsing import quick_children

            made.extend((quick_children, _parser().parser_for("")))
        quick = made[0](content)
        if quick is not None:
            return quick
        known = seen.get(content)
        if known is None:
            known = seen[content] = made[1].parseInline(content)[0].children or []
        return known

    return inline


def _read_tree(body: str, line_offset: int) -> _TreeReader:
    """The tree of ``body``: featuretree's own layout line by line, anything else from
    markdown-it's token stream (the same tree either way)."""
    _check_brackets(body, line_offset)
    text = normalize(body)
    reader = _TreeReader([], line_offset)
    try:
        LineReader(reader, _inline_parser(), line_offset).read(text)
        return reader
    except NotSimple:
        del reader  # half built: freed before markdown-it's tokens are made
    reader = _TreeReader(_parse(body, line_offset), line_offset, text.split("\n"))
    reader.read()
    return reader


def _parse(body: str, line_offset: int) -> list[Token]:
    try:
        tokens = _parser().parse(body)
    except RecursionError:
        raise FormatError.keyed("problem.nested_lists_too_deeply") from None
    # markdown-it silently drops what lies inside a container opened at its last level;
    # refuse such input rather than return a truncated tree.
    for tok in tokens:
        if tok.nesting == 1 and tok.level >= MAX_NESTING - 1 and tok.type not in _LEAF_OPENERS:
            line = (tok.map[0] if tok.map else 0) + line_offset + 1
            raise FormatError(
                [Problem.keyed(at_line(line), "problem.too_many_levels", limit=MAX_LIST_LEVELS)]
            )
    return tokens


def _edited_summary_rows(summary: GeneratedSummary, doc: Document) -> int:
    """How many rows of a PRD's suggestions summary say something the nodes'
    suggestions do not (a row changed, added or removed in the table)."""
    rows: list[tuple[str, ...]] = []
    for tok in _parser().parse(summary.table):
        if tok.type == "tr_open":
            rows.append(())
        elif tok.type == "inline" and rows:
            rows[-1] += (clean_text(plain_text(tok.children)).strip(),)
    expected = Counter(summary_rows(doc, summary.language))
    unmatched = 0
    for row in rows[1:]:
        if expected[row] > 0:
            expected[row] -= 1
        else:
            unmatched += 1
    return max(unmatched, sum(expected.values()))


def read_markdown(data: bytes) -> Document:
    """Read a Markdown outline (featuretree's own export, markmap, or hand-written)."""
    text = decode_clean_text(data)
    front, body, offset = split_front_matter(text)
    # Our own PRD export ends with a summary of the nodes' suggestions: not a node's notes.
    body, summary = split_generated_summary(body)
    # markdown-it allocates a few million tokens and lists that all stay alive until the
    # tree is built; with the collector running, its full scans over them cost about a
    # fifth of the read. What is left at the end is the document: long-lived.
    with gc_paused(long_lived=True):
        reader = _read_tree(body, offset)
        # The tokens (millions of objects for 100k nodes) are garbage now. Freed here, by
        # reference counting, the collector's first pass after the pause never scans them.
        reader.tokens = reader.quotes.tokens = []
        reader.source = reader.quotes.source = None
        top = reader.top
        front_title = clean_line(front.get("title", ""))
        if len(top.children) == 1:
            root = top.children[0]
            root.notes[:0] = top.notes  # text above the only heading is part of it
            root.plain_notes |= top.plain_notes
            root.quoted_notes |= top.quoted_notes
            root.parent = None
        else:
            root = top
            root.title = front_title or UNTITLED
        made_up_root = len(top.children) > 1 and not front_title
        problems = reader.problems
        builder = _Builder(problems, reader.markers)
        root_node = builder.build(root)
    meta_fields = {k: v for k, v in front.items() if k in DocumentMeta.model_fields}
    front_root = root is top and bool(front_title)
    if front_root:
        # The front matter's title is the root's (markmap draws it as the root), not a
        # title of the document's own: it follows the root when it is renamed.
        meta_fields.pop("title", None)
    meta_fields.update(reader.doc.meta)
    try:
        meta = DocumentMeta.model_validate(meta_fields)
    except ValidationError as exc:
        meta = DocumentMeta()
        for error in exc.errors():
            where = ".".join(str(part) for part in error["loc"])
            problems.append(
                Problem.keyed(
                    at_line(reader.doc.meta_line),
                    "problem.in_record",
                    what="文档信息",
                    where=where,
                    detail=friendly_problem(error),
                )
            )
    revisions = builder.validated(Revision, reader.doc.revisions, "版本修订记录")
    if problems:
        raise FormatError(problems[:MAX_PROBLEMS])
    # The builder indexed every node and suggestion as it made them, ids unique: no
    # second walk over the tree to register them.
    doc = Document.from_indexed_tree(
        root_node,
        nodes=builder.nodes,
        suggestion_owners=builder.suggestion_owners,
        meta=meta,
        revisions=revisions,
    )
    # No title of its own (no front-matter title, no info table's): the root's is the
    # document's, left empty so that it follows a renamed root and a save adds no info
    # table holding the old one.
    doc.title_is_root = not meta.title
    doc.warnings.extend(builder.warnings)
    look: dict[str, Any] = {}
    for node_id, form in builder.forms.items():
        doc.carried.put_node("markdown", node_id, form)
        look["forms"] = True  # tells the writer to look them up
    if builder.numbered:
        look["numbered"] = True  # and to number the lists the file numbered
    if not builder.file_has_ids:
        # A colleague's file (markmap, hand-written) carries no id comments: written back
        # without them, or every line of it would change. The ids it was given are
        # derived from each node's place and title (the same on every read), and kept
        # as they are in featuretree JSON and the recovery copy.
        look["ids"] = False
    doc.carried.put_document("markdown", look)
    # Several top-level nodes and no front-matter title: markmap draws them under an
    # empty root, featuretree under one it makes up (named after the file when it has
    # one), which a save writes as a heading: the save question says so.
    doc.root_from_file_name = made_up_root
    if summary is not None:
        doc.warnings.append(warning_text("warning.prd_summary"))
        edited = _edited_summary_rows(summary, doc)
        if edited:
            # Edits made in the summary are not on the nodes: saving would lose them.
            doc.not_imported["prd_summary_row"] = edited
    doc.not_imported.update(reader.not_imported)
    # The front matter (markmap's title and options…) is written back as it is.
    if offset:
        look["front_matter"] = "\n".join(text.split("\n", offset)[:offset])
        look["front_title"] = front_title
        if front_root:
            look["front_root"] = True  # the root is the front matter's title, no heading
        doc.carried.put_document("markdown", look)
    return doc
