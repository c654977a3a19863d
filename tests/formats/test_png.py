"""The PNG picture: a real PNG at 2×, with its titles drawn, or refused (never without text).

Drawing needs resvg-py (``pip install 'featuretree[png]'``) and a CJK font on the machine;
those tests skip cleanly without them. The refusals are tested everywhere.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
import types
from pathlib import Path

import pytest
from _png_pixels import Pixels, size

from featuretree import formats
from featuretree.cli.main import main
from featuretree.formats import png_format
from featuretree.formats.errors import MissingSupport
from featuretree.formats.png_format import FONT_ENV, SCALE, find_cjk_font, write_png
from featuretree.formats.svg_format import (
    FONT_METRICS,
    MARGIN,
    TITLE_SIZE,
    picture_layout,
    picture_size,
)

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
KNOWN_FONTS = dict(png_format._KNOWN_FONTS)
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@pytest.fixture
def no_font_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(FONT_ENV, raising=False)


@pytest.fixture
def cjk_font(no_font_override) -> png_format.CjkFont:
    """The font the PNG is drawn in; skips where resvg-py or a CJK font is missing."""
    pytest.importorskip("resvg_py", exc_type=ImportError)
    try:
        return find_cjk_font()
    except MissingSupport as exc:
        pytest.skip(f"no CJK font here: {exc}")


@pytest.fixture
def fontless(monkeypatch: pytest.MonkeyPatch, no_font_override) -> None:
    """A machine without a CJK font: no fontconfig, no font package, nothing in the usual places."""
    monkeypatch.setenv("PATH", "")
    monkeypatch.setitem(sys.modules, "noto_cjk_sans_otc", None)
    monkeypatch.setattr(png_format, "_KNOWN_FONTS", {})


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    status = main([str(a) for a in args])
    return status, capsys.readouterr().err


def near(pixels: tuple[int, int], picture: tuple[float, float]) -> bool:
    """The PNG is the picture at SCALE× (resvg rounds a fractional px size first)."""
    return all(abs(got - want * SCALE) <= SCALE for got, want in zip(pixels, picture))


def small_document() -> formats.Document:
    return formats.loads(
        "# 产品功能\n\n- 首页推荐\n  - 热榜\n  - 关注动态\n- 会员中心\n".encode(), "md"
    )


def text_areas(doc: formats.Document):
    """Per non-root box, in PNG pixels: (the rectangle its title is drawn in, the empty
    padding strip under it), each inset from the border."""
    layout = picture_layout(doc)
    top = MARGIN + TITLE_SIZE + 16
    m = FONT_METRICS
    for box in layout.boxes:
        if box.parent < 0:
            continue  # white text on the root's blue
        left, right = MARGIN + box.x + m.pad_x, MARGIN + box.x + box.w - m.pad_x
        text_top = top + box.y + m.pad_y
        text_bottom = text_top + m.line_height * len(box.lines)
        yield (
            box.lines[0],
            tuple(v * SCALE for v in (left, text_top, right, text_bottom)),
            tuple(v * SCALE for v in (left, text_bottom + 1, right, top + box.y + box.h - 2)),
        )


def test_png_is_a_png_of_the_picture_at_twice_its_size(cjk_font):
    doc = formats.load(SAMPLES / "zhihu.json")
    data = write_png(doc)
    assert near(size(data), picture_size(doc, picture_layout(doc)))
    right = write_png(doc, direction="right")
    assert near(size(right), picture_size(doc, picture_layout(doc, direction="right")))
    assert size(right)[1] > size(right)[0]  # the root on the left, modules down the page


def test_every_box_has_its_title_drawn_in_it(cjk_font):
    """resvg drops text it has no font for: the boxes would be empty. Here each title
    area is inked and the padding under it is clean (the text sits in its box)."""
    doc = small_document()
    pixels = Pixels(write_png(doc))
    areas = list(text_areas(doc))
    assert len(areas) == 4
    for title, text, padding in areas:
        inked = pixels.dark(*text)
        area = (text[2] - text[0]) * (text[3] - text[1])
        assert inked > 0.04 * area, f"{title}: only {inked} dark pixels of {area}"
        assert pixels.dark(*padding) == 0, title


def test_resvg_without_a_font_draws_no_text_which_is_why_png_needs_one(cjk_font):
    """What the font search guards against: the same picture, no font, empty boxes."""
    import resvg_py

    from featuretree.formats.svg_format import write_svg

    doc = small_document()
    blank = resvg_py.svg_to_bytes(
        svg_string=write_svg(doc).decode(), zoom=SCALE, skip_system_fonts=True
    )
    pixels = Pixels(bytes(blank))
    for title, text, _ in text_areas(doc):
        assert pixels.dark(*text) == 0, title


def test_export_and_convert_write_png_with_the_picture_options(cjk_font, capsys, tmp_path):
    out = tmp_path / "知乎.png"
    status, err = run(capsys, "convert", SAMPLES / "zhihu.json", out)
    assert status == 0, err
    assert size(out.read_bytes())[0] > 1000
    shallow = tmp_path / "s.png"
    status, err = run(
        capsys,
        "export",
        "--sample",
        "wms",
        "-f",
        "png",
        "--depth",
        "1",
        "--stack",
        "0",
        "-o",
        shallow,
    )
    assert status == 0, err
    doc = formats.load(SAMPLES / "wms.json")
    assert near(
        size(shallow.read_bytes()), picture_size(doc, picture_layout(doc, depth=1, stack=0))
    )
    assert formats.by_name("png").export_only and formats.by_name("png").binary


def test_without_a_cjk_font_png_is_refused_and_nothing_is_written(fontless, capsys, tmp_path):
    pytest.importorskip("resvg_py", exc_type=ImportError)
    out = tmp_path / "x.png"
    status, err = run(capsys, "export", "--sample", "zhihu", "-f", "png", "-o", out)
    assert status == 2
    assert "CJK" in err and "fonts-noto-cjk" in err and FONT_ENV in err
    assert "noto-cjk-sans-otc" in err and len(err.strip().splitlines()) == 1
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_without_resvg_png_is_refused_with_how_to_install_it(monkeypatch, capsys, tmp_path):
    monkeypatch.setitem(sys.modules, "resvg_py", None)  # import fails as if not installed
    out = tmp_path / "x.png"
    status, err = run(capsys, "convert", SAMPLES / "zhihu.json", out)
    assert status == 2
    assert "pip install 'featuretree[png]'" in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_without_resvg_or_a_font_the_editor_says_it_in_chinese(fontless, monkeypatch):
    """The Chinese editor said how to get PNG export in English only."""
    from featuretree.i18n import text_in

    def said(error: MissingSupport) -> str:
        problem = error.problems[0]
        return text_in("zh", problem.key, **problem.fields)

    if importlib.util.find_spec("resvg_py") is not None:
        with pytest.raises(MissingSupport) as no_font:
            find_cjk_font()
        assert "中文（CJK）字体" in said(no_font.value) and FONT_ENV in said(no_font.value)
    monkeypatch.setitem(sys.modules, "resvg_py", None)  # import fails as if not installed
    with pytest.raises(MissingSupport) as no_resvg:
        find_cjk_font()
    assert "导出 PNG 需要 resvg" in said(no_resvg.value)
    assert "pip install 'featuretree[png]'" in said(no_resvg.value)


def test_the_font_variable_names_the_font_and_a_wrong_one_is_refused(
    cjk_font, monkeypatch, capsys, tmp_path
):
    monkeypatch.setenv(FONT_ENV, cjk_font.path)
    chosen = find_cjk_font()
    assert (chosen.path, chosen.source) == (cjk_font.path, FONT_ENV)
    for wrong, why in (
        (tmp_path / "missing.ttf", "no such font file"),
        (SAMPLES / "zhihu.json", "not a font file"),
    ):
        monkeypatch.setenv(FONT_ENV, str(wrong))
        out = tmp_path / "x.png"
        status, err = run(capsys, "export", "--sample", "zhihu", "-f", "png", "-o", out)
        assert status == 2 and why in err and FONT_ENV in err
        assert not out.exists()


@pytest.mark.skipif(not DEJAVU.is_file(), reason="DejaVu Sans is not installed")
def test_a_font_without_chinese_is_refused(cjk_font, monkeypatch):
    """A Latin-only font would draw every CJK title as empty boxes: refused."""
    monkeypatch.setenv(FONT_ENV, str(DEJAVU))
    with pytest.raises(MissingSupport, match="draws no Chinese"):
        find_cjk_font()


def test_the_noto_font_package_is_used_when_installed(cjk_font, fontless, monkeypatch):
    """``noto-cjk-sans-otc`` is the font file only, named by ``FONT_PATH``."""
    package = types.ModuleType("noto_cjk_sans_otc")
    package.FONT_PATH = Path(cjk_font.path)
    monkeypatch.setitem(sys.modules, "noto_cjk_sans_otc", package)
    chosen = find_cjk_font()
    assert (chosen.path, chosen.source) == (cjk_font.path, "noto-cjk-sans-otc")


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="no fontconfig")
def test_a_collection_is_drawn_in_its_simplified_chinese_face(cjk_font):
    """Noto Sans CJK's collection starts with the Japanese face; Chinese titles are drawn
    in the SC one (the shapes differ for some characters)."""
    families = png_format.font_families(cjk_font.path)
    if "Noto Sans CJK SC" not in families:
        pytest.skip("the font found is not Noto Sans CJK")
    assert cjk_font.family == "Noto Sans CJK SC"


def test_a_badge_after_the_pencil_mark_is_drawn_in_the_cjk_font():
    """No CJK font has ✎: resvg draws it in a symbol font and kept that font for the rest
    of its text, so ``✎2 ◆2`` came out bold with a small ◆ beside ``◆1``. Each ✎ is now a
    chunk of its own (its own x), and what follows starts again in the picture's font."""
    from defusedxml import ElementTree

    from featuretree.formats.svg_format import svg_document

    doc = formats.load(SAMPLES / "zhihu.json")
    svg = svg_document(doc, picture_layout(doc), separate_marks=True)
    ns = "{http://www.w3.org/2000/svg}"
    badges = [text for text in ElementTree.fromstring(svg.encode()).iter(f"{ns}text") if len(text)]
    assert badges
    for text in badges:
        chunks = [span.text for span in text.iter(f"{ns}tspan")]
        assert all(span.get("x") for span in text.iter(f"{ns}tspan"))
        assert all(chunk == "✎" or "✎" not in chunk for chunk in chunks), chunks
    # (after the node's tags: ``#AI #搜索 ✎2 ◆2``)
    assert ["✎", "2 ◆2"] in [[s.text for s in t.iter(f"{ns}tspan")][-2:] for t in badges]


