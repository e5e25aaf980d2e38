"""What a guess at a YAML error proposes: a :class:`Fix`, and where the error points.

Every guesser (in :mod:`.quoting` and :mod:`.layout`) reads the lines as typed and the
parser's error, and yields the fixes it believes in; :mod:`.diagnosis` tries them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ruamel.yaml.error import MarkedYAMLError

from ..lines import Block, Line
from ..places import Loc


@dataclass(frozen=True)
class Fix:
    """One diagnosed mistake: where it is, the line as it should be, and what to say."""

    line: int  # 0-based
    col: int  # 0-based: where the mistake is
    repaired: str  # the line, fixed
    message: str | Callable[[Loc | None], str]
    field_col: int  # where, on the fixed line, the node that names the field starts
    more: tuple[tuple[int, str], ...] = ()  # other lines the same fix changes
    field_line: int | None = None  # the line of that node, if not the fixed line


Diagnoser = Callable[[list[Line], dict[int, Block], MarkedYAMLError], Iterator[list[Fix]]]


def error_mark(error: MarkedYAMLError) -> tuple[int, int]:
    mark = error.problem_mark or error.context_mark
    return (mark.line, mark.column) if mark else (0, 0)


def error_lines(lines: list[Line], error: MarkedYAMLError) -> list[int]:
    """The lines an error points at: where it was found, and where what failed began."""
    found = [m.line for m in (error.problem_mark, error.context_mark) if m is not None]
    return [i for i in dict.fromkeys(found) if i < len(lines)]
