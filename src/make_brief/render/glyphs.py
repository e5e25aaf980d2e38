"""Which characters a brief's fonts can print, asked before anything is rendered.

WeasyPrint fails a brief (``.notdef glyph rendered``) when no font has a character: the
fonts the template set ships, then whatever fontconfig falls back to on this machine.
``make-brief check`` asks the same question up front, so a file that checks clean also
builds, and the author learns the field and the character instead of a renderer message.

Everything is asked of fontconfig, the library WeasyPrint's Pango asks too, through its
command-line tools: ``fc-scan`` reads the set's own font files (one call per folder),
and only a character those lack is looked up among the machine's fonts with ``fc-list``
(one call per distinct character, a few milliseconds each, cached). Nothing heavy is
imported, so ``check`` stays quick.
"""

from __future__ import annotations

import bisect
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

#: Characters that are never drawn with a glyph of their own (format characters such as
#: joiners), or that the rules in :mod:`make_brief.content.characters` refuse anyway.
_NEVER_DRAWN = {"Cc", "Cf", "Zl", "Zp"}


class Coverage:
    """A set of code points held as sorted, merged ranges."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [r[0] for r in merged]
        self.ends = [r[1] for r in merged]

    def __contains__(self, code: int) -> bool:
        index = bisect.bisect_right(self.starts, code) - 1
        return index >= 0 and code <= self.ends[index]


def unprintable(text: str, font_folders: tuple[Path, ...]) -> list[str]:
    """The characters of ``text`` that neither the fonts in ``font_folders`` nor the
    machine's fonts have, once each, in order. Spaces and combining marks are asked
    about too: Pango draws them with glyphs like any letter. Where fontconfig cannot be asked, every
    character counts as printable (the build will still say if one is not)."""
    if text.isascii() or _fontconfig() is None:
        return []  # ASCII: every font has it (the loop below skips it too)
    own = _folder_coverage(font_folders)
    missing = []
    for ch in dict.fromkeys(text):
        code = ord(ch)
        if code < 0x80 or code in own or unicodedata.category(ch) in _NEVER_DRAWN:
            continue
        if not _machine_has(code):
            missing.append(ch)
    return missing


@cache
def _fontconfig() -> tuple[str, str] | None:
    scan, listing = shutil.which("fc-scan"), shutil.which("fc-list")
    return (scan, listing) if scan and listing else None


def _run(*args: str) -> str:
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout


@cache
def _folder_coverage(folders: tuple[Path, ...]) -> Coverage:
    tools = _fontconfig()
    ranges: list[tuple[int, int]] = []
    for folder in folders:
        if tools is not None and folder.is_dir():
            ranges += _ranges(_run(tools[0], "--format=%{charset}\\n", str(folder)))
    return Coverage(ranges)


@cache
def _machine_has(code: int) -> bool:
    tools = _fontconfig()
    return tools is not None and bool(_run(tools[1], f":charset={code:x}", "file").strip())


def _ranges(charsets: str) -> list[tuple[int, int]]:
    """fontconfig's charset text, ``20-7e a0-ff 131``, as ranges of code points."""
    ranges = []
    for token in charsets.split():
        first, _, last = token.partition("-")
        try:
            ranges.append((int(first, 16), int(last or first, 16)))
        except ValueError:
            continue
    return ranges


def forget_folders() -> None:
    """Forget the fonts read from template folders by path: a long-lived process (the
    preview) calls this when template files change."""
    _folder_coverage.cache_clear()
