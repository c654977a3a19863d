"""The one error every reader raises for input it cannot take, and what imports leave out."""

from __future__ import annotations

MAX_PROBLEMS = 200
"""Problems a reader lists before it stops counting (``validate`` says so)."""


class Problem:
    """One thing wrong with an input, and where (a JSON path, ``line 3, column 7``...).

    Readers that know the node add its title path (``node``: ``知乎 App › 首页 › 热榜``),
    the part of ``where`` below the node (``field``: ``status``) and the node's place in
    document order (``order``: child indices from the root).

    Readers that can say it in words the editor translates also give ``key`` (a catalogue
    key, ``problem.no_nodes``) and its ``fields``: ``message`` is then the English text
    (what the command line prints) and :meth:`text` the UI's language (the Problems screen).

    Immutable; two problems are equal when ``where`` and ``message`` are. A plain class,
    not a dataclass: ``dataclasses`` imports ``inspect``, and every command imports this
    module, ``featuretree --help`` included (~0.5x ``python -c pass`` together).
    """

    __slots__ = ("field", "fields", "key", "message", "node", "order", "where")

    where: str
    message: str
    node: str
    field: str
    order: tuple[int, ...] | None
    key: str
    fields: dict[str, object]

    def __init__(
        self,
        where: str,
        message: str,
        node: str = "",
        field: str = "",
        order: tuple[int, ...] | None = None,
        key: str = "",
        fields: dict[str, object] | None = None,
    ) -> None:
        init = object.__setattr__
        init(self, "where", where)
        init(self, "message", message)
        init(self, "node", node)
        init(self, "field", field)
        init(self, "order", order)
        init(self, "key", key)
        init(self, "fields", dict(fields or {}))

    @classmethod
    def keyed(cls, where: str, key: str, /, **fields: object) -> Problem:
        """A problem said by catalogue ``key`` with ``fields``: one text per language, the
        English one as ``message``. The catalogues are imported here, when a file has a
        problem: reading a clean file loads none of them."""
        from featuretree.i18n import text_in

        return cls(where, text_in("en", key, **fields), key=key, fields=fields)

    def text(self) -> str:
        """``message`` in the UI's language (the English ``message`` when it has no key)."""
        if not self.key:
            return self.message
        from featuretree.i18n import t

        # A field may itself be a problem's words (a bad value inside a quoted block).
        fields = {k: v.text() if isinstance(v, Problem) else v for k, v in self.fields.items()}
        return t(self.key, **fields)

    def place(self) -> str:
        """``where`` in the UI's language when the reader gave a :class:`Place`; a
        shortened deep path (see :func:`skipped_levels`) says its marker in it too."""
        if isinstance(self.where, Place):
            return self.where.text()
        return _say_skipped_levels(self.where)

    def node_text(self) -> str:
        """``node`` in the UI's language when the reader gave a :class:`TitlePath`."""
        return self.node.text() if isinstance(self.node, TitlePath) else self.node

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: a Problem is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: a Problem is immutable")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Problem)
        return (self.where, self.message) == (other.where, other.message)

    def __hash__(self) -> int:
        return hash((self.where, self.message))

    def __repr__(self) -> str:
        return (
            f"Problem(where={self.where!r}, message={self.message!r}, node={self.node!r}, "
            f"field={self.field!r}, order={self.order!r}, key={self.key!r})"
        )

    def __reduce__(self) -> tuple[type[Problem], tuple[object, ...]]:
        return (
            Problem,
            (self.where, self.message, self.node, self.field, self.order, self.key, self.fields),
        )

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message

    def for_people(self) -> str:
        """``知乎 App › 首页 › 热榜: status: … (root.children[0].children[2].status)``.

        The title path first (what a PM recognises), the JSON path after it; the plain
        :meth:`__str__` when the node is not known.
        """
        if not self.node:
            return str(self)
        named = f"{self.node}: {self.field}" if self.field else self.node
        return f"{named}: {self.message} ({self.where})"


class Place(str):
    """A ``where`` that the Problems screen can say in the UI's language: ``line 3,
    column 7`` (the English, what the command line prints) is ``第 3 行第 7 列`` there.
    A ``str``, so it sorts, compares and prints like any other ``where``."""

    key: str
    fields: dict[str, object]

    def text(self) -> str:
        """This place in the UI's language."""
        from featuretree.i18n import t

        return t(self.key, **self.fields)

    def __reduce__(self) -> tuple[object, ...]:
        return (_make_place, (str(self), self.key, self.fields))


