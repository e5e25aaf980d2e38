"""Field paths: where a field is written in a loaded file, and how a message names it.

A field path (:data:`Loc`) is what pydantic reports, ``("speakers", 1, "name")``; an
author needs ``speakers[2].name`` at a line and a column. Everything that turns one into
the other lives here, so every problem of every check names its field the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

Loc = tuple[str | int, ...]


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


def existing_part(tree: Any, loc: Loc) -> Loc:
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


def node_at(tree: Any, loc: Loc) -> Any:
    node = tree
    for part in loc:
        node = node[part]
    return node


def dotted(loc: Loc) -> str:
    """``speakers[2].name``: list items are numbered from 1, as a reader counts them."""
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


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


def noun_of(loc: Loc) -> str:
    """How a message names the value at ``loc``: ``title``, ``item``, ``value``."""
    if not loc or isinstance(loc[-1], int):
        return "item"
    if loc[-1] in ("to", "from", "start", "end", "date", "year", "url", "email", "phone"):
        return "value"
    return str(loc[-1]).replace("_", " ")


def the_noun(loc: Loc) -> str:
    return f"the {noun_of(loc)}"
