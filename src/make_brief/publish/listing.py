"""What the site says of each brief: one record shared by the page, the feed and the
site's manifest, so the three never disagree.

Files sit at the top of the site under their build names (``<slug>.pdf``,
``<slug>.docx``), so a brief's address is short and stays the same from build to build;
thumbnails go in ``thumbnails/``. Every link is relative: the site works from any address,
from a file:// URL and from a copy on a USB stick.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from ..content.context import text_direction
from ..errors import UsageError
from ..render.formats import BY_NAME, PUBLISHED_NAMES

THUMBNAILS = "thumbnails"
#: The folder of the site (as of the build) that holds the books: ``books/<slug>.pdf``,
#: so that a book and a brief of the same slug never write the same file.
BOOKS = "books"
#: The formats a site carries, in the order the page offers them: the registry's own.
SITE_FORMATS = PUBLISHED_NAMES
MEDIA_TYPES = {name: f.media_type for name, f in BY_NAME.items()} | {"png": "image/png"}
#: The formats a book is bound in, in the order the page offers them.
BOOK_FORMATS = tuple(name for name in SITE_FORMATS if name in ("pdf", "docx"))
#: The site's own words for each brief type: the page is in English, whatever the
#: language of each brief (the brief's own words are the brief's; these are the site's).
TYPE_LABELS = {
    "briefing-note": "Briefing note",
    "talking-points": "Talking points",
    "meeting-report": "Meeting report",
}
#: The same, for many of them: the choices of the page's filter.
TYPE_PLURALS = {
    "briefing-note": "Briefing notes",
    "talking-points": "Talking points",
    "meeting-report": "Meeting reports",
}
#: A manifest written before briefs had types lists none: they were all briefing notes.
DEFAULT_TYPE = "briefing-note"


def type_label(brief_type: str) -> str:
    """A brief type as the site names it; a type this make-brief does not know (from a
    newer manifest) by its own name, made readable."""
    return TYPE_LABELS.get(brief_type) or brief_type.replace("-", " ").capitalize()


@dataclass(frozen=True)
class SiteFile:
    """One file of the site: its path inside the site (``/``-separated) and its digest."""

    name: str
    sha256: str
    bytes: int
    width: int = 0  # images only, in CSS pixels
    height: int = 0

    @property
    def href(self) -> str:
        return quote(self.name)

    @property
    def size_text(self) -> str:
        if self.bytes >= 1_000_000:
            return f"{self.bytes / 1_000_000:.1f} MB"
        return f"{max(1, round(self.bytes / 1000))} kB"

    def manifest(self) -> dict[str, Any]:
        data: dict[str, Any] = {"file": self.name, "sha256": self.sha256, "bytes": self.bytes}
        if self.width:
            data.update(width=self.width, height=self.height)
        return data


@dataclass(frozen=True)
class SiteBrief:
    """A brief as published: the facts from its build manifest and its files on the site."""

    slug: str
    type: str  # the brief type's name (briefing-note ...)
    title: str
    subtitle: str | None
    date: str  # ISO 8601, for sorting, <time datetime> and the feed
    date_text: str  # as the brief prints it, in its language
    marking: str
    reference: str | None
    language: str
    summary: str
    pages: int | None
    files: dict[str, SiteFile]  # format -> file, for the formats the brief was built in
    thumbnail: SiteFile | None

    @property
    def direction(self) -> str:
        return text_direction(self.language)

    @property
    def type_label(self) -> str:
        return type_label(self.type)

    @property
    def main_file(self) -> SiteFile | None:
        """What the title links to: the PDF, or the DOCX when no PDF was built."""
        return next((self.files[f] for f in SITE_FORMATS if f in self.files), None)

    @classmethod
    def from_entry(
        cls, entry: dict[str, Any], files: dict[str, SiteFile], thumbnail: SiteFile | None
    ) -> SiteBrief:
        return cls(
            slug=entry["slug"],
            type=entry.get("type") or DEFAULT_TYPE,
            title=entry["title"],
            subtitle=entry.get("subtitle") or None,
            date=entry["date"],
            date_text=entry["date_text"],
            marking=entry["classification"],
            reference=entry.get("reference") or None,
            language=entry.get("language") or "en",
            summary=entry.get("summary") or "",
            pages=entry.get("pages"),
            files=files,
            thumbnail=thumbnail,
        )

    def manifest(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "type": self.type,
            "title": self.title,
            "subtitle": self.subtitle,
            "date": self.date,
            "date_text": self.date_text,
            "marking": self.marking,
            "reference": self.reference,
            "language": self.language,
            "summary": self.summary,
            "pages": self.pages,
            "formats": {name: f.manifest() for name, f in self.files.items()},
            "thumbnail": self.thumbnail.manifest() if self.thumbnail else None,
        }


@dataclass(frozen=True)
class SitePart:
    """One brief of a book, as the book's entry on the site lists it."""

    slug: str
    title: str
    type: str
    marking: str
    page: int | None  # where it starts in the book's PDF
    file: SiteFile | None  # the brief's own main file, when the site carries it

    @property
    def type_label(self) -> str:
        return type_label(self.type)

    def manifest(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "title": self.title,
            "type": self.type,
            "marking": self.marking,
            "page": self.page,
        }


