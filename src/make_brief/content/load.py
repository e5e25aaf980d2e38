"""Read one content file into a validated :class:`~make_brief.schema.Brief`.

The order of the checks is the order in which a file can be wrong: its size, its bytes,
its characters, its YAML, then its fields. Every problem found is reported with
``path:line:col`` so an author can jump to it, and all the field problems of a file are
reported at once. YAML features that only serve to make a file surprising (anchors,
aliases, custom tags, several documents, deep nesting) are refused outright: content is
data, written by hand.

The people who write content files know Word better than YAML, so a problem is said in
their words, once, at the line where the mistake is, with what to write instead. YAML's
own errors name what the parser expected (``<block end>``), often lines after the cause;
:func:`_syntax_problems` reads the lines as written to find the cause, and trusts a
diagnosis only when the file with that one fix made parses further than before.
"""

from __future__ import annotations

import difflib
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
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
from .characters import label, refused_in_file, refused_in_value
from .markdown import unlinked
from .schema import Brief, Markdown, Message, Person, field_names, markdown_texts

#: Largest content file accepted. A brief is a few pages; a bigger file is a mistake.
MAX_BYTES = 1024 * 1024
#: Deepest nesting of mappings and lists; the format itself needs five.
MAX_DEPTH = 20
#: Longest number read as a number (Python refuses to convert past 4300 digits).
MAX_NUMBER_DIGITS = 100
#: At most this many character problems are listed for one file.
MAX_CHAR_PROBLEMS = 10
#: How many fixes of a YAML error may be tried (each parses the file once more): at most
#: this many, and fewer for a file bigger than GUESS_BYTES / this.
MAX_GUESSES = 60
GUESS_BYTES = 4 * 1024 * 1024

_CORE_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")
}

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class LoadedBrief:
    """A valid brief, with the YAML tree kept so later stages can point at a field."""

    path: Path
    brief: Brief
    tree: CommentedMap
    raw: bytes  # the file's bytes as validated (an archival PDF carries them)
    #: What is valid but probably not meant: text after `` #`` that YAML drops, a link
    #: the brief prints without its address.
    warnings: tuple[Problem, ...] = ()

    @property
    def slug(self) -> str:
        return self.path.stem

    def problem(self, loc: Loc, message: str) -> Problem:
        """A problem found after validation (an unknown template, say), placed in the file."""
        line, col = locate(self.tree, loc)
        return Problem(str(self.path), line, col, _dotted(loc), message)

    def problem_at(self, loc: Loc, line: int, col: int, message: str) -> Problem:
        """A problem at a known place (1-based) of the field at ``loc``."""
        return Problem(str(self.path), line, col, _dotted(loc), message)


class _Constructor(RoundTripConstructor):
    """Keeps dates as the text written, so an impossible date is reported by the schema
    with its field rather than raised by the YAML library without one."""


_Constructor.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")  # round-trip: the only loader that keeps line and column
    yaml.Constructor = _Constructor
    yaml.allow_duplicate_keys = False
    return yaml


def load_brief(path: Path) -> LoadedBrief:
    """Load and validate one content file; raise :class:`ContentError` with every problem."""
    name = str(path)
    raw = _read_capped(path)
    text = _decode(name, raw)
    _check_characters(name, text)
    _check_spaces(name, text)
    tree, plain = _parse(name, text)
    _check_values(name, tree)
    lines = text.split("\n")
    try:
        brief = Brief.model_validate(_plain(tree))
    except ValidationError as exc:
        raise ContentError(_schema_problems(name, tree, lines, exc.errors())) from None
    warnings = [
        *_comment_warnings(name, lines, plain),
        *_link_warnings(name, tree, lines, brief),
        *_bullet_warnings(name, tree, lines, brief),
    ]
    return LoadedBrief(path, brief, tree, raw, tuple(sorted(set(warnings))))


