"""The YAML parser set up for content, and the walk over its events.

ruamel.yaml's round-trip loader is the only one that keeps line and column; it is set up
here once. Before any tree is built, the parser's events are walked to refuse what YAML
can do but a content file never needs (anchors, aliases, tags, the merge key, deep
nesting, numbers too long to convert) and to note each unquoted value, for the warnings.
The same walk gives the field path of every node of a file that parses only part of the
way (:class:`PartialParse`), so a problem found before the tree exists still names its
field.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    SequenceEndEvent,
)
from ruamel.yaml.parser import ParserError
from ruamel.yaml.scanner import ScannerError

from ..errors import ContentError, Problem
from .limits import MAX_CHAR_PROBLEMS, MAX_DEPTH, MAX_NUMBER_DIGITS
from .lines import indicator_message, split_line
from .places import Loc, dotted

_CORE_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")
}


class _Constructor(RoundTripConstructor):
    """Keeps dates as the text written, so an impossible date is reported by the schema
    with its field rather than raised by the YAML library without one."""


_Constructor.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


def yaml_loader() -> YAML:
    yaml = YAML(typ="rt")  # round-trip: the only loader that keeps line and column
    yaml.Constructor = _Constructor
    yaml.allow_duplicate_keys = False
    return yaml


@dataclass(frozen=True)
class PlainValue:
    """An unquoted value as the parser saw it: where it starts and where it ends (0-based),
    for the text YAML drops after `` #``."""

    loc: Loc
    line: int
    col: int
    end_line: int
    end_col: int


@dataclass
class _Frame:
    mapping: bool
    loc: Loc
    expect_key: bool = True
    key: Any = None
    index: int = -1


class _Walker:
    """Follows the parser's events and knows, for each node, its field path: the places
    of a file that does not parse to its end are known up to its first error."""

    def __init__(self) -> None:
        self.frames: list[_Frame] = []

    def node(self, event: NodeEvent) -> tuple[Loc, bool]:
        """The field path of the node ``event`` starts, and whether it is a key."""
        loc: Loc = ()
        is_key = False
        if self.frames:
            frame = self.frames[-1]
            if frame.mapping and frame.expect_key:
                frame.key = event.value if isinstance(event, ScalarEvent) else "?"
                is_key = True
                loc = (*frame.loc, frame.key)
            elif frame.mapping:
                loc = (*frame.loc, frame.key)
            else:
                frame.index += 1
                loc = (*frame.loc, frame.index)
            frame.expect_key = not frame.expect_key if frame.mapping else True
        if isinstance(event, CollectionStartEvent):
            self.frames.append(_Frame(isinstance(event, MappingStartEvent), loc))
        return loc, is_key

    def end(self) -> None:
        self.frames.pop()


def check_events(name: str, events: Iterable[Any], text: str) -> list[PlainValue]:
    """Refuse what YAML can do but a content file never needs, before building anything;
    the unquoted values, for the warnings. ``events`` are ruamel's parser's (the slow
    path's): :mod:`.yaml_c` gives up on whatever this refuses, in a walk of its own over
    libyaml's, and notes the same values."""
    problems: list[Problem] = []
    plain: list[PlainValue] = []
    walker = _Walker()
    anchors: set[str] = set()
    lines = text.split("\n")
    key_end = None
    for event in events:
        mark = event.start_mark
        where = (name, mark.line + 1, mark.column + 1)
        if isinstance(event, NodeEvent):
            loc, is_key = walker.node(event)
            problems += _node_problems(event, where, is_key, anchors, lines, loc)
            if event.anchor and not isinstance(event, AliasEvent):
                anchors.add(event.anchor)
            if is_key:
                key_end = event.end_mark
            elif isinstance(event, ScalarEvent) and event.style is None:
                end = event.end_mark
                if not event.value and key_end is not None and _in_mapping(walker):
                    # "subtitle:" and nothing, or only a comment: YAML places the empty
                    # value where the next token starts; it belongs after the colon.
                    mark = end = _after_colon(lines, key_end)
                plain.append(PlainValue(loc, mark.line, mark.column, end.line, end.column))
        if isinstance(event, CollectionStartEvent):
            if len(walker.frames) > MAX_DEPTH:
                problems.append(
                    Problem(*where, message=f"nested more than {MAX_DEPTH} levels deep")
                )
                break
        elif isinstance(event, MappingEndEvent | SequenceEndEvent):
            walker.end()
        if len(problems) >= MAX_CHAR_PROBLEMS:
            break
    if problems:
        raise ContentError(problems)
    return plain


