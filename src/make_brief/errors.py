"""The errors make-brief reports, and the one shape every problem is printed in.

A content author fixes problems in an editor, so every problem carries the place it
was found: ``path:line:col: field.path: message``. One base class lets the CLI map
each kind of failure to its exit code in a single place.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input, pointing at where it is (lines are 1-based)."""

    path: str
    line: int = 0
    col: int = 0
    field: str = ""
    message: str = ""

    def __str__(self) -> str:
        where = one_line(self.path)
        if self.line:
            where += f":{self.line}:{self.col or 1}"
        text = (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )
        return one_line(text)


def one_line(text: str) -> str:
    """``text`` on one line, with newlines and other control characters shown escaped: a
    value or a file name must never start a line of its own in a log, where a CI runner
    would read a line beginning ``::`` as one of its commands."""
    if text.isprintable():
        return text
    return "".join(_escaped(ch) if unicodedata.category(ch) in _UNSHOWN else ch for ch in text)


#: Line breaks, controls, invisible format characters (bidi overrides among them) and
#: code points with no character.
_UNSHOWN = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}


def _escaped(ch: str) -> str:
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    return named.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")


class MakeBriefError(Exception):
    """Base of every error make-brief expects; anything else is a bug (exit 3).

    The message is one line, or a list of lines; either way each line is printed with
    its control characters escaped, so a value or a path can never add a line of its own.
    """

    exit_code = 3

    def __init__(self, message: str | list[str] = "") -> None:
        lines = [message] if isinstance(message, str) else message
        super().__init__("\n".join(one_line(line) for line in lines))


class ContentError(MakeBriefError):
    """A content file breaks the format: all its problems, so they are fixed in one go."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__([str(p) for p in self.problems])


class RenderError(MakeBriefError):
    """A valid brief could not be rendered (template, asset or WeasyPrint trouble).

    Raised without a path by the renderers; the build adds the content file's name.
    """

    exit_code = 1


class OutputError(MakeBriefError):
    """An output could not be written (a full disk, a folder without permission)."""

    exit_code = 1


class UsageError(MakeBriefError):
    """The command line, the project config or a template set is wrong (exit 2)."""

    exit_code = 2
