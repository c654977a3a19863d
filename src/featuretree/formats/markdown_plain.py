"""Markdown that needs no parser: the runs and lines markdown-it would read as plain
text, the line endings it normalizes, and the characters it trims.

Kept apart from :mod:`markdown_parsing` (which drives markdown-it) so that reading
featuretree's own Markdown, which :class:`~.markdown_lines.LineReader` reads line by
line, imports no markdown-it: its import is ~35 ms of a command's start-up (``export
--format md`` reads what it wrote back to check it). :mod:`markdown_parsing` holds the
inline rules these characters are tied to; tests/formats/test_markdown_parsing.py holds
both to a stock parser's tokens.
"""

from __future__ import annotations

import re

TRIM_CHARS = "\t\n\x0b\x0c\r \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
"""What markdown-it's ``mdTrim`` strips (``markdown_it.common.utils.MD_TRIM_CHARS``;
a test checks they are the same)."""

# The characters at which one of markdown_parsing's inline rules can fire; a run free
# of them is a single text token.
_PLAIN = r"[^\n\\`~_*\[!<&$]"
_PLAIN_RUN = re.compile(f"{_PLAIN}+")
# A plain title followed by the writer's marker comment (``<!-- id: x -->``): text, then
# html_inline. The comment admits no ``--`` inside, no ``<`` or ``>``, so it is exactly
# what markdown-it's comment pattern matches and autolink (which needs a scheme or an
# @-address) does not.
_PLAIN_THEN_MARKER = re.compile(f"({_PLAIN}+)(<!--(?:[ A-Za-z0-9_.:,]|-(?=[A-Za-z0-9_.:,]))*-->)")
PLAIN_CHAR = _PLAIN
"""A character of such a run (a regular expression)."""
PLAIN_RUN = _PLAIN_RUN
"""A run that is one text token, as it is (for readers that skip the token)."""
PLAIN_THEN_MARKER = _PLAIN_THEN_MARKER
"""A plain run then the writer's marker comment: a text token and an html_inline one."""

# The start of a block that could open or interrupt something else at the start of a
# paragraph or list item (or end it): a quote, an ATX heading, a list marker or thematic
# break, a code fence, raw HTML, a link reference definition, a setext underline or a
# table's delimiter row. Escaped user text never starts so; a line that does is not plain
# (``$`` is a line's end: used with re.M).
BLOCK_START = (
    r"[>\[<]|#{1,6}(?:[ \t]|$)|[-+*](?:[ \t]|$)|(?:[-*_][ \t]*){3,}$|```|~~~"
    r"|\d{1,9}[.)](?:[ \t]|$)|=+[ \t]*$|[|:-][-:| \t]*$|[ \t]"
)

# Plain lines, each ended by a hard (``\\``) or soft line break. Spaces or tabs around a
# break would be trimmed or turned into a hard break, so such lines take the long way.
PLAIN_LINE = re.compile(r"(?![ \t])" + _PLAIN + r"*(?<![ \t])")


def plain_lines(content: str) -> str | None:
    """What :func:`~.markdown_syntax.plain_text` makes of :func:`.markdown_parsing.quick_children`'s tokens
    for ``content`` (its lines, every break a newline) when they are only text and line
    breaks; None otherwise. No token is made."""
    if _PLAIN_RUN.fullmatch(content):
        return content
    if "\n" not in content:
        return None
    lines = content.split("\n")
    last = len(lines) - 1
    for number, line in enumerate(lines):
        if number < last and line.endswith("\\"):
            line = lines[number] = line[:-1]
        if not line or not PLAIN_LINE.fullmatch(line):
            return None
    return "\n".join(lines)


# markdown-it's own first step (rules_core/normalize.py), so the tests above see the
# lines it will see.
_NEWLINES = re.compile(r"\r\n?")


def normalize(text: str) -> str:
    """``text`` with the line endings and NUL characters markdown-it parses."""
    if "\r" in text:
        text = _NEWLINES.sub("\n", text)
    if "\0" in text:
        text = text.replace("\0", "\ufffd")
    return text
