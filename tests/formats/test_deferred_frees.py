"""``deferred_frees``: the JSON reader's parse outlives the read only when asked to.

The editor asks, so that freeing the parse of a big file (50-60 ms at 100,000 nodes)
happens after its first frame instead of before it.
"""

from __future__ import annotations

from featuretree import formats
from featuretree.model.document import Document


def _json() -> bytes:
    doc = Document.new("产品")
    return formats.dumps(doc, "json")


def test_the_parse_is_kept_until_the_caller_clears_it() -> None:
    with formats.deferred_frees() as kept:
        doc = formats.loads(_json(), "json")
    assert doc.root.title == "产品"
    assert len(kept) == 1 and isinstance(kept[0], dict)  # the parsed file
    assert kept[0]["root"]["title"] == "产品"
    kept.clear()


def test_without_the_context_nothing_is_kept() -> None:
    with formats.deferred_frees() as kept:
        pass
    formats.loads(_json(), "json")  # outside: frees as usual
    assert kept == []


def test_a_file_that_cannot_be_read_still_says_why() -> None:
    with formats.deferred_frees() as kept:
        try:
            formats.loads(b'{"format": "featuretree", "version": 1, "root": 3}', "json")
        except formats.FormatError as exc:
            assert "root" in str(exc)
        else:  # pragma: no cover
            raise AssertionError("expected a FormatError")
    kept.clear()
