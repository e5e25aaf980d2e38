"""A brief's PDF drawn page by page, for the preview page to show as images.

PDFium (pypdfium2) draws each page at 1.5 times its size in points, 893 pixels across an
A4 page: sharp at the width the page shows it, quick to draw. Encoding the PNG is most of
the cost, so a page is named by a hash of its pixels and a page whose pixels a build left
unchanged is not encoded again (nor fetched again by the browser, its address unchanged).
Each image carries the page's text, which the page gives as the image's alternative
text: what a screen reader reads, and what the tests look for.

PDFium is not safe to call from two threads at once; only the builder's thread draws.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping
from typing import Any

from ..errors import RenderError
from .board import PageImage

#: Pixels per PDF point.
SCALE = 1.5


def draw_pages(pdf: bytes, known: Mapping[str, PageImage]) -> tuple[PageImage, ...]:
    """Every page of ``pdf`` as an image; pages whose pixels are in ``known`` reuse it."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as exc:
        raise RenderError(f"cannot read the PDF to draw its pages: {exc}") from None
    try:
        return tuple(_draw(document[index], known) for index in range(len(document)))
    finally:
        document.close()


def _draw(page: Any, known: Mapping[str, PageImage]) -> PageImage:
    try:
        bitmap = page.render(scale=SCALE, draw_annots=False, may_draw_forms=False)
        image = bitmap.to_pil()
        digest = hashlib.sha256(f"{image.mode} {image.size}".encode())
        digest.update(image.tobytes())
        name = digest.hexdigest()[:32]
        if name in known:
            return known[name]
        textpage = page.get_textpage()
        try:
            text = " ".join(textpage.get_text_bounded().split())
        finally:
            textpage.close()
        buffer = io.BytesIO()
        # Level 1: a third of the time of the default for 10% more bytes, over a
        # connection that never leaves the machine.
        image.save(buffer, format="PNG", compress_level=1)
        return PageImage(name, image.width, image.height, text, buffer.getvalue())
    finally:
        page.close()
