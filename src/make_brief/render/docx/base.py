"""The styled document every brief starts from: made once per process, copied per brief.

It is made from the template set's stylesheet (with the shared theme it imports) and its
word-styles file. Writing the styles and list definitions into python-docx's blank
document (or completing an organisation's reference document) is the same work for
every brief and took about a quarter of a DOCX's time. It is done once per stylesheet,
word-styles file and reference document; each brief opens a fresh copy from the saved
bytes, so no brief can change what the next one starts from.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import docx

from ...errors import RenderError
from .definitions import all_styles
from .numbering import ListNumbering
from .package import open_base
from .page import FrameStyles
from .roles import Roles
from .stylebook import StyleBook
from .styles import prepare_styles
from .stylesheet import WORD_STYLES, set_file, stylesheet_text
from .theme import Theme, parse_theme
from .wordstyles import load_word_styles


@dataclass(frozen=True)
class StyledBase:
    data: bytes  # the styled, empty document as saved by python-docx
    generated: bool  # made from python-docx's blank document, not a reference
    bases: dict[str, int]  # the list numbering instances its styles point at
    styles: StyleBook  # style ids, the same in every copy
    theme: Theme  # read from the stylesheet the base was styled from
    roles: Roles  # what each element and class becomes, from the set's word-styles
    frame: FrameStyles  # the styles of the page's header and footer


@dataclass(frozen=True)
class Start:
    """What one brief's document starts from."""

    document: Any  # a fresh copy of the styled base
    theme: Theme
    numbering: ListNumbering
    styles: StyleBook
    roles: Roles
    frame: FrameStyles
    generated: bool  # styled from the theme, not from the organisation's reference


def styled_document(asset_roots: tuple[Path, ...], reference: Path | None) -> Start:
    """A new document holding every style, with what writing into it needs."""
    source = None
    if reference is not None:
        try:
            source = (reference, reference.read_bytes())
        except OSError as exc:
            raise RenderError(
                f"docx: reference document {reference} cannot be read: {exc.strerror}"
            ) from None
    word_styles = set_file(asset_roots, WORD_STYLES)
    base = _styled_base(stylesheet_text(asset_roots), word_styles, source)
    document = docx.Document(io.BytesIO(base.data))
    numbering = ListNumbering(document, base.theme, base.bases)
    return Start(
        document, base.theme, numbering, base.styles, base.roles, base.frame, base.generated
    )


# Keyed by the texts of the stylesheet and the word-styles file and the reference's
# bytes, so an edited set or reference is picked up even within one process (tests, a
# long-lived caller).
@lru_cache(maxsize=4)
def _styled_base(
    css: str | None, word_styles: tuple[Path, str] | None, reference: tuple[Path, bytes] | None
) -> StyledBase:
    theme = parse_theme(css) if css is not None else Theme()
    book = load_word_styles(word_styles)
    specs = all_styles(theme, book)
    roles = Roles(book, theme)
    page = book.page
    frame = FrameStyles(page.header or "Header", page.footer or "Footer", page.marking)
    document, generated = open_base(reference)
    numbering = prepare_styles(document, theme, specs, generated=generated)
    buffer = io.BytesIO()
    document.save(buffer)
    return StyledBase(
        _stored(buffer.getvalue()),
        generated,
        numbering.bases,
        StyleBook(document),
        theme,
        roles,
        frame,
    )


def _stored(data: bytes) -> bytes:
    """The same package with its parts stored, not deflated: each brief opens a copy,
    and inflating the parts again for every brief was a quarter of that. The brief's own
    file is compressed when it is saved (package.save)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info), zipfile.ZIP_STORED)
    return out.getvalue()
