"""A file's text is cleaned of control characters however it is checked: the quick check
on its bytes gives what clean_text gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from featuretree.formats._util import decode_clean_text, decode_text
from featuretree.model.text import clean_text

_CHARS = st.sampled_from(
    list("ab 功能\t\n\r\x00\x07\x1b\x1f\x7f\x80\x85\x9f\xa0·\u3000\ufeff\U0001f600") + ["\r\n"]
)


@given(st.lists(_CHARS, max_size=30).map("".join), st.booleans())
def test_the_bytes_check_cleans_as_clean_text(text, bom):
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    assert decode_clean_text(data) == clean_text(decode_text(data))


def test_a_control_character_in_a_file_is_removed():
    assert decode_clean_text("标题\x1b[31m\u0085红".encode()) == "标题[31m红"
    assert decode_clean_text(b"a\r\nb\rc") == "a\nb\nc"
