"""A document's stylesheets for WeasyPrint, each linked file parsed once per process.

WeasyPrint parses every ``<link rel="stylesheet">`` again for each document it prints:
about 13 ms for the built-in ``style.css``, the same work for every brief of a batch (the
design notes measured 1.2x over a batch from parsing it once). WeasyPrint has no cache for
parsed stylesheets, so this module finds the stylesheets the way WeasyPrint's
``find_stylesheets`` does, hands them to ``render(stylesheets=...)`` in the same order
(a linked file parsed once per content, an inline ``<style>`` parsed afresh), and marks
the elements so that WeasyPrint does not load them a second time.

Stylesheets passed this way take part in the cascade as user stylesheets rather than
author ones. Against the user agent's stylesheet (which has no ``!important``) that makes
no difference, and their order among themselves is kept; it would against ``style``
attributes, so a document with any is left to WeasyPrint whole, as is one whose
stylesheets use what a shared parse cannot reproduce: media other than all or print,
another type than text/css, ``@import``, ``@layer``, ``@counter-style``, a link that
cannot be fetched. WeasyPrint then reports what is wrong exactly as before.

WeasyPrint reports a bad declaration while parsing, that is once per process; the
messages of the first parse are kept and added again to the warnings of every document
that uses the sheet, so a flawed stylesheet fails every brief, not only the first.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin

#: Marks an element whose stylesheet was handed to WeasyPrint already.
HANDLED_TYPE = "text/x-make-brief-parsed"

#: What a stylesheet parsed once cannot carry into another document's cascade.
_NOT_SHAREABLE = re.compile(rb"@(import|layer|counter-style)\b", re.IGNORECASE)
_PRINTED_MEDIA = {"", "all", "print"}

#: Parsed linked stylesheets, by URL and content digest, with the messages of their parse.
_PARSED: dict[tuple[str, bytes], tuple[Any, list[str]]] = {}


def stylesheets(html: Any, fetcher: Any, font_config: Any, warnings: list[str]) -> list[Any] | None:
    """The parsed stylesheets of ``html`` (a ``weasyprint.HTML``) in document order, its
    elements marked as handled; or None, the document untouched, to leave them to
    WeasyPrint. ``warnings`` is the list WeasyPrint's warnings are being collected into
    for this document: a sheet parsed before gets its warnings added to it again."""
    root = html.etree_element
    if any(element.get("style") is not None for element in root.iter()):
        return None
    elements = list(_stylesheet_elements(root))
    if not all(_plain(element) for element in elements):
        return None
    fetched: list[tuple[Any, Any]] = []  # (element, fetched link or None for <style>)
    for element in elements:
        if element.tag == "style":
            fetched.append((element, None))
            continue
        link = _fetch(urljoin(html.base_url or "", element.get("href").strip()), fetcher)
        if link is None:
            return None
        fetched.append((element, link))
    from weasyprint import CSS

    sheets = []
    for element, link in fetched:
        if link is None:
            text = "".join(element.itertext())
            if _NOT_SHAREABLE.search(text.encode()):
                return None
            sheet = CSS(
                string=text, base_url=html.base_url, url_fetcher=fetcher, font_config=font_config
            )
        else:
            sheet = _parsed(link, fetcher, font_config, warnings)
        sheets.append(sheet)
    for element in elements:
        element.set("type", HANDLED_TYPE)
    return sheets


def _stylesheet_elements(root: Any) -> Iterator[Any]:
    for element in root.iter():
        if (
            element.tag == "style"
            or element.tag == "link"
            and element.get("href")
            and _is_stylesheet(element)
        ):
            yield element


def _is_stylesheet(link: Any) -> bool:
    types = link.get("rel", "").lower().split()
    return "stylesheet" in types and "alternate" not in types


def _plain(element: Any) -> bool:
    kind = element.get("type", "text/css").split(";", 1)[0].strip().lower()
    media = {m.strip().lower() for m in element.get("media", "").split(",")}
    return kind == "text/css" and media <= _PRINTED_MEDIA


class _Link:
    def __init__(self, url: str, data: bytes) -> None:
        self.url = url
        self.data = data
        self.key = (url, hashlib.sha256(data).digest())


def _fetch(url: str, fetcher: Any) -> _Link | None:
    """The stylesheet's bytes through the document's own (confined) fetcher; None when it
    is refused, missing, not CSS or not shareable, for WeasyPrint to report."""
    try:
        response = fetcher.fetch(url)
        data = response.read()
        kind = response.headers.get_content_type()
    except Exception:  # WeasyPrint reports the same failure in its own words
        return None
    if kind != "text/css" or _NOT_SHAREABLE.search(data):
        return None
    return _Link(response.url, data)


def _parsed(link: _Link, fetcher: Any, font_config: Any, warnings: list[str]) -> Any:
    if link.key in _PARSED:
        sheet, messages = _PARSED[link.key]
        warnings.extend(messages)
        return sheet
    from weasyprint import CSS

    if len(_PARSED) > 32:  # a long-lived process that sees many edits
        _PARSED.clear()
    before = len(warnings)
    sheet = CSS(
        file_obj=io.BytesIO(link.data),
        base_url=link.url,
        url_fetcher=fetcher,
        font_config=font_config,
    )
    _PARSED[link.key] = (sheet, warnings[before:])
    return sheet
