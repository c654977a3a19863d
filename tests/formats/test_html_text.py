"""html_to_text: the words a browser shows, never an exception."""

from __future__ import annotations

import html

from hypothesis import given, settings
from hypothesis import strategies as st

from featuretree.formats.html_text import html_to_text, looks_like_html


def test_markup_is_dropped_and_entities_decoded():
    assert html_to_text("<b><i>testing</i></b> &amp; <a href='x'>link</a>") == "testing & link"


def test_line_breaks_and_blocks_become_newlines():
    assert (
        html_to_text("<p>one</p><p>two<br>three</p><ul><li>a</li><li>b</li></ul>")
        == "one\ntwo\nthree\na\nb"
    )


def test_scripts_and_styles_are_not_text():
    assert html_to_text("<style>p{}</style>shown<script>alert(1)</script>") == "shown"


def test_plain_text_is_left_alone():
    assert html_to_text("a < b, AT&T") == "a < b, AT&T"
    assert not looks_like_html("a < b, AT&T")
    assert looks_like_html("x &lt; y") and looks_like_html("<b>x</b>")


def test_unknown_tags_are_words_not_markup():
    assert html_to_text("<head>") == "<head>"
    assert html_to_text("<title>x</title>") == "<title>x</title>"
    assert html_to_text("支持 <video> 标签播放") == "支持 <video> 标签播放"
    assert html_to_text("禁止 <script> 注入") == "禁止 <script> 注入"  # never closed
    assert html_to_text("<i>a</i> <Video src='x'>") == "a <Video src='x'>"


def test_display_markup_only_is_never_reduced_to_nothing():
    assert html_to_text("<b></b>") == "<b></b>"
    assert html_to_text("<script>x</script>") == "<script>x</script>"


def test_pathological_input_is_linear():
    import time

    started = time.perf_counter()
    for s in ("<!--" * 50_000, "<script>" * 20_000, ("<a " + "x " * 100) * 1000):
        html_to_text(s)
    assert time.perf_counter() - started < 2


def test_malformed_declarations_fall_back_to_dropping_tags():
    # html.parser raises AssertionError on these.
    assert html_to_text("<![foo[ x ]]>y <b>z</b>") == "y z"


@settings(max_examples=300, deadline=None)
@given(st.text("<!&[]-;#xa0CDAT?/>' =\"bpr", max_size=30))
def test_never_raises(s):
    text = html_to_text(s)
    assert isinstance(text, str)
    # Never a fragment with visible characters made empty.
    assert text.strip() or not html.unescape(s).strip()