@dataclass(frozen=True)
class SiteBook:
    """A briefing book as published: the facts from the build manifest's ``books`` and
    its files on the site (``books/<slug>.pdf`` ...)."""

    slug: str
    title: str
    date: str  # ISO 8601
    date_text: str  # as the book's language writes it
    marking: str  # the book's: the highest of its parts, or its own
    language: str
    pages: int | None
    parts: tuple[SitePart, ...]
    files: dict[str, SiteFile]
    thumbnail: SiteFile | None  # its cover

    @property
    def direction(self) -> str:
        return text_direction(self.language)

    @property
    def main_file(self) -> SiteFile | None:
        return next((self.files[f] for f in BOOK_FORMATS if f in self.files), None)

    @classmethod
    def from_entry(
        cls,
        entry: dict[str, Any],
        files: dict[str, SiteFile],
        thumbnail: SiteFile | None,
        brief_files: dict[str, SiteFile],
    ) -> SiteBook:
        """``brief_files``: slug -> main file of every brief the site carries, so that a
        part links to its brief when the brief is published too."""
        from datetime import date

        from ..content.dates import long_date

        language = entry.get("language") or "en"
        parts = tuple(
            SitePart(
                slug=part["slug"],
                title=part["title"],
                type=part.get("type") or DEFAULT_TYPE,
                marking=part.get("classification") or "",
                page=part.get("page"),
                file=brief_files.get(part["slug"]),
            )
            for part in entry["parts"]
        )
        return cls(
            slug=entry["slug"],
            title=entry["title"],
            date=entry["date"],
            date_text=long_date(date.fromisoformat(entry["date"]), language),
            marking=entry["classification"],
            language=language,
            pages=entry.get("pages"),
            parts=parts,
            files=files,
            thumbnail=thumbnail,
        )

    def manifest(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "title": self.title,
            "date": self.date,
            "date_text": self.date_text,
            "marking": self.marking,
            "language": self.language,
            "pages": self.pages,
            "parts": [part.manifest() for part in self.parts],
            "formats": {name: f.manifest() for name, f in self.files.items()},
            "thumbnail": self.thumbnail.manifest() if self.thumbnail else None,
        }


def newest_first(briefs: list[Any], date: Any, slug: Any) -> list[Any]:
    """Newest first, then by slug: the one order of the page, the feed and the manifest."""
    ordered = sorted(briefs, key=slug)
    ordered.sort(key=date, reverse=True)
    return ordered


def safe_name(name: Any, where: str) -> str:
    """A file name from a manifest, refused unless it is a plain name in its folder: a
    manifest (perhaps downloaded from another machine) must not make us read or write
    anywhere else."""
    if (
        not isinstance(name, str)
        or not name
        or name.startswith(".")
        or any(c in name for c in "/\\\0")
        or name != name.strip()
    ):
        raise UsageError(f"{where}: {name!r} is not a plain file name")
    return name


def book_file_name(name: Any, where: str) -> str:
    """A book's file as the build manifest names it, ``books/<name>``: its plain name,
    refused unless it is exactly that."""
    prefix = f"{BOOKS}/"
    if not isinstance(name, str) or not name.startswith(prefix):
        raise UsageError(f"{where}: {name!r} is not a file of {prefix}")
    return safe_name(name[len(prefix) :], where)