def test_a_connector_shared_by_many_children_is_as_thin_as_one_childs(cjk_font):
    """The stub from a parent to its children's spine belongs to every child's edge; drawn
    once per child, its anti-aliased rim darkened into a thick bar at each parent."""
    doc = formats.loads(("# 产品\n\n" + "".join(f"- 功能{i}\n" for i in range(8))).encode(), "md")
    layout = picture_layout(doc, direction="right")
    pixels = Pixels(write_png(doc, direction="right"))
    top = MARGIN + TITLE_SIZE + 16

    def ink_across(x: float, y: float) -> int:
        """Darkness summed over a short vertical cut through a horizontal segment."""
        px, py = round((MARGIN + x) * SCALE), round((top + y) * SCALE)
        return sum(255 - pixels.grey(px, row) for row in range(py - 5, py + 6))

    first = layout.edges[0].points  # parent → spine, then spine → the child
    (x0, y0), (x1, _), (_, y2), (x3, _) = first[0], first[1], first[2], first[3]
    shared, own = ink_across((x0 + x1) / 2, y0), ink_across((x1 + x3) / 2, y2)
    assert own > 0 and abs(shared - own) <= own * 0.1, (shared, own)


def test_on_windows_the_font_is_found_under_windir(cjk_font, fontless, monkeypatch, tmp_path):
    """No fontconfig there: Microsoft YaHei and friends in %WINDIR%\\Fonts."""
    monkeypatch.setattr(png_format, "_KNOWN_FONTS", {"win32": KNOWN_FONTS["win32"]})
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("WINDIR", str(tmp_path))
    (tmp_path / "Fonts").mkdir()
    with pytest.raises(MissingSupport):
        find_cjk_font()
    (tmp_path / "Fonts" / "simhei.ttf").symlink_to(cjk_font.path)
    assert find_cjk_font().path == str(tmp_path / "Fonts" / "simhei.ttf")


