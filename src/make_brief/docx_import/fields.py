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
    misplaced_tables: list[tuple[int, Path_]] = field(default_factory=list)
    boxes: set[int] = field(default_factory=set)  # one-cell tables: a box around text


def is_list(path: Path_, names: set[Path_]) -> bool:
    """A list field: some bookmark names one of its items."""
    n = len(path)
    return any(len(p) > n and p[:n] == path and isinstance(p[n], int) for p in names)


def item_of(list_path: Path_, para: Para) -> int | None:
    n = len(list_path)
    for p in para.fields:
        if len(p) > n and p[:n] == list_path and isinstance(p[n], int):
            return p[n]
    return None


def read_fields(doc: Docx, separator: str) -> Reading:
    out = Reading()
    lists = {p for p in doc.names if is_list(p, doc.names)}
    groups: dict[Path_, list[Para]] = {}
    for number, table in enumerate(doc.tables):
        target = _table_field(table.fields)
        if target is not None:
            out.tables[number] = target
            out.leaves[target] = _table_value(table)
        elif _is_box(table):
            out.boxes.add(number)
        elif any(p.fields for row in table.rows for cell in row for p in cell):
            inner = next(p.inner for row in table.rows for cell in row for p in cell if p.inner)
            out.misplaced_tables.append((number, inner))
        else:
            out.loose_tables.append(number)
    for para in doc.paras:
        if para.table is not None and para.table not in out.boxes:
            if para.table in out.tables:
                out.field_of[para.index] = out.tables[para.table]
            elif para.inner is not None:
                out.field_of[para.index] = para.inner
            continue
        inner = para.inner
        if inner is None:
            out.outside.append(para)
            continue
        out.field_of[para.index] = inner
        if inner in lists:  # inside a list, outside its items: a new item
            items = out.lists.setdefault(inner, [])
            if not items or not isinstance(items[-1], New) or _starts_item(para, inner, doc):
                items.append(New())
            items[-1].paras.append(para)  # type: ignore[union-attr]
            continue
        groups.setdefault(inner, []).append(para)
        for lst in lists:
            index = item_of(lst, para)
            if index is not None:
                items = out.lists.setdefault(lst, [])
                if index not in items:
                    items.append(index)
    _appended_items(doc, lists, out)
    for path, paras in groups.items():
        out.leaves[path] = value_of(path, paras, lists, separator)
    for lst in lists:
        out.lists.setdefault(lst, [])
    return out


def _appended_items(doc: Docx, lists: set[Path_], out: Reading) -> None:
    """A paragraph typed after a list's last item, in the list's item style, is a new
    last item (Word leaves the bookmark behind when Enter is pressed at the end)."""
    previous: Para | None = None
    for para in doc.paras:
        if para.inner is None and para.table is None and previous is not None and para.text.strip():
            lst = next((f for f in reversed(previous.fields) if f in lists), None)
            if lst is not None and para.style in _item_styles(lst, doc):
                out.lists[lst].append(New([para]))
                out.outside.remove(para)
                out.field_of[para.index] = lst
                continue
        previous = para if (para.inner is not None or para.text.strip()) else previous


def _item_styles(lst: Path_, doc: Docx) -> set[str]:
    """The styles the list's items start with."""
    styles, seen = set(), set()
    for para in doc.paras:
        index = item_of(lst, para)
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


def value_of(path: Path_, paras: list[Para], lists: set[Path_], separator: str) -> Any:
    """One field's value from its paragraphs."""
    keys = [p for p in path if isinstance(p, str)]
    if len(path) >= 2 and isinstance(path[-1], int) and path[-2] in PEOPLE:
        return person(paras[0], separator) if paras else {}
    if keys and keys[-1] in PLAIN:
        return " ".join(p.text.strip() for p in paras if p.text.strip())
    in_item = any(path[: len(lst)] == lst for lst in lists)
    return markdown(paras, in_item)


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
