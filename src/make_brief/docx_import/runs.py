"""Word runs back into the content format's Markdown: ``**bold**``, ``*italic*`` and
``[text](url)``, the three marks make-brief writes into Word (docs/content-format.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby

#: Characters that would start Markdown of their own inside a run's text.
_SPECIAL = re.compile(r"([\\*\[\]`])")
#: What would turn a paragraph into a list or a heading at its start.
_BLOCK_START = re.compile(r"^(\s*)([-+#>]|\d+[.)])(\s)")


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None
    style: str = ""  # its character style's name, if any


def plain_of(runs: list[Run]) -> str:
    return "".join(r.text for r in runs).replace("\t", " ")


def markdown_of(runs: list[Run]) -> str:
    """One paragraph's Markdown; marks wrap words, never the spaces around them."""
    out: list[str] = []
    for href, linked in groupby(runs, key=lambda r: r.href):
        text = "".join(_marked(list(group)) for _, group in groupby(linked, _marks))
        if href and not href.startswith("#"):
            lead, core, trail = _split_space(text)
            text = f"{lead}[{core}]({href}){trail}" if core else text
        out.append(text)
    text = "".join(out).replace("\t", " ")
    return _BLOCK_START.sub(r"\1\\\2\3", text)


def _marks(run: Run) -> tuple[bool, bool]:
    return run.bold, run.italic


def _marked(runs: list[Run]) -> str:
    text = _SPECIAL.sub(r"\\\1", "".join(r.text for r in runs))
    bold, italic = runs[0].bold, runs[0].italic
    mark = "**" * bold + "*" * italic
    if not mark:
        return text
    lead, core, trail = _split_space(text)
    return f"{lead}{mark}{core}{mark[::-1]}{trail}" if core else text


def _split_space(text: str) -> tuple[str, str, str]:
    core = text.strip()
    if not core:
        return text, "", ""
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]
