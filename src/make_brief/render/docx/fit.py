"""The PDF's fit level (render/fit.py) applied to the Word document, after it is built.

A brief fitted to its page budget in the PDF is fitted the same way in Word, so both
say the same thing in about the same pages: the body type (Word's document defaults and
the Normal style, which every body style inherits) comes down to the level's size, and
paragraph spacing and line spacing shrink by the level's factors, in the styles and
wherever a paragraph sets its own. Sizes the styles set for themselves (headings, the
masthead) are kept, as the PDF keeps what a template sets outside ``var(--font-size)``.
"""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn

from ..fit import Level


def apply(document: Any, lv: Level) -> None:
    """Fit ``document`` (python-docx) to level ``lv``."""
    styles = document.styles.element
    if lv.body_pt is not None:
        half_points = round(lv.body_pt * 2)
        for size in _body_sizes(styles):
            if int(size.get(qn("w:val"))) > half_points:
                size.set(qn("w:val"), str(half_points))
    for part in (styles, document.element.body):
        for spacing in part.iter(qn("w:spacing")):
            if spacing.getparent().tag != qn("w:pPr"):
                continue  # w:spacing in a run's properties is letter-spacing
            _scale(spacing, "w:before", lv.spacing)
            _scale(spacing, "w:after", lv.spacing)
            if spacing.get(qn("w:lineRule"), "auto") == "auto":
                _scale(spacing, "w:line", lv.line_height)


def _body_sizes(styles: Any) -> list[Any]:
    """The ``w:sz`` (and complex-script ``w:szCs``) of the document defaults and Normal."""
    found = []
    defaults = styles.find(qn("w:docDefaults"))
    places = [defaults] if defaults is not None else []
    for style in styles.iter(qn("w:style")):
        if style.get(qn("w:styleId")) == "Normal":
            places.append(style)
    for place in places:
        for tag in ("w:sz", "w:szCs"):
            found.extend(place.iter(qn(tag)))
    return found


def _scale(element: Any, attribute: str, factor: float) -> None:
    value = element.get(qn(attribute))
    if value is not None and value.lstrip("-").isdigit():
        element.set(qn(attribute), str(round(int(value) * factor)))
