"""Inline content: the pieces a paragraph holds, and the Word runs they become.

The walk reads text, breaks and images out of the HTML as pieces; whitespace is folded
the way a browser folds it, so Word shows the words the PDF shows; then each piece is
written as a run with one character style, a link's runs inside one real hyperlink.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace
from itertools import groupby
from pathlib import Path
from typing import Any

from docx.oxml import OxmlElement
from docx.shared import Mm
from docx.text.run import Run

from ...errors import RenderError
from .links import add_hyperlink
from .stylebook import StyleBook

_WHITESPACE = re.compile(r"[ \t\n\r\f]+")  # HTML's whitespace; a no-break space is text


@dataclass(frozen=True)
class Text:
    text: str
    marks: frozenset[str] = frozenset()  # "strong", "em"
    href: str | None = None
    style: str | None = None  # the character style of the innermost classed element


@dataclass(frozen=True)
class Break:
    href: str | None = None


@dataclass(frozen=True)
class Image:
    path: Path
    alt: str
    height_mm: float | None
    href: str | None = None


Piece = Text | Break | Image


def collapse(pieces: list[Piece]) -> list[Piece]:
    """Fold whitespace the way a browser does, so Word shows the words the PDF shows."""
    out: list[Piece] = []
    line_start = True
    for piece in pieces:
        if isinstance(piece, Text):
            text = _WHITESPACE.sub(" ", piece.text)
            text = text.lstrip(" ") if line_start else text
            if text:
                out.append(replace(piece, text=text))
                line_start = text.endswith(" ")
            continue
        if isinstance(piece, Break):
            _strip_end(out)
        out.append(piece)
        line_start = isinstance(piece, Break)
    _strip_end(out)
    return out


def _strip_end(out: list[Piece]) -> None:
    while out and isinstance(out[-1], Text):
        text = out[-1].text.rstrip(" ")
        if text:
            out[-1] = replace(out[-1], text=text)
            return
        out.pop()


def write_runs(paragraph: Any, pieces: list[Piece], max_width_mm: float, styles: StyleBook) -> None:
    """Runs with character styles; a link's runs go inside one real Word hyperlink."""
    for href, group in groupby(pieces, key=lambda piece: piece.href):
        parent = paragraph._p if href is None else add_hyperlink(paragraph, href)
        for piece in group:
            run = _new_run(paragraph, parent)
            if isinstance(piece, Text):
                run.text = piece.text
                _style_run(run, piece, href, styles)
            elif isinstance(piece, Break):
                run.add_break()
            else:
                _picture(run, piece, max_width_mm)


def _new_run(paragraph: Any, parent: Any) -> Any:
    if parent is paragraph._p:
        return paragraph.add_run()
    r = OxmlElement("w:r")
    parent.append(r)
    return Run(r, paragraph)


def _style_run(run: Any, piece: Text, href: str | None, styles: StyleBook) -> None:
    """One character style per run: a link's, else a class's, else Strong or Emphasis;
    only a combination (bold inside a link) is set on the run itself."""
    marks = piece.marks
    style = "Hyperlink" if href else piece.style
    style = style or next(
        (s for m, s in (("strong", "Strong"), ("em", "Emphasis")) if m in marks), None
    )
    if style:
        styles.run(run, style)
    if "strong" in marks and style != "Strong":
        run.bold = True
    if "em" in marks and style != "Emphasis":
        run.italic = True


def _picture(run: Any, image: Image, max_width_mm: float) -> None:
    try:
        stream = io.BytesIO(image.path.read_bytes())
        height = Mm(image.height_mm) if image.height_mm else None
        shape = run.add_picture(stream, height=height)
    except Exception as exc:  # python-docx raises several kinds for unreadable images
        raise RenderError(f"docx: {image.path.name} cannot be placed: {exc}") from None
    limit = Mm(max_width_mm)
    if shape.width > limit:
        shape.height, shape.width = int(shape.height * limit / shape.width), limit
    shape._inline.docPr.set("descr", image.alt)
