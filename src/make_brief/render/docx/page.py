"""The page: what the HTML says besides its body, and the frame Word draws around it.

The marking, the reference and the page label sit on the ``<body>`` as data attributes;
here they become Word's own header and footer, with page numbers as fields that Word
computes, on a section sized and margined like the CSS ``@page``.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree as ET

import tinyhtml5
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm

from ...errors import RenderError
from .subset import HEAD, unsupported
from .theme import Theme


@dataclass(frozen=True)
class Page:
    body: ET.Element
    language: str
    rtl: bool
    title: str
    meta: dict[str, str]
    marking: str
    reference: str
    page_label: str


def read_page(html: str) -> Page:
    """Parse the HTML with a real HTML5 parser and read the document-level facts."""
    root = tinyhtml5.parse(html, namespace_html_elements=False)
    head, body = root.find("head"), root.find("body")
    assert head is not None and body is not None  # an HTML5 parser always makes both
    for el in head:
        if isinstance(el.tag, str) and el.tag not in HEAD:
            raise unsupported(el)
    meta = {
        m.get("name", "").lower(): m.get("content", "") for m in head.iter("meta") if m.get("name")
    }
    title = head.find("title")
    return Page(
        body=body,
        language=(root.get("lang") or "en").strip(),
        rtl=(root.get("dir") or "").lower() == "rtl",
        title=" ".join((title.text or "").split()) if title is not None else "",
        meta=meta,
        marking=body.get("data-marking", ""),
        reference=body.get("data-reference", ""),
        page_label=body.get("data-page-label", "{page} / {pages}"),
    )


_BIDI_AFTER = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing")
_BIDI_AFTER += ("w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection")
_BIDI_AFTER += ("w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId")
_BIDI_AFTER += ("w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def set_bidi(p_pr: Any) -> None:
    """A right-to-left paragraph; ``w:bidi`` has its fixed place among the properties."""
    p_pr.insert_element_before(OxmlElement("w:bidi"), *_BIDI_AFTER)


def page_setup(section: Any, theme: Theme, rtl: bool) -> None:
    """A4 and the margins of the CSS ``@page``; header and footer sit 5 mm outside the
    text as the PDF's margin boxes do."""
    top, right, bottom, left = theme.margins_mm
    section.page_width, section.page_height = Mm(theme.page_mm[0]), Mm(theme.page_mm[1])
    section.top_margin, section.right_margin = Mm(top), Mm(right)
    section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
    section.header_distance = Mm(max(top - 8, 5))
    section.footer_distance = Mm(max(bottom - 8, 5))
    if rtl:
        section._sectPr.insert_element_before(
            OxmlElement("w:bidi"), "w:rtlGutter", "w:docGrid", "w:printerSettings"
        )


@dataclass(frozen=True)
class FrameStyles:
    """The styles of the page's frame; a set's word-styles file may name its own."""

    header: str = "Header"  # the marking on top of every page
    footer: str = "Footer"  # reference, marking and page counter
    marking: str | None = None  # the marking within the footer: a character style


def frame(document: Any, page: Page, styles: FrameStyles) -> None:
    """The marking on top of every page; reference, marking and "Page X of Y" below."""
    section = document.sections[0]
    section.different_first_page_header_footer = False
    document.settings.odd_and_even_pages_header_footer = False
    header = _emptied(section.header)
    top = header.add_paragraph(style=styles.header)
    top.add_run(page.marking)
    footer = _emptied(section.footer)
    bottom = footer.add_paragraph(style=styles.footer)
    bottom.add_run(page.reference)
    bottom.add_run().add_tab()
    bottom.add_run(page.marking, style=styles.marking)
    bottom.add_run().add_tab()
    _page_label(bottom, page.page_label)
    if page.rtl:
        for paragraph in (top, bottom):
            set_bidi(paragraph._p.get_or_add_pPr())


def _emptied(part: Any) -> Any:
    part.is_linked_to_previous = False
    for child in list(part._element):
        part._element.remove(child)
    return part


def _page_label(paragraph: Any, label: str) -> None:
    """ "Page {page} of {pages}" in the brief's language, the numbers as Word fields."""
    try:
        parts = list(string.Formatter().parse(label))
    except ValueError as exc:
        raise RenderError(f"docx: data-page-label {label!r}: {exc}") from None
    for literal, name, _, _ in parts:
        if literal:
            paragraph.add_run(literal)
        if name is None:
            continue
        if name not in ("page", "pages"):
            raise RenderError(
                f"docx: data-page-label {label!r}: only {{page}} and {{pages}} can be filled in"
            )
        _field(paragraph, "PAGE" if name == "page" else "NUMPAGES")


def _field(paragraph: Any, instruction: str) -> None:
    w = nsdecls("w")
    for xml in (
        f'<w:r {w}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {w}><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>',
        f'<w:r {w}><w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r {w}><w:t>1</w:t></w:r>",  # shown until Word or LibreOffice computes it
        f'<w:r {w}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraph._p.append(parse_xml(xml))
