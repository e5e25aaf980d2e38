"""Where the next paragraphs go: the body or a table cell, and the style they take."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol
from xml.etree import ElementTree as ET

from docx.table import _Cell

from .roles import Role
from .stylebook import StyleBook
from .theme import Theme


class Target:
    """The body or a table cell; a cell's own first paragraph is filled before adding."""

    def __init__(self, container: Any, width_mm: float, reuse: Any = None) -> None:
        self.container = container
        self.width_mm = width_mm
        self.reuse = reuse

    def paragraph(self) -> Any:
        if self.reuse is not None:
            paragraph, self.reuse = self.reuse, None
            return paragraph
        return self.container.add_paragraph()

    def table(self, rows: int, cols: int) -> Any:
        if not isinstance(self.container, _Cell):
            return self.container.add_table(rows, cols)
        if self.reuse is not None:  # no empty paragraph above a table in a cell
            self.reuse._p.getparent().remove(self.reuse._p)
        table = self.container.add_table(rows, cols)
        # Word needs a paragraph after a table in a cell; python-docx adds it, and
        # whatever follows fills it instead of leaving it empty.
        self.reuse = self.container.paragraphs[-1]
        return table


@dataclass
class Flow:
    """Where the next paragraphs go and how they are styled (a list item numbers its first)."""

    target: Target
    style: str
    first: tuple[str, tuple[int, int] | None] | None = None
    depth: int = 0


class Filler(Protocol):
    """What fills a table's cells: the walk (walk.py). tables.py calls back through this,
    so that the walk imports tables.py and not the other way round."""

    @property
    def styles(self) -> StyleBook: ...

    @property
    def document(self) -> Any: ...

    @property
    def theme(self) -> Theme: ...

    @property
    def rtl(self) -> bool: ...

    @property
    def text_width_mm(self) -> float: ...

    def role(self, el: ET.Element) -> Role: ...

    def blocks(self, el: ET.Element, flow: Flow) -> None: ...

    def marker_first(self, flow: Flow) -> None: ...
