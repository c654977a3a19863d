"""Tests of the real app in a pseudo-terminal (slow: each starts a process)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

if (
    sys.platform == "win32"
    or shutil.which("featuretree", path=str(Path(sys.executable).parent)) is None
):
    pytest.skip("needs a pty and the featuretree console script", allow_module_level=True)
