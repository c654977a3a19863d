"""Getting bytes safely onto disk, and getting unsaved work back after a crash.

- :mod:`~featuretree.storage.atomic` — ``atomic_write(path, data, backup=False)``:
  every file write of the project; the target is always the old or the new file;
  ``backup=True`` keeps the replaced file as ``NAME~``. Raises ``WriteError``
  (``BackupError`` when only the backup failed: offer to save without one).
- :mod:`~featuretree.storage.fingerprint` — ``Fingerprint.read(path) -> (fp, bytes)``
  when loading, ``changed_since(fp)`` before saving over the file (ask: overwrite,
  save as, or reload), ``Fingerprint.of(path)`` after saving.
- :mod:`~featuretree.storage.recovery` — ``RecoveryStore``: ``write(bytes, path)``
  for autosave (off the UI thread; serialize on it), ``find(path)`` when opening,
  ``load(info)`` to restore, ``discard(path)`` after a save or clean quit;
  ``document_diff(old, new)`` for "show the difference" (each node added, removed,
  changed or moved, by title path; ``diff_counts`` for the counts only).

No Textual here: the editor wires these in.
"""
