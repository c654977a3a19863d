"""Reading a document to open: one read, and the fingerprint of the bytes that were read."""

from __future__ import annotations

import os
from pathlib import Path

from featuretree import formats
from featuretree.i18n import t
from featuretree.model.document import Document
from featuretree.storage.fingerprint import Fingerprint


def read_document(path: Path) -> tuple[Document, Fingerprint, bool]:
    """Read ``path`` once: the document, the file's fingerprint, and whether it is new.

    A path that does not exist gives a new document titled after it. Raises
    ``formats.FormatError`` (with the file name) for anything else that goes wrong.
    """
    if not os.path.lexists(path):
        return Document.new(path.stem or "新产品"), Fingerprint.missing(path), True
    source = str(path)
    fmt = formats.resolve(path, None, writing=False)
    try:
        size = os.path.getsize(path)
        if size > formats.MAX_INPUT_BYTES:
            raise formats.FormatError(
                t("open.too_large", size=size // 2**20, limit=512), source=source
            )
        fingerprint, doc = Fingerprint.read_and_use(
            path, lambda data: formats.loads(data, fmt.name, source=source)
        )
    except IsADirectoryError:
        raise formats.FormatError(t("open.is_folder"), source=source) from None
    except PermissionError:
        raise formats.FormatError(t("open.no_permission"), source=source) from None
    except OSError as exc:
        raise formats.FormatError(
            t("open.cannot_read", error=exc.strerror or str(exc)), source=source
        ) from None
    return doc, fingerprint, False
