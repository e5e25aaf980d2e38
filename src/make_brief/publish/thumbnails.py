"""A small picture of each brief's first page, for the index.

pypdfium2 (Chrome's PDF engine) draws page 1 at twice the size it is shown, for sharp
screens; 128 colours without dithering keep the text crisp at a quarter of the bytes of a
full-colour PNG. Neither PDFium nor Pillow's PNG writer puts a time or a random value in
the file, so the same PDF gives the same PNG on every run (with the same library versions).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from ..errors import RenderError

#: Width of the thumbnail as the index shows it, in CSS pixels; drawn at twice that.
SHOWN_WIDTH = 160
_SCALE = 2
_COLOURS = 128
#: Tallest thumbnail drawn, in CSS pixels: an A4 page is 226 at this width. A page of
#: another shape (a merged shard may hold any PDF) is drawn no taller, its top part only,
#: so no page can make the drawing take gigabytes.
MAX_SHOWN_HEIGHT = 4 * SHOWN_WIDTH


@dataclass(frozen=True)
class Thumbnail:
    png: bytes
    width: int  # in CSS pixels, as the page shows it
    height: int


def first_page_png(pdf: bytes, shown_width: int = SHOWN_WIDTH) -> Thumbnail:
    """Page 1 of ``pdf`` as a PNG ``shown_width`` CSS pixels wide (drawn at 2x)."""
    import pypdfium2 as pdfium
    from PIL import Image

    try:
        document = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as exc:
        raise RenderError(f"cannot read the PDF to draw its first page: {exc}") from None
    try:
        if len(document) == 0:
            raise RenderError("the PDF has no pages to draw")
        page = document[0]
        width_pt, height_pt = page.get_size()
        if not (width_pt > 0 and height_pt > 0):
            raise RenderError("the PDF's first page has no size to draw")
        scale = shown_width * _SCALE / width_pt
        shown_height = min(round(shown_width * height_pt / width_pt), MAX_SHOWN_HEIGHT)
        # Crop in points from the bottom: only the top of a very tall page is drawn.
        crop_bottom = max(0.0, height_pt - shown_height * width_pt / shown_width)
        bitmap = page.render(
            scale=scale, crop=(0, crop_bottom, 0, 0), draw_annots=False, may_draw_forms=False
        )
        image = bitmap.to_pil().convert("RGB")
        page.close()
    finally:
        document.close()
    image = image.quantize(
        colors=_COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return Thumbnail(buffer.getvalue(), shown_width, shown_height)
