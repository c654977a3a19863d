"""The Textual editor: ``FeatureTreeApp(path)`` opens a feature tree full-screen.

Layout of the package (for whoever extends it):

- ``app.py``: ``FeatureTreeApp`` (opening files/samples, quit confirmation, help, command
  palette entries generated from the bindings).
- ``editor.py``: ``EditorScreen``: the document, its ``History`` and every edit action.
  Run edits with ``screen.run_command(builder, *args)`` (an ``OperationError`` becomes a
  notification); the history listener splices the tree and moves the cursor to the
  command's ``focus_after``/``focus_before``, and redraws the edited row by itself.
- ``tree_view.py`` / ``rows.py``: the ``render_line`` tree over ``view.outline.Outline``.
- ``annotations/``: issue 4's screens and widgets (forms, notes, board, revisions,
  export, the detail panel with selectable entries, search and filter bars).
- ``annotation_keys.py`` / ``search_filter.py``: the editor's mixins wiring them in
  (``n c s # m p t b`` F6/``d`` Ctrl+E, ``/`` with ``n``/``N``, ``f``).
- ``opening.py`` / ``persistence.py``: open (fingerprinted read, offer of kept edits),
  autosave, save (``screen.persistence``; ``editor.save`` delegates to it), with their
  questions in ``file_dialogs.py`` and the autosave copy in ``doc_snapshot.py``.
- ``literal.py``: every notification is shown without markup.
- ``_textual/``: the one door to Textual's private API (the compositor's CJK fix, the
  line-API fast paths of the tree and detail panel, key and binding access); nothing
  else touches a private name of Textual (``tests/tui/test_textual_door.py``).
- ``typed_ahead.py``: keys that arrive while a form or the notes editor opens wait in
  one ordered queue and are typed where the focus is at that moment.
- ``wrap.py``: user text wrapped as Chinese is (at any character, punctuation kept).
- ``keys.py``: every binding, with an id (``tree.*``, ``editor.*``, ``app.*``) and a help
  group; the help screen and the palette are generated from it (with
  ``annotation_keys.ANNOTATE_BINDINGS``); descriptions come from the i18n catalogue.
"""

from featuretree.tui.app import FeatureTreeApp

__all__ = ["FeatureTreeApp"]
