"""How many pages a laid-out brief takes before its back matter, and where they go.

Read from WeasyPrint's laid-out document, not guessed from the text: each page's box
tree says where every top-level ``<section id>`` of ``<main>`` sits and how tall it is.
The template contract (docs/template-authors.md) is that the back matter, which does
not count toward the budget (annexes, acronyms, sources), is wrapped in one element
with ``id="back-matter"``; without one, every page counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

BACK_MATTER = "back-matter"
#: How many of the longest sections an over-budget message names.
NAMED_SECTIONS = 3
#: Sections shorter than this (in pages) are not worth naming.
_SMALLEST_NAMED = 0.05
#: Layout rounding: a box this close to the top of the page starts the page (px).
_EPSILON = 0.5


@dataclass(frozen=True)
class Measure:
    """One layout of one brief, measured."""

    counted: int  # pages before the back matter
    length: float  # the same in fractional pages: the last counted page's used part
    body_pt: float  # the body type the layout used (the root element's font size)
    line_height: float  # its line height, as a multiple of the font size
    #: Each top-level section before the back matter: (name, height in pages), in the
    #: order of the document. Names are ids with "-" as "_", as the content fields read.
    sections: tuple[tuple[str, float], ...] = field(default=())

    def longest(self, count: int = NAMED_SECTIONS) -> list[tuple[str, float]]:
        """The ``count`` longest sections, longest first (document order on a tie)."""
        order = sorted(enumerate(self.sections), key=lambda item: (-round(item[1][1], 1), item[0]))
        return [s for _, s in order if s[1] >= _SMALLEST_NAMED][:count]


@dataclass(frozen=True)
class Paging:
    """What the page budget made of one brief: the facts a build reports."""

    budget: int
    level: int  # the fit level printed: 0 unfitted, else render/fit.py's number
    measure: Measure  # of the layout that was printed
    css: str = ""  # the fit's stylesheet (render/fit.py), for other paged formats
    fitted: str = ""  # what the fit did, in words ("tighter spacing and 10 pt type")

    @property
    def over(self) -> bool:
        return self.measure.counted > self.budget


def measure(document: Any) -> Measure:
    """Measure a WeasyPrint ``Document`` (``HTML(...).render()``)."""
    sizes: dict[str, float] = {}
    counted: int | None = None
    used = 1.0
    for index, page in enumerate(document.pages):
        box = page._page_box  # WeasyPrint's own attribute: the page's laid-out boxes
        top, height = box.content_box_y(), box.height or 1.0
        walk = _Walk()
        walk.visit(box)
        for name, px in walk.sections:
            sizes[name] = sizes.get(name, 0.0) + px / height
        if walk.back_matter_y is not None:
            if walk.back_matter_y - top > _EPSILON:  # after some of the brief: counts
                counted, used = index + 1, (walk.back_matter_y - top) / height
            else:  # at the top of the page: the page before was the last to count
                counted = index
            break
        used = (walk.bottom - top) / height if walk.bottom is not None else 0.0
    if counted is None:
        counted = len(document.pages)
    root = document.pages[0]._page_box.children[0] if document.pages else None
    font_px = root.style["font_size"] if root is not None else 14.0
    line = root.style["line_height"] if root is not None else None
    return Measure(
        counted=counted,
        length=max(counted - 1, 0) + min(max(used, 0.0), 1.0),
        body_pt=round(font_px * 0.75, 2),
        line_height=_ratio(line, font_px),
        sections=tuple((name.replace("-", "_"), round(size, 3)) for name, size in sizes.items()),
    )


def _ratio(line: Any, font_px: float) -> float:
    """A computed ``line-height`` as a multiple of the font size (``normal``: 1.2).

    WeasyPrint keeps a number as a number, and a length as a ``Dimension`` in px."""
    if isinstance(line, int | float):
        return round(float(line), 3)
    value = getattr(line, "value", None)
    if value is None or not font_px:
        return 1.2
    return round(float(value) / font_px, 3)


class _Walk:
    """One page's boxes: the top-level sections' heights and where the back matter starts.

    Heights are measured to the lowest line or box a section holds on the page, not to
    its box's edge: a section broken across pages has a box that runs on to the foot of
    the page, blank or not."""

    def __init__(self) -> None:
        self.sections: list[tuple[str, float]] = []
        self.back_matter_y: float | None = None
        self.bottom: float | None = None  # the lowest edge of the brief's text so far
        self._in_section = 0  # a section inside a section is part of it

    def visit(self, page: Any) -> None:
        for child in getattr(page, "children", ()):
            if type(child).__name__ == "MarginBox":
                continue  # the running header and footer: not the brief's text
            self._box(child)

    def _box(self, box: Any) -> float | None:
        """Walk ``box``; the lowest edge of what it holds (None: nothing, or it is the
        back matter)."""
        element = getattr(box, "element", None)
        ident = element.get("id") if element is not None else None
        if ident == BACK_MATTER:
            self.back_matter_y = box.position_y
            return None
        section = getattr(box, "element_tag", "") == "section" and bool(ident)
        self._in_section += section
        children = getattr(box, "children", None)
        if not children or type(box).__name__ == "LineBox":
            bottom: float | None = box.position_y + box.margin_height()
        else:
            bottom = None
            for child in children:
                if self.back_matter_y is not None:
                    break
                below = self._box(child)
                if below is not None:
                    bottom = below if bottom is None else max(bottom, below)
        if bottom is not None:
            self.bottom = bottom if self.bottom is None else max(self.bottom, bottom)
        self._in_section -= section
        if section and not self._in_section:
            self.sections.append((ident, max((bottom or box.position_y) - box.position_y, 0.0)))
        return bottom


def verdict(paging: Paging) -> str:
    """What a build says of a brief over its budget, or fitted to it; "" when neither.

    ``3 pages, budget 2: key_messages 0.9 page, background 0.5 page`` names the longest
    sections so the author knows where to cut; ``fitted to 2 pages with tighter spacing``
    says what the build changed so nobody wonders why the type looks smaller.
    """
    pages = paging.measure.counted
    if paging.over:
        sections = ", ".join(f"{name} {_pages(size)}" for name, size in paging.measure.longest())
        head = f"{pages} pages, budget {paging.budget}"
        return f"{head}: {sections}" if sections else head
    if paging.level:
        return f"fitted to {pages} page{'s' if pages != 1 else ''} with {paging.fitted}"
    return ""


def _pages(size: float) -> str:
    shown = f"{size:.1f}"
    return f"{shown} page" if float(shown) <= 1 else f"{shown} pages"
