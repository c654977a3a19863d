"""The featuretree application: opens a document (or the start screen) in the editor."""

from __future__ import annotations

import dataclasses
import os
import shlex
import subprocess
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from textual import events, on
from textual.app import App, SuspendNotSupported, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.messages import ExitApp
from textual.screen import Screen
from textual.theme import ThemeProvider

from featuretree import collector, formats
from featuretree.config import Config, ConfigWarning, config_path, load_config, write_default_config
from featuretree.i18n import (
    current_language,
    detect_language,
    error_text,
    t,
)
from featuretree.model.document import Document
from featuretree.recent import list_recent
from featuretree.samples_catalog import UnknownSample, sample_path
from featuretree.session.opening import read_document
from featuretree.storage.atomic import WriteError
from featuretree.tui import signals
from featuretree.tui._textual import compositor as _compositor
from featuretree.tui._textual.keys import app_keymap
from featuretree.tui.bindings import (
    ALL_BINDINGS,
    APP_BINDINGS,
    DIAGRAM_LAYERS,
    OUTLINE_LAYERS,
    PALETTE_BINDING,
    PALETTE_ONLY,
    UI_BINDINGS,
    key_label,
    keymap_clashes,
    localize_bindings,
    spelled_out,
    working_bindings,
)
from featuretree.tui.notifications import LiteralOutput
from featuretree.tui.opening import make_editor, offer_untitled, open_editor, open_sample
from featuretree.tui.screens.dialogs import ConfirmQuitScreen, HelpScreen
from featuretree.tui.screens.editor.screen import EditorScreen
from featuretree.tui.screens.palette import Commands, Palette, PaletteCommand
from featuretree.tui.screens.problems import ProblemsScreen
from featuretree.tui.screens.questions import unsaved_dialog
from featuretree.tui.screens.start import RecentFiles, StartScreen
from featuretree.tui.screenshot import save_screenshot
from featuretree.tui.settings import apply_language, apply_to_app, checked_keymap
from featuretree.tui.typed_ahead import TypedAhead

_compositor.install()  # CJK in toasts over the split (see the module)


_USER_INPUT = (
    events.Key,
    events.Paste,
    events.MouseDown,
    events.MouseScrollDown,
    events.MouseScrollUp,
    events.MouseScrollLeft,
    events.MouseScrollRight,
)
"""What the user does on purpose: the pointer merely moving is left out."""


def _with_checked_keymap(config: Config) -> tuple[Config, list[str]]:
    """``config`` with its keymap in Textual's key names, typos left out (and said)."""
    ids = {b.id for b in [*ALL_BINDINGS, *UI_BINDINGS] if b.id}
    keymap, warnings = checked_keymap(config.keymap, ids)
    return dataclasses.replace(config, keymap=keymap), warnings


def _said(warning: str) -> str:
    """A warning about the config file in the UI's language (read before it was known)."""
    return warning.text() if isinstance(warning, ConfigWarning) else warning


