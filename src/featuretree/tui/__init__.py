"""The Textual editor: ``FeatureTreeApp(path)`` opens a feature tree full-screen.

Layout of the package, by role (held by the import-linter contracts in ``pyproject.toml``:
the app over its screens over its widgets, no cycles):

- ``app.py``: ``FeatureTreeApp`` owns navigation — it opens files and samples, starts new
  documents, reloads from disk (the start screen and the editor post messages asking for
  it), asks before quitting, and offers the command palette's entries.
  ``opening.py`` offers kept unsaved work before an editor appears; ``signals.py`` writes
  the recovery copy on SIGTERM/SIGHUP; ``screenshot.py`` the palette's screenshot.
- ``screens/``: what fills the terminal or floats over it. ``editor/`` is the main screen,
  composed of parts it owns: ``screen.py`` (structure edits, clipboard, undo, title
  typing), ``annotate.py`` (the annotation keys), ``find.py`` (search and filter) and
  ``saving.py`` (autosave and the one save path). Beside it: the start screen, the
  suggestions board, the revision history, what changed since opened or saved
  (``changes.py``), help, export, the annotation forms, notes,
  the problems list, and the questions about files (``dialogs.py``, ``questions.py``).
- ``widgets/``: the pieces screens are built from — the tree view (line API over
  ``view.outline``), the detail panel, the table, the search and filter bars, the key
  bar, the title bar, the choice field, the title's line editor, wrapped text.
- ``bindings.py``: every key binding of the UI, each with an id (any key can be remapped
  by the config's keymap); help, palette and key bar are generated from it.
- ``typed_ahead.py``: keys that arrive while a form opens are typed where the focus is then.
- ``notifications.py``: every notification is shown literally (user text is never markup).
- ``settings.py``: the config applied to the running app (language, theme, keymap).
- ``_textual/``: the one door to Textual's private API; nothing else touches a private name
  of Textual (``tests/tui/test_textual_door.py``).

What an editing session does besides drawing (reading a file to open, autosave timing,
snapshots) is in the Textual-free :mod:`featuretree.session`.
"""

from featuretree.tui.app import FeatureTreeApp

__all__ = ["FeatureTreeApp"]
