"""The ``featuretree`` command's entry point (and ``python -m featuretree``'s).

Importing the command line, and then Textual for the editor, makes ~50,000 objects that
live as long as the process; with the cyclic collector running, it scans them over and
over while they pile up (measured: 127 collections, ~70 ms of a ~0.7 s start). So the
imports run with it paused, and what they made goes straight to the oldest generation.
"""

from __future__ import annotations

from featuretree.collector import gc_paused


def main() -> int:
    """Import the command line with the collector paused, then run it on ``sys.argv``."""
    with gc_paused(long_lived=True):
        from featuretree.cli.main import main as run
    return run()
