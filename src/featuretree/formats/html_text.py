"""HTML fragments (Workflowy outlines, FreeMind rich content) reduced to plain text.

Other tools store titles and notes as HTML; featuretree keeps plain text. The stdlib
``html.parser`` is event-driven, so deeply nested markup costs no recursion.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# Elements that start a new line when rendered; their boundaries become "\n".
_BLOCK = frozenset(
    "address article aside blockquote dd div dl dt figcaption footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody thead tfoot tr ul".split()
)
# Elements whose content is never shown.
_HIDDEN = frozenset(("script", "style", "head", "title", "template"))
_TAG_OR_ENTITY = re.compile(r"<[A-Za-z!/?]|&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
_ANY_TAG = re.compile(r"<[^<>]*>")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def _newline(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK:
            self._newline()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCK:
            self._newline()

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def looks_like_html(s: str) -> bool:
    """True when ``s`` holds a tag or a character reference, i.e. is worth parsing as HTML.

    Plain text such as ``a < b`` or ``AT&T`` is left alone by callers that check first.
    """
    return _TAG_OR_ENTITY.search(s) is not None


def html_to_text(s: str) -> str:
    """The text a browser would show for the HTML fragment ``s``, without markup.

    Tags are dropped, entities decoded, ``<br>`` and block elements (``<p>``, ``<div>``,
    ``<li>``...) become line breaks, ``<script>``/``<style>`` content is dropped. Line
    breaks inside text are kept (callers fold them with ``clean_line`` for titles).
    Leading and trailing line breaks are removed; blank lines inside are kept.
    """
    if "<" not in s and "&" not in s:
        return s
    parser = _TextCollector()
    try:
        parser.feed(s)
        parser.close()
        text = "".join(parser.parts)
    except AssertionError:
        # html.parser gives up on some malformed declarations ("<![x"); drop anything
        # tag-shaped instead, so a broken note still reads and loses no words.
        text = html.unescape(_ANY_TAG.sub("", s))
    return text.strip("\n")