def _in_mapping(walker: _Walker) -> bool:
    return bool(walker.frames) and walker.frames[-1].mapping


@dataclass(frozen=True)
class _Mark:
    line: int
    column: int


def _after_colon(lines: list[str], key_end: Any) -> _Mark:
    """The place just after the ':' that follows a key."""
    text = lines[key_end.line] if key_end.line < len(lines) else ""
    colon = text.find(":", key_end.column)
    return _Mark(key_end.line, colon + 1 if colon >= 0 else key_end.column)


def _node_problems(
    event: NodeEvent,
    where: tuple[str, int, int],
    is_key: bool,
    anchors: set[str],
    lines: list[str],
    loc: Loc,
) -> list[Problem]:
    problems = []
    if isinstance(event, AliasEvent) and event.anchor not in anchors:
        # No &name anywhere above: not a reference but Markdown (*italic*, **bold**)
        # at the start of an unquoted value.
        problems.append(_starts_with(where, "*", lines, loc))
    elif isinstance(event, AliasEvent):
        problems.append(
            Problem(*where, message=f"alias *{event.anchor} is not allowed; write the value out")
        )
    elif event.anchor:
        problems.append(
            Problem(*where, message=f"anchor &{event.anchor} is not allowed; write each value out")
        )
    tag = getattr(event, "tag", None)
    if tag and str(tag).startswith("!") and not str(tag).startswith("!!") and str(tag) != "!":
        # "!Important": an exclamation mark that starts a value, not a type meant as one.
        problems.append(_starts_with(where, "!", lines, loc))
    elif tag and str(tag) not in _CORE_TAGS and str(tag) != "!":
        problems.append(Problem(*where, message=f"tag {tag} is not allowed; content is plain data"))
    if isinstance(event, ScalarEvent) and event.style is None:
        if is_key and event.value == MERGE_KEY:
            # YAML 1.1's merge key: it would copy fields in from elsewhere, and a field
            # written in both places would silently keep one of its two values.
            problems.append(
                Problem(*where, message="the merge key << is not allowed; write each field out")
            )
        digits = long_number(event.value)
        if digits:
            problems.append(
                Problem(
                    *where,
                    message=f"a number of {digits} digits is too long to be a number; "
                    "if it is text, put it in quotes",
                )
            )
    return problems


#: YAML 1.1's merge key, refused where it is a plain key.
MERGE_KEY = "<<"


def long_number(value: str) -> int:
    """How many digits an unquoted whole number has if it has too many to convert
    (more than :data:`.limits.MAX_NUMBER_DIGITS`), else 0. There are no more digits than
    characters: :mod:`.yaml_c` asks only about values longer than the limit."""
    digits = value.lstrip("+-").replace("_", "")
    return len(digits) if digits.isdigit() and len(digits) > MAX_NUMBER_DIGITS else 0


def _starts_with(where: tuple[str, int, int], first: str, lines: list[str], loc: Loc) -> Problem:
    """An unquoted value whose first character YAML took for a reference or a type."""
    line = split_line(lines[where[1] - 1])
    return Problem(*where, dotted(loc), indicator_message(loc, line, where[2] - 1, first))


class PartialParse:
    """A text parsed as far as it goes: the field path of each node by its place, and
    the first error, if any."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.error: MarkedYAMLError | None = None
        self.nodes: dict[int, list[tuple[int, Loc]]] = {}
        walker = _Walker()
        try:
            for event in yaml_loader().parse("\n".join(lines)):
                if isinstance(event, NodeEvent):
                    loc, _ = walker.node(event)
                    mark = event.start_mark
                    self.nodes.setdefault(mark.line, []).append((mark.column, loc))
                elif isinstance(event, MappingEndEvent | SequenceEndEvent):
                    walker.end()
        except (ScannerError, ParserError) as exc:
            self.error = exc

    def loc_at(self, line: int, col: int) -> Loc | None:
        """The path of the node starting at (line, col), else of the last one before."""
        found = None
        for start, loc in self.nodes.get(line, ()):
            if start <= col:
                found = loc
        return found
