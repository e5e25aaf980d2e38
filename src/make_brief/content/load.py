"""Read one content file into a validated :class:`~make_brief.schema.Brief`.

The order of the checks is the order in which a file can be wrong: its size, its bytes,
its characters, its YAML, then its fields. Every problem found is reported with
``path:line:col`` so an author can jump to it, and all the field problems of a file are
reported at once. YAML features that only serve to make a file surprising (anchors,
aliases, custom tags, several documents, deep nesting) are refused outright: content is
data, written by hand.

This module reads the file and keeps that order. A check longer than a few lines has a
module of its own: :mod:`.yaml_events` (what the parser met), :mod:`.syntax` (a YAML
error said in an author's words), :mod:`.schema_messages` (the schema's errors at their
fields) and :mod:`.load_warnings` (valid, but probably not what the author meant).
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.parser import ParserError
from ruamel.yaml.scanner import ScannerError

from ..errors import ContentError, Problem
from .characters import (
    FILE_SUSPECTS,
    label,
    refused_in_file,
    refused_in_value,
    value_may_be_refused,
)
from .limits import MAX_BYTES, MAX_CHAR_PROBLEMS
from .lines import split_line, text_blocks
from .load_warnings import bullet_warnings, comment_warnings, link_warnings
from .places import Loc, dotted, locate, strings_with_places
from .schema import Brief, markdown_texts, validate_brief
from .yaml_c import fast_parse, plain_data
from .yaml_events import PartialParse, PlainValue, check_events, yaml_loader

__all__ = [
    "MAX_BYTES",
    "LoadedBrief",
    "load_brief",
    "plain_data",
    "read_content_bytes",
    "read_tree",
    "strings_with_places",
]


@dataclass(frozen=True)
class LoadedBrief:
    """A valid brief, with the YAML tree kept so later stages can point at a field."""

    path: Path
    brief: Brief
    tree: CommentedMap
    raw: bytes  # the file's bytes as validated (an archival PDF carries them)
    #: Every character of the file's keys and values, once each: what a check for
    #: characters that may not be there asks before it looks for their places.
    characters: str
    #: What is valid but probably not meant: text after `` #`` that YAML drops, a link
    #: the brief prints without its address.
    warnings: tuple[Problem, ...] = ()

    @property
    def slug(self) -> str:
        return self.path.stem

    def problem(self, loc: Loc, message: str) -> Problem:
        """A problem found after validation (an unknown template, say), placed in the file."""
        line, col = locate(self.tree, loc)
        return Problem(str(self.path), line, col, dotted(loc), message)

    def problem_at(self, loc: Loc, line: int, col: int, message: str) -> Problem:
        """A problem at a known place (1-based) of the field at ``loc``."""
        return Problem(str(self.path), line, col, dotted(loc), message)


def load_brief(path: Path) -> LoadedBrief:
    """Load and validate one content file; raise :class:`ContentError` with every problem."""
    name = str(path)
    raw = _read_capped(path)
    text = _decode(name, raw)
    _check_characters(name, text)
    _check_spaces(name, text)
    tree, plain = _parse(name, text)
    data = plain_data(tree)
    characters = distinct_characters(data)
    _check_values(name, tree, characters)
    lines = text.split("\n")
    try:
        brief = validate_brief(data)
    except ValidationError as exc:
        from .schema_messages import schema_problems  # only a broken file pays for it

        raise ContentError(schema_problems(name, tree, lines, exc.errors())) from None
    texts = list(markdown_texts(brief))  # walked once, for both warnings that need it
    warnings = [
        *comment_warnings(name, lines, plain),
        *link_warnings(name, tree, lines, texts),
        *bullet_warnings(name, tree, lines, texts),
    ]
    return LoadedBrief(path, brief, tree, raw, characters, tuple(sorted(set(warnings))))


def read_tree(path: Path) -> tuple[CommentedMap, bytes]:
    """A YAML file of content's kind (a book, say) read as a brief is, up to its fields:
    its size, bytes, characters and YAML checked, then its tree (every place kept) and
    its bytes. Raises :class:`ContentError` with every problem, as :func:`load_brief`."""
    name = str(path)
    raw = _read_capped(path)
    text = _decode(name, raw)
    _check_characters(name, text)
    _check_spaces(name, text)
    tree, _ = _parse(name, text)
    _check_values(name, tree, distinct_characters(plain_data(tree)))
    return tree, raw


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
    if FILE_SUSPECTS.search(text) is None:
        return  # nothing to refuse: no need to ask each character
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
_ODD_SPACE = re.compile(f"[{_ODD_SPACES}]")
#: Where one changes what a line means: in its indentation, after its "-" or its "key:".
_ODD_SPACE_AT = re.compile(
    rf"[ {_ODD_SPACES}]*[{_ODD_SPACES}]|[ ]*(?:-[ ]+)*-[{_ODD_SPACES}]"
    rf"|[ ]*(?:-[ ]+)*[^\s:#'\"][^:#]*?:[{_ODD_SPACES}]"
)


def _check_spaces(name: str, text: str) -> None:
    """A non-breaking space where YAML needs an ordinary one: in the indentation, the
    line is not indented to YAML (a field ``\u00a0\u00a0name`` at the top); after a
    ``key:``, the line is no field at all. Invisible in an editor, so said by name."""
    if _ODD_SPACE.search(text) is None:
        return  # no such space anywhere: no need to read the lines
    lines = [split_line(t) for t in text.split("\n")]
    inside = text_blocks(lines)
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
        places = PartialParse([ln.text.translate(table) for ln in lines])
        problems = []
        for index, col, message in found:
            text = lines[index].text.translate(table)
            loc = places.loc_at(index, len(text) - len(text.lstrip()))
            problems.append(Problem(name, index + 1, col + 1, dotted(loc or ()), message))
        raise ContentError(problems)


def distinct_characters(data: Any) -> str:
    """Every character of the string keys and values of plain data, once each (in no
    particular order). A check for characters that must not be there asks this first, and
    walks the tree for their places only when one is: most files have none, and the walk
    with places costs ten times as much."""
    found: set[str] = set()
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            found.update(node)
        elif isinstance(node, dict):
            found.update(*(key for key in node if isinstance(key, str)))
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return "".join(sorted(found))


def _check_values(name: str, tree: CommentedMap, characters: str) -> None:
    """Every key and value as YAML read it: escapes can spell what the file may not hold.
    ``characters``: every character of them (:func:`distinct_characters`)."""
    if not value_may_be_refused(characters) or not any(map(refused_in_value, characters)):
        return
    problems = []
    for loc, line, col, text in strings_with_places(tree):
        if not value_may_be_refused(text):
            continue
        for ch in dict.fromkeys(text):
            why = refused_in_value(ch)
            if why is not None:
                problems.append(Problem(name, line, col, dotted(loc), why))
                if len(problems) >= MAX_CHAR_PROBLEMS:
                    raise ContentError(problems)
    if problems:
        raise ContentError(problems)


def _parse(name: str, text: str) -> tuple[CommentedMap, list[PlainValue]]:
    """The tree and the unquoted values: from libyaml where it reads the file as ruamel
    would (:mod:`.yaml_c`), else from ruamel's round-trip loader, which also words every
    problem (the fast path never reports one)."""
    fast = fast_parse(name, text)
    if fast is not None:
        tree, plain = fast
    else:
        tree, plain = _parse_slowly(name, text)
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


def _parse_slowly(name: str, text: str) -> tuple[Any, list[PlainValue]]:
    """ruamel's round-trip loader, pure Python: every problem found and worded."""
    # Reached by a file that is broken, or unusual; only then are the explanations loaded.
    from .syntax.diagnosis import syntax_problems, tab_problems, yaml_problem

    yaml = yaml_loader()
    try:
        plain = check_events(name, yaml.parse(text), text)
        tree = yaml.load(text)
    except (ScannerError, ParserError) as exc:
        raise ContentError(tab_problems(name, text) or syntax_problems(name, text, exc)) from None
    except MarkedYAMLError as exc:
        raise ContentError([yaml_problem(name, exc, text)]) from None
    except YAMLError as exc:  # no position known
        raise ContentError([Problem(name, message=f"is not valid YAML: {exc}")]) from None
    except _NOT_A_NUMBER:
        raise ContentError(_not_a_number(name, text, plain)) from None
    return tree, plain


#: What ruamel's constructor raises, not as YAMLError, for a value its resolver took for a
#: number and that is none: ``-_``, ``0x_``, ``._``, a hexadecimal number of 5,000 digits.
_NOT_A_NUMBER = (IndexError, ValueError, OverflowError)


def _not_a_number(name: str, text: str, plain: list[PlainValue]) -> list[Problem]:
    """Each unquoted value of the file that the constructor cannot read, at its place."""
    yaml = yaml_loader()
    lines = text.split("\n")
    problems = []
    for value in plain:
        if value.line != value.end_line:
            continue  # a number is one line
        written = lines[value.line][value.col : value.end_col]
        try:
            yaml.load(f"- {written}\n")
        except _NOT_A_NUMBER:
            message = (
                f"'{written}' is read as a number but is not one; put it in quotes "
                f'("{written}") if it is text'
            )
            problems.append(
                Problem(name, value.line + 1, value.col + 1, dotted(value.loc), message)
            )
        except YAMLError:
            continue
    return problems or [
        Problem(name, message="holds a value read as a number that is not one; quote it")
    ]
