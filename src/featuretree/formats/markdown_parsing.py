"""How the Markdown reader drives markdown-it: the same tokens as a stock parser, sooner.

The reader wants CommonMark with GFM tables and strikethrough and raw HTML kept as
tokens (:func:`new_parser`). markdown-it-py is pure Python and tries every rule on every
line and every inline run, which makes a 100,000-node export take tens of seconds. Two
things here cut that without changing a single token:

* runs of inline text holding none of the characters at which an inline rule can fire
  (most titles and table cells) get the one text token markdown-it would make, without
  its inline machinery, and a run seen before gets copies of its tokens
  (:func:`_inline_rule`);
* block rules that cannot fire anywhere in the text (no ```` ``` ````, no setext
  underline, no line starting with ``[`` or ``<``...) are switched off for that text
  (:class:`OutlineParser`). A rule that cannot match is never missed, as a rule or as
  the terminator of another.

tests/formats/test_markdown_parsing.py holds both to a stock parser's tokens.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from featuretree.formats.markdown_plain import (
    PLAIN_CHAR,
    PLAIN_LINE,
    PLAIN_RUN,
    PLAIN_THEN_MARKER,
    normalize,
    plain_lines,
)
from featuretree.formats.markdown_syntax import math_end

__all__ = ["PLAIN_CHAR", "PLAIN_RUN", "PLAIN_THEN_MARKER", "normalize", "plain_lines"]


def new_parser(max_nesting: int) -> MarkdownIt:
    """A CommonMark parser with GFM tables and strikethrough, raw HTML kept as tokens,
    and markmap's ``$math$`` (:func:`add_math`).

    Inline runs without markup (most titles and table cells of an export) skip
    markdown-it's inline machinery, and runs repeated in a document are parsed once;
    the tokens are the ones markdown-it would make.
    """
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": max_nesting})
    md.enable(["table", "strikethrough"])
    add_math(md)
    if (
        md.inline.ruler.get_active_rules() == _INLINE_RULES
        and md.inline.ruler2.get_active_rules() == _INLINE_RULES2
        and md.options.get("html")
    ):
        md.core.ruler.at("inline", _inline_rule)
    return md


# -- inline ----------------------------------------------------------------------------


def add_math(md: MarkdownIt) -> MarkdownIt:
    """Read ``$…$`` and ``$$…$$`` as markmap's KaTeX plugin does: one ``math_inline``
    token whose content is the source, delimiters included (:func:`.math_end` says
    where it ends). Inside math, ``\\``, ``*`` or ``_`` are TeX, not Markdown: without
    this rule a formula would lose its backslashes and gain emphasis."""
    md.inline.ruler.after("escape", "math_inline", _math_inline)
    return md


def _math_inline(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if src[pos] != "$":
        return False
    end = math_end(src if state.posMax == len(src) else src[: state.posMax], pos)
    if end == -1:
        # A "$" that opens nothing is text; "$$" whole, so the second is no opener.
        width = 2 if src.startswith("$$", pos) else 1
        if not silent:
            state.pending += src[pos : pos + width]
        state.pos += width
        return True
    if not silent:
        token = state.push("math_inline", "math", 0)
        token.content = src[pos:end]
        token.markup = "$"
    state.pos = end
    return True


# The inline rules of the parser above, and the only characters at which one of them
# can fire (the text rule stops at more, but then nothing else matches and the
# character is kept as text). A run free of them is a single text token, for which
# markdown-it would spend a state object, a rule loop and four post-passes.
_INLINE_RULES = [
    "text",
    "newline",
    "escape",
    "math_inline",
    "backticks",
    "strikethrough",
    "emphasis",
    "link",
    "image",
    "autolink",
    "html_inline",
    "entity",
]
_INLINE_RULES2 = ["balance_pairs", "strikethrough", "emphasis", "fragments_join"]


def quick_children(content: str) -> list[Token] | None:
    """The tokens markdown-it makes of ``content`` when it has no markup, else None."""
    if not content:
        return []
    if PLAIN_RUN.fullmatch(content):
        return [Token("text", "", 0, content=content)]
    if "\n" not in content:
        marked = PLAIN_THEN_MARKER.fullmatch(content)
        if marked is None:
            return None
        return [
            Token("text", "", 0, content=marked.group(1)),
            Token("html_inline", "", 0, content=marked.group(2)),
        ]
    children: list[Token] = []
    lines = content.split("\n")
    for number, line in enumerate(lines, 1):
        hard = number < len(lines) and line.endswith("\\")
        if hard:
            line = line[:-1]
        if not line or not PLAIN_LINE.fullmatch(line):
            return None
        children.append(Token("text", "", 0, content=line))
        if number < len(lines):
            children.append(Token("hardbreak" if hard else "softbreak", "br", 0))
    return children


def _inline_rule(state: StateCore) -> None:
    """markdown-it's core ``inline`` rule, with a shortcut for runs without markup and
    a memory of runs already parsed in this document."""
    md = state.md
    # Inline parsing depends on the run and the document's link references only, so a
    # run seen before (an export repeats "**修改记录**", "状态: **new**"...) gets copies
    # of the tokens it gave then. Copies, because text_join later edits tokens in place.
    seen: dict[str, list[Token]] = {}
    for token in state.tokens:
        if token.type != "inline":
            continue
        if token.children is None:
            token.children = []
        content = token.content
        quick = quick_children(content)
        if quick is not None:
            token.children.extend(quick)
            continue
        known = seen.get(content)
        if known is not None:
            token.children.extend(_copy(child) for child in known)
            continue
        start = len(token.children)
        md.inline.parse(content, md, state.env, token.children)
        made = token.children[start:]
        if all(child.children is None for child in made):
            seen[content] = made


def _copy(token: Token) -> Token:
    """A copy of a childless inline token that shares no mutable part with it.

    Spelled out: ``Token.copy`` (``dataclasses.replace``) costs several times more.
    """
    return Token(
        token.type,
        token.tag,
        token.nesting,
        attrs=dict(token.attrs),
        map=list(token.map) if token.map else token.map,
        level=token.level,
        content=token.content,
        markup=token.markup,
        info=token.info,
        meta=dict(token.meta),
        block=token.block,
        hidden=token.hidden,
    )


# -- block -----------------------------------------------------------------------------

# Where a block rule looks, markdown-it has only stepped over container markers on that
# line: spaces and tabs, ``>``, and list markers (``-``, ``+``, ``*``, ``1.``, ``1)``).
_PREFIX = r"^[ \t>+*\-0-9.)]*"
_HR = re.compile(_PREFIX + r"([-*_])[ \t]*\1[ \t]*\1", re.M)
_REFERENCE = re.compile(_PREFIX + r"\[", re.M)
_HTML_BLOCK = re.compile(_PREFIX + "<", re.M)
# A setext underline is never on a list item's first line (it follows a paragraph line
# inside the item), so only quote markers can come before it.
_SETEXT_UNDERLINE = re.compile(r"^[ \t>]*(?:-+|=+)[ \t]*$", re.M)

_BLOCK_RULE_NEEDS: dict[str, Callable[[str], bool]] = {
    # The header line of a table holds a pipe.
    "table": lambda text: "|" in text,
    "fence": lambda text: "```" in text or "~~~" in text,
    "blockquote": lambda text: ">" in text,
    "hr": lambda text: _HR.search(text) is not None,
    "reference": lambda text: _REFERENCE.search(text) is not None,
    "html_block": lambda text: _HTML_BLOCK.search(text) is not None,
    "lheading": lambda text: _SETEXT_UNDERLINE.search(text) is not None,
}
"""For each block rule left out when it cannot fire: whether ``text`` could let it fire.
Each test may say yes when the rule would not fire, never no when it would."""


class OutlineParser:
    """Parses Markdown with :func:`new_parser`'s rules, minus the block rules the text
    cannot trigger. Safe to share between threads."""

    def __init__(self, max_nesting: int) -> None:
        self.max_nesting = max_nesting
        self._parsers: dict[frozenset[str], MarkdownIt] = {}

    def parser_for(self, text: str) -> MarkdownIt:
        """The parser for ``text`` (normalized as markdown-it does)."""
        idle = frozenset(name for name, needed in _BLOCK_RULE_NEEDS.items() if not needed(text))
        parser = self._parsers.get(idle)
        if parser is None:
            parser = new_parser(self.max_nesting)
            if idle:
                parser.disable(sorted(idle))
            self._parsers[idle] = parser
        return parser

    def parse(self, text: str) -> list[Token]:
        """The tokens :func:`new_parser` would give for ``text``."""
        text = normalize(text)
        return self.parser_for(text).parse(text)
