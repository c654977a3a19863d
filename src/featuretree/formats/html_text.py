"""HTML fragments (Workflowy outlines, FreeMind rich content) reduced to plain text.

Other tools store titles and notes as HTML; featuretree keeps plain text. Only real
display markup is reduced: the tags a rich-text editor writes (``<b>``, ``<a>``,
``<span>``, ``<br>``, ``<p>``, ``<li>``...). Any other tag-shaped text — ``<video>``,
``<head>``, ``<title>x</title>`` in a PM's title — is the user's words and stays as it
is: reducing must never turn a non-empty title into an empty one. The fragment is
scanned once with a regular expression, so deeply nested markup costs no recursion.
"""

from __future__ import annotations

import html
import re

from featuretree.formats.html_tags import BLOCK_TAGS, INLINE_TAGS

# Elements whose content is never shown (only when closed: a lone "<script>" is words).
_HIDDEN = frozenset(("script", "style"))
# Their end tags (searched in the original: str.lower() can change a string's length).
_HIDDEN_END = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in _HIDDEN}
_TAG_OR_ENTITY = re.compile(r"<[A-Za-z!/?]|&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
# A start or end tag with well-formed attributes, a comment, or a declaration.
_MARKUP = re.compile(
    r"""<(?P<end>/)?(?P<name>[A-Za-z][A-Za-z0-9-]*)"""
    r"""(?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*/?>"""
    r"""|(?P<comment><!--)|<![^<>]*>|<\?[^<>]*>""",
    re.DOTALL,
)


def looks_like_html(s: str) -> bool:
    """True when ``s`` holds a tag or a character reference, i.e. is worth parsing as HTML.

    Plain text such as ``a < b`` or ``AT&T`` is left alone by callers that check first.
    """
    return _TAG_OR_ENTITY.search(s) is not None


def _newline(parts: list[str]) -> None:
    if parts and not parts[-1].endswith("\n"):
        parts.append("\n")


_HREF = re.compile(r"""\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)


def html_to_text(s: str, links: list[tuple[str, str]] | None = None) -> str:
    """The text a browser would show for the HTML fragment ``s``, without markup.

    When ``links`` is given, each ``<a href="url">text</a>`` adds ``(text, url)`` to it
    (the text stays in the result too): a link's target is not lost with its tag.

    Display tags are dropped, entities decoded, ``<br>`` and block elements (``<p>``,
    ``<div>``, ``<li>``...) become line breaks, closed ``<script>``/``<style>`` content is
    dropped. Unknown tags (``<video>``, ``<head>``) are kept as text. Line breaks inside
    text are kept (callers fold them with ``clean_line`` for titles). Leading and
    trailing line breaks are removed; blank lines inside are kept. A fragment with
    visible characters never comes back empty: then it is returned with entities decoded.
    """
    if "<" not in s and "&" not in s:
        return s
    parts: list[str] = []
    pos = 0
    never_closed: set[str] = set()  # a failed search for an end fails later too: linear
    open_links: list[tuple[int, str]] = []  # where each open <a href> began in parts
    while True:
        match = _MARKUP.search(s, pos)
        if match is None:
            parts.append(html.unescape(s[pos:]))
            break
        if match.start() > pos:
            parts.append(html.unescape(s[pos : match.start()]))
        pos = match.end()
        name = (match.group("name") or "").lower()
        if match.group("comment"):
            end = -1 if "-->" in never_closed else s.find("-->", pos)
            if end >= 0:
                pos = end + 3
            else:
                never_closed.add("-->")
                parts.append(match.group())  # never closed: the user's words
        elif not name:
            continue  # <!DOCTYPE ...>, <?xml ...?>: never shown
        elif name in _HIDDEN:
            close = (
                None
                if match.group("end") or name in never_closed
                else _HIDDEN_END[name].search(s, pos)
            )
            if close is not None:
                pos = close.end()  # the hidden content and its end tag
            elif not match.group("end"):
                never_closed.add(name)
                parts.append(match.group())  # never closed: the user's words
        elif name == "br":
            parts.append("\n")
        elif name in BLOCK_TAGS:
            _newline(parts)
        elif name == "a" and links is not None:
            if match.group("end"):
                if open_links:
                    start, url = open_links.pop()
                    links.append(("".join(parts[start:]), url))
            else:
                href = _HREF.search(match.group())
                if href:
                    url = html.unescape(next(g for g in href.groups() if g is not None))
                    if url:
                        open_links.append((len(parts), url))
        elif name not in INLINE_TAGS:
            parts.append(match.group())  # not display markup: the user's words
    while open_links and links is not None:  # never closed: the link runs to the end
        start, url = open_links.pop()
        links.append(("".join(parts[start:]), url))
    text = "".join(parts).strip("\n")
    if not text.strip() and s.strip():
        return html.unescape(s).strip("\n")
    return text
