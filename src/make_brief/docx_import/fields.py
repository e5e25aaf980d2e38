"""From a read DOCX to the values of its content fields.

Each paragraph belongs to the innermost field whose bookmark holds it. A field's
paragraphs become its value: Markdown for text (paragraphs, lists by their Word list
styles), plain text for one-line fields, a person for an item of a list of people, and
columns and rows for an annex table (read by the table's own rows and cells, so rows
added, removed or moved in Word come back). A list of items (key messages, next steps,
participants) is read as the order its items now stand in, each by the index it was
built with, or new.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .reader import Docx, Para, Path_

#: Fields of one line: plain text, no Markdown (the schema's ``Line``).
PLAIN = frozenset(
    {"title", "subtitle", "heading", "name", "role", "organization", "honorific", "question",
     "who", "by", "columns", "rows"}
)  # fmt: skip
#: Lists whose items are people, printed as ``honorific **name**, role, organization``.
PEOPLE = frozenset({"speakers", "participants", "attendance"})
_LIST_STYLE = re.compile(r"^List (Bullet|Number)(?: (\d))?$")


@dataclass
class New:
    """An item typed into a list in Word: its paragraphs."""

    paras: list[Para] = field(default_factory=list)


@dataclass
class Reading:
    leaves: dict[Path_, Any] = field(default_factory=dict)
    lists: dict[Path_, list[int | New]] = field(default_factory=dict)
    outside: list[Para] = field(default_factory=list)  # paragraphs in no field
    field_of: dict[int, Path_] = field(default_factory=dict)  # paragraph -> its field
    tables: dict[int, Path_] = field(default_factory=dict)  # table -> its field
    loose_tables: list[int] = field(default_factory=list)  # tables in no field
    cell_tables: set[int] = field(default_factory=set)  # tables whose cells are fields
    boxes: set[int] = field(default_factory=set)  # one-cell tables: a box around text


#: Fields that are lists of items, each bookmarked by its index.
LISTS = frozenset(
    {"key_messages", "next_steps", "speakers", "participants", "attendance", "points",
     "facts", "if_asked", "avoid", "agenda", "decisions", "actions"}
)  # fmt: skip


def lists_of(path: Path_) -> list[Path_]:
    """The lists a field is an item of (or in an item of), outermost first."""
    return [
        path[:k]
        for k, part in enumerate(path)
        if isinstance(part, int) and k and path[k - 1] in LISTS
    ]


def item_of(list_path: Path_, path: Path_) -> int | None:
    n = len(list_path)
    if len(path) > n and path[:n] == list_path and isinstance(path[n], int):
        return path[n]
    return None


def read_fields(doc: Docx, separator: str) -> Reading:
    out = Reading()
    for number, table in enumerate(doc.tables):
        target = _table_field(table.fields)
        if target is not None:
            out.tables[number] = target
            out.leaves[target] = _table_value(table)
        elif _is_box(table):
            out.boxes.add(number)
        elif any(p.fields for row in table.rows for cell in row for p in cell):
            out.cell_tables.add(number)  # each cell its own field: a meeting's actions
        else:
            out.loose_tables.append(number)
    flow: list[Para] = []  # the paragraphs read as text: the body's and the boxes'
    groups: dict[Path_, list[Para]] = {}
    for para in doc.paras:
        if para.table in out.cell_tables:
            if para.inner is not None:
                out.field_of[para.index] = para.inner
                groups.setdefault(para.inner, []).append(para)
        elif para.table is not None and para.table not in out.boxes:
            if para.table in out.tables:
                out.field_of[para.index] = out.tables[para.table]
            elif para.inner is not None:
                out.field_of[para.index] = para.inner
        elif para.text.strip() or para.inner is not None:
            flow.append(para)
    resolved: dict[int, Any] = {}
    for position, para in enumerate(flow):
        inner = para.inner
        if inner is None:
            inner = resolved[position] = _between(flow, position, doc, resolved)
        if inner is None:
            out.outside.append(para)
            continue
        if isinstance(inner, tuple) and inner and inner[0] == _NEW:
            lst = inner[1:]
            items = out.lists.setdefault(lst, [])
            if not items or not isinstance(items[-1], New) or _starts_item(para, lst, doc):
                items.append(New())
            items[-1].paras.append(para)  # type: ignore[union-attr]
            out.field_of[para.index] = lst
            continue
        out.field_of[para.index] = inner
        groups.setdefault(inner, []).append(para)
        for lst in lists_of(inner):
            index = item_of(lst, inner)
            items = out.lists.setdefault(lst, [])
            # An item whose words were all deleted (a pending deletion too) is removed.
            if index not in items and para.text.strip():
                items.append(index)
    for path, paras in groups.items():
        out.leaves[path] = value_of(path, paras, separator)
    return out


_NEW = "\0new"  # marks a paragraph read as a new item of a list


def _between(flow: list[Para], position: int, doc: Docx, resolved: dict[int, Any]) -> Any:
    """The field of a paragraph typed in Word without a bookmark: the field of the
    paragraphs on both sides when they share it (Enter pressed inside a field); a new
    item when it follows an item in the list's item style; a paragraph more of the item
    it follows when more items follow; else None, outside any field."""
    if not position:
        return None
    para, previous = flow[position], flow[position - 1]
    before = previous.inner or resolved.get(position - 1)
    if before is None:
        return None
    if before[0] == _NEW:
        return before  # more of a new item, or the next new one (read_fields splits them)
    after = next((p.inner for p in flow[position + 1 :] if p.inner), None)
    for lst in reversed(lists_of(before)):
        if para.style in _item_styles(lst, doc):
            return (_NEW, *lst)
        if after is not None and item_of(lst, after) is not None:
            return before
    return before if before == after else None


def _item_styles(lst: Path_, doc: Docx) -> set[str]:
    """The styles the list's items start with."""
    styles, seen = set(), set()
    for para in doc.paras:
        index = item_of(lst, para.inner) if para.inner else None
        if index is not None and index not in seen:
            seen.add(index)
            styles.add(para.style)
    return styles


