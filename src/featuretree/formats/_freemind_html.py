"""FreeMind/Freeplane rich content: parsed (X)HTML elements ↔ plain text.

FreeMind keeps notes and rich node text as HTML inside ``<richcontent>``; the XML
parser has already turned it into elements, so this walks elements (iteratively —
markup can nest without limit) rather than re-parsing a string as
:mod:`featuretree.formats.html_text` does. It follows what FreeMind shows: whitespace
runs collapse (Freeplane pretty-prints its HTML, so source indentation is noise), one
line per paragraph, an empty ``<p>`` is a blank line, ``<br>`` breaks a line, list
items read ``- item``, ``&nbsp;`` counts as a space the author typed; ``<pre>`` keeps its
spaces and tabs as written.

:func:`text_to_html` is the writer's side: one ``<p>`` per line with leading and
repeated spaces as ``&#160;``, so indentation (which the annotation block relies on)
survives the collapse when read back.
"""

from __future__ import annotations

import re
from html import escape
from xml.etree.ElementTree import Element

from featuretree.formats.html_tags import BLOCK_TAGS

# What starts a new line: HTML's block elements, and the whole-page ones FreeMind writes.
_BLOCK = BLOCK_TAGS | {"fieldset", "figure", "form", "body", "html"}
# Closing these always ends a line, even an empty one: an empty paragraph is a blank
# line the author typed.
_LINE = frozenset(["p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "pre"])
_SKIP = frozenset(["script", "style", "head", "title", "template"])
_WS = re.compile(r"[ \t\n\r\f]+")
_NBSP = "\xa0"
# A tab inside <pre> until the line is done: whitespace collapsing must not touch it.
# XML cannot hold NUL, so no parsed text contains this character.
_TAB = "\x00"
_PROTECT = re.compile(r"^ | (?= )| $")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


class _Collector:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip = 0
        self.pre = 0

    def start(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag == "br":
            self.flush(force=True)
        elif tag in _BLOCK:
            self.flush(force=False)
            if tag == "li":
                self.current.append("- ")
            elif tag == "pre":
                self.pre += 1

    def end(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _LINE:
            self.flush(force=True)
            if tag == "pre":
                self.pre = max(0, self.pre - 1)
        elif tag in _BLOCK:
            self.flush(force=False)
        elif tag in ("td", "th"):
            self.current.append(" ")

    def data(self, text: str) -> None:
        if self.skip or not text:
            return
        if self.pre:
            for i, part in enumerate(text.replace("\r\n", "\n").split("\n")):
                if i:
                    self.flush(force=True)
                self.current.append(part.replace(" ", _NBSP).replace("\t", _TAB))
        else:
            self.current.append(_WS.sub(" ", text))

    def flush(self, *, force: bool) -> None:
        line = _WS.sub(" ", "".join(self.current)).strip(" ")
        self.current.clear()
        if line or force:
            self.lines.append(line.replace(_NBSP, " ").replace(_TAB, "\t"))

    def text(self) -> str:
        if self.current:
            self.flush(force=False)
        lines = self.lines
        start, end = 0, len(lines)
        while start < end and not lines[start]:
            start += 1
        while end > start and not lines[end - 1]:
            end -= 1
        return "\n".join(lines[start:end])


def element_text(
    element: Element,
    images: list[str] | None = None,
    links: list[tuple[str, str]] | None = None,
) -> str:
    """The plain text FreeMind shows for a ``<richcontent>`` element (never raises).

    Images have no text: when ``images`` is given, the ``src`` of every ``<img>`` is
    appended to it, so the caller can name them instead of losing them silently. When
    ``links`` is given, every ``<a href>`` adds ``(its text, its URL)`` to it.
    """
    sink = _Collector()
    stack: list[tuple[bool, Element]] = [(False, element)]
    while stack:
        closing, elem = stack.pop()
        is_elem = isinstance(elem.tag, str)  # comments and PIs have function tags
        if closing:
            if is_elem:
                sink.end(_local(elem.tag))
            if elem.tail and elem is not element:
                sink.data(elem.tail)
            continue
        if is_elem:
            tag = _local(elem.tag)
            if tag == "img" and images is not None:
                images.append(elem.get("src") or elem.get("SRC") or "")
            elif tag == "a" and links is not None and (elem.get("href") or elem.get("HREF")):
                text = _WS.sub(" ", "".join(elem.itertext())).strip()
                links.append((text, elem.get("href") or elem.get("HREF") or ""))
            sink.start(tag)
            if elem.text:
                sink.data(elem.text)
        stack.append((True, elem))
        stack.extend((False, child) for child in reversed(elem))
    return sink.text()


def text_to_html(text: str) -> str:
    """``text`` as the simple HTML FreeMind 1.0 notes use, reading back to ``text``.

    Leading, trailing and repeated spaces become ``&#160;`` (HTML would collapse them);
    every line is a paragraph. A line holding a tab is a ``<pre>`` instead: only there
    does HTML (and FreeMind's note view) keep a tab, so it reads back as a tab.
    """
    paragraphs = []
    for line in text.split("\n"):
        if "\t" in line:
            pre = escape(line, quote=False).replace("\t", "&#9;")
            paragraphs.append(f"<pre>{pre}</pre>")
            continue
        line = escape(_PROTECT.sub(_NBSP, line), quote=False).replace(_NBSP, "&#160;")
        paragraphs.append(f"<p>{line}</p>")
    return "<html><head></head><body>" + "".join(paragraphs) + "</body></html>"
