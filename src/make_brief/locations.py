"""Where make-brief's own files are, without importing anything heavy."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def builtin_dir() -> Path:
    """Where the built-in sets are: inside the wheel, or at the top of a source checkout."""
    packaged = Path(__file__).parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"