def _starts_item(para: Para, lst: Path_, doc: Docx) -> bool:
    return para.style in _item_styles(lst, doc)


def _is_box(table: Any) -> bool:
    """A box the template draws around text (a summary): one row of one cell, with a
    field in it; its paragraphs are read as any others."""
    cells = [cell for row in table.rows for cell in row]
    return len(cells) == 1 and any(p.fields for p in cells[0])


def _table_field(fields: set[Path_]) -> Path_ | None:
    for path in sorted(fields, key=len):
        if "table" in path:
            return path[: path.index("table") + 1]
    return None


def _table_value(table: Any) -> dict[str, list[list[str]] | list[str]]:
    rows = [
        [" ".join(p.text.strip() for p in cell if p.text.strip()) for cell in row]
        for row in table.rows
    ]
    return {"columns": rows[0] if rows else [], "rows": rows[1:]}


def value_of(path: Path_, paras: list[Para], separator: str) -> Any:
    """One field's value from its paragraphs."""
    keys = [p for p in path if isinstance(p, str)]
    if len(path) >= 2 and isinstance(path[-1], int) and path[-2] in PEOPLE:
        return person(paras[0], separator) if paras else {}
    if keys and keys[-1] in PLAIN:
        return " ".join(p.text.strip() for p in paras if p.text.strip())
    return markdown(paras, bool(lists_of(path)))


def markdown(paras: list[Para], in_item: bool) -> str:
    """Paragraphs as the content format writes them: blank lines between paragraphs,
    ``- `` and ``1. `` for Word's list paragraphs, nested by the style's level."""
    chunks: list[str] = []
    counters: dict[int, int] = {}
    kinds: dict[int, str] = {}
    previous_list = False
    for number, para in enumerate(paras):
        text = para.markdown.strip()
        if not text:
            continue
        kind, depth = _list_kind(para.style)
        if in_item:
            depth -= 1
        if kind is None or depth <= 0 or (in_item and number == 0):
            chunks.append(("\n\n" if chunks else "") + text)
            previous_list = False
            counters.clear()
            continue
        for deeper in [d for d in counters if d > depth]:
            del counters[deeper]
        counters[depth] = counters.get(depth, 0) + 1 if kinds.get(depth) == kind else 1
        kinds[depth] = kind
        indent = "".join(("   " if kinds.get(d) == "number" else "  ") for d in range(1, depth))
        marker = f"{counters[depth]}." if kind == "number" else "-"
        joint = "\n" if previous_list else ("\n\n" if chunks else "")
        chunks.append(f"{joint}{indent}{marker} {text}")
        previous_list = True
    return "".join(chunks)


def _list_kind(style: str) -> tuple[str | None, int]:
    match = _LIST_STYLE.match(style)
    if match is None:
        return None, 0
    return ("number" if match.group(1) == "Number" else "bullet"), int(match.group(2) or 1)


def person(para: Para, separator: str) -> dict[str, str]:
    """``honorific **name**, role, organization`` back into its fields."""
    before, name, after, seen = [], [], [], False
    for run in para.runs:
        if run.bold and not after:
            name.append(run.text)
            seen = True
        elif seen:
            after.append(run.text)
        else:
            before.append(run.text)
    rest = "".join(after)
    sep = separator.strip() or ","
    parts = [p.strip() for p in rest.split(sep)] if rest.strip() else []
    parts = [p for p in parts if p]
    value = {"name": "".join(name).strip()}
    if "".join(before).strip():
        value["honorific"] = "".join(before).strip()
    if parts:
        value["role"] = parts[0]
    if len(parts) > 1:
        value["organization"] = separator.join(parts[1:])
    return value
