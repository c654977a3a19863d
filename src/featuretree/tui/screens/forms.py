"""Modal forms for a node's annotations: change-log entry, suggestion, link, tags, revision.

Every form has the same quick path: type the first field and press Enter to save with the
defaults; Tab walks the other fields. Ctrl+S saves too; in a field of several lines
(suggestion, rationale) Ctrl+J starts a new line. Escape closes the form at once when
nothing was typed or changed, and otherwise asks first (Save / Discard / Keep editing):
typed text is never lost without a question (the notes editor follows the same rule,
see :func:`close_or_ask`). A form dismisses with a dict of
fields ready for the matching operation (``annotate.add_change(doc, node_id, **fields)``,
``edit_change(..., index, **fields)``, ``add_suggestion``, ``edit_suggestion``,
``add_revision``...) or with ``None`` when cancelled. Values are checked by the model's own
pydantic classes before the form closes, so a bad value is refused with a message in
the form and the operation that follows cannot fail on it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Label, Static

from featuretree.config import config_path
from featuretree.i18n import suggestion_status_label, t
from featuretree.model.annotations import (
    ChangeEntry,
    DocumentMeta,
    Link,
    Priority,
    Revision,
    Suggestion,
    SuggestionStatus,
)
from featuretree.tui.bindings import FORM_BINDINGS, UNSAVED_TYPING_BINDINGS
from featuretree.tui.typed_ahead import TypedAhead
from featuretree.tui.widgets.choice import Choice
from featuretree.tui.widgets.text_field import TextField
from featuretree.tui.widgets.wrapped_text import WrappedText

_DATE_SEPARATORS = re.compile(r"[./年月]")


def parse_date(value: str) -> dt.date | None:
    """``2026-11-25``, ``2026/11/25``, ``2026.11.25`` or ``2026年11月25日``; ``None`` if not a date."""
    text = _DATE_SEPARATORS.sub("-", value.strip().rstrip("日"))
    parts = text.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


def split_tags(value: str) -> list[str]:
    """Tags typed as ``会员, 收入 支付``: commas (also ，、；) and spaces separate them.

    A tag is shown as ``#会员`` (rows, detail panel, exports): typed with that ``#``
    (or ``＃``) in front, it is the same tag, not one named ``#会员``.
    """
    tags = (tag.lstrip("#＃") for tag in re.split(r"[\s,，、;；]+", value))
    return [tag for tag in tags if tag]


class AnnotationForm(ModalScreen[dict[str, Any] | None], TypedAhead):
    """The frame every annotation form shares: title, fields, error line, hint."""

    # ModalScreen first: Textual takes a screen's default CSS (and its CSS type names)
    # from the first base of each class only, so with TypedAhead first the form got
    # Screen's opaque background instead of ModalScreen's and hid the tree behind it.

    DEFAULT_CSS = """
    AnnotationForm {
        align: center middle;
    }
    AnnotationForm > Vertical {
        width: 72;
        max-width: 95%;
        height: auto;
        max-height: 95%;
        border: round $accent;
        background: $panel;
        padding: 0 1;
    }
    AnnotationForm .form-title {
        text-style: bold;
        padding-bottom: 1;
    }
    AnnotationForm Horizontal {
        height: 1;
        margin-bottom: 1;
    }
    AnnotationForm Horizontal.multi-line {
        height: auto;
    }
    /* A form with one field of several lines (a change-log entry, a revision) gives it
       more room than the suggestion form's two can have: a summary made from the
       changes runs to several lines, and two showed only its end. */
    AnnotationForm MultiLineInput.tall {
        max-height: 25vh;
    }
    AnnotationForm .field-label {
        width: 12;
        padding: 0 1 0 0;
    }
    /* Where the typing goes must be plain at a glance, in dark and light themes: the
       focused field's label is drawn as a block in the accent colour. */
    AnnotationForm .field-row.-focused > .field-label {
        background: $accent;
        color: $text;
        text-style: bold;
    }
    AnnotationForm Input {
        width: 1fr;
        height: 1;
        border: none;
        padding: 0 1;
        background: $boost;
    }
    AnnotationForm Input:focus {
        border: none;
        background: $accent 25%;
    }
    AnnotationForm Choice {
        margin: 0;
    }
    AnnotationForm #error {
        color: $error;
        height: auto;
    }
    AnnotationForm .hint {
        color: $text-muted;
    }
    """

    BINDINGS = FORM_BINDINGS

    title_key = ""
    hint_key = "form.hint"

    def __init__(self, title: str) -> None:
        super().__init__()
        self.form_title = title

    def compose(self) -> ComposeResult:
        with Vertical():
            # wrapped, never cut: a title names the node, an error says what to fix
            yield WrappedText(Text(self.form_title), max_natural=1000, classes="form-title")
            yield from self.compose_fields()
            yield WrappedText("", max_natural=1000, id="error")
            yield WrappedText(Text(t(self.hint_key)), max_natural=1000, classes="hint")

    def on_mount(self) -> None:
        # Before the keys typed while the form opened are typed (after the first frame):
        # what the form showed at first is what "nothing changed" means.
        self.initial_values = self.field_values()

    def compose_fields(self) -> ComposeResult:
        """The form's own rows."""
        yield from ()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # A class on the row, not :focus-within: Textual restyles the focused widget
        # and its ancestors on a focus change, not the label beside it.
        for row in self.query(".field-row"):
            row.set_class(event.widget.parent is row, "-focused")

    @staticmethod
    def row(label: str, widget: Input | Choice) -> Horizontal:
        """A labelled field."""
        return Horizontal(Label(Text(label), classes="field-label"), widget, classes="field-row")

    @staticmethod
    def multi_line_row(
        label: str, text: str, *, placeholder: str, id: str, tall: bool = False
    ) -> Horizontal:
        """A labelled field of several lines (Enter still saves the form; Ctrl+J is a new
        line); ``tall``: the form's only such field, which may grow taller."""
        from featuretree.tui.widgets.multiline import MultiLineInput

        field = MultiLineInput(text, placeholder=placeholder, id=id)
        field.set_class(tall, "tall")
        return Horizontal(
            Label(Text(label), classes="field-label"),
            field,
            classes="field-row multi-line",
        )

    def field_values(self) -> tuple[str, ...]:
        """Every field's value, in order (what Escape compares to decide whether to ask)."""
        return tuple(str(row.children[1].value) for row in self.query(".field-row"))

    @property
    def changed(self) -> bool:
        """True when something was typed or chosen since the form opened."""
        return self.field_values() != getattr(self, "initial_values", self.field_values())

    def value(self, field_id: str) -> str:
        """The text typed into the field with id ``field_id`` (one line or several)."""
        return str(self.query_one(f"#{field_id}").value).strip()

    _quiet = False
    """While :meth:`typed_result` asks quietly: a problem is not said, the focus stays."""

    def show_error(self, message: str) -> None:
        """Say in the form why it cannot be saved (plain text, never markup)."""
        if self._quiet:
            return
        self.query_one("#error", WrappedText).update(Text(message))

    def collect(self) -> dict[str, Any] | None:
        """The fields to dismiss with, or ``None`` after :meth:`show_error`."""
        raise NotImplementedError

    def typed_result(self, *, quiet: bool = False) -> dict[str, Any] | None:
        """What saving the form now would dismiss with: ``None`` when nothing was typed
        or the fields are not valid (the app is stopping: there is no one to ask).
        ``quiet`` (the recovery copy, taken while the user types): a field not valid yet
        is not said in the form, nor is the focus moved to it."""
        if not self.changed:
            return None
        self._quiet = quiet
        try:
            return self.collect()
        finally:
            self._quiet = False

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Validate and close with the fields, once the focused field has typed every key
        sent before this one."""
        # Enter and Ctrl+S are priority bindings: they run as soon as they arrive, while
        # the characters sent just before them (one burst: a script, an IME, a fast
        # typist) still wait in the focused field's queue. Saving from that queue saves
        # what was typed.
        focused = self.focused
        if focused is None:
            self._save_now()
        else:
            focused.call_later(self._save_now)

    def _save_now(self) -> None:
        if not self.is_current:  # already closed (Enter pressed twice in a row)
            return
        self.save_typed()

    def save_typed(self) -> None:
        """Save what the fields hold (by now every key typed before the save is in them):
        close with the fields, or say in the form why not. A form that does more than
        close with its fields (an export writes a file) overrides this, never
        ``action_save``: Enter must wait for the keys typed before it."""
        fields = self.collect()
        if fields is not None:
            self.dismiss(fields)

    def action_next_field(self, step: int) -> None:
        """Tab / Shift+Tab: the next or previous field, at once."""
        if step > 0:
            self.focus_next()
        else:
            self.focus_previous()

    def action_close(self) -> None:
        """Escape: close at once if nothing changed, else ask (Save / Discard / Keep editing)."""
        close_or_ask(self, self.changed, save=self.action_save, discard=lambda: self.dismiss(None))

    # -- shared validation ----------------------------------------------------------

    def required(self, field_id: str, label: str) -> str | None:
        text = self.value(field_id)
        if not text:
            self.show_error(t("form.required", field=label))
            if not self._quiet:
                self.query_one(f"#{field_id}").focus()
        return text or None

    def date(self, field_id: str, label: str) -> dt.date | bool | None:
        """The date typed (today when blank); ``False`` after an error was shown."""
        text = self.value(field_id)
        if not text:
            return dt.date.today()
        parsed = parse_date(text)
        if parsed is None:
            self.show_error(t("form.bad_date", field=label, value=text))
            if not self._quiet:
                self.query_one(f"#{field_id}").focus()
            return False
        return parsed

    def validated(
        self, model: type[BaseModel], fields: dict[str, Any], extra: dict[str, Any] | None = None
    ) -> bool:
        """Check ``fields`` with the model; show the first problem and return False if any."""
        try:
            model.model_validate({**fields, **(extra or {})})
        except ValidationError as exc:
            error = exc.errors()[0]
            where = ".".join(str(part) for part in error["loc"])
            self.show_error(f"{where}: {error['msg']}")
            return False
        return True


def _optional(text: str) -> str | None:
    return text or None


class UnsavedTypingScreen(ModalScreen[str]):
    """Asked by Escape in a form or the notes editor with changes: dismisses with
    ``"save"``, ``"discard"`` or ``"keep"`` (go on editing)."""

    DEFAULT_CSS = """
    UnsavedTypingScreen {
        align: center middle;
    }
    UnsavedTypingScreen > Vertical {
        width: 60;
        max-width: 95%;
        height: auto;
        border: round $warning;
        background: $panel;
        padding: 0 1;
    }
    UnsavedTypingScreen .question {
        text-style: bold;
    }
    UnsavedTypingScreen .hint {
        color: $text-muted;
    }
    """

    BINDINGS = UNSAVED_TYPING_BINDINGS

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(t("form.unsaved.question")), classes="question")
            yield Label(Text(t("form.unsaved.keys")), classes="hint")

    def action_choose(self, choice: str) -> None:
        """Close with ``choice``."""
        self.dismiss(choice)


def close_or_ask(
    screen: Screen[Any], changed: bool, *, save: Callable[[], None], discard: Callable[[], None]
) -> None:
    """What Escape does in every form and in the notes editor: ``discard`` (close) at once
    when nothing ``changed``; otherwise ask, then ``save``, ``discard`` or keep editing."""
    if not changed:
        discard()
        return

    def decided(choice: str | None) -> None:
        if choice == "save":
            save()
        elif choice == "discard":
            discard()

    screen.app.push_screen(UnsavedTypingScreen(), decided)


class ChangeEntryForm(AnnotationForm):
    """Add or edit a change-log entry: summary (of several lines, as a change log's
    summary may be), version, author, date."""

    hint_key = "form.hint_multi_line"

    def __init__(self, entry: ChangeEntry | None = None, *, author: str = "") -> None:
        super().__init__(t("form.change.title_edit" if entry else "form.change.title_add"))
        self.entry = entry
        self.default_author = author

    def compose_fields(self) -> ComposeResult:
        entry = self.entry
        # Several lines: a summary read from a file may have them, and a one-line field
        # drew them on top of each other (and kept only the first of a paste).
        yield self.multi_line_row(
            t("form.change.summary"),
            entry.summary if entry else "",
            placeholder=t("form.change.summary_placeholder"),
            id="summary",
            tall=True,
        )
        yield self.row(
            t("form.change.version"),
            TextField(
                (entry.version or "") if entry else "",
                placeholder=t("form.change.version_placeholder"),
                id="version",
            ),
        )
        yield self.row(
            t("form.author"),
            TextField(
                (entry.author or "") if entry else self.default_author,
                placeholder=t("form.author_placeholder"),
                id="author",
            ),
        )
        yield self.row(
            t("form.date"),
            TextField(
                (entry.date if entry else dt.date.today()).isoformat(),
                placeholder=t("form.date_placeholder"),
                id="date",
            ),
        )

    def collect(self) -> dict[str, Any] | None:
        summary = self.required("summary", t("form.change.summary"))
        if summary is None:
            return None
        date = self.date("date", t("form.date"))
        if date is False:
            return None
        fields = {
            "summary": summary,
            "version": _optional(self.value("version")),
            "author": _optional(self.value("author")),
            "date": date,
        }
        return fields if self.validated(ChangeEntry, fields) else None


class SuggestionForm(AnnotationForm):
    """Add or edit a suggestion: text, rationale (both of several lines), priority, status,
    author, date."""

    hint_key = "form.hint_multi_line"

    def __init__(self, suggestion: Suggestion | None = None, *, author: str = "") -> None:
        super().__init__(
            t("form.suggestion.title_edit" if suggestion else "form.suggestion.title_add")
        )
        self.suggestion = suggestion
        self.default_author = author

    def compose_fields(self) -> ComposeResult:
        s = self.suggestion
        yield self.multi_line_row(
            t("form.suggestion.text"),
            s.text if s else "",
            placeholder=t("form.suggestion.text_placeholder"),
            id="text",
        )
        yield self.multi_line_row(
            t("form.suggestion.rationale"),
            (s.rationale or "") if s else "",
            placeholder=t("form.suggestion.rationale_placeholder"),
            id="rationale",
        )
        yield self.row(
            t("form.suggestion.priority"),
            Choice(
                [p.value for p in Priority], (s.priority if s else Priority.P2).value, id="priority"
            ),
        )
        yield self.row(
            t("form.suggestion.status"),
            Choice(
                [v.value for v in SuggestionStatus],
                (s.status if s else SuggestionStatus.PROPOSED).value,
                label=suggestion_status_label,
                id="status",
            ),
        )
        yield self.row(
            t("form.author"),
            TextField(
                (s.author or "") if s else self.default_author,
                placeholder=t("form.author_placeholder"),
                id="author",
            ),
        )
        yield self.row(
            t("form.date"),
            TextField(
                (s.created if s else dt.date.today()).isoformat(),
                placeholder=t("form.date_placeholder"),
                id="created",
            ),
        )

    def collect(self) -> dict[str, Any] | None:
        text = self.required("text", t("form.suggestion.text"))
        if text is None:
            return None
        created = self.date("created", t("form.date"))
        if created is False:
            return None
        fields = {
            "text": text,
            "rationale": _optional(self.value("rationale")),
            "priority": Priority(self.query_one("#priority", Choice).value),
            "status": SuggestionStatus(self.query_one("#status", Choice).value),
            "author": _optional(self.value("author")),
            "created": created,
        }
        return fields if self.validated(Suggestion, fields, {"id": "form"}) else None


class RevisionForm(AnnotationForm):
    """Add or edit a row of the document's revision history: version, summary (of
    several lines), author, date."""

    hint_key = "form.hint_multi_line"

    def __init__(self, revision: Revision | None = None, *, author: str = "") -> None:
        super().__init__(t("form.revision.title_edit" if revision else "form.revision.title_add"))
        self.revision = revision
        self.default_author = author

    def compose_fields(self) -> ComposeResult:
        r = self.revision
        yield self.row(
            t("form.revision.version"),
            TextField(
                r.version if r else "",
                placeholder=t("form.revision.version_placeholder"),
                id="version",
            ),
        )
        yield self.multi_line_row(
            t("form.revision.summary"),
            r.summary if r else "",
            placeholder="",
            id="summary",
            tall=True,
        )
        yield self.row(
            t("form.author"),
            TextField(
                (r.author or "") if r else self.default_author,
                placeholder=t("form.author_placeholder"),
                id="author",
            ),
        )
        yield self.row(
            t("form.date"),
            TextField(
                (r.date if r else dt.date.today()).isoformat(),
                placeholder=t("form.date_placeholder"),
                id="date",
            ),
        )

    def collect(self) -> dict[str, Any] | None:
        version = self.required("version", t("form.revision.version"))
        if version is None:
            return None
        date = self.date("date", t("form.date"))
        if date is False:
            return None
        fields = {
            "version": version,
            "summary": self.value("summary"),
            "author": _optional(self.value("author")),
            "date": date,
        }
        return fields if self.validated(Revision, fields) else None


class LinkForm(AnnotationForm):
    """Add or edit a node's link: URL (required), title (optional); dismisses with
    ``{"url": ..., "title": ...}`` for ``annotate.add_link`` / ``edit_link``."""

    def __init__(self, link: Link | None = None, *, node_title: str = "") -> None:
        super().__init__(
            t("form.link.title_edit" if link else "form.link.title_add", title=node_title)
        )
        self.link = link

    def compose_fields(self) -> ComposeResult:
        link = self.link
        yield self.row(
            t("form.link.url"),
            TextField(
                link.url if link else "", placeholder=t("form.link.url_placeholder"), id="url"
            ),
        )
        yield self.row(
            t("form.link.name"),
            TextField(
                link.title if link else "",
                placeholder=t("form.link.name_placeholder"),
                id="title",
            ),
        )

    def collect(self) -> dict[str, Any] | None:
        url = self.required("url", t("form.link.url"))
        if url is None:
            return None
        fields = {"url": url, "title": self.value("title")}
        return fields if self.validated(Link, fields) else None


class TagsForm(AnnotationForm):
    """Edit a node's tags in one line; dismisses with ``{"tags": [...]}``."""

    def __init__(self, tags: tuple[str, ...] | list[str] = (), *, node_title: str = "") -> None:
        super().__init__(t("form.tags.title", title=node_title))
        self.tags = list(tags)

    def compose_fields(self) -> ComposeResult:
        yield self.row(
            t("form.tags.label"),
            TextField(", ".join(self.tags), placeholder=t("form.tags.placeholder"), id="tags"),
        )

    def collect(self) -> dict[str, Any] | None:
        return {"tags": split_tags(self.query_one("#tags", Input).value)}


class AuthorForm(AnnotationForm):
    """ "Your name": the default author of new change-log entries, suggestions and
    revisions, remembered in the config file. Dismisses with ``{"author": name}``."""

    def __init__(self, author: str = "") -> None:
        super().__init__(t("form.your_name.title"))
        self.author = author

    def compose_fields(self) -> ComposeResult:
        yield self.row(t("form.your_name.label"), TextField(self.author, id="author"))
        # a Static wraps (the path can be long); a Label would cut it at the form's edge
        yield Static(Text(t("form.your_name.explain", path=str(config_path()))), classes="hint")

    def collect(self) -> dict[str, Any] | None:
        fields = {"author": self.value("author")}
        # the same check as the document's own author (one line, no control characters)
        if not self.validated(DocumentMeta, fields):
            return None
        return fields
