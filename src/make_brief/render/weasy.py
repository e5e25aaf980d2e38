"""WeasyPrint, imported once per process without the library search that slowed it, and
its warnings collected (``warnings_collected``) for the writers that make them errors.

WeasyPrint loads GLib, Pango, HarfBuzz and fontconfig through cffi, trying for each a list
of names meant for every platform (``gobject-2.0-0``, ``gobject-2.0``, ...,
``libgobject-2.0.so.0``). cffi gives each name that is not a file to
``ctypes.util.find_library``, which on Linux runs ``ldconfig -p``, then gcc, then ld, for
every name that ldconfig does not list: 16 look-ups and some 200 processes, 0.3 to 0.4 s of
every cold build (of the 0.6 s that ``import weasyprint`` took on this project's machine).

While WeasyPrint is imported here, ``find_library`` reads one ``ldconfig -p`` listing,
exactly as its own first step does (same command, environment, pattern and ABI), and
stops there. A name the listing lacks makes WeasyPrint try its next name, and its lists end
with the sonames the dynamic loader finds by itself; the gcc and ld steps skipped only
ever return such a soname, which the loader must then find the same way. Elsewhere than
Linux with glibc's ldconfig, WeasyPrint is imported as it always was.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

LDCONFIG = "/sbin/ldconfig"


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def warnings_collected() -> Iterator[list[str]]:
    """What WeasyPrint warns about while the block runs, as messages, and not printed: a
    writer turns them into its error. Nested blocks each collect what is warned inside
    them, and the outer one too."""
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    old_level, old_propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False  # the warnings become our errors; do not print them twice
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        logger.propagate = old_propagate


def load_weasyprint() -> None:
    """Import WeasyPrint, if this process has not yet."""
    if "weasyprint" in sys.modules:
        return
    with _one_library_listing():
        import weasyprint  # noqa: F401 - imported for what the import does


@contextmanager
def _one_library_listing() -> Iterator[None]:
    if not sys.platform.startswith("linux") or not os.access(LDCONFIG, os.X_OK):
        yield
        return
    import ctypes.util

    original = ctypes.util.find_library
    ctypes.util.find_library = _from_listing(_ldconfig_listing())
    try:
        yield
    finally:
        ctypes.util.find_library = original


def _ldconfig_listing() -> bytes:
    """``ldconfig -p``, run as ctypes.util runs it."""
    import subprocess

    try:
        done = subprocess.run(
            [LDCONFIG, "-p"],
            stdin=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            env={"LC_ALL": "C", "LANG": "C"},
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return b""
    return done.stdout


def _from_listing(listing: bytes) -> Callable[[str], str | None]:
    """``find_library`` as ctypes.util's first step on Linux, on one listing."""
    import struct

    machine = os.uname().machine + ("-32" if struct.calcsize("l") == 4 else "-64")
    abi = {
        "x86_64-64": "libc6,x86-64",
        "ppc64-64": "libc6,64bit",
        "sparc64-64": "libc6,64bit",
        "s390x-64": "libc6,64bit",
        "ia64-64": "libc6,IA-64",
    }.get(machine, "libc6")

    def find_library(name: str) -> str | None:
        pattern = os.fsencode(rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\({abi}")
        found = re.search(pattern, listing)
        return os.fsdecode(found.group(1)) if found else None

    return find_library