def _read_capped(path: Path) -> bytes:
    """The file's bytes, never more than the cap: the size is asked before reading, and
    only regular files are opened (a FIFO or a device would block or never end)."""
    name = str(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ContentError([Problem(name, message="is a folder, not a content file")])
        if not stat.S_ISREG(info.st_mode):
            raise ContentError(
                [Problem(name, message="is not a regular file (a pipe or a device); name a file")]
            )
        if info.st_size > MAX_BYTES:
            raise _too_large(name)
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ContentError([Problem(name, message=f"cannot be read: {exc.strerror}")]) from None
    if len(raw) > MAX_BYTES:  # it grew between the two looks
        raise _too_large(name)
    if not raw.strip():
        raise ContentError(
            [Problem(name, message="is empty; start from the file `make-brief new SLUG` writes")]
        )
    return raw


def read_content_bytes(path: Path) -> bytes | None:
    """The bytes of a content file, or None where :func:`load_brief` would refuse to read
    it (too large, not a regular file): for a cache key that must not read past the cap."""
    try:
        return _read_capped(path)
    except ContentError:
        return None


def _too_large(name: str) -> ContentError:
    return ContentError(
        [Problem(name, message=f"is larger than {MAX_BYTES // 1024} KiB; a brief is a few pages")]
    )


def _decode(name: str, raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raise ContentError(
            [
                Problem(
                    name,
                    1,
                    1,
                    message="starts with a byte-order mark; save it as UTF-8 without BOM",
                )
            ]
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ContentError(
            [
                Problem(
                    name,
                    line,
                    col,
                    message=f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8",
                )
            ]
        ) from None


def _check_characters(name: str, text: str) -> None:
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        for col, ch in enumerate(line.removesuffix("\r"), start=1):
            why = refused_in_file(ch)
            if why is None:
                continue
            problems.append(Problem(name, number, col, message=why))
            if len(problems) >= MAX_CHAR_PROBLEMS:
                raise ContentError(problems)
    if problems:
        raise ContentError(problems)


#: Spaces that look like one but are not one to YAML: Word's non-breaking space (typed
#: after a colon in French, or pasted), and the other typographic spaces.
_ODD_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f\u3000"
#: Where one changes what a line means: in its indentation, after its "-" or its "key:".
_ODD_SPACE_AT = re.compile(
    rf"[ {_ODD_SPACES}]*[{_ODD_SPACES}]|[ ]*(?:-[ ]+)*-[{_ODD_SPACES}]"
    rf"|[ ]*(?:-[ ]+)*[^\s:#'\"][^:#]*?:[{_ODD_SPACES}]"
)


def _check_spaces(name: str, text: str) -> None:
    """A non-breaking space where YAML needs an ordinary one: in the indentation, the
    line is not indented to YAML (a field ``\u00a0\u00a0name`` at the top); after a
    ``key:``, the line is no field at all. Invisible in an editor, so said by name."""
    lines = [_split(t) for t in text.split("\n")]
    inside = _blocks(lines)
    found = []
    for index, line in enumerate(lines):
        if index in inside:
            continue
        match = _ODD_SPACE_AT.match(line.text)
        if match is None:
            continue
        col = next(i for i in range(match.start(), match.end()) if line.text[i] in _ODD_SPACES)
        space = line.text[col]
        what = "a non-breaking space" if space == "\u00a0" else f"the space {label(space)}"
        where = (
            "after ':'"
            if line.text[col - 1 : col] == ":"
            else ("after '-'" if line.text[col - 1 : col] == "-" else "in the indentation")
        )
        message = (
            f"{what} {where} (Word types them); YAML needs an ordinary space here: delete "
            "it and type a space"
        )
        found.append((index, col, message))
        if len(found) >= MAX_CHAR_PROBLEMS:
            break
    if found:
        table = str.maketrans(dict.fromkeys(_ODD_SPACES, " "))
        places = _Places([ln.text.translate(table) for ln in lines])
        problems = []
        for index, col, message in found:
            text = lines[index].text.translate(table)
            loc = places.loc_at(index, len(text) - len(text.lstrip()))
            problems.append(Problem(name, index + 1, col + 1, _dotted(loc or ()), message))
        raise ContentError(problems)


def _check_values(name: str, tree: CommentedMap) -> None:
    """Every key and value as YAML read it: escapes can spell what the file may not hold."""
    problems = []
    for loc, line, col, text in strings_with_places(tree):
        for ch in dict.fromkeys(text):
            why = refused_in_value(ch)
            if why is not None:
                problems.append(Problem(name, line, col, _dotted(loc), why))
                if len(problems) >= MAX_CHAR_PROBLEMS:
                    raise ContentError(problems)
    if problems:
        raise ContentError(problems)


def strings_with_places(tree: Any) -> Iterator[tuple[Loc, int, int, str]]:
    """Every string key and value of a loaded tree with its field path and its 1-based
    line and column (a key's own place; a value's start)."""

    def walk(node: Any, loc: Loc) -> Iterator[Any]:
        if isinstance(node, CommentedMap):
            for key, value in node.items():
                key_line, key_col = node.lc.key(key)
                if isinstance(key, str):
                    yield (*loc, key), key_line + 1, key_col + 1, key
                if isinstance(value, str):
                    line, col = node.lc.value(key)
                    yield (*loc, key), line + 1, col + 1, value
                else:
                    yield from walk(value, (*loc, key))
        elif isinstance(node, CommentedSeq):
            for index, value in enumerate(node):
                if isinstance(value, str):
                    line, col = node.lc.item(index)
                    yield (*loc, index), line + 1, col + 1, value
                else:
                    yield from walk(value, (*loc, index))

    yield from walk(tree, ())


# --- parsing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plain:
    """An unquoted value as the parser saw it: where it starts and where it ends (0-based),
    for the text YAML drops after `` #``."""

    loc: Loc
    line: int
    col: int
    end_line: int
    end_col: int


def _parse(name: str, text: str) -> tuple[CommentedMap, list[_Plain]]:
    yaml = _yaml()
    try:
        plain = _check_events(name, yaml, text)
        tree = yaml.load(text)
    except (ScannerError, ParserError) as exc:
        raise ContentError(_tab_problems(name, text) or _syntax_problems(name, text, exc)) from None
    except MarkedYAMLError as exc:
        raise ContentError([_yaml_problem(name, exc, text)]) from None
    except YAMLError as exc:  # no position known
        raise ContentError([Problem(name, message=f"is not valid YAML: {exc}")]) from None
    if tree is None:
        raise ContentError(
            [
                Problem(
                    name,
                    message="holds no fields; start from the file `make-brief new SLUG` writes",
                )
            ]
        )
    if not isinstance(tree, CommentedMap):
        kind = "a list" if isinstance(tree, CommentedSeq) else "a single value"
        raise ContentError(
            [
                Problem(
                    name,
                    1,
                    1,
                    message=f"must be a mapping of fields (title:, date:, summary: ...), not {kind}",
                )
            ]
        )
    return tree, plain


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


def _check_events(name: str, yaml: YAML, text: str) -> list[_Plain]:
    """Refuse what YAML can do but a content file never needs, before building anything;
    the unquoted values, for the warnings."""
    problems: list[Problem] = []
    plain: list[_Plain] = []
    walker = _Walker()
    anchors: set[str] = set()
    lines = text.split("\n")
    key_end = None
    for event in yaml.parse(text):
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
                plain.append(_Plain(loc, mark.line, mark.column, end.line, end.column))
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
        line = _split(lines[where[1] - 1])
        value = _without_comment(line.text[where[2] - 1 :]).rstrip()
        problems.append(
            Problem(
                *where,
                _dotted(loc),
                f"{_the(loc)} starts with '*', which YAML reads as a reference to another "
                f"value; put the whole {_noun(loc)} in quotes: "
                + _written(line, where[2] - 1, _quoted(value)),
            )
        )
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
        line = _split(lines[where[1] - 1])
        value = _without_comment(line.text[where[2] - 1 :]).rstrip()
        problems.append(
            Problem(
                *where,
                _dotted(loc),
                f"{_the(loc)} starts with '!', which YAML reads as a type; put the whole "
                f"{_noun(loc)} in quotes: " + _written(line, where[2] - 1, _quoted(value)),
            )
        )
    elif tag and str(tag) not in _CORE_TAGS and str(tag) != "!":
        problems.append(Problem(*where, message=f"tag {tag} is not allowed; content is plain data"))
    if isinstance(event, ScalarEvent) and event.style is None:
        if is_key and event.value == "<<":
            # YAML 1.1's merge key: it would copy fields in from elsewhere, and a field
            # written in both places would silently keep one of its two values.
            problems.append(
                Problem(*where, message="the merge key << is not allowed; write each field out")
            )
        digits = event.value.lstrip("+-").replace("_", "")
        if digits.isdigit() and len(digits) > MAX_NUMBER_DIGITS:
            problems.append(
                Problem(
                    *where,
                    message=f"a number of {len(digits)} digits is too long to be a number; "
                    "if it is text, put it in quotes",
                )
            )
    return problems


def _yaml_problem(name: str, exc: MarkedYAMLError, text: str = "") -> Problem:
    """A YAML error no diagnosis explained, in the plainest words its message allows, at
    the field where the parser was (as far as the file parses)."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    loc = _Places(text.split("\n")).loc_at(line - 1, col - 1) if text and mark else None
    problem = str(exc.problem or exc.context or "is not valid YAML")
    if "'\\t'" in problem:
        problem = "a tab here; YAML allows only spaces: replace it with a space"
    elif "duplicate key" in problem:
        problem = (
            "is written twice; keep one of the two"
            if loc
            else problem.split(" with value")[0].replace("found duplicate key", "key")
            + " is written twice; keep one"
        )
    elif "another document" in problem:
        problem = "a second document (---) starts here; one content file holds one brief"
    else:
        problem = (
            f"YAML cannot read this line ({problem}); check that it is lined up with the "
            "field above it, and put a value that holds ': ' or starts with a quote or a "
            "bracket in quotes"
        )
    return Problem(name, line, col, _dotted(loc or ()), problem)


def _plain(node: Any) -> Any:
    """ruamel's position-carrying types, as the builtins the schema validates strictly."""
    if isinstance(node, dict):
        return {_plain(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    for kind in (str, int, float):
        if isinstance(node, kind):
            return kind(node)
    return node


# --- the lines as written -----------------------------------------------------------------

#: A key at the start of a line's content: plain text up to the first ':' that is followed
#: by a space or the line's end (``https://x`` is no key).
_KEY = re.compile(r"(?P<key>[^\s#'\"\[\]{},&*!|>%@`-][^#]*?|-[^\s#][^#]*?)[ \t]*:(?=[ \t]|$)")
#: A block scalar's indicator: ``|``, ``>``, ``|-``, ``>+2`` ... and perhaps a comment.
_BLOCK = re.compile(r"[|>][-+0-9]{0,2}[ \t]*(#.*)?")
#: A comment an author means as one: two spaces or more before the ``#``, a space after.
_COMMENT = re.compile(r"[ \t]{2,}#(?:[ \t].*)?$")
#: What Word puts at the start of a list item it pastes as text.
_BULLETS = "•◦▪▫‣⁃●○■□∙·–—➢►➤✓❖"
_BULLET = re.compile(rf"( *)([{_BULLETS}])[ \t]*(?=\S)")
#: ``-item``: a list item without the space YAML needs after its dash.
_DASH = re.compile(r"( *)(-)(?=[^\s-])")
#: Word's curly quotes, each with the quotes that may close it.
_CURLY = {"“": "”“", "‘": "’‘", "„": "“”", "‚": "‘’", "”": "”", "’": "’"}


@dataclass(frozen=True)
class _Line:
    """One line of the file as typed: where its key and its value are."""

    text: str
    indent: int  # leading spaces
    start: int  # where the content starts, after the spaces and any "- " markers
    dashes: tuple[int, ...]  # the columns of its "- " markers
    key: str | None  # the plain key it starts with, if any
    value_col: int  # where its value starts: after "key: ", else at ``start``

    @property
    def blank(self) -> bool:
        content = self.text.strip()
        return not content or content.startswith("#")

    @property
    def value(self) -> str:
        return _without_comment(self.text[self.value_col :]).rstrip()

    @property
    def opens(self) -> bool:
        """Whether the lines below may be more indented: ``key:`` or ``-`` with no value."""
        return not self.value


def _split(text: str) -> _Line:
    text = text.removesuffix("\r")
    indent = len(text) - len(text.lstrip(" "))
    pos = indent
    dashes = []
    while text.startswith("-", pos) and (pos + 1 == len(text) or text[pos + 1] in " \t"):
        dashes.append(pos)
        pos += 1
        while pos < len(text) and text[pos] in " \t":
            pos += 1
    match = _KEY.match(text, pos)
    key, value_col = None, pos
    if match:
        key, value_col = match.group("key"), match.end()
        while value_col < len(text) and text[value_col] in " \t":
            value_col += 1
    return _Line(text, indent, pos, tuple(dashes), key, value_col)


def _without_comment(value: str) -> str:
    return _COMMENT.sub("", value)


@dataclass(frozen=True)
class _Block:
    """The text lines of a ``|`` or ``>`` value."""

    opener: int  # the line of ``key: |``
    threshold: int  # its lines are indented more than this
    indent: int  # as much as its first line


def _blocks(lines: list[_Line]) -> dict[int, _Block]:
    """The lines (0-based) that are the text of a block value, not YAML structure."""
    inside: dict[int, _Block] = {}
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if line.blank or not _BLOCK.fullmatch(line.text[line.value_col :].rstrip()):
            continue
        threshold = line.start if line.key is not None else line.value_col - 2
        first = next((ln for ln in lines[index:] if ln.text.strip()), None)
        if first is None or first.indent <= threshold:
            continue
        block = _Block(index - 1, threshold, first.indent)
        while index < len(lines) and (
            not lines[index].text.strip() or lines[index].indent >= block.indent
        ):
            inside[index] = block
            index += 1
    return inside


def _quoted(value: str) -> str:
    """``value`` in the quotes that keep it exactly as written."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def _written(line: _Line, col: int, value: str) -> str:
    """The line as it should be written, from its first non-space: its key or dash, then
    ``value`` in place of what starts at ``col``."""
    return line.text[line.indent : col] + value


def _noun(loc: Loc) -> str:
    """How a message names the value at ``loc``: ``title``, ``item``, ``value``."""
    if not loc or isinstance(loc[-1], int):
        return "item"
    if loc[-1] in ("to", "from", "start", "end", "date", "year", "url", "email", "phone"):
        return "value"
    return str(loc[-1]).replace("_", " ")


def _the(loc: Loc) -> str:
    return f"the {_noun(loc)}"


# --- YAML errors, diagnosed ---------------------------------------------------------------


def _tab_problems(name: str, text: str) -> list[Problem]:
    """Every line with a tab where YAML allows only spaces, each reported once; YAML
    itself stops at the first. Tabs in the text of a ``|`` value are text, and kept."""
    lines = [_split(t) for t in text.split("\n")]
    inside = _blocks(lines)
    found = []
    for index, line in enumerate(lines):
        if index in inside or "\t" not in line.text:
            continue
        bullet = _BULLET.match(line.text)
        if bullet and "\t" not in line.text[bullet.end() :]:
            continue  # "•<tab>item" pasted from Word: the bullet is the mistake to report
        lead = re.match(r"[ \t]*(?:-[ \t]+)*", line.text).group()
        if not line.text.strip():
            col, message = line.text.index("\t"), "this empty line holds a tab; delete it"
        elif "\t" in lead:
            col, message = lead.index("\t"), "a tab is used for indentation; indent with spaces"
        elif line.text[line.value_col : line.value_col + 1] in ("'", '"'):
            continue  # inside quotes a tab is part of the value
        else:
            col = line.text.index("\t")
            message = (
                "a tab at the end of the line; delete it"
                if not line.text[col:].strip()
                else "a tab between words; YAML allows only spaces here: use a space"
            )
        found.append((index, col, message))
        if len(found) >= MAX_CHAR_PROBLEMS:
            break
    if not found:
        return []
    # The fields, from the file with its tabs made spaces (two per tab: a guess that
    # holds for a file indented with tabs alone).
    places = _Places([ln.text.replace("\t", "  ") for ln in lines])
    problems = []
    for index, col, message in found:
        text = lines[index].text.replace("\t", "  ")
        loc = places.loc_at(index, len(text) - len(text.lstrip()))
        problems.append(Problem(name, index + 1, col + 1, _dotted(loc or ()), message))
    return problems


class _Places:
    """A text parsed as far as it goes: the field path of each node by its place, and
    the first error, if any."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.error: MarkedYAMLError | None = None
        self.nodes: dict[int, list[tuple[int, Loc]]] = {}
        walker = _Walker()
        try:
            for event in _yaml().parse("\n".join(lines)):
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


@dataclass(frozen=True)
class _Fix:
    """One diagnosed mistake: where it is, the line as it should be, and what to say."""

    line: int  # 0-based
    col: int  # 0-based: where the mistake is
    repaired: str  # the line, fixed
    message: str | Callable[[Loc | None], str]
    field_col: int  # where, on the fixed line, the node that names the field starts
    more: tuple[tuple[int, str], ...] = ()  # other lines the same fix changes
    field_line: int | None = None  # the line of that node, if not the fixed line


Diagnoser = Callable[[list[_Line], dict[int, _Block], MarkedYAMLError], Iterator[list[_Fix]]]


def _syntax_problems(name: str, text: str, exc: MarkedYAMLError) -> list[Problem]:
    """What is wrong, in an author's words, at the line of each mistake.

    Each diagnosis proposes the file with its fix made; it is believed only if that file
    parses past the mistake. Then the next error of the fixed file is diagnosed, so every
    mistake is reported at once, until one is not understood: that one is reported in
    YAML's words, and the search stops.
    """
    raw_lines = text.split("\n")
    problems: list[Problem] = []
    error: MarkedYAMLError | None = exc
    # Each guess costs a parse of the whole file: a few for a big file, more for a brief.
    budget = [min(MAX_GUESSES, 8 + GUESS_BYTES // max(len(text), 1))]
    while error is not None and len(problems) < MAX_CHAR_PROBLEMS:
        found = _diagnose(raw_lines, error, budget)
        if found is None:
            if not problems:  # else most likely the echo of a fix this guess did not make
                problems.append(_yaml_problem(name, error, "\n".join(raw_lines)))
            break
        fixes, places = found
        if any(p.line == fix.line + 1 for p in problems for fix in fixes):
            break  # a line already reported: what follows is the first fix's echo
        for fix in fixes:
            loc = places.loc_at(
                fix.line if fix.field_line is None else fix.field_line, fix.field_col
            )
            message = fix.message(loc) if callable(fix.message) else fix.message
            problems.append(Problem(name, fix.line + 1, fix.col + 1, _dotted(loc or ()), message))
        raw_lines, error = places.lines, places.error
    return problems


def _diagnose(
    raw_lines: list[str], error: MarkedYAMLError, budget: list[int]
) -> tuple[list[_Fix], _Places] | None:
    lines = [_split(t) for t in raw_lines]
    inside = _blocks(lines)
    for diagnoser in _DIAGNOSERS:
        for fixes in diagnoser(lines, inside, error):
            if budget[0] <= 0:
                return None
            budget[0] -= 1
            repaired = list(raw_lines)
            for fix in fixes:
                repaired[fix.line] = fix.repaired
                for index, text in fix.more:
                    repaired[index] = text
            places = _Places(repaired)
            if _progressed(places.error, error, fixes):
                return fixes, places
    return None


def _progressed(after: MarkedYAMLError | None, before: MarkedYAMLError, fixes: list[_Fix]) -> bool:
    """Whether a fix explains an error: the fixed file parses, or stops only later than
    the last line fixed, at another error."""
    if after is None:
        return True
    mark = _mark(after)
    last = max((fix.line, fix.col) for fix in fixes)
    return mark > last and (mark, after.problem) != (_mark(before), before.problem)


def _mark(error: MarkedYAMLError) -> tuple[int, int]:
    mark = error.problem_mark or error.context_mark
    return (mark.line, mark.column) if mark else (0, 0)


def _error_lines(lines: list[_Line], error: MarkedYAMLError) -> list[int]:
    """The lines an error points at: where it was found, and where what failed began."""
    found = [m.line for m in (error.problem_mark, error.context_mark) if m is not None]
    return [i for i in dict.fromkeys(found) if i < len(lines)]


def _bullets(lines: list[_Line], inside: dict[int, _Block], error: MarkedYAMLError):
    """``• item`` pasted from Word: every bullet line, at its own line."""
    found = []
    for index, line in enumerate(lines):
        match = _BULLET.match(line.text)
        if index not in inside and match:
            found.append((index, match))
    if not found:
        return

    def fixes(align: bool) -> list[_Fix]:
        made = []
        for index, match in found:
            indent = match.group(1)
            if align:  # lined up with the items written with "- " above it
                above = next((ln for ln in reversed(lines[:index]) if ln.dashes), None)
                indent = " " * above.dashes[0] if above else indent
            bullet = match.group(2)
            made.append(
                _Fix(
                    index,
                    len(match.group(1)),
                    f"{indent}- {line_rest(index, match)}",
                    f"a '{bullet}' bullet: write '- ' instead"
                    + (", lined up with the '- ' above" if indent != match.group(1) else "")
                    + f": - {line_rest(index, match).strip()}",
                    len(indent) + 2,
                )
            )
        return made

    def line_rest(index: int, match: re.Match) -> str:
        return lines[index].text[match.end() :]

    yield fixes(align=False)
    yield fixes(align=True)


def _closes(value: str) -> int:
    """Where the quote ``value`` starts with is closed on this line, or -1."""
    quote, pos = value[0], 1
    while pos < len(value):
        if quote == '"' and value[pos] == "\\":
            pos += 2
            continue
        if value[pos] == quote:
            if quote == "'" and value[pos + 1 : pos + 2] == "'":
                pos += 2
                continue
            return pos
        pos += 1
    return -1


def _unclosed(lines: list[_Line], inside: dict[int, _Block], error: MarkedYAMLError):
    """A quote, ``[`` or ``{`` never closed: YAML notices only where the file ends, or
    at a line far below; the mistake is where it was opened."""
    context = error.context or ""
    mark = error.context_mark
    if mark is not None and "quoted scalar" in context:
        yield from _unclosed_quote(lines, mark.line, mark.column)
    if mark is not None and "flow" in context and mark.line < len(lines):
        yield from _unclosed_bracket(lines, mark.line, mark.column)
    # A quote or bracket closed only on a later line, or never: the value ran on over
    # the fields below it, and YAML stumbled there.
    last = min(_mark(error)[0], len(lines) - 1)
    for index in range(last, -1, -1):
        line = lines[index]
        value = line.text[line.value_col :]
        if index in inside:
            continue
        if value[:1] in ("'", '"') and _closes(value) < 0:
            yield from _unclosed_quote(lines, index, line.value_col)
            break
        if value[:1] in ("[", "{") and index != last:
            yield from _unclosed_bracket(lines, index, line.value_col)


def _unclosed_quote(lines: list[_Line], index: int, col: int):
    line = lines[index]
    quote = line.text[col : col + 1]
    if quote not in ("'", '"') or _closes(line.text[col:]) >= 0:
        return
    value = line.text[col + 1 :].rstrip()
    closed = line.text[:col] + quote + value + quote

    def message(loc: Loc | None) -> str:
        where = loc or ()
        if quote == '"':
            return (
                f'the quote " opened here is never closed; end {_the(where)} with ": '
                + _written(line, col, f'"{value}"')
            )
        return (
            f"the quote ' opened here is never closed; end {_the(where)} with ', or if it is "
            f"an apostrophe put the whole {_noun(where)} in double quotes: "
            + _written(line, col, _quoted("'" + value))
        )

    yield [_Fix(index, col, closed, message, col)]


def _unclosed_bracket(lines: list[_Line], index: int, col: int):
    line = lines[index]
    opener = line.text[col : col + 1]
    if opener not in ("[", "{"):
        return
    depth, quote = 0, ""
    for ch in line.text[col:]:
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
    if depth <= 0:
        return
    closer = "]" if opener == "[" else "}"
    value = _without_comment(line.text[col:]).rstrip()
    closed = value + closer * depth

    def message(loc: Loc | None) -> str:
        where = loc or ()
        expected = _expects(where)
        if expected == "list" and opener == "[":
            return "the '[' opened here is never closed; end the list with ']': " + _written(
                line, col, closed
            )
        quoted = _written(line, col, _quoted(value))
        if expected in ("text", "markdown"):
            return (
                f"the '{opener}' opened here is never closed; if it is part of the text, put "
                f"the whole {_noun(where)} in quotes: {quoted}"
            )
        return (
            f"the '{opener}' opened here is never closed; close it with '{closer}', or if it "
            f"is part of the text put the whole {_noun(where)} in quotes: {quoted}"
        )

    yield [_Fix(index, col, line.text[:col] + closed, message, col)]


def _curly_quotes(lines: list[_Line], inside: dict[int, _Block], error: MarkedYAMLError):
    """“Word's quotes” around a value: YAML reads them as letters, so a ': ' inside breaks."""
    for index in _error_lines(lines, error):
        line = lines[index]
        value = line.value
        if index in inside or value[:1] not in _CURLY:
            continue
        inner = value[1:]
        if inner[-1:] and inner[-1] in _CURLY[value[0]]:
            inner = inner[:-1]
        fixed = _quoted(inner)
        pair = "“ and ”" if value[0] in "“”„" else "‘ and ’"
        message = (
            f"{pair} are Word's curly quotes, which YAML does not read as quotes; use "
            f"straight quotes: " + _written(line, line.value_col, fixed)
        )
        yield [
            _Fix(
                index, line.value_col, line.text[: line.value_col] + fixed, message, line.value_col
            )
        ]


#: What YAML makes of a value's first character, in words.
_INDICATORS = {
    "*": "which YAML reads as a reference to another value",
    "&": "which YAML reads as a name for the value",
    "!": "which YAML reads as a type",
    "[": "which YAML reads as the start of a list",
    "{": "which YAML reads as the start of a group of fields",
    "@": "which YAML does not allow at the start of a value",
    "`": "which YAML does not allow at the start of a value",
    "%": "which YAML does not allow at the start of a value",
    ",": "which YAML does not allow at the start of a value",
    "-": "which YAML reads as the start of a list item",
    "?": "which YAML reads as the start of a complex field name",
}


def _starts_with_indicator(lines: list[_Line], inside: dict[int, _Block], error: MarkedYAMLError):
    """A value whose first character means something to YAML, with more text after it."""
    for index in _error_lines(lines, error):
        line = lines[index]
        value = line.value
        if index in inside or not value:
            continue
        first = value[0]
        col = line.value_col
        if first in ("'", '"') and _closes(value) > 0:
            # 'Director's office': the apostrophe closes the quotes; "A" and B: the
            # quotes close before the end of the value.
            wrapped = len(value) > 2 and value[-1] == first
            fixed = _quoted(value[1:-1] if wrapped else value)

            def message(loc: Loc | None, line=line, col=col, first=first, fixed=fixed) -> str:
                return (
                    f"the quoted text ends at the second {first}, before the end of "
                    f"{_the(loc or ())}; put the whole {_noun(loc or ())} in "
                    + ("double quotes: " if fixed[0] == '"' else "single quotes: ")
                    + _written(line, col, fixed)
                )

        elif first in "|>" and not _BLOCK.fullmatch(value):
            text = value[1:].lstrip("-+0123456789").strip()
            fixed = _quoted(text)

            def message(loc: Loc | None, line=line, first=first) -> str:
                return (
                    f"after '{first}' the text starts on the next line: write "
                    f"'{line.text[line.indent : line.value_col]}{first}' and the text on the "
                    "lines below, indented by two more spaces"
                )

        elif first in _INDICATORS:
            fixed = _quoted(value)

            def message(loc: Loc | None, line=line, col=col, first=first, fixed=fixed) -> str:
                return (
                    f"{_the(loc or ())} starts with '{first}', {_INDICATORS[first]}; put the "
                    f"whole {_noun(loc or ())} in quotes: " + _written(line, col, fixed)
                )

        else:
            continue
        yield [_Fix(index, col, line.text[:col] + fixed, message, col)]


def _colon_in_value(lines: list[_Line], inside: dict[int, _Block], error: MarkedYAMLError):
    """``title: Outcome: agreed``: YAML reads the second ': ' as the start of a field."""
    if error.problem != "mapping values are not allowed here" or error.problem_mark is None:
        return
    index, col = error.problem_mark.line, error.problem_mark.column
    if index >= len(lines) or index in inside:
        return
    line = lines[index]
    if line.key is None or col < line.value_col:
        return  # the key's own colon: a matter of indentation
    # On a list line whose first word is no field name, the whole item is the text.
    whole = line.dashes and line.key not in _FIELD_NAMES
    start = line.start if whole else line.value_col
    fixed = _quoted(_without_comment(line.text[start:]).rstrip())

    def message(loc: Loc | None) -> str:
        where = (*loc[:-1], 0) if whole and loc and not isinstance(loc[-1], int) else loc or ()
        return (
            f"{_the(where)} contains ': ', which YAML reads as the start of a field; put the "
            f"whole {_noun(where)} in quotes: " + _written(line, start, fixed)
        )

    yield [_Fix(index, col, line.text[:start] + fixed, message, start)]


def _missing_space_or_colon(lines: list[_Line], inside: dict[int, _Block], error: MarkedYAMLError):
    """``title:Outcome`` or ``title Outcome``, for a field make-brief knows."""
    last = _mark(error)[0]
    for index in range(min(last, len(lines) - 1), max(last - 2, 0) - 1, -1):
        line = lines[index]
        if index in inside or line.blank:
            continue
        match = re.match(
            r"([A-Za-z_]+)(:(?=[^\s/])|[ \t]+(?=[^:\s]))(.*)$", line.text[line.start :]
        )
        if not match or match.group(1) not in _FIELD_NAMES or ":" in match.group(3):
            continue
        key, rest = match.group(1), match.group(3).strip()
        fixed = line.text[: line.start] + f"{key}: {rest}"
        if match.group(2) == ":":
            message = f"put a space after the ':' of {key}: {key}: {rest}"
        else:
            message = f"a ':' is missing after {key}; write {key}: {rest}"
        yield [_Fix(index, line.start + len(key), fixed, message, line.start)]


def _not_a_field(lines: list[_Line], inside: dict[int, _Block], error: MarkedYAMLError):
    """A line of text where a field was expected: a note without its ``#``, or the next
    line of a value that is not indented under it."""
    first = [i for i, ln in enumerate(lines) if i not in inside and not ln.blank][:1]
    for index in dict.fromkeys([*first, *_error_lines(lines, error)]):
        line = lines[index]
        if index in inside or line.blank or line.key is not None or line.dashes:
            continue
        above = next(
            (lines[i] for i in range(index - 1, -1, -1) if i not in inside and not lines[i].blank),
            None,
        )
        if above is not None and line.indent > (above.start if above.key else above.indent):
            continue  # indented: the next line of the value above
        message = (
            "this line is not a field (name: value); if it is a note, start it with '# ', and "
            "if it continues the value above, indent it under that value"
        )
        fixed = line.text[: line.indent] + "# " + line.text[line.indent :]
        yield [_Fix(index, line.indent, fixed, message, line.indent)]


def _block_text(lines: list[_Line], inside: dict[int, _Block], error: MarkedYAMLError):
    """The text of a ``|`` value not indented, or less indented than its first line (YAML
    reads the first line less indented as the end of the text, and stumbles lines later)."""
    ends: dict[int, int] = {}  # the last line of each block, by its opener
    for index, block in inside.items():
        ends[block.opener] = max(index, ends.get(block.opener, index))
    after_blocks = [
        next((i for i in range(last + 1, len(lines)) if lines[i].text.strip()), last)
        for last in sorted(ends.values())
    ]
    for index in dict.fromkeys([*_error_lines(lines, error), *after_blocks]):
        if index in inside or lines[index].blank:
            continue
        line = lines[index]
        above = next((i for i in range(index - 1, -1, -1) if lines[i].text.strip()), None)
        if above is None:
            continue
        opener = lines[above]
        if above in inside:
            block = inside[above]
            key = lines[block.opener]
            if block.threshold < line.indent < block.indent:
                message = (
                    f"line {index + 1} is indented {_spaces(line.indent)}, the text above it "
                    f"{block.indent}; indent every line of this text by at least "
                    f"{_spaces(block.indent)}, as its first line"
                )
                fixed = " " * block.indent + line.text.lstrip(" ")
                yield [
                    _Fix(
                        index,
                        line.indent,
                        fixed,
                        message,
                        key.value_col,
                        field_line=block.opener,
                    )
                ]
            continue
        if not _BLOCK.fullmatch(opener.text[opener.value_col :].rstrip()):
            continue
        threshold = opener.start if opener.key is not None else opener.value_col - 2
        if line.indent > threshold:
            continue
        indent = " " * (threshold + 2)
        more = []
        for later in range(index + 1, len(lines)):
            ln = lines[later]
            if ln.indent <= threshold and (ln.key in _FIELD_NAMES or ln.dashes):
                break
            more.append((later, indent + ln.text.lstrip(" ") if ln.text.strip() else ln.text))
        name = opener.key or "item"
        message = (
            f"the text of {name} must be indented below "
            f"'{opener.text[opener.indent :].rstrip()}': start each of its lines with "
            f"{_spaces(threshold + 2)}"
        )
        yield [
            _Fix(
                index,
                line.indent,
                indent + line.text.lstrip(" "),
                message,
                opener.value_col,
                tuple(more),
                field_line=above,
            )
        ]


def _indentation(lines: list[_Line], inside: dict[int, _Block], error: MarkedYAMLError):
    """A line not lined up with any field above it (YAML reports it as ``<block end>``
    expected, or as a ': ' in the value of the line above)."""
    first = next((i for i, ln in enumerate(lines) if i not in inside and not ln.blank), None)
    if first is not None and lines[first].indent:
        # Every field of the brief starts at the beginning of its line, the first too.
        line = lines[first]
        message = (
            f"the first field is indented {_spaces(line.indent)}; start the fields of the "
            "brief at the beginning of the line"
        )
        yield [_Fix(first, 0, line.text.lstrip(" "), message, 0)]
    for index in _error_lines(lines, error):
        if index in inside or lines[index].blank:
            continue
        line = lines[index]
        structure = [i for i in range(index - 1, -1, -1) if i not in inside and not lines[i].blank]
        if not structure:
            continue
        nearest = lines[structure[0]]
        if nearest.opens and line.indent > nearest.start:
            continue  # a new level under "key:": any deeper indentation is fine
        keys, items = _columns_above(lines, structure)
        allowed = keys | items if line.dashes else keys
        if line.indent in allowed or not allowed:
            continue
        if line.dashes:  # an item: compared with the items above it
            above = next((lines[i].dashes[0] for i in structure if lines[i].dashes), None)
            what = "the '- ' above it"
        else:
            above = next((lines[i].start for i in structure if lines[i].key is not None), None)
            what = "the field above it"
        if above is None:
            above = nearest.start
        for target in sorted(allowed, key=lambda c: (abs(c - line.indent), c != above))[:2]:
            message = (
                f"line {index + 1} is indented {_spaces(line.indent)}, the lines above {above}; "
                + (
                    f"line it up with {what}"
                    if target == above
                    else f"line it up with the field it belongs with ({_spaces(target)})"
                )
            )
            fixed = " " * target + line.text[line.indent :]
            yield [_Fix(index, line.indent, fixed, message, target + line.start - line.indent)]


def _columns_above(lines: list[_Line], structure: list[int]) -> tuple[set[int], set[int]]:
    """The columns a line may start at, given the lines above: those of the keys and the
    list items it could be the sibling of."""
    keys: set[int] = set()
    items: set[int] = set()
    limit = 1 << 30
    for index in structure:
        line = lines[index]
        if line.key is None and not line.dashes:
            continue  # the next line of a long value
        if line.key is not None and line.start < limit:
            keys.add(line.start)
        items |= {d for d in line.dashes if d < limit}
        limit = min(limit, line.indent)
        if limit == 0:
            break
    return keys, items


def _spaces(count: int) -> str:
    return f"{count} space{'s' if count != 1 else ''}"


_DIAGNOSERS: tuple[Diagnoser, ...] = (
    _bullets,
    _unclosed,
    _curly_quotes,
    _starts_with_indicator,
    _colon_in_value,
    _missing_space_or_colon,
    _block_text,
    _not_a_field,
    _indentation,
)


def _all_field_names() -> frozenset[str]:
    from .schema import Annex, Event, Reference, Source, Table

    models = (Brief, Event, Person, Message, Reference, Source, Annex, Table)
    return frozenset(name for model in models for name in field_names(model))


_FIELD_NAMES = _all_field_names()


# --- from pydantic's errors to an author's problems ---------------------------------------


def locate(tree: Any, loc: Loc, *, key: bool = False) -> tuple[int, int]:
    """1-based line and column of the node at ``loc``, or of its nearest existing parent."""
    line, col = tree.lc.line, tree.lc.col
    node = tree
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, CommentedMap) and part in node:
            line, col = node.lc.key(part) if (key and last) else node.lc.value(part)
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            line, col = node.lc.item(part)
            node = node[part]
        else:
            break
    return line + 1, col + 1


def _existing(tree: Any, loc: Loc) -> Loc:
    """The part of ``loc`` the file spells out (a message written as plain text has no
    ``text:`` of its own)."""
    node, found = tree, ()
    for part in loc:
        if (
            isinstance(node, CommentedMap)
            and part in node
            or isinstance(node, CommentedSeq)
            and isinstance(part, int)
            and 0 <= part < len(node)
        ):
            node = node[part]
        else:
            break
        found = (*found, part)
    return found


def _node(tree: Any, loc: Loc) -> Any:
    node = tree
    for part in loc:
        node = node[part]
    return node


def _dotted(loc: Loc) -> str:
    """``speakers[2].name``: list items are numbered from 1, as a reader counts them."""
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _schema_problems(
    name: str, tree: CommentedMap, lines: list[str], errors: list[dict[str, Any]]
) -> list[Problem]:
    """One problem per mistake: a field reported missing because it is misspelt is the
    misspelling's problem, reported there alone."""
    explained = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = _clean(error["loc"])
            close = _close_field(loc)
            if close is not None:
                explained.add((*loc[:-1], close))
            elif _text_read_as_field(loc, tree):
                explained.add((*loc[:-1], "text"))
    problems = []
    for error in errors:
        loc = _clean(error["loc"])
        if error["type"] == "missing" and loc in explained:
            continue
        problems += _problems_from(name, tree, lines, error)
    return sorted(set(problems))


def _clean(loc: tuple[Any, ...]) -> Loc:
    return tuple(p for p in loc if p != "[key]")


def _close_field(loc: Loc) -> str | None:
    allowed = field_names(_model_at(loc[:-1]) or Brief)
    close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
    return close[0] if close else None


def _problems_from(
    name: str, tree: CommentedMap, lines: list[str], error: dict[str, Any]
) -> list[Problem]:
    loc = _clean(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "ragged_rows":
        columns = ctx["columns"]
        return [
            Problem(
                name,
                *locate(tree, (*loc, index)),
                _dotted((*loc, index)),
                f"has {cells} cell{'s' if cells != 1 else ''}; the table has {columns} "
                f'columns: write one cell per column ("" for an empty one)',
            )
            for index, cells in ctx["rows"]
        ]
    value = error.get("input")
    if kind == "invalid_key":
        # ": x" (no name before the colon) or "2020: x" (a number as a name).
        node = _node(tree, _existing(tree, loc[:-1]))
        line, col = node.lc.key(value) if value in node else (node.lc.line, node.lc.col)
        message = (
            "a ':' with no field name before it; write the name of the field, as in title: ..."
            if value is None
            else f"the field name {value} is a number; a field's name is a word such as title"
        )
        return [Problem(name, line + 1, col + 1, _dotted(_existing(tree, loc[:-1])), message)]
    if kind == "extra_forbidden" and _text_read_as_field(loc, tree):
        # "- Guarantees: a shared guarantee": one line of text, read as a field.
        line, col = locate(tree, loc[:-1])
        text = f"{loc[-1]}: {_node(tree, loc)}"
        message = (
            f"the ': ' makes YAML read this item as a field named '{loc[-1]}'; put the whole "
            f"item in quotes: - {_quoted(text)} (or write heading: and text: on two lines)"
        )
        return [Problem(name, line, col, _dotted(loc[:-1]), message)]
    # An empty value has no place of its own: it is where its key is.
    line, col = locate(tree, loc, key=kind == "extra_forbidden" or value is None)
    source = _source(lines, line, col)
    if kind == "string_type" and value is None:
        raw = _split(lines[line - 1]) if 0 < line <= len(lines) else None
        if raw is not None and raw.text[raw.value_col :].startswith("#"):
            # "title: #1 priority": YAML reads all of it as a comment.
            comment = raw.text[raw.value_col :].strip()
            message = (
                f"is empty: YAML reads '{comment}' as a comment, not as the {_noun(loc)}; put "
                f"the whole {_noun(loc)} in quotes: "
                + _written(raw, raw.value_col, _quoted(comment))
            )
            return [Problem(name, line, raw.value_col + 1, _dotted(loc), message)]
    if kind in ("list_type", "tuple_type") and isinstance(value, str):
        bullets = _bullet_lines(lines, line - 1, col - 1, locate(tree, loc, key=True)[0] - 1)
        key_line = _split(lines[locate(tree, loc, key=True)[0] - 1])
        below = _split(lines[line]) if line < len(lines) else None
        if key_line.value and below is not None and below.dashes and " - " in value:
            return [
                Problem(
                    name,
                    line,
                    col,
                    _dotted(loc),
                    f"the first item is on the line of {loc[-1]}:; put it on a line of its "
                    f"own below, like the others: - {source}",
                )
            ]
        if bullets and all(bullet == "-" for _, _, bullet, _ in bullets):
            return [
                Problem(
                    name,
                    number + 1,
                    dash_col + 1,
                    _dotted(loc),
                    f"a list item needs a space after its '-': - {rest}",
                )
                for number, dash_col, _, rest in bullets
            ]
        if bullets:
            return [
                Problem(
                    name,
                    number + 1,
                    bullet_col + 1,
                    _dotted(loc),
                    f"a '{bullet}' bullet: write '- ' instead: - {rest}",
                )
                for number, bullet_col, bullet, rest in bullets
            ]
    if (
        isinstance(value, str)
        and value[:1] in _CURLY
        and kind not in ("string_too_long", "extra_forbidden")
    ):
        inner = value[1:].rstrip(_CURLY[value[0]])
        message = (
            f"{'“ and ”' if value[0] in '“”„' else '‘ and ’'} are Word's curly quotes, which "
            f"YAML does not read as quotes; use straight quotes or none: "
            f"{_key_text(loc)}{inner}"
        )
    else:
        message = _message(kind, error, loc, tree, source)
    return [Problem(name, line, col, _dotted(loc), message)]


def _text_read_as_field(loc: Loc, tree: CommentedMap) -> bool:
    """Whether the unknown field at ``loc`` is a list item of text with a ': ' in it."""
    if len(loc) < 2 or not isinstance(loc[-2], int) or _model_at(loc[:-1]) is not Message:
        return False
    parent = _node(tree, loc[:-1])
    return len(parent) == 1 and _close_field(loc) is None and isinstance(parent[loc[-1]], str)


def _bullet_lines(
    lines: list[str], first: int, col: int, key_line: int
) -> list[tuple[int, int, str, str]]:
    """The lines of a value starting at (``first``, ``col``) that start with a bullet,
    as long as they continue it (indented more than its key): with each bullet's place."""
    found = []
    key_indent = _split(lines[key_line]).indent
    for number in range(first, len(lines)):
        text = lines[number].removesuffix("\r")
        if number > first and text.strip() and _split(text).indent <= key_indent:
            break
        start = col if number == first else 0
        start += len(text[start:]) - len(text[start:].lstrip(" "))
        match = _BULLET.match(text, start) or _DASH.match(text, start)
        if match:
            found.append((number, start, match.group(2), text[match.end() :].strip()))
    return found


def _source(lines: list[str], line: int, col: int) -> str:
    """The value as typed on its line, without a comment after it."""
    if not 0 < line <= len(lines):
        return ""
    return _without_comment(lines[line - 1].removesuffix("\r")[col - 1 :]).rstrip()


def _key_text(loc: Loc) -> str:
    """How the value at ``loc`` is introduced on its line: ``title: `` or ``- ``."""
    return "- " if loc and isinstance(loc[-1], int) else f"{loc[-1]}: " if loc else ""


def _message(kind: str, error: dict[str, Any], loc: Loc, tree: CommentedMap, source: str) -> str:
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return f"is required; add `{loc[-1]}: ...`"
    if kind == "extra_forbidden":
        return _unknown_field(loc, tree)
    if kind == "string_type":
        return _not_text(loc, value, tree, source)
    if kind == "string_too_short":
        return "is empty; write a value or leave the field out"
    if kind == "string_too_long":
        return f"is {len(value)} characters long; at most {ctx.get('max_length')} are allowed"
    if kind in ("list_type", "tuple_type"):
        if isinstance(value, str) and re.match(r"-[^\s-]", source):
            return f"a list item needs a space after its '-': write - {source[1:]}"
        return f"expected a list (lines starting with '- '), found {_describe(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        found = f"expected fields (name: value) here, found {_describe(value)}"
        model = _model_at(loc)
        required = [
            info.alias or n
            for n, info in (model.model_fields.items() if model else ())
            if info.is_required()
        ]
        if isinstance(value, str) and required:
            if loc and isinstance(loc[-1], int):
                return f"{found}; write its fields, starting with - {required[0]}: {value}"
            return (
                f"{found}; write its fields on the lines below, indented by two spaces, "
                f"starting with {required[0]}: {value}"
            )
        return found
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number such as 2020, found {_describe(value)}"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"{value} is out of range ({ctx.get('ge', '')}..{ctx.get('le', '')})".replace(
            "(..", "("
        )
    if kind == "literal_error":
        return f"'{value}' is not allowed; write one of: {ctx.get('expected', '').replace(' or ', ', ')}"
    if kind == "too_long":
        return f"has {ctx.get('actual_length')} items; at most {ctx.get('max_length')} are allowed"
    if kind == "too_short":
        return "is empty; give at least one item or leave the field out"
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", error["msg"]))
    return error["msg"]


def _unknown_field(loc: Loc, tree: CommentedMap) -> str:
    key = loc[-1]
    owner = _owner_above(loc, tree)
    if owner is not None:
        return (
            f"unknown field here; if it belongs to {owner}, indent it under {owner}: by two spaces"
        )
    close = _close_field(loc)
    if close is not None:
        return f"unknown field; did you mean '{close}'?"
    allowed = field_names(_model_at(loc[:-1]) or Brief)
    return f"unknown field; allowed here: {', '.join(allowed)}" if key else ""


def _owner_above(loc: Loc, tree: CommentedMap) -> str | None:
    """``event:`` left empty, its fields written below it without indentation: the
    field they belong to."""
    if len(loc) != 1 or loc[0] not in tree:
        return None
    brief_fields = set(field_names(Brief))
    keys = list(tree)
    for above in reversed(keys[: keys.index(loc[0])]):
        if tree[above] is None:
            model = _model_at((above,))
            if model is not None and model is not Brief and loc[0] in field_names(model):
                return str(above)
            return None
        if above in brief_fields:
            return None
    return None


def _not_text(loc: Loc, value: Any, tree: CommentedMap, source: str) -> str:
    """Text was expected. Quoting is the fix only when YAML read typed text as something
    else (a number, yes/no, a list in brackets, fields in braces)."""
    noun = _noun(loc)
    key = _key_text(loc)
    if value is None:
        if key == "- ":
            return "is empty; write the item's text after '- ', or delete the line"
        model = _model_at(loc[:-1]) or Brief
        info = next((f for n, f in model.model_fields.items() if (f.alias or n) == loc[-1]), None)
        if info is not None and info.is_required():
            return f"is empty; write the {noun} after '{key.strip()}'"
        return f"is empty; write the {noun} after '{key.strip()}', or leave the field out"
    if isinstance(value, bool):
        written = source or str(value).lower()
        return (
            f"YAML reads {written} as the yes/no value {str(value).lower()}, not as text; "
            f'put it in quotes: {key}"{written}"'
        )
    if isinstance(value, int | float):
        written = source or str(value)
        return (
            f"YAML reads {written} as the number {value}, not as text; put it in quotes to "
            f'keep it as written: {key}"{written}"'
        )
    if source[:1] in ("[", "{"):
        what = "a list" if source[0] == "[" else "fields"
        return (
            f"{_the(loc)} starts with '{source[0]}', which YAML reads as {what}; put the "
            f"whole {noun} in quotes: {key}{_quoted(source)}"
        )
    if isinstance(value, list):
        if _expects(loc) == "markdown":
            return (
                f"is one text, not a list; for bullet points write '{key}|' and below it "
                "one line per point, indented, each starting with '- '"
            )
        items = [str(v) for v in value if v is not None]
        joined = "; ".join(items)
        return (
            f"is one line of text, not a list; write it on one line, several names separated "
            f"by '; ': {key}{_as_value(joined)}"
        )
    if isinstance(value, dict) and len(value) == 1 and ": " in source:
        return (
            f"the ': ' makes YAML read this as a field named '{next(iter(value))}'; put the "
            f"whole {noun} in quotes: {key}{_quoted(source)}"
        )
    return f"expected text, found {_describe(value)}"


def _as_value(text: str) -> str:
    """``text`` as it can be written after ``key: ``: plain if YAML reads it back as that
    same text, else in quotes."""
    try:
        read = _yaml().load(f"k: {text}\n")
    except YAMLError:
        read = None
    if isinstance(read, dict) and read.get("k") == text and isinstance(read.get("k"), str):
        return text
    return _quoted(text)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if value is None:
        return "nothing"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, dict):
        return "fields (name: value)"
    if isinstance(value, list):
        return "a list"
    return f"'{value}'"


def _model_at(loc: Loc) -> type[BaseModel] | None:
    """The model whose fields are expected at ``loc``, for "did you mean" hints."""
    model: type[BaseModel] = Brief
    for part in loc:
        if isinstance(part, int):
            continue
        found_field = next(
            (f for n, f in model.model_fields.items() if (f.alias or n) == part), None
        )
        if found_field is None:
            return None
        found = _find_model(found_field.annotation)
        if found is None:
            return None
        model = found
    return model


def _expects(loc: Loc) -> str | None:
    """What the value at ``loc`` holds: ``markdown`` or ``text``, a ``list``, ``fields``;
    None where the schema does not say."""
    names = tuple(p for p in loc if not isinstance(p, int))
    if not names:
        return "fields"
    owner = _model_at(names[:-1])
    info = owner and next(
        (f for n, f in owner.model_fields.items() if (f.alias or n) == names[-1]), None
    )
    if not info:
        return None
    annotation: Any = info.annotation
    if any(isinstance(m, Markdown) for m in info.metadata):
        annotation = Annotated[annotation, Markdown()]
    if isinstance(loc[-1], int):  # an item of the list
        annotation = _without_none(annotation)
        if get_origin(annotation) is not list:
            return None
        annotation = get_args(annotation)[0]
    return _kind_of(_without_none(annotation))


def _without_none(annotation: Any) -> Any:
    """``X`` for ``X | None``."""
    if get_origin(annotation) in (Union, UnionType):
        rest = [a for a in get_args(annotation) if a is not type(None)]
        return rest[0] if len(rest) == 1 else annotation
    return annotation


def _kind_of(annotation: Any) -> str | None:
    metadata = getattr(annotation, "__metadata__", ())
    if any(isinstance(m, Markdown) for m in metadata):
        return "markdown"
    if metadata:  # Annotated[X, ...]: what X is
        return _kind_of(get_args(annotation)[0])
    if get_origin(annotation) in (list, tuple):
        return "list"
    if get_origin(annotation) is dict or _find_model(annotation) is not None:
        return "fields"
    return "text" if annotation is str else None


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _find_model(arg)
        if found is not None:
            return found
    return None


# --- warnings: valid, but probably not what the author meant -------------------------------


def _comment_warnings(name: str, lines: list[str], plain: list[_Plain]) -> list[Problem]:
    """``subtitle: Outcomes of item #4`` prints "Outcomes of item": YAML reads `` #`` and
    all after it as a comment. Warned unless it looks like a comment its author meant:
    two spaces or more before the ``#`` and a space after it (as the starter file's)."""
    warnings = []
    for value in plain:
        text = lines[value.end_line].removesuffix("\r")
        rest = text[value.end_col :]
        match = re.match(r"([ \t]+)#(\S?)", rest)
        if not match or (len(match.group(1)) > 1 and not match.group(2)):
            continue
        comment = rest.strip()
        hash_col = value.end_col + len(match.group(1))
        line = _split(text)
        if value.line == value.end_line:
            start = value.col if value.end_col > value.col else line.value_col
            keep = _written(line, start, _quoted(text[start:].strip()))
            fix = f"put the whole {_noun(value.loc)} in quotes: {keep}"
        else:
            fix = f"put the whole {_noun(value.loc)} in quotes"
        warnings.append(
            Problem(
                name,
                value.end_line + 1,
                hash_col + 1,
                _dotted(value.loc),
                f"the text from ' #' on is a comment, so '{comment}' will not be printed; "
                f"to keep it, {fix}",
            )
        )
    return warnings


def _link_warnings(name: str, tree: CommentedMap, lines: list[str], brief: Brief) -> list[Problem]:
    """A Markdown link the brief prints as its words only, without the address."""
    warnings = []
    offsets = [0]
    for text in lines:
        offsets.append(offsets[-1] + len(text) + 1)
    whole = "\n".join(lines)
    for loc, text in markdown_texts(brief):
        links = unlinked(text)
        if not links:
            continue
        here = _existing(tree, loc)
        line, col = locate(tree, here)
        start = offsets[line - 1] + col - 1
        for words, href in links:
            found = whole.find(href, start) if href else -1
            if found >= 0:
                line = next(i for i in range(len(offsets)) if offsets[i + 1] > found) + 1
                col = found - offsets[line - 1] + 1
            warnings.append(
                Problem(
                    name,
                    line,
                    col,
                    _dotted(here),
                    f"the link [{words}]({href}) is printed as its words only, without the "
                    "link: a brief links only to https://, http:// and mailto: addresses",
                )
            )
    return warnings


#: Bullets that print as a character where a list was meant (not dashes: a line of prose
#: may start with one).
_TEXT_BULLETS = re.compile(r"[ \t]*([•◦▪▫‣⁃●○■□➢►➤❖])[ \t]+\S")


def _bullet_warnings(
    name: str, tree: CommentedMap, lines: list[str], brief: Brief
) -> list[Problem]:
    """``• item`` lines in a text: Markdown prints them as one paragraph, bullets and all."""
    warnings = []
    for loc, text in markdown_texts(brief):
        here = _existing(tree, loc)
        first = locate(tree, here)[0] - 1
        for text_line in text.split("\n"):
            match = _TEXT_BULLETS.match(text_line)
            if not match:
                continue
            number = next(
                (i for i in range(first, len(lines)) if lines[i].strip() == text_line.strip()),
                first,
            )
            raw = lines[number]
            col = raw.find(match.group(1)) if match.group(1) in raw else 0
            warnings.append(
                Problem(
                    name,
                    number + 1,
                    col + 1,
                    _dotted(here),
                    f"a '{match.group(1)}' bullet prints as a character, and the lines run "
                    "into one paragraph; for a bulleted list write '- ' instead",
                )
            )
    return warnings
