"""What an editing session does besides drawing: read a file to open, autosave timing, snapshots.

Textual-free (held by the import-linter contracts in ``pyproject.toml``), so it is tested
without an app and the editor (``featuretree.tui``) only asks it and shows the answers.

- ``opening.py``: :func:`read_document`, the one fingerprinted read of a file to open.
- ``autosave.py``: when the recovery copy is written (:func:`autosave_delays`), and the checks
  a save makes about the target file.
- ``snapshot.py``: a frozen copy of a document taken on the UI thread, written by a worker.
- ``baseline.py``: the document as opened or last saved (a snapshot taken in a thread),
  for the editor's "what changed".
- ``view_state.py``: the folds and the cursor's node a file was left with, kept in the state
  folder (never in the file) for its next opening.
"""
