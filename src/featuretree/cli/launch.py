"""The ``featuretree`` command's entry point (and ``python -m featuretree``'s).

Importing the command line, and then Textual for the editor, makes ~50,000 objects that
live as long as the process; with the cyclic collector running, it scans them over and
over while they pile up (measured: 127 collections, ~70 ms of a ~0.7 s start). So the
imports run with it paused, and what they made goes straight to the oldest generation.

pydantic looks for plug-ins (the ``pydantic`` entry-point group) when the first model is
built: it reads the metadata of every installed distribution, ~0.7x ``python -c pass``
of a ``validate``. featuretree uses no pydantic plug-in, so the command switches the
search off with pydantic's documented ``PYDANTIC_DISABLE_PLUGINS`` unless the user set
it (an empty value keeps plug-ins on). Only the program does this, not the library.

On the way out, the interpreter's shutdown runs full collections over every object still
alive (pydantic's, the modules', the document's) to find cycles whose memory the process
is about to hand back anyway: measured 50-65 ms of CPU after a small file's ``validate``
on the loaded 2-core machine (2-3x ``python -c pass``), ~10 ms without them. So the
program's last exit handler moves them all to the permanent generation (``gc.freeze()``),
which those collections skip. It runs after every other handler (the first registered,
the last run), when all the command's output is written and its files are closed.
"""

from __future__ import annotations

import atexit
import gc
import os

from featuretree.collector import gc_paused


def main() -> int:
    """Import the command line with the collector paused, then run it on ``sys.argv``."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    atexit.unregister(gc.freeze)  # once, however often main() runs in one process
    atexit.register(gc.freeze)
    with gc_paused(long_lived=True):
        from featuretree.cli.main import main as run
    return run()