class FeatureTreeApp(LiteralOutput, App[None]):
    """Full-screen editor for one feature tree.

    ``path``: the file to open (created on first save when it does not exist); ``None``
    shows the start screen. ``sample``: the name of a built-in sample to open instead.
    ``recent_files``: a hook returning recently opened files for the start screen.
    """

    TITLE = "featuretree"
    BINDINGS = [*APP_BINDINGS, PALETTE_BINDING]
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = {Commands}  # Textual's system commands, searched word by word

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        sample: str | None = None,
        recent_files: RecentFiles | None = None,
    ) -> None:
        # The language first: binding descriptions and texts are taken when screens are made.
        self.config, self.config_warnings = load_config()
        apply_language(self.config)
        self.config, keymap_warnings = _with_checked_keymap(self.config)
        self.config_warnings = [*self.config_warnings, *keymap_warnings]
        super().__init__()
        localize_bindings(self)
        self.path = Path(path) if path is not None else None
        self.sample = sample
        self.recent_files = recent_files or list_recent
        self.last_export_format: str | None = None
        """The format of the last Ctrl+E export: the next one offers it first."""
        self.last_input: float | None = None
        """``time.monotonic()`` of the last key, paste or mouse button/wheel (``None``:
        none yet): the recovery write waits for a pause in them (editor/saving.py)."""
        self.exit_asked = False
        """Set by :meth:`exit`: from then on, keys, pastes and clicks are dropped."""
        self.failed_export_path: str | None = None
        """The path typed for a Ctrl+E export that failed in the background: the next
        Ctrl+E offers it again rather than the default name."""

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, _USER_INPUT):
            if self.exit_asked:
                # Keys typed after "Quit without saving" (the shell command typed ahead)
                # ran on an editor already taken down: "/" crashed the exit with a
                # traceback. The app is leaving; what it reads now is for no one.
                return
            self.last_input = time.monotonic()
            if isinstance(event, (events.Key, events.Paste)):
                editor = self.editor
                if editor is not None:  # typing a title, notes or a form: a recovery copy
                    editor.persistence.input_seen()
        # Keys and pastes that arrive while a form or the notes editor is opening wait
        # in its queue with the keys typed before them (see typed_ahead.TypedAhead).
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            screen = self.screen_stack[-1] if self.screen_stack else None
            if isinstance(screen, TypedAhead) and screen.taking_keys:
                screen.take_key(event)
                return
        await super().on_event(event)

    def on_mount(self) -> None:
        if not self.is_headless:  # a terminal to restore: see tui/signals.py
            signals.install(self)
        clashes = keymap_clashes(self.config.keymap, [*ALL_BINDINGS, PALETTE_BINDING])
        for warning in [
            *map(_said, self.config_warnings),
            *apply_to_app(self, self.config),
            *(t("app.keymap_clash", keys=key) for key in clashes),
        ]:
            self.notify(warning, severity="warning", timeout=8, markup=False)
        if self.sample is not None:
            try:
                path = sample_path(self.sample)
            except UnknownSample:
                path = None
            if path is None:
                self.notify(t("app.no_sample", name=self.sample), severity="error", markup=False)
                self.push_screen(StartScreen(self.recent_files))
            else:
                self.open_path(path, as_template=True)
        elif self.path is not None:
            self.open_path(self.path)
        else:
            self.push_screen(StartScreen(self.recent_files))
            offer_untitled(self, self._show_editor)

    # -- opening -----------------------------------------------------------------------

    def open_path(self, path: Path, *, as_template: bool = False) -> None:
        """Open ``path`` in an editor; ``as_template`` (samples) saves elsewhere.

        An editor already open is replaced, never stacked under the new one: the file is
        read first (a file that cannot be read leaves it as it is), then unsaved changes
        are saved or discarded as the user says (cancel keeps it).
        """
        try:
            # One read: the bytes loaded are the bytes fingerprinted (to notice changes on disk).
            # The parser's temporaries are freed after the first frame, not before it.
            with formats.deferred_frees() as temporaries:
                doc, fingerprint, is_new = read_document(path)
        except formats.FormatError as exc:
            if self.editor is not None:
                # Open… from an editor: the problems over it; nothing of it is lost.
                self.push_screen(ProblemsScreen(exc.source or path, exc.problems))
                return
            if not self.screen_stack or not isinstance(self.screen, StartScreen):
                self.push_screen(StartScreen(self.recent_files))
            # Every problem, until dismissed: a toast vanished and named only the first.
            self.push_screen(ProblemsScreen(exc.source or path, exc.problems))
            return
        # A big document is a large, long-lived heap: without this, every full collection
        # of the cyclic GC walks all of it (a 0.5 s freeze now and then at 100k nodes).
        collector.freeze()
        show = self._show_editor
        if doc.warnings or doc.not_imported:
            # Repairs, and what could not be imported at all, until the user closes it.
            warnings, not_imported = list(doc.warnings), dict(doc.not_imported)

            def show(editor: EditorScreen) -> None:
                self._show_editor(editor)
                self.push_screen(
                    ProblemsScreen(path, warnings, repaired=True, not_imported=not_imported)
                )

        def proceed() -> None:
            if as_template:  # first offers unsaved work kept from this sample
                open_sample(self, doc, path.stem, show)
            else:  # first offers unsaved work kept for this file (after a crash or kill)
                open_editor(self, doc, path, fingerprint, show)
            if is_new:
                self.notify(t("app.will_create", name=path.name), timeout=4, markup=False)

        self._leave_editor(path, proceed)
        self.call_after_refresh(temporaries.clear)

    def _leave_editor(self, other: Path, then: Callable[[], object]) -> None:
        """Run ``then`` once the open editor (if any) may be replaced: its unsaved changes
        saved (the one save path: it may ask more) or discarded, as the user says."""
        editor = self.editor
        if editor is None:
            then()
            return
        editor.remember_view()  # the file opens as it was left, next time
        if not editor.history.dirty:
            editor.persistence.close()
            then()
            return
        name = editor.path.name if editor.path is not None else None

        def saved_then() -> None:
            # Remembered again once saved: a document never saved has its path only now
            # (Save as), and opens as it was left next time.
            editor.remember_view()
            then()

        def decided(choice: str | None) -> None:
            if choice == "save_first":
                editor.persistence.save(then=saved_then)
            elif choice == "discard_changes":
                editor.persistence.close()  # no recovery file left for what was discarded
                then()

        self.push_screen(unsaved_dialog(name, other.name), decided)

    @on(EditorScreen.OpenFile)
    def _open_asked(self, message: EditorScreen.OpenFile) -> None:
        self.open_path(message.path)

    @on(StartScreen.Open)
    def _open_picked(self, message: StartScreen.Open) -> None:
        self.open_path(message.path, as_template=message.as_template)

    @on(StartScreen.New)
    def _new_picked(self) -> None:
        self.open_new()

    def open_new(self) -> None:
        """Start an empty document (Ctrl+S asks where to save it)."""
        self._show_editor(EditorScreen(Document.new(), None))

    def _show_editor(self, editor: EditorScreen) -> None:
        old = self.editor
        if old is not None and old is not editor:
            # Replace it: an editor left under another is one whose unsaved edits a
            # quit would forget (the app asks about one editor only).
            while self.screen is not old:
                self.pop_screen()
            self.switch_screen(editor)
        elif isinstance(self.screen, StartScreen):
            self.switch_screen(editor)
        else:
            self.push_screen(editor)
        # Once more after the first frame: the outline's 100k-entry lists and the widgets
        # were made after the freeze above, and a full collection walking them paused
        # the UI 8-35 ms now and then (0.01 ms once frozen).
        self.call_after_refresh(collector.freeze)

    @on(EditorScreen.ReloadFromDisk)
    def _reload(self, message: EditorScreen.ReloadFromDisk) -> None:
        """Replace ``message.editor`` by its file as it is on disk now."""
        path = message.editor.path
        if path is None:
            return
        try:
            doc, fingerprint, _ = read_document(path)
        except formats.FormatError as exc:
            self.notify(
                error_text(exc),
                title=t("file.cannot_reload_title"),
                severity="error",
                markup=False,
            )
            return
        if self.screen is not message.editor:
            return  # gone, or under a question since: not replaced behind the user's back
        editor = make_editor(doc, path, fingerprint)
        editor.start_at = message.editor.tree.cursor_node.id  # the cursor stays in place
        editor.start_in_diagram = message.editor.diagram_shown  # and the view with it
        editor.start_folded = {node.id for node in message.editor.tree.outline.user_folds}
        self.switch_screen(editor)
        if message.changed_on_disk:
            self.notify(t("file.reloaded_changed", name=path.name), timeout=4, markup=False)
        else:
            self.notify(t("file.reloaded", name=path.name), timeout=3, markup=False)

    @property
    def editor(self) -> EditorScreen | None:
        """The editor screen on the stack, if any."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, EditorScreen):
                return screen
        return None

    # -- app-wide actions -------------------------------------------------------------------

    def action_help(self) -> None:
        """Every key: the diagram's while it is shown, else the outline's."""
        if isinstance(self.screen, HelpScreen):
            return
        editor = self.editor
        diagram = editor is not None and editor.diagram_shown
        layers = DIAGRAM_LAYERS if diagram else OUTLINE_LAYERS
        self.push_screen(HelpScreen(working_bindings(layers, app_keymap(self)), diagram=diagram))

    def exit(self, result: object = None, return_code: int = 0, message: object = None) -> None:
        """Exit as asked (Ctrl+Q, a signal, an error): an exit not asked for is the browser
        tab closing (:meth:`_tab_closed`)."""
        self.exit_asked = True
        super().exit(result, return_code, message)  # type: ignore[arg-type]

    @on(ExitApp)
    def _tab_closed(self) -> None:
        """In ``featuretree serve`` a closed tab (or Ctrl+W, the browser's) makes
        textual-serve tell the editor to quit, which it did at once: the title being typed
        and the edits since the last autosave were lost. Kept as on SIGHUP: the next open
        offers them. (App.exit posts the same message; then nothing is done here.)"""
        if not self.exit_asked:
            signals.keep(self)

    async def action_quit(self) -> None:
        # Ctrl+Q is a priority key: it runs as soon as it arrives, while the characters
        # sent just before it (one burst) may still wait in the focused widget's queue
        # (a title, the notes, a form). Decide once they are typed.
        focused = self.screen.focused
        if focused is None:
            self._quit_now()
        else:
            focused.call_later(self._quit_now)

    def _quit_now(self) -> None:
        """Quit, asking first when there are unsaved changes or text being typed."""
        editor = self.editor
        if editor is None or not (editor.history.dirty or editor.has_typing()):
            if editor is not None:
                editor.remember_view()  # the file opens as it was left, next time
                editor.persistence.close()
            self.exit()
            return
        if isinstance(self.screen, ConfirmQuitScreen):
            return

        def save_and_quit() -> None:
            # What is typed is kept as Enter or the form's own save would keep it, then
            # written; the save may ask first (where to save, file changed on disk,
            # backup failed, what the format would lose): quits once saved.
            editor.keep_typing(close=True)
            editor.persistence.save(then=remember_and_exit)

        def remember_and_exit() -> None:
            editor.remember_view()  # once saved: a file chosen by Save As is remembered too
            self.exit()

        def decided(choice: str | None) -> None:
            if choice == "discard":
                editor.persistence.close()  # a clean quit: no recovery file left
                remember_and_exit()
            elif choice == "save":
                # After the question has closed: the forms being kept close from the top.
                self.call_later(save_and_quit)

        self.push_screen(ConfirmQuitScreen(), decided)

    def action_open_config(self) -> None:
        """Open the config file (made with the defaults if missing) in $VISUAL / $EDITOR,
        then apply its theme and keymap; with no editor set, say where the file is."""
        try:
            path = write_default_config()
        except WriteError as exc:
            self.notify(
                t("config.cannot_write", error=error_text(exc)),
                severity="error",
                timeout=10,
                markup=False,
            )
            return
        command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not command:
            self.notify(t("config.where", path=str(path)), timeout=15, markup=False)
            return
        try:
            argv = [*shlex.split(command), str(path)]
            with self.suspend():
                subprocess.run(argv, check=False)
        except SuspendNotSupported:
            self.notify(t("config.where", path=str(path)), timeout=15, markup=False)
            return
        except (OSError, ValueError) as exc:
            self.notify(
                t("config.editor_failed", editor=command, error=error_text(exc), path=str(path)),
                severity="error",
                timeout=15,
                markup=False,
            )
            return
        self.reapply_config(path)

    def reapply_config(self, path: Path | None = None) -> None:
        """Read the config again and apply what a running app can: theme, keymap, author.

        The language is taken when screens are made: a change of it waits for a restart
        (said so). Problems in the file are said as at start-up.
        """
        config, warnings = load_config(path)
        config, keymap_warnings = _with_checked_keymap(config)
        warnings = [*map(_said, warnings), *keymap_warnings, *apply_to_app(self, config)]
        self.set_keymap(config.keymap)  # a key taken out of the keymap goes back too
        clashes = keymap_clashes(config.keymap, [*ALL_BINDINGS, PALETTE_BINDING])
        warnings += [t("app.keymap_clash", keys=key) for key in clashes]
        language_changed = detect_language(config.language) != current_language()
        self.config = config
        for screen in self.screen_stack:  # every editor's forms offer the author
            part = getattr(screen, "annotating", None)
            if part is not None and config.author:
                part.actions.author = config.author
        for warning in warnings:
            self.notify(warning, severity="warning", timeout=8, markup=False)
        self.notify(t("config.opened", path=str(path or config_path())), timeout=4, markup=False)
        if language_changed:
            self.notify(t("config.language_restart"), severity="warning", timeout=8, markup=False)

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Save an SVG of the screen in a folder that exists (see ``tui/screenshot.py``)."""
        editor = self.editor
        save_screenshot(
            self,
            editor.path if editor is not None else None,
            Path(path).expanduser() if path else None,
            filename,
        )

    def get_key_display(self, binding: Binding) -> str:
        """A key as the key bar shows it: named as the help screen names it (``Space``,
        ``Tab``, ``Del``, ``F2``, ``Esc``, ``Ctrl+Z``), not Textual's ``space``, ``f2``, ``^z``."""
        # Textual's public hook for how the footer (and the key bar) shows a key.
        return binding.key_display or key_label(binding)

    def action_command_palette(self) -> None:
        """Show the command palette, its prompt in the UI language."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            # Ours: a query typed in a burst is typed whole (see screens/palette.py).
            self.push_screen(Palette(placeholder=t("palette.placeholder"), id="--command-palette"))

    def search_themes(self) -> None:
        """The palette's list of themes (its "Theme" command), its prompt in the UI language."""
        self.push_screen(
            Palette(providers=[ThemeProvider], placeholder=t("palette.theme_placeholder"))
        )

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette offers every bound action by name, next to Textual's own.

        While the diagram is shown, its commands (the help screen's list there): the
        view's own act on the diagram, not on the hidden outline ("Page down" pages the
        boxes), and the outline's cursor keys, which mean nothing there, are left out.
        """
        yield from self._textual_commands(screen)
        editor = self.editor
        if editor is None:
            return
        layers, view = (
            (DIAGRAM_LAYERS, "diagram") if editor.diagram_shown else (OUTLINE_LAYERS, "tree")
        )
        view_ids = {binding.id for binding in layers[0]}
        app_ids = {binding.id for binding in APP_BINDINGS}
        seen: set[str] = set()
        # Every action by name, even one whose keys another binding takes first (the
        # keymap gave them away): then it shows no key.
        working = {binding.id: binding for binding in working_bindings(layers, app_keymap(self))}
        for binding in (binding for layer in layers for binding in layer):
            if (
                binding.id in seen
                or binding.id == "app.quit"
                or (binding.id or "").startswith("search.")
            ):  # only while searching
                continue
            seen.add(binding.id or binding.action)
            if binding.id in view_ids:
                target = view
            elif binding.id in app_ids:
                target = "app"
            else:
                target = "editor"
            keys = key_label(working[binding.id]) if binding.id in working else ""
            # More words to find it by (the formats Export writes), shown on its help line.
            words = _words(f"palette.words.{binding.id}")
            # Found by its id and English name too (``export`` in the Chinese UI), not
            # shown: the help line is the user's words, not the program's.
            hidden = f"{binding.id} {binding.description} {_words(f'palette.also.{binding.id}')}"
            yield PaletteCommand(
                spelled_out(binding.id or ""),
                f"{keys}  {words}".strip(),
                self._runner(editor, binding, target),
                words=hidden,
            )
        for action in PALETTE_ONLY:
            yield PaletteCommand(
                t(f"palette.{action}"),
                t(f"palette.{action}.help"),
                self._runner(editor, Binding("", action), "editor"),
                words=f"{action} {_words(f'palette.also.{action}')}",
            )

    def _textual_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own palette commands (``App.get_system_commands``), in the UI language."""
        yield SystemCommand(t("palette.theme"), t("palette.theme.help"), self.action_change_theme)
        yield SystemCommand(t("palette.quit"), t("palette.quit.help"), self.action_quit)
        yield SystemCommand(
            t("palette.open_config"), t("palette.open_config.help"), self.action_open_config
        )
        # Not Textual's "Keys" panel: it lists Textual's own widget keys in English
        # ("Page Left"...) and squeezes the panes; the help command (?) lists every key.
        if screen.maximized is not None:
            yield SystemCommand(
                t("palette.minimize"), t("palette.minimize.help"), screen.action_minimize
            )
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(
                t("palette.maximize"), t("palette.maximize.help"), screen.action_maximize
            )
        # After a moment, as Textual does: the palette is gone from the picture by then.
        yield SystemCommand(
            t("palette.screenshot"),
            t("palette.screenshot.help"),
            lambda: self.set_timer(0.1, self.action_screenshot),
        )

    def _runner(self, editor: EditorScreen, binding: Binding, target: str):
        def run() -> None:
            if target != "app":
                # A command chosen while a title is typed takes it as typed, as a click
                # elsewhere does: else the box moved from under the title editor.
                view = editor.diagram if editor.diagram_shown else editor.tree
                view.finish_editing(confirm=True)
            if target in ("tree", "diagram"):
                # The view's actions run on the view (focused first: the detail panel
                # may have had the focus).
                widget = editor.tree if target == "tree" else editor.diagram
                widget.focus()
                self.call_later(self.run_action, binding.action, widget)
            elif target == "editor":
                self.call_later(self.run_action, binding.action, editor)
            else:
                self.call_later(self.run_action, binding.action)

        return run


def _words(key: str) -> str:
    """The catalogue's words at ``key``, or "" when it has none for this command."""
    text = t(key)
    return "" if text == key else text
