"""FreeMind/Freeplane elements featuretree does not model, as JSON data and back.

A node's ``<font>``, ``<edge>``, ``<cloud>``, style hooks and formatted notes are
carried through the document (:mod:`featuretree.model.carried`) as plain JSON, one
object per element::

    {"tag": "font", "attrs": {"NAME": "SansSerif", "BOLD": "true"}}
    {"tag": "p", "text": "a", "children": [{"tag": "b", "text": "b", "tail": "c"}]}

(``attrs``, ``text``, ``children`` and ``tail`` only when not empty). JSON rather than
the XML text, so that whatever a JSON file holds there, the map written from it is
well formed: names are checked and text escaped on the way out. Both directions walk
iteratively (markup can nest without limit; a value too deep is not carried).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from xml.etree.ElementTree import Element

from featuretree.formats import _xml
from featuretree.formats._xml import local
from featuretree.model.carried import json_depth_ok

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


def _namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def element_json(element: Element) -> dict[str, Any] | None:
    """``element`` and everything in it as JSON data; ``None`` when it nests too deeply."""
    out: dict[str, Any] = {}
    # (element, where its JSON goes, its parent's namespace)
    stack: list[tuple[Element, dict[str, Any], str]] = [(element, out, "")]
    while stack:
        elem, into, parent_ns = stack.pop()
        tag = elem.tag if isinstance(elem.tag, str) else ""
        into["tag"] = local(tag)
        attrs = {k: v for k, v in elem.attrib.items() if not k.startswith("{")}
        ns = _namespace(tag)
        if ns != parent_ns:
            # ElementTree keeps the namespace in the tag, not the xmlns attribute.
            attrs = {"xmlns": ns, **attrs}
        if attrs:
            into["attrs"] = attrs
        if elem.text:
            into["text"] = elem.text
        if elem.tail and elem is not element:
            into["tail"] = elem.tail
        children = [child for child in elem if isinstance(child.tag, str)]
        if children:
            into["children"] = kids = [{} for _ in children]
            stack.extend((child, kid, ns) for child, kid in zip(children, kids, strict=True))
    return out if json_depth_ok(out) else None


def json_xml(
    data: Any,
    *,
    attr: Callable[[str], str] = _xml.attr,
    text: Callable[[str], str] = _xml.text,
) -> str:
    """The XML text of an element given by :func:`element_json` (``""`` when it is not
    one). Names that XML cannot hold are left out, with what they hold. ``attr`` and
    ``text`` escape attribute values and text (a map's own way of writing characters)."""
    out: list[str] = []
    stack: list[Any] = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        if not isinstance(item, dict):
            continue
        tag = item.get("tag")
        tail = item.get("tail")
        if not isinstance(tag, str) or not _NAME.match(tag):
            continue
        attrs = item.get("attrs")
        attr_text = "".join(
            f' {name}="{attr(value)}"'
            for name, value in (attrs.items() if isinstance(attrs, dict) else ())
            if isinstance(name, str) and _NAME.match(name) and isinstance(value, str)
        )
        body = item.get("text")
        children = item.get("children")
        after = text(tail) if isinstance(tail, str) else ""
        if not body and not children:
            out.append(f"<{tag}{attr_text}/>{after}")
            continue
        closing = f"</{tag}>{after}"
        out.append(f"<{tag}{attr_text}>")
        if isinstance(body, str):
            out.append(text(body))
        stack.append(closing)
        if isinstance(children, list):
            stack.extend(reversed(children))
    return "".join(out)