def _make_place(english: str, key: str, fields: dict[str, object]) -> Place:
    place = Place(english)
    place.key = key
    place.fields = fields
    return place


def skipped_levels(count: int) -> str:
    """``…(1,234 levels)…``: what stands for ``count`` levels left out of a very deep
    path, in English (the command line); :meth:`Problem.place` and :meth:`TitlePath.text`
    say it in the UI's language."""
    return f"…({count:,} levels)…"


def _say_skipped_levels(where: str) -> str:
    """``where`` with a :func:`skipped_levels` marker in the UI's language (a JSON path
    is built by string concatenation, so the marker is found again by its shape)."""
    if " levels)…" not in where:
        return where
    import re

    from featuretree.i18n import t

    return re.sub(
        r"…\(([\d,]+) levels\)…",
        lambda m: t("problem.skipped_levels", count=int(m.group(1).replace(",", ""))),
        where,
    )


class TitlePath(str):
    """``知乎 App › (untitled) › 热榜``: a problem's node by its titles. The ``str`` is the
    English (what the command line prints); :meth:`text` says a node without a title in
    the UI's language (``（未命名）``), and so the levels a very deep path leaves out."""

    titles: tuple[str | int | None, ...]
    separator: str

    def text(self) -> str:
        """The path with untitled nodes (``None`` in ``titles``) and left-out levels (an
        ``int``) in the UI's language."""
        from featuretree.i18n import t

        untitled = t("app.untitled_row")
        return self.separator.join(
            untitled
            if title is None
            else t("problem.skipped_levels", count=title)
            if isinstance(title, int)
            else title
            for title in self.titles
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (title_path_of, (self.titles, self.separator))


def title_path_of(titles: tuple[str | int | None, ...], separator: str) -> TitlePath:
    """A :class:`TitlePath` of ``titles`` (``None``: a node without a title; an ``int``:
    that many levels left out of a very deep path)."""
    path = TitlePath(
        separator.join(
            "(untitled)" if t is None else skipped_levels(t) if isinstance(t, int) else t
            for t in titles
        )
    )
    path.titles = tuple(titles)
    path.separator = separator
    return path


def at_line(line: int, column: int | None = None, member: str = "") -> Place:
    """``line 3`` / ``line 3, column 7`` / ``content.xml, line 3, column 7`` as a
    :class:`Place` (imports the catalogues: only a file with a problem gets here)."""
    from featuretree.i18n import text_in

    key = "problem.where.line" if column is None else "problem.where.line_column"
    fields: dict[str, object] = {"line": line, "column": column}
    if member:
        key += "_in"
        fields["member"] = member
    return _make_place(text_in("en", key, **fields), key, fields)


class FormatError(Exception):
    """Input that cannot be read, with every problem found (at least one).

    ``str()`` gives one line for the user: the source, the first problem and how many
    more there are.
    """

    @classmethod
    def keyed(cls, key: str, /, **fields: object) -> FormatError:
        """One problem said by catalogue ``key`` (see :meth:`Problem.keyed`), no place."""
        return cls([Problem.keyed("", key, **fields)])

    def __init__(self, problems: list[Problem] | str, *, source: str | None = None) -> None:
        if isinstance(problems, str):
            problems = [Problem("", problems)]
        self.problems = problems
        self.source = source
        super().__init__(self.summary())

    def with_source(self, source: str) -> FormatError:
        """The same error, naming the file it came from."""
        return FormatError(self.problems, source=source)

    def text(self) -> str:
        """:meth:`summary` in the UI's language (what the editor's notices say)."""
        first = self.problems[0] if self.problems else None
        if first is None:
            said = "unreadable input"
        else:
            place = first.place()
            said = f"{place}: {first.text()}" if place else first.text()
        more = len(self.problems) - 1
        if more > 0:
            from featuretree.i18n import t

            said = t("problem.and_more", text=said, count=more)
        return f"{self.source}: {said}" if self.source else said

    def summary(self) -> str:
        """One line: ``source: where: message (and N more problems)``."""
        first = str(self.problems[0]) if self.problems else "unreadable input"
        more = len(self.problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else ""
        prefix = f"{self.source}: " if self.source else ""
        return f"{prefix}{first}{suffix}"


class MissingSupport(FormatError):
    """This machine lacks something a format needs to be written (a package, a font).

    Not the document's fault: the command line says how to get it and exits with status
    2; the editor shows the message like any other export error. Nothing is written.
    """


NOT_IMPORTED: dict[str, tuple[str, str]] = {
    "image": ("image", "images"),
    "attachment": ("attachment", "attachments"),
    "floating_topic": ("floating topic", "floating topics"),
    "callout": ("callout", "callouts"),
    "summary": ("summary topic", "summary topics"),
    "relationship": ("relationship", "relationships"),
    "arrow_link": ("arrow link", "arrow links"),
    "map_link": ("link inside the map", "links inside the map"),
    "rich_text": ("rich-text title", "rich-text titles"),
    "folded": ("folded branch", "folded branches"),
    "style_setting": ("style setting", "style settings"),
    "table": ("table (kept as text)", "tables (kept as text)"),
    "code_block": ("code block (kept as text)", "code blocks (kept as text)"),
    "html_block": ("HTML block (kept as text)", "HTML blocks (kept as text)"),
    "html_tag": ("HTML tag", "HTML tags"),
    "bold": ("bold span", "bold spans"),
    "italic": ("italic span", "italic spans"),
    "strikethrough": ("strikethrough span", "strikethrough spans"),
    "code_span": ("code span", "code spans"),
    "icon": ("icon", "icons"),
    "node_shape": ("node shape", "node shapes"),
    "line_break": ("line break in a title", "line breaks in titles"),
    "comment": ("comment", "comments"),
    "formatted_note": (
        "formatted note (kept as plain text)",
        "formatted notes (kept as plain text)",
    ),
    "boundary": ("boundary", "boundaries"),
    "attribute": ("attribute", "attributes"),
    "document_field": ("document property", "document properties"),
    "prd_summary_row": (
        "row edited in the suggestions summary (not on its node)",
        "rows edited in the suggestions summary (not on their nodes)",
    ),
}
"""The kinds a reader counts in ``Document.not_imported``, in the order they are listed,
with their English singular and plural (the editor's catalogues have their own).

What a format's writer gives back (``Document.carried``: XMind styles, layouts, folds,
FreeMind colours, fonts, clouds...) is not counted: it is not lost. No reader counts
``folded`` any more (both mind-map formats keep folds); it stays for a reader that
cannot. A Markdown list's numbers are carried too (the writer numbers a list the file
numbered); a number it cannot write is a loss of the save (:mod:`.loss`'s
``list_number``), not something the reader left out."""

KEPT_AS_TEXT = frozenset(
    [
        "rich_text",
        "table",
        "code_block",
        "html_block",
        "bold",
        "italic",
        "strikethrough",
        "code_span",
        "formatted_note",
    ]
)
"""The kinds of :data:`NOT_IMPORTED` whose text is in the editor: only their formatting
(or form) is not, so a UI must not say they are missing."""


def count_not_imported(counts: dict[str, int], kind: str, n: int = 1) -> None:
    """Add ``n`` things of ``kind`` (a key of :data:`NOT_IMPORTED`) that were not kept."""
    if n:
        counts[kind] = counts.get(kind, 0) + n


def describe_not_imported(counts: dict[str, int]) -> str:
    """``"3 images, 1 attachment"``: what was not imported, in English; ``""`` for nothing.

    A UI says it as ``Not imported: …``, apart from the repairs in ``Document.warnings``.
    """
    parts = []
    for kind in sorted(
        counts, key=lambda k: (list(NOT_IMPORTED).index(k) if k in NOT_IMPORTED else 99, k)
    ):
        n = counts[kind]
        if n <= 0:
            continue
        one, many = NOT_IMPORTED.get(kind, (kind.replace("_", " "), kind.replace("_", " ")))
        parts.append(f"{n} {one if n == 1 else many}")
    return ", ".join(parts)


def warning_text(key: str, **fields: object) -> str:
    """A reader's warning in the UI's language. The catalogs are imported here, when a
    file needs a warning: a command reading a clean file loads none of them."""
    from featuretree.i18n import t

    return t(key, **fields)