def test_a_picture_too_large_is_drawn_smaller_then_refused(cjk_font, monkeypatch, tmp_path):
    doc = small_document()
    width, height = picture_size(doc, picture_layout(doc))
    monkeypatch.setattr(png_format, "MAX_PIXELS", int(width * height * 2))  # fits at √2×
    assert near(size(write_png(doc)), (width / SCALE * 2**0.5, height / SCALE * 2**0.5))
    monkeypatch.setattr(png_format, "MAX_PIXELS", int(width * height / 2))  # not even at 1×
    with pytest.raises(formats.FormatError, match="too large for a PNG") as raised:
        write_png(doc)
    from featuretree.i18n import text_in

    problem = raised.value.problems[0]
    english, chinese = (text_in(lang, problem.key, **problem.fields) for lang in ("en", "zh"))
    assert "--depth" in english and "as folded" in english  # the editor's way too
    assert "按当前折叠" in chinese  # said in the editor's language


def test_quotes_arrows_and_circled_numbers_stay_inside_their_box(cjk_font):
    """CJK fonts draw “ ” · … → ① ≤ full width; measured as Latin letters (0.6 em), the
    title ran over its box's border (``“爆款”“新品”…`` spilled out on both sides). Each
    box's left and right padding is clean: the text sits between them."""
    titles = [
        "“一键入库”按钮",
        "收货→质检→上架→复核→发运",
        "“爆款”“新品”“清仓”“预售”“赠品”标签",
        "①扫码 ②称重 ③贴标",
        "……待定……",
        "库位·货架·层·格",
        "温度≤8℃冷链",
    ]
    doc = formats.loads(("# 入库\n\n" + "".join(f"- {t}\n" for t in titles)).encode(), "md")
    layout = picture_layout(doc)
    pixels = Pixels(write_png(doc))
    top = MARGIN + TITLE_SIZE + 16
    pad = FONT_METRICS.pad_x
    for box in layout.boxes[1:]:
        title = "".join(box.lines)
        rows = (top + box.y + 3) * SCALE, (top + box.y + box.h - 3) * SCALE
        left = (MARGIN + box.x + 3) * SCALE, (MARGIN + box.x + pad - 2) * SCALE
        right = (MARGIN + box.x + box.w - pad + 2) * SCALE, (MARGIN + box.x + box.w - 3) * SCALE
        assert pixels.dark(left[0], rows[0], left[1], rows[1]) == 0, f"{title}: ink at the left"
        assert pixels.dark(right[0], rows[0], right[1], rows[1]) == 0, f"{title}: ink at the right"


def test_a_title_character_no_font_draws_is_named_after_the_png_is_written(
    cjk_font, capsys, tmp_path
):
    """resvg draws a character no loaded font has (an emoji where no emoji font is
    installed) as an empty box, silently. The export names such characters; the samples'
    Chinese, punctuation and marks are all drawn, so they get no warning."""
    doc = small_document()
    doc.root.kids[0].title = "首页推荐 \u0379\u0380"  # unassigned: no font anywhere has them
    source = tmp_path / "plan.json"
    formats.save(doc, source)
    status, err = run(capsys, "export", source, "-f", "png", "-o", tmp_path / "plan.png")
    assert status == 0 and (tmp_path / "plan.png").exists()
    assert "warning: the PNG shows \u0379 \u0380 as empty boxes" in err
    assert "首页推荐" in err  # the title it is in
    status, err = run(capsys, "convert", SAMPLES / "zhihu.json", tmp_path / "zhihu.png")
    assert status == 0 and "warning" not in err, err
    assert png_format.undrawn_characters("“一键入库”→①·…≤℃ ✎◆ 한국어 かな") == []
