"""Hyperlinks: which URLs become links, and the Word element that makes one.

A link in Word is a ``w:hyperlink`` around the runs it covers, pointing at an external
relationship of the part; python-docx has no call for it, so it is made here.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

_LINKABLE = ("http", "https", "mailto")


def linkable(url: str) -> bool:
    """Only the web and e-mail become links; anything else stays the words it shows."""
    try:
        return urlsplit(url).scheme.lower() in _LINKABLE
    except ValueError:  # not a URL at all (an unclosed "[" for one)
        return False


def add_hyperlink(paragraph: Any, href: str) -> Any:
    """An empty hyperlink at the end of ``paragraph``; the caller adds its runs to it."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), paragraph.part.relate_to(href, RT.HYPERLINK, is_external=True))
    paragraph._p.append(link)
    return link
