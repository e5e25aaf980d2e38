"""``feed.xml``: an Atom 1.0 feed (RFC 4287) of every brief and book, newest first.

Built with the standard library's ElementTree: the feed is small and its shape fixed.
Nothing in it comes from the clock. An entry's id is a name-based UUID of the
organisation and the brief's slug, so it stays the same from build to build and from
one address of the site to another; ``updated`` is the brief's date, and the feed's is
the newest entry's. The same briefs give the same bytes. Each entry says what it is in
a category (the brief type, or ``briefing-book``) beside its marking's.

Links are relative to the feed, as Atom allows. With a base URL (the site's address), the
feed also says where it lives (``rel="self"``) and the links resolve against
``xml:base``, which feed readers and validators prefer.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from .. import __version__
from .listing import MEDIA_TYPES, SiteBook, SiteBrief, newest_first

ATOM = "http://www.w3.org/2005/Atom"
_XML = "{http://www.w3.org/XML/1998/namespace}"
#: Fixed once for make-brief: the namespace of every feed and entry id it makes.
ID_NAMESPACE = uuid.UUID("0d8f6e2a-3c41-5b7e-9a1d-6f2b8c4e7a15")
#: When there is no brief to take a date from.
EPOCH = "1970-01-01T00:00:00Z"
_LINK_TITLES = {"pdf": "PDF", "docx": "Word document (DOCX)"}
#: The category of a book's entry; a brief's is its type's name.
BOOK_TERM, BOOK_LABEL = "briefing-book", "Briefing book"


def entry_id(organisation: str, slug: str) -> str:
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, f'{organisation}/{slug}')}"


def feed_id(organisation: str) -> str:
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, f'{organisation}/feed')}"


def timestamp(date: str) -> str:
    return f"{date}T00:00:00Z"


def render_feed(
    briefs: Sequence[SiteBrief],
    organisation: str,
    title: str,
    base_url: str | None = None,
    books: Sequence[SiteBook] = (),
) -> bytes:
    """The feed of ``briefs`` and ``books`` as UTF-8 bytes, one list newest first (then
    by slug, a brief before a book of the same day and slug)."""
    entries: list[SiteBrief | SiteBook] = newest_first(
        [*briefs, *books], lambda e: e.date, lambda e: (e.slug, isinstance(e, SiteBook))
    )
    feed = ET.Element("feed", {"xmlns": ATOM})
    if base_url:
        feed.set(f"{_XML}base", base_url)
    _text(feed, "id", feed_id(organisation))
    _text(feed, "title", title)
    _text(feed, "updated", timestamp(entries[0].date) if entries else EPOCH)
    author = ET.SubElement(feed, "author")
    _text(author, "name", organisation or title)  # Atom wants an author's name
    generator = _text(feed, "generator", "make-brief")
    generator.set("version", __version__)
    self_href = f"{base_url}feed.xml" if base_url else "feed.xml"
    ET.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": self_href})
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": "./"})
    for entry in entries:
        feed.append(_entry(entry, organisation))
    ET.indent(feed, space="  ")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _entry(brief: SiteBrief | SiteBook, organisation: str) -> ET.Element:
    book = isinstance(brief, SiteBook)
    entry = ET.Element("entry")
    # A book's id is apart from a brief's of the same slug: its files are books/<slug>.*
    _text(entry, "id", entry_id(organisation, f"books/{brief.slug}" if book else brief.slug))
    _text(entry, "title", brief.title, lang=brief.language)
    _text(entry, "updated", timestamp(brief.date))
    _text(entry, "published", timestamp(brief.date))
    for name, file in brief.files.items():
        ET.SubElement(
            entry,
            "link",
            {
                "rel": "alternate",
                "type": MEDIA_TYPES[name],
                "href": file.href,
                "hreflang": brief.language,
                "title": _LINK_TITLES.get(name, name.upper()),
                "length": str(file.bytes),
            },
        )
    ET.SubElement(entry, "category", {"term": brief.marking, "label": f"Marking: {brief.marking}"})
    if isinstance(brief, SiteBook):
        ET.SubElement(entry, "category", {"term": BOOK_TERM, "label": BOOK_LABEL})
        _text(entry, "summary", _book_summary(brief))  # the site's words, the parts' titles
        return entry
    ET.SubElement(entry, "category", {"term": brief.type, "label": brief.type_label})
    if brief.summary:
        _text(entry, "summary", brief.summary, lang=brief.language)
    return entry


def _book_summary(book: SiteBook) -> str:
    """What a book binds, in order: the titles of its parts."""
    titles = "; ".join(part.title for part in book.parts)
    count = len(book.parts)
    return f"{BOOK_LABEL} of {count} brief{'s' if count != 1 else ''}: {titles}"


def _text(parent: ET.Element, tag: str, text: str, lang: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    if lang:
        element.set(f"{_XML}lang", lang)
    return element
