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
"""

from __future__ import annotations

import os

from featuretree.collector import gc_paused


def main() -> int:
    """Import the command line with the collector paused, then run it on ``sys.argv``."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    with gc_paused(long_lived=True):
        from featuretree.cli.main import main as run
    return run()
