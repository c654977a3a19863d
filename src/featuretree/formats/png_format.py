"""The 功能结构图 as a PNG image (``.png``): the SVG picture rasterised by resvg.

For slides and chat, where an SVG does not paste. The picture is the one of
:mod:`.svg_format` (same layout, colours and legend), drawn at :data:`SCALE` × its size
by `resvg <https://github.com/linebender/resvg>`_ through the ``resvg-py`` wheel (no
system libraries): the optional extra ``pip install 'featuretree[png]'``.

resvg draws text only in a font it has loaded, and without one it **silently drops all
text**: a PNG of empty boxes. So a CJK font file is found (:func:`find_cjk_font`:
``FEATURETREE_CJK_FONT``, the ``noto-cjk-sans-otc`` package, fontconfig, the usual
places on Linux, macOS and Windows), checked to really draw Chinese, passed to resvg
explicitly and named first in the picture's font list. When there is none the export is
refused (:class:`MissingSupport`, saying how to install one) rather than written without
text. Writer only, like the SVG.
"""

from __future__ import annotations

import importlib
import math
import os
import re
import shutil
import struct
import subprocess
import sys
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from featuretree.formats.errors import FormatError, MissingSupport
from featuretree.formats.svg_format import (
    FONT_FAMILY,
    picture_layout,
    picture_size,
    svg_document,
)
from featuretree.model.document import Document
from featuretree.model.layout import Direction
from featuretree.model.node import FeatureNode
from featuretree.model.tree import preorder_with_depth

__all__ = [
    "FONT_ENV",
    "SCALE",
    "CjkFont",
    "find_cjk_font",
    "picture_titles",
    "undrawn_characters",
    "write_png",
]

FONT_ENV = "FEATURETREE_CJK_FONT"
"""A CJK font file (.ttf, .otf, .ttc) to draw the PNG's text with, instead of searching."""

SCALE = 2.0
"""Pixels per SVG px: 2× stays crisp on a slide or a high-density screen."""

MAX_PIXELS = 100_000_000
"""The largest image drawn (400 MB of RGBA while drawing); a larger picture is drawn at
a smaller scale, down to 1×, and refused beyond that."""

_FONTCONFIG_PATTERN = "Noto Sans CJK SC:lang=zh-cn"

_KNOWN_FONTS = {
    "linux": (
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",  # Debian, Ubuntu
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",  # Arch
        "/usr/share/fonts/google-noto-sans-cjk-fonts/NotoSansCJK-Regular.ttc",  # Fedora
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/source-han-sans/SourceHanSans-Regular.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    ),
    "darwin": (
        "/System/Library/Fonts/PingFang.ttc",
        "/System/Library/Fonts/Hiragino Sans GB.ttc",
        "/System/Library/Fonts/STHeiti Light.ttc",
        "/Library/Fonts/Arial Unicode.ttf",
    ),
    "win32": ("msyh.ttc", "msyh.ttf", "Deng.ttf", "simhei.ttf", "simsun.ttc"),
}
"""Where CJK fonts usually are when fontconfig cannot say (Windows: under %WINDIR%\\Fonts)."""


@dataclass(frozen=True)
class CjkFont:
    """A font file that draws Chinese, and the family name resvg knows it by."""

    path: str
    family: str
    source: str
    """Where it was found: the environment variable, the pip package, fontconfig, a path."""


def _resvg() -> Any:
    """The ``resvg_py`` module, or :class:`MissingSupport` saying how to install it."""
    try:
        return importlib.import_module("resvg_py")
    except ImportError:
        raise MissingSupport.keyed("problem.png_needs_resvg") from None


def find_cjk_font() -> CjkFont:
    """The CJK font the PNG's text is drawn in; :class:`MissingSupport` when there is none.

    In this order: the file ``FEATURETREE_CJK_FONT`` names (a wrong one is refused, never
    passed over); the ``noto-cjk-sans-otc`` package's (the same font on every machine);
    fontconfig's best match for Noto Sans CJK SC among fonts covering Chinese; the
    usual places of each system. Each is checked to draw Chinese characters with resvg.
    """
    resvg = _resvg()
    override = os.environ.get(FONT_ENV, "").strip()
    if override:
        family, problem = _check_font(resvg, override)
        if problem:
            raise MissingSupport(f"{FONT_ENV}={override}: {problem}")
        return CjkFont(override, family, FONT_ENV)
    for path, source in _candidates():
        family, problem = _check_font(resvg, path)
        if not problem:
            return CjkFont(path, family, source)
    raise MissingSupport.keyed("problem.png_needs_font", variable=FONT_ENV)


