"""What changed, and the change made to the content file's YAML tree.

Two readings of the same bookmarked DOCX are compared: the one make-brief writes today
from the content file, and the edited one. A field whose value reads the same in both is
left exactly as it is written in the YAML (its Markdown, its line breaks, its comments);
only a field that reads differently takes the value read from Word. Comparing two
readings, rather than a reading with the YAML, means that whatever the template adds
around a value (``Annex 1: ``, typography) cancels out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from ..render.typography import NARROW_NBSP
from .fields import PEOPLE, New, Reading, markdown, person
from .reader import Path_

#: The narrow no-break spaces French typography sets (render/typography.py), not typed
#: by the author: a space in the content file.
_TYPESET = re.compile(f"{NARROW_NBSP}(?=[:;!?»])|(?<=«){NARROW_NBSP}")

#: Fields a brief cannot be without: emptied in Word, they are not removed.
REQUIRED = frozenset({"title", "summary", "objective", "name", "text", "what", "who"})


@dataclass
class Change:
    path: Path_
    old: Any
    new: Any  # None: removed
    order: bool = False  # a list's items in a new order: kept indexes and new items


def changes(tree: Any, before: Reading, after: Reading, separator: str) -> list[Change]:
    """Every field whose reading differs, as the values to write into ``tree``."""
    out: list[Change] = []
    removed = _removed_items(before, after)
    for path, new in after.leaves.items():
        if _under(path, removed):
            continue
        old_read = before.leaves.get(path)
        if path in before.leaves and old_read == new:
            continue
        out.extend(_leaf(tree, path, old_read, new))
    for path in before.leaves:
        if path not in after.leaves and not _under(path, removed):
            out.extend(_leaf(tree, path, before.leaves[path], ""))
    for lst in dict.fromkeys([*before.lists, *after.lists]):
        order = after.lists.get(lst, [])
        if order != before.lists.get(lst, []) and not _under(lst, removed):
            out.append(Change(lst, None, _new_list(lst, order, separator), order=True))
    return out


def _removed_items(before: Reading, after: Reading) -> set[Path_]:
    gone = set()
    for lst, order in before.lists.items():
        kept = {i for i in after.lists.get(lst, []) if isinstance(i, int)}
        gone |= {(*lst, i) for i in order if isinstance(i, int) and i not in kept}
    return gone


def _under(path: Path_, prefixes: set[Path_]) -> bool:
    return any(path[: len(p)] == p for p in prefixes)


def get(tree: Any, path: Path_) -> Any:
    node = tree
    for part in path:
        if (
            isinstance(node, CommentedMap | dict)
            and part in node
            or isinstance(node, CommentedSeq | list)
            and isinstance(part, int)
            and part < len(node)
        ):
            node = node[part]
        else:
            return None
    return node


def _leaf(tree: Any, path: Path_, old_read: Any, new: Any) -> list[Change]:
    current = get(tree, path)
    if isinstance(new, dict) and "rows" in new and "columns" in new:  # an annex table
        old = old_read or {}
        out = []
        for key in ("columns", "rows"):
            if new[key] != old.get(key):
                out.append(
                    Change(
                        (*path, key),
                        get(tree, (*path, key)),
                        _cells(get(tree, (*path, key)), new[key]),
                    )
                )
        return out
    if isinstance(new, dict):  # a person
        return _person(tree, path, old_read or {}, new)
    if path and path[-1] == "text" and current is None:
        item = get(tree, path[:-1])
        if isinstance(item, str):  # a message written as plain text
            return [Change(path[:-1], item, _scalar(item, new))]
    if isinstance(current, str) and isinstance(old_read, str) and current != old_read:
        # What the template prints around the value (``Annex 1: ``) is not the value.
        at = old_read.find(current)
        if at >= 0:
            head, tail = old_read[:at], old_read[at + len(current) :]
            if new.startswith(head) and new.endswith(tail) and len(new) >= len(head) + len(tail):
                new = new[len(head) : len(new) - len(tail)]
    if isinstance(new, str) and not (isinstance(current, str) and NARROW_NBSP in current):
        new = _TYPESET.sub(" ", new)
    if new == "" and path[-1] not in REQUIRED:
        return [Change(path, current, None)]
    return [Change(path, current, _scalar(current, new))]


def _cells(old: Any, new: list[Any]) -> Any:
    """Cells as the YAML had them where the text is the same (a number stays a number)."""

    def same(o: Any, n: Any) -> Any:
        if isinstance(n, list):
            return [
                same(o[i] if isinstance(o, list) and i < len(o) else None, c)
                for i, c in enumerate(n)
            ]
        return o if o is not None and str(o) == n else n

    return same(old, new)


def _person(tree: Any, path: Path_, old_read: dict, new: dict) -> list[Change]:
    current = get(tree, path) or {}
    # "role, organization": which of the two a single part is, the YAML says.
    if (
        "role" in new
        and "organization" not in new
        and "organization" in current
        and "role" not in current
    ):
        new = {**new, "organization": new.pop("role")}
    out = []
    for key in ("honorific", "name", "role", "organization"):
        if new.get(key) != old_read.get(key):
            value = new.get(key)
            out.append(Change((*path, key), current.get(key), value))
    return out


def _scalar(old: Any, new: str) -> Any:
    """The new text in the style the old one was written in: ``|`` stays ``|``, ``>``
    stays ``>`` for one paragraph, and several paragraphs take ``|``."""
    ending = "\n" if isinstance(old, str) and old.endswith("\n") else ""
    if isinstance(old, LiteralScalarString) or ("\n" in new):
        return LiteralScalarString(new + ("\n" if ending or "\n" in new else ""))
    if isinstance(old, FoldedScalarString):
        return FoldedScalarString(new + ending)
    return new


def _new_list(lst: Path_, order: list[int | New], separator: str) -> list[Any]:
    """The list's items in their new order: each kept item by its index (its fields'
    edits are applied by their own changes), each new one read from Word."""
    return [i if isinstance(i, int) else _new_item(lst, i, separator) for i in order]


def _new_item(lst: Path_, item: New, separator: str) -> Any:
    key = lst[-1]
    if key in PEOPLE:
        return person(item.paras[0], separator)
    if key == "key_messages":
        heading = [p for p in item.paras if p.style == "Message Heading"]
        rest = [p for p in item.paras if p.style != "Message Heading"]
        text = markdown(rest, True) if rest else ""
        if heading:
            value = {"heading": " ".join(p.text.strip() for p in heading)}
            if text:
                value["text"] = _scalar(None, text)
            return value
        return _scalar(None, markdown(item.paras, True))
    return _scalar(None, markdown(item.paras, True))


def apply(tree: Any, found: list[Change]) -> None:
    """Leaf changes first (by the indexes the DOCX was built with), then lists rebuilt."""
    for change in found:
        if not change.order:
            _set(tree, change.path, change.new)
    for change in found:
        if not change.order:
            continue
        seq = get(tree, change.path)
        old = list(seq) if seq is not None else []
        values = [old[i] if isinstance(i, int) else i for i in change.new]
        if seq is None:
            _set(tree, change.path, CommentedSeq(values))
        elif not values and change.path[-1] not in REQUIRED and len(change.path) == 1:
            del tree[change.path[0]]
        else:
            comments = _reordered_comments(seq, change.new)
            del seq[:]
            seq.extend(values)
            seq.ca.items.clear()
            seq.ca.items.update(comments)


def _reordered_comments(seq: Any, order: list[Any]) -> dict[int, Any]:
    """Each kept item keeps its comments; what follows the list (a blank line, a comment,
    kept by ruamel on the last item) stays after the list."""
    old = dict(seq.ca.items)
    last = len(seq) - 1
    new = {j: old[i] for j, i in enumerate(order) if isinstance(i, int) and i in old and i != last}
    if last in old and order:
        new[len(order) - 1] = old[last]
    return new


def _set(tree: Any, path: Path_, value: Any) -> None:
    parent = get(tree, path[:-1])
    key = path[-1]
    if parent is None:
        return
    if value is None:
        if isinstance(parent, dict) and key in parent:
            del parent[key]
        return
    if (
        isinstance(parent, list)
        and isinstance(key, int)
        and key < len(parent)
        or isinstance(parent, dict)
    ):
        parent[key] = value
