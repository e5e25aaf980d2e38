"""Named styles put on paragraphs, runs and tables, each name looked up once per base.

python-docx's ``paragraph.style = "Name"`` (and even assigning a style object) searches
every style of the document on each assignment, about a millisecond with the theme's
styles; a brief assigns a few hundred, so that search was a fifth of the time a DOCX
took. The lookup itself stays python-docx's (``Styles.get_style_id``: the same errors for
a missing name or a style of the wrong kind, no ``pStyle`` for the default style); its
answer is kept and written straight into the element.

A book is made on the styled base document (base.py) and serves every copy of it: the
copies hold the same styles under the same ids, and writing a brief adds none.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from docx.enum.style import WD_STYLE_TYPE

from .numbering import style_numbering

T = TypeVar("T")


class StyleBook:
    """The style ids of one styled base document, by name and kind."""

    def __init__(self, document: Any) -> None:
        self._document = document
        self._ids: dict[tuple[str, WD_STYLE_TYPE], str | None] = {}
        self._numbering: dict[str, tuple[int, int] | None] = {}
        self._answers: dict[Hashable, Any] = {}

    def style_id(self, name: str, kind: WD_STYLE_TYPE) -> str | None:
        """The id of the style called ``name``; None for the default style of its kind."""
        key = (name, kind)
        if key not in self._ids:
            self._ids[key] = self._document.styles.get_style_id(name, kind)
        return self._ids[key]

    def numbering(self, name: str) -> tuple[int, int] | None:
        """The (numId, level) the paragraph style ``name`` carries, if any."""
        if name not in self._numbering:
            self._numbering[name] = style_numbering(self._document, name)
        return self._numbering[name]

    def answer(self, question: Hashable, find: Callable[[Any], T]) -> T:
        """``find(styles)`` for the base's styles, found once per base: for what depends
        on the styles alone (a table's type size and cell padding, asked per table)."""
        if question not in self._answers:
            self._answers[question] = find(self._document.styles)
        return self._answers[question]  # type: ignore[no-any-return]

    def paragraph(self, paragraph: Any, name: str) -> None:
        paragraph._p.style = self.style_id(name, WD_STYLE_TYPE.PARAGRAPH)

    def run(self, run: Any, name: str) -> None:
        run._r.style = self.style_id(name, WD_STYLE_TYPE.CHARACTER)

    def table(self, table: Any, name: str) -> None:
        table._tbl.tblStyle_val = self.style_id(name, WD_STYLE_TYPE.TABLE)
