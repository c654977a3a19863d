"""html_to_text: the words a browser shows, never an exception."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from featuretree.formats.html_text import html_to_text, looks_like_html


def test_markup_is_dropped_and_entities_decoded():
    assert html_to_text("<b><i>testing</i></b> &amp; <a href='x'>link</a>") == "testing & link"


def test_line_breaks_and_blocks_become_newlines():
    assert html_to_text("<p>one</p><p>two<br>three</p><ul><li>a</li><li>b</li></ul>") == "one\ntwo\nthree\na\nb"


def test_scripts_and_styles_are_not_text():
    assert html_to_text("<style>p{}</style>shown<script>alert(1)</script>") == "shown"


def test_plain_text_is_left_alone():
    assert html_to_text("a < b, AT&T") == "a < b, AT&T"
    assert not looks_like_html("a < b, AT&T")
    assert looks_like_html("x &lt; y") and looks_like_html("<b>x</b>")


def test_malformed_declarations_fall_back_to_dropping_tags():
    # html.parser raises AssertionError on these.
    assert html_to_text("<![foo[ x ]]>y <b>z</b>") == "y z"


@settings(max_examples=300, deadline=None)
@given(st.text("<!&[]-;#xa0CDAT?/>' =\"bpr", max_size=30))
def test_never_raises(s):
    assert isinstance(html_to_text(s), str)
