"""Read one content file into a validated :class:`~make_brief.schema.Brief`.

The order of the checks is the order in which a file can be wrong: its size, its bytes,
its characters, its YAML, then its fields. Every problem found is reported with
``path:line:col`` so an author can jump to it, and all the field problems of a file are
reported at once. YAML features that only serve to make a file surprising (anchors,
aliases, custom tags, several documents, deep nesting) are refused outright: content is
data, written by hand.
"""

from __future__ import annotations

import difflib
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

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

from ..errors import ContentError, Problem
from .characters import refused_in_file, refused_in_value
from .schema import Brief, field_names

#: Largest content file accepted. A brief is a few pages; a bigger file is a mistake.
MAX_BYTES = 1024 * 1024
#: Deepest nesting of mappings and lists; the format itself needs five.
MAX_DEPTH = 20
#: Longest number read as a number (Python refuses to convert past 4300 digits).
MAX_NUMBER_DIGITS = 100
#: At most this many character problems are listed for one file.
MAX_CHAR_PROBLEMS = 10

_CORE_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")
}


@dataclass(frozen=True)
class LoadedBrief:
    """A valid brief, with the YAML tree kept so later stages can point at a field."""

    path: Path
    brief: Brief
    tree: CommentedMap
    raw: bytes  # the file's bytes as validated (an archival PDF carries them)

    @property
    def slug(self) -> str:
        return self.path.stem

    def problem(self, loc: tuple[str | int, ...], message: str) -> Problem:
        """A problem found after validation (an unknown template, say), placed in the file."""
        line, col = locate(self.tree, loc)
        return Problem(str(self.path), line, col, _dotted(loc), message)

    def problem_at(self, loc: tuple[str | int, ...], line: int, col: int, message: str) -> Problem:
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
    tree = _parse(name, text)
    _check_values(name, tree)
    try:
        brief = Brief.model_validate(_plain(tree))
    except ValidationError as exc:
        raise ContentError([_problem_from(name, tree, err) for err in exc.errors()]) from None
    return LoadedBrief(path, brief, tree, raw)


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


def strings_with_places(tree: Any) -> Iterator[tuple[tuple[str | int, ...], int, int, str]]:
    """Every string key and value of a loaded tree with its field path and its 1-based
    line and column (a key's own place; a value's start)."""

    def walk(node: Any, loc: tuple[str | int, ...]) -> Iterator[Any]:
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


def _parse(name: str, text: str) -> CommentedMap:
    yaml = _yaml()
    try:
        _check_events(name, yaml, text)
        tree = yaml.load(text)
    except MarkedYAMLError as exc:
        raise ContentError([_yaml_problem(name, exc)]) from None
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
    return tree


def _check_events(name: str, yaml: YAML, text: str) -> None:
    """Refuse what YAML can do but a content file never needs, before building anything."""
    problems: list[Problem] = []
    open_collections: list[list[int]] = []  # per open collection: [is a mapping, nodes seen]
    for event in yaml.parse(text):
        mark = event.start_mark
        where = (name, mark.line + 1, mark.column + 1)
        if isinstance(event, NodeEvent):
            parent = open_collections[-1] if open_collections else None
            is_key = parent is not None and parent[0] == 1 and parent[1] % 2 == 0
            if open_collections:
                open_collections[-1][1] += 1
            problems += _node_problems(event, where, is_key)
        if isinstance(event, CollectionStartEvent):
            open_collections.append([int(isinstance(event, MappingStartEvent)), 0])
            if len(open_collections) > MAX_DEPTH:
                problems.append(
                    Problem(*where, message=f"nested more than {MAX_DEPTH} levels deep")
                )
                break
        elif isinstance(event, MappingEndEvent | SequenceEndEvent):
            open_collections.pop()
        if len(problems) >= MAX_CHAR_PROBLEMS:
            break
    if problems:
        raise ContentError(problems)


def _node_problems(event: NodeEvent, where: tuple[str, int, int], is_key: bool) -> list[Problem]:
    problems = []
    if isinstance(event, AliasEvent):
        problems.append(
            Problem(*where, message=f"alias *{event.anchor} is not allowed; write the value out")
        )
    elif event.anchor:
        problems.append(
            Problem(*where, message=f"anchor &{event.anchor} is not allowed; write each value out")
        )
    tag = getattr(event, "tag", None)
    if tag and str(tag) not in _CORE_TAGS and str(tag) != "!":
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


def _yaml_problem(name: str, exc: MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    problem = str(exc.problem or exc.context or "is not valid YAML")
    if "'\\t'" in problem:
        problem = "a tab is used for indentation; indent with spaces"
    elif "duplicate key" in problem:
        problem = (
            problem.split(" with value")[0].replace("found duplicate key", "key")
            + " is written twice; keep one"
        )
    elif "another document" in problem:
        problem = "a second document (---) starts here; one content file holds one brief"
    else:
        problem = f"not valid YAML: {problem}" + (
            f" ({exc.context})" if exc.context and exc.problem else ""
        )
    return Problem(name, line, col, message=problem)


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


# --- from pydantic's errors to an author's problems ---------------------------------------


def locate(tree: Any, loc: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
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


def _dotted(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _problem_from(name: str, tree: CommentedMap, error: dict[str, Any]) -> Problem:
    loc = tuple(p for p in error["loc"] if p != "[key]")
    kind = error["type"]
    line, col = locate(tree, loc, key=kind == "extra_forbidden")
    return Problem(name, line, col, _dotted(loc), _message(kind, error, loc))


def _message(kind: str, error: dict[str, Any], loc: tuple[str | int, ...]) -> str:
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return f"is required; add `{loc[-1]}: ...`"
    if kind == "extra_forbidden":
        allowed = field_names(_model_at(loc[:-1]) or Brief)
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else "allowed here: " + ", ".join(allowed)
        return f"unknown field; {hint}"
    if kind == "string_type":
        return f"expected text, found {_describe(value)}; put the value in quotes"
    if kind == "string_too_short":
        return "is empty; write a value or leave the field out"
    if kind == "string_too_long":
        return f"is {len(value)} characters long; at most {ctx.get('max_length')} are allowed"
    if kind in ("list_type", "tuple_type"):
        return f"expected a list (lines starting with '- '), found {_describe(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected fields (name: value) here, found {_describe(value)}"
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


def _model_at(loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model whose fields are expected at ``loc``, for "did you mean" hints."""
    model: type[BaseModel] = Brief
    for part in loc:
        if isinstance(part, int):
            continue
        field = next((f for n, f in model.model_fields.items() if (f.alias or n) == part), None)
        if field is None:
            return None
        found = _find_model(field.annotation)
        if found is None:
            return None
        model = found
    return model


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _find_model(arg)
        if found is not None:
            return found
    return None
