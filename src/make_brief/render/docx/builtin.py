"""The writer's own styles: Word's built-in styles the HTML subset maps onto.

Every brief type has headings, paragraphs, lists, links and a page frame, so these are
defined here, from the CSS rules of the elements themselves (``h1``, ``h2``, ``ul``,
``li``, ``a``, ``html``, the ``@page`` margin boxes), never from one template's classes.
A set's word-styles file may define any of them again; its definition replaces this one.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .look import CHARACTER, PARAGRAPH, Look, StyleSpec
from .theme import PT_PER_MM, Theme

#: Word's "single" line for Calibri is 1.22 em, so CSS ``line-height: 1.42`` is a Word
#: multiple of 1.42 / 1.22.
SINGLE_LINE_EM = 1.22

#: Each of the writer's own styles and its kind, in the order they are written.
WRITER_STYLES: dict[str, str] = {
    "Normal": PARAGRAPH,
    "Title": PARAGRAPH,
    "Heading 1": PARAGRAPH,
    "Heading 2": PARAGRAPH,
    "Heading 3": PARAGRAPH,
    **{
        f"{name}{suffix}": PARAGRAPH
        for suffix in ("", " 2", " 3")
        for name in ("List Bullet", "List Number", "List Continue")
    },
    "Header": PARAGRAPH,
    "Footer": PARAGRAPH,
    "Strong": CHARACTER,
    "Emphasis": CHARACTER,
    "Hyperlink": CHARACTER,
}


def writer_styles(theme: Theme) -> list[StyleSpec]:
    """The look of each of the writer's own styles: the CSS rule of the element it
    stands for, plus what only Word needs (outline levels, keep-with-next, numbering)."""
    t, mm = theme, PT_PER_MM
    step = t.pt("ul", "padding-left", 5.5 * mm)
    item_after = t.pt("li", "margin", 1.4 * mm, side=2)
    text_width = t.text_width_mm * mm

    def para(name: str, look: Look, based_on: str | None = "Normal") -> StyleSpec:
        return StyleSpec(name, PARAGRAPH, look, based_on)

    def char(name: str, look: Look) -> StyleSpec:
        return StyleSpec(name, CHARACTER, look)

    def heading(selector: str, before: float, after: float, **kw: Any) -> Look:
        return t.look(
            selector,
            Look(bold=True),
            before=t.pt(selector, "margin", before * mm, side=0),
            after=t.pt(selector, "margin", after * mm, side=2),
            keep_next=True,
            **kw,
        )

    lists = []
    for level in range(3):
        suffix = f" {level + 1}" if level else ""
        at = {"indent": step * (level + 1), "after": item_after}
        lists += [
            para(f"List Bullet{suffix}", Look(hanging=step, numbering=("bullet", level), **at)),
            para(f"List Number{suffix}", Look(hanging=step, numbering=("number", level), **at)),
            para(f"List Continue{suffix}", Look(**at)),
        ]
    # The page frame's lines: the look of the margin box that holds the page number.
    margin_text = t.look("@page @bottom-right", Look(size=8), after=0.0, line=1.0)
    footer_tabs = (("center", text_width / 2), ("right", text_width))
    specs = [
        para("Normal", Look(), based_on=None),
        para("Title", heading("h1", 0, 1.5, line=t.ratio("h1", "line-height", 1.2) / SINGLE_LINE_EM)),
        para("Heading 1", heading("h2", 5.5, 2, outline=0)),
        para("Heading 2", heading("h3", 4, 1.5, outline=1)),
        # Nothing in the subset becomes Heading 3; defined so that a Word user finds it.
        para("Heading 3", Look(bold=True, italic=True, before=3 * mm, after=1 * mm, keep_next=True, outline=2)),
        *lists,
        para("Header", replace(margin_text, align="center")),
        para("Footer", replace(margin_text, tabs=footer_tabs)),
        char("Strong", Look(bold=True)),
        char("Emphasis", Look(italic=True)),
        char("Hyperlink", t.look("a", Look(underline=True))),
    ]  # fmt: skip
    assert [s.name for s in specs] == list(WRITER_STYLES)
    return specs
