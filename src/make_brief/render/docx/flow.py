"""Where the next paragraphs go: the body or a table cell, and the style they take."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.table import _Cell


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
