"""Which content field each paragraph prints, kept in the DOCX as bookmarks.

A template marks the element that prints a content field with ``data-field="path"``
(``key_messages[2].text``, indexes from 0) and its own words inside such an element with
``data-field=""``. The walk remembers, for every paragraph it adds, the fields it is
inside; at the end each field becomes one bookmark around its paragraphs, named from its
path (:func:`bookmark_name`). Bookmarks are what Word and LibreOffice carry through edits:
they move with cut and pasted text, stay around paragraphs typed inside them and survive
a round trip through ODT, and a reader never sees them. ``make-brief import`` reads them
back (docx_import/), so the name is a contract: change it with :func:`field_path`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from xml.etree import ElementTree as ET

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

#: Every make-brief bookmark starts so; the underscore hides it from Word's bookmark list.
PREFIX = "_mb_"
#: Word keeps at most 40 characters of a bookmark's name.
MAX_NAME = 40
_SEGMENT = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")
_NTH = re.compile(r"p\d+")


def bookmark_name(path: str, nth: int = 0) -> str | None:
    """``key_messages[2].text`` -> ``_mb_key_messages__2__text`` (``__`` between
    segments, since field names hold single underscores), and for the field's second
    paragraph on ``..._text__p1``. None when longer than Word keeps."""
    segments = [name or index for name, index in _SEGMENT.findall(path)]
    if nth:
        segments.append(f"p{nth}")
    name = PREFIX + "__".join(segments)
    return name if len(name) <= MAX_NAME else None


def field_path(name: str) -> tuple[str | int, ...] | None:
    """The field a bookmark names, as YAML keys and list indexes; None if not ours."""
    if not name.startswith(PREFIX):
        return None
    parts = name[len(PREFIX) :].split("__")
    if len(parts) > 1 and _NTH.fullmatch(parts[-1]):
        parts.pop()
    return tuple(int(p) if p.isdigit() else p for p in parts)


class FieldMarks:
    """The fields the walk is inside, and the fields of each paragraph it added."""

    def __init__(self) -> None:
        self._stack: list[str] = []
        self._marks: dict[Any, tuple[str, ...]] = {}

    @contextmanager
    def inside(self, el: ET.Element) -> Iterator[None]:
        field = el.get("data-field")
        if field is None:
            yield
            return
        saved = self._stack
        # data-field="" is the template's own words: outside every field.
        self._stack = [*saved, field] if field else []
        try:
            yield
        finally:
            self._stack = saved

    def mark(self, p: Any) -> None:
        if self._stack and p not in self._marks:
            self._marks[p] = tuple(dict.fromkeys(self._stack))  # one element, two walks

    def bookmark(self, body: Any) -> None:
        """One bookmark around each paragraph, named from the innermost field it prints
        and, after its first, its place in that field (``__p1``...); ids numbered in
        document order, so the same brief gives the same bytes.

        One paragraph each, never a span: LibreOffice splits or loses a bookmark that
        runs over several paragraphs or across a table's edge when it saves a DOCX,
        and keeps one-paragraph bookmarks. What holds a list together (its items
        being key_messages[0], [1]...) is in the names."""
        count: dict[str, int] = {}
        number = 0
        for p in body.iter(qn("w:p")):
            marks = self._marks.get(p)
            if not marks:
                continue
            field = marks[-1]
            nth = count[field] = count.get(field, -1) + 1
            name = bookmark_name(field, nth)
            if name is None:
                continue  # too long for Word: import says its text is outside any field
            at = 1 if p.pPr is not None else 0
            attributes = {qn("w:id"): str(number), qn("w:name"): name}
            p.insert(at, OxmlElement("w:bookmarkStart", attributes))
            p.append(OxmlElement("w:bookmarkEnd", {qn("w:id"): str(number)}))
            number += 1
