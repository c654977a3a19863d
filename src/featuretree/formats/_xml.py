"""Untrusted XML in, well-formed XML out: shared by the XMind 8 and FreeMind formats.

Parsing goes through defusedxml, which refuses entity-expansion bombs and external
entities instead of expanding them. Writers build text themselves (ElementTree's
serializer recurses once per level), with every string escaped here.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as SafeET

from featuretree.formats.errors import FormatError, Problem, at_line

__all__ = ["attr", "local", "markup", "parse_xml", "text"]

# Characters XML 1.0 cannot hold at all (even as references): most C0 controls,
# lone surrogates, U+FFFE/U+FFFF.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def parse_xml(data: bytes, what: str) -> Element:
    """Parse ``data`` safely; every failure is a :class:`FormatError` naming ``what``.

    ``what`` is the archive member (``content.xml``), or empty for a plain XML file.
    """
    try:
        return SafeET.fromstring(data)
    except defusedxml.EntitiesForbidden:
        raise FormatError([Problem.keyed(what, "problem.xml_entities_refused")]) from None
    except (defusedxml.DTDForbidden, defusedxml.ExternalReferenceForbidden):
        raise FormatError([Problem.keyed(what, "problem.xml_external_files")]) from None
    except defusedxml.DefusedXmlException as exc:
        raise FormatError([Problem.keyed(what, "problem.xml_unsafe", detail=exc)]) from None
    except ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        message = str(exc).split(":", 1)[0]
        where = at_line(line, column + 1, member=what)
        raise FormatError(
            [Problem.keyed(where, "problem.xml_not_well_formed", detail=message)]
        ) from None
    except (ValueError, LookupError) as exc:
        raise FormatError([Problem.keyed(what, "problem.xml_unreadable", detail=exc)]) from None


def local(tag: object) -> str:
    """An element's tag without its namespace (``""`` for comments and PIs)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def markup(value: str) -> str:
    """Markup built by the caller, with characters XML cannot hold removed."""
    return _INVALID.sub("", value)


def text(value: str) -> str:
    """``value`` escaped for element content."""
    value = _INVALID.sub("", value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr(value: str) -> str:
    """``value`` escaped for a double-quoted attribute; line breaks and tabs survive."""
    return (
        text(value)
        .replace('"', "&quot;")
        .replace("\n", "&#xa;")
        .replace("\r", "&#xd;")
        .replace("\t", "&#x9;")
    )
