"""Which HTML tags are display markup: the tag sets :mod:`.html_text` reduces to text.

Kept apart from :mod:`.html_text` for :mod:`.markdown_syntax`, which only asks whether a
tag in a title is display HTML: writing or reading featuretree's Markdown then imports
neither :mod:`html` (its table of 2,231 entities) nor the reducer's expressions (issue 15:
~2 ms of every ``export --format md``).
"""

from __future__ import annotations

# Elements that start a new line when rendered; their boundaries become "\n".
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "ul",
    ]
)
# Inline display elements: dropped, their content kept.
INLINE_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "big",
        "cite",
        "code",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "img",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
    ]
)
DISPLAY_TAGS = BLOCK_TAGS | INLINE_TAGS
"""Tags that are display HTML: a reader drops them (their content kept); any other
``<word>`` is the user's text."""
