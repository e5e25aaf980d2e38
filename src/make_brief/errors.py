"""The errors make-brief reports, and the one shape every problem is printed in.

A content author fixes problems in an editor, so every problem carries the place it
was found: ``path:line:col: field.path: message``. One base class lets the CLI map
each kind of failure to its exit code in a single place.
"""

from __future__ import annotations

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
        where = self.path
        if self.line:
            where += f":{self.line}:{self.col or 1}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class MakeBriefError(Exception):
    """Base of every error make-brief expects; anything else is a bug (exit 3)."""

    exit_code = 3


class ContentError(MakeBriefError):
    """A content file breaks the format: all its problems, so they are fixed in one go."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class RenderError(MakeBriefError):
    """A valid brief could not be rendered (template, asset or WeasyPrint trouble).

    Raised without a path by the renderers; the build adds the content file's name.
    """

    exit_code = 1


class UsageError(MakeBriefError):
    """The command line, the project config or a template set is wrong (exit 2)."""

    exit_code = 2