def _candidates():
    """(font file, where it came from) to try, best first; lazily (fontconfig is a process)."""
    package = _package_font()
    if package:
        yield package, "noto-cjk-sans-otc"
    matched = _fontconfig_font()
    if matched:
        yield matched, "fontconfig"
    # Other Unix systems (the BSDs) put fonts where Linux does.
    known = _KNOWN_FONTS.get(sys.platform) or _KNOWN_FONTS.get("linux", ())
    if sys.platform == "win32":
        fonts = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        known = tuple(str(fonts / name) for name in known)
    for path in known:
        if os.path.isfile(path):
            yield path, "system"


def _package_font() -> str | None:
    """The font file of the optional ``noto-cjk-sans-otc`` package, if it is installed.

    The package is only the file: ``noto_cjk_sans_otc/NotoSansCJK-Regular.ttc``, named by
    its ``FONT_PATH`` (an importlib.resources traversable).
    """
    try:
        package = importlib.import_module("noto_cjk_sans_otc")
    except ImportError:
        return None
    path = getattr(package, "FONT_PATH", None)
    try:
        path = os.fspath(path) if path is not None else None
    except TypeError:
        return None  # inside a zip: not a file resvg can open
    return path if path and os.path.isfile(path) else None


def _fontconfig_font() -> str | None:
    """fontconfig's first font for Noto Sans CJK SC that covers Simplified Chinese.

    ``fc-match`` always answers with something (DejaVu Sans when no CJK font is
    installed), so its fallback list is read for the first font whose languages include
    ``zh-cn``.
    """
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    try:
        result = subprocess.run(
            [fc_match, "-s", "-f", "%{file}\\t%{lang}\\n", _FONTCONFIG_PATTERN],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    for line in result.stdout.splitlines():
        path, _, langs = line.partition("\t")
        if "zh-cn" in langs.split("|") and os.path.isfile(path):
            return path
    return None


def _check_font(resvg: Any, path: str) -> tuple[str, str]:
    """(family, ``""``) when resvg draws Chinese in the font at ``path``, else ("", why not)."""
    if not os.path.isfile(path):
        return "", "no such font file"
    try:
        families = font_families(path)
    except (OSError, ValueError, struct.error):
        families = []
    if not families:
        return "", "not a font file resvg can read (.ttf, .otf or .ttc)"
    family = _best_family(families)
    if not _draws_chinese(resvg, path, family):
        return "", f"the font {family!r} draws no Chinese characters; name a CJK font file"
    return family, ""


def _draws_chinese(resvg: Any, path: str, family: str) -> bool:
    """Two different characters drawn alone in the font come out different.

    A font without them draws nothing or the same "missing glyph" box for both, so equal
    images mean it would not show the titles.
    """
    images = []
    for char in "中国":
        svg = (
            '<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32">'
            f'<text x="4" y="24" font-size="24" font-family={quoteattr(_css_name(family))}>'
            f"{char}</text></svg>"
        )
        try:
            images.append(
                resvg.svg_to_bytes(svg_string=svg, skip_system_fonts=True, font_files=[path])
            )
        except ValueError:
            return False
    return images[0] != images[1]


_SURELY_DRAWN = re.compile("[\x20-\x7e\u3001-\u3003\u3008-\u3011\u4e00-\u9fff\uff01-\uff5e]")
"""ASCII, the common ideographs and CJK punctuation: in every font found (it draws 中国)."""
_NO_SUCH_CHARACTER = "\u0378"
"""Unassigned in Unicode: no font has it, so it is drawn as the missing-glyph box."""
MAX_CHECKED = 64
"""Different uncommon characters checked at most (a few ms each with the system's fonts)."""


def picture_titles(doc: Document, depth: int | None = None) -> list[str]:
    """The texts a picture of ``doc`` shows: its title, then its nodes' titles and tags
    down to ``depth`` (all when ``None``), in order: what :func:`undrawn_characters` checks."""
    drawn: list[str] = [doc.meta.title]
    for node, level in preorder_with_depth(doc.root):
        if depth is None or level <= depth:
            drawn.append(node.title)
            drawn.extend(node.tags)
    return drawn


def undrawn_characters(text: str, font: CjkFont | None = None) -> list[str]:
    """The characters of ``text`` that no font resvg loads for the PNG draws, in order.

    resvg draws such a character as an empty box and says nothing: emoji (🚚 发运) where no
    emoji font is installed, rare symbols. Each uncommon character is drawn alone and
    compared with a character no font has: first in the CJK font only (fast), then, for
    those it lacks, with the system's fonts too, as :func:`write_png` draws.
    """
    resvg = _resvg()
    font = font or find_cjk_font()
    seen: dict[str, None] = {}
    for char in text:
        if not char.isspace() and not _SURELY_DRAWN.match(char):
            seen.setdefault(char)
    candidates = list(seen)[:MAX_CHECKED]
    if not candidates:
        return []

    def image(char: str, system: bool) -> bytes:
        svg = (
            '<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32">'
            f'<text x="4" y="24" font-size="24" font-family={quoteattr(_css_name(font.family))}>'
            f"{escape(char)}</text></svg>"
        )
        return bytes(
            resvg.svg_to_bytes(
                svg_string=svg,
                skip_system_fonts=not system,
                font_files=[font.path],
                sans_serif_family=font.family,
            )
        )

    lacking = []
    for system in (False, True):
        missing = image(_NO_SUCH_CHARACTER, system)
        lacking = [char for char in candidates if image(char, system) == missing]
        candidates = lacking
        if not lacking:
            break
    return lacking


def _best_family(families: list[str]) -> str:
    """The face of a collection to draw Chinese in: one the SVG lists, else a Simplified
    Chinese one (``… SC``, ``… GB``, ``… CN``), else the first."""
    listed = [name.strip().strip('"') for name in FONT_FAMILY.split(",")]
    for name in listed:
        if name in families:
            return name
    for family in families:
        if family.endswith((" SC", " GB", " CN")) or "Hans" in family:
            return family
    return families[0]


def font_families(path: str) -> list[str]:
    """The family names of the faces in a font file (one, or several in a ``.ttc``).

    Read from each face's OpenType ``name`` table: the typographic family (name 16) or
    else the family (name 1), English first, as resvg's font database matches them.
    """
    with open(path, "rb") as file:
        head = file.read(12)
        if head[:4] == b"ttcf":
            count = struct.unpack(">I", head[8:12])[0]
            offsets = struct.unpack(f">{min(count, 64)}I", file.read(4 * min(count, 64)))
        elif head[:4] in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
            offsets = (0,)
        else:
            return []
        families: list[str] = []
        for offset in offsets:
            family = _face_family(file, offset)
            if family and family not in families:
                families.append(family)
        return families


def _face_family(file: Any, offset: int) -> str:
    """The family name of the face whose table directory is at ``offset``."""
    file.seek(offset + 4)
    (tables,) = struct.unpack(">H", file.read(2))
    file.seek(offset + 12)
    directory = file.read(16 * tables)
    for index in range(tables):
        tag, _, start, _ = struct.unpack(">4sIII", directory[16 * index : 16 * index + 16])
        if tag == b"name":
            break
    else:
        return ""
    file.seek(start)
    _, count, strings = struct.unpack(">HHH", file.read(6))
    records = file.read(12 * count)
    best: tuple[int, str] | None = None
    for index in range(count):
        platform, _, language, name_id, length, at = struct.unpack(
            ">HHHHHH", records[12 * index : 12 * index + 12]
        )
        if name_id not in (1, 16):
            continue
        file.seek(start + strings + at)
        raw = file.read(length)
        if platform in (0, 3):
            text = raw.decode("utf-16-be", errors="replace")
            english = platform == 0 or language == 0x409
        elif platform == 1:
            text = raw.decode("mac-roman", errors="replace")
            english = language == 0
        else:
            continue
        rank = (0 if name_id == 16 else 2) + (0 if english else 1)
        if text.strip() and (best is None or rank < best[0]):
            best = (rank, text.strip())
    return best[1] if best else ""


def write_png(
    doc: Document,
    *,
    direction: Direction = "down",
    depth: int | None = None,
    stack: int = 1,
    scale: float = SCALE,
    folded: Collection[str | FeatureNode] = (),
    keep: Collection[str | FeatureNode] | None = None,
) -> bytes:
    """``doc`` as a PNG image of its SVG picture (options as for ``write_svg``).

    ``scale``: pixels per SVG px (lowered for a very large picture, see
    :data:`MAX_PIXELS`). Raises :class:`MissingSupport` without resvg or a CJK font.
    """
    resvg = _resvg()
    font = find_cjk_font()
    layout = picture_layout(
        doc, direction=direction, depth=depth, stack=stack, folded=folded, keep=keep
    )
    width, height = picture_size(doc, layout)
    fits = math.sqrt(MAX_PIXELS / (width * height))
    if fits < min(scale, 1):
        # Keyed: the Chinese editor says it in Chinese, and names its own way to draw
        # fewer boxes (Ctrl+E's "as folded") beside the command line's.
        raise FormatError.keyed("problem.png_too_large", width=round(width), height=round(height))
    scale = min(scale, fits)
    svg = svg_document(
        doc, layout, font_family=f"{_css_name(font.family)}, {FONT_FAMILY}", separate_marks=True
    )
    try:
        data = resvg.svg_to_bytes(
            svg_string=svg,
            zoom=scale,
            background="#ffffff",
            font_files=[font.path],
            # The system's fonts stay loaded for what the CJK font lacks (✎ is in few).
            sans_serif_family=font.family,
        )
    except ValueError as exc:
        raise FormatError(f"resvg could not draw the picture: {exc}") from None
    return bytes(data)


def _css_name(family: str) -> str:
    """``family`` as one quoted CSS font-family name (escaped for XML by svg_document)."""
    return '"' + family.replace("\\", "\\\\").replace('"', '\\"') + '"'
