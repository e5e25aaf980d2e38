"""Write a site folder: the files, the thumbnails, the page, the feed, the manifest last.

Every file is written to a temporary name and moved into place, and a file whose bytes
have not changed is left alone, so a nightly publish into the same folder touches only
what changed. ``manifest.json`` comes last: a manifest never lists a file that is not
complete. Files that the previous manifest listed and this one does not (a brief or a
book taken out of the site) are removed after it; nothing else in the folder is ever
touched.

Books sit in ``books/`` as in the build folder (``books/<slug>.pdf``, ``.docx`` and the
picture of the cover, ``books/<slug>.png``), so a book never takes a brief's file name.

The marking ceiling is checked before the folder is even created: a refused publication
writes nothing at all.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..build.files import remove_temporaries, write_atomically
from ..build.lock import output_lock
from ..build.manifest import MANIFEST_NAME
from ..content.config import Config
from ..errors import RenderError, UsageError
from .ceiling import check_ceiling
from .listing import (
    BOOK_FORMATS,
    BOOKS,
    SITE_FORMATS,
    THUMBNAILS,
    SiteBook,
    SiteBrief,
    SiteFile,
    book_file_name,
    newest_first,
    safe_name,
)
from .merge import Listed

INDEX = "index.html"
FEED = "feed.xml"
SITE_TITLE = "Briefing notes"


@dataclass
class SiteSummary:
    """What a publication wrote: the site folder, its briefs and books, and the files it
    removed."""

    site: Path
    briefs: list[SiteBrief] = field(default_factory=list)
    books: list[SiteBook] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # changed or new
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def write_site(
    listed: Sequence[Listed],
    site: Path,
    config: Config,
    *,
    base_url: str | None = None,
    names: Mapping[str, str] | None = None,
    book_names: Mapping[str, str] | None = None,
) -> SiteSummary:
    """Publish the briefs and books of ``listed`` into ``site``; refuses before writing
    anything when a brief's or a book's marking is not in ``config.publish_allowed``.
    ``names`` and ``book_names``: slug -> the file each came from, for messages."""
    briefs = [item for item in listed if item.kind == "brief"]
    books = [item for item in listed if item.kind == "book"]
    check_ceiling(
        [item.entry for item in briefs],
        config.publish_allowed,
        names,
        books=[item.entry for item in books],
        book_names=book_names,
    )
    base_url = _normalise_base_url(base_url)
    summary = SiteSummary(site)
    with output_lock(site):
        for folder in (site, site / THUMBNAILS, site / BOOKS):
            remove_temporaries(folder)
        previous = _previous_files(site)
        for item in _newest_first(briefs):
            summary.briefs.append(_publish_brief(item, site, summary))
        mains = {b.slug: b.main_file for b in summary.briefs if b.main_file is not None}
        for item in _newest_first(books):
            summary.books.append(_publish_book(item, site, summary, mains))

        from .feed import render_feed
        from .page import render_index

        organisation = config.organisation or ""
        title = f"{SITE_TITLE} · {organisation}" if organisation else SITE_TITLE
        feed = render_feed(summary.briefs, organisation, title, base_url, summary.books)
        page = render_index(summary.briefs, organisation, SITE_TITLE, books=summary.books)
        _put(site, INDEX, page, summary)
        _put(site, FEED, feed, summary)
        manifest = _manifest(summary.briefs, summary.books, organisation)
        _put(site, MANIFEST_NAME, manifest, summary)

        current = {*summary.written, *summary.unchanged}
        for name in sorted(previous - current):
            (site / name).unlink(missing_ok=True)
            summary.removed.append(name)
    return summary


def _newest_first(items: list[Listed]) -> list[Listed]:
    return newest_first(items, lambda i: i.entry["date"], lambda i: i.slug)


def _publish_brief(item: Listed, site: Path, summary: SiteSummary) -> SiteBrief:

    where = f"{item.folder / MANIFEST_NAME}: {item.slug}"
    slug = safe_name(item.slug, where)
    files: dict[str, SiteFile] = {}
    pdf: bytes | None = None
    for name in SITE_FORMATS:
        listed = item.entry["formats"].get(name)
        if listed is None:
            continue
        file_name = safe_name(listed.get("file"), where)
        data = _read_checked(item.folder / file_name, listed.get("sha256"), item.folder)
        files[name] = _put(site, file_name, data, summary)
        if name == "pdf":
            pdf = data
    if not files:
        raise UsageError(f"{where}: was built without a PDF or a DOCX; nothing to publish")
    thumbnail = _picture(pdf, f"{THUMBNAILS}/{slug}.png", item, files, site, summary)
    return SiteBrief.from_entry(item.entry, files, thumbnail)


def _publish_book(
    item: Listed, site: Path, summary: SiteSummary, mains: dict[str, SiteFile]
) -> SiteBook:
    """A book's files copied into ``books/``, with a picture of its cover."""

    where = f"{item.folder / MANIFEST_NAME}: book {item.slug}"
    slug = safe_name(item.slug, where)
    files: dict[str, SiteFile] = {}
    pdf: bytes | None = None
    for name in BOOK_FORMATS:
        listed = item.entry["formats"].get(name)
        if listed is None:
            continue
        file_name = book_file_name(listed.get("file"), where)
        data = _read_checked(item.folder / BOOKS / file_name, listed.get("sha256"), item.folder)
        files[name] = _put(site, f"{BOOKS}/{file_name}", data, summary)
        if name == "pdf":
            pdf = data
    if not files:
        raise UsageError(f"{where}: was bound without a PDF or a DOCX; nothing to publish")
    thumbnail = _picture(pdf, f"{BOOKS}/{slug}.png", item, files, site, summary)
    return SiteBook.from_entry(item.entry, files, thumbnail, mains)


def _picture(
    pdf: bytes | None,
    name: str,
    item: Listed,
    files: dict[str, SiteFile],
    site: Path,
    summary: SiteSummary,
) -> SiteFile | None:
    """The first page of ``pdf`` as a PNG at ``name`` in the site, with its size; None
    without a PDF."""
    from .thumbnails import first_page_png

    if pdf is None:
        return None
    try:
        picture = first_page_png(pdf)
    except RenderError as exc:
        raise RenderError(f"{item.folder / files['pdf'].name}: {exc}") from None
    put = _put(site, name, picture.png, summary)
    return SiteFile(put.name, put.sha256, put.bytes, picture.width, picture.height)


def _read_checked(path: Path, sha256: Any, folder: Path) -> bytes:
    """A built file's bytes, refused unless they are the ones its manifest promises."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(
            f"{path}: listed in {folder / MANIFEST_NAME} but cannot be read: {exc.strerror or exc}"
        ) from None
    if hashlib.sha256(data).hexdigest() != sha256:
        raise UsageError(
            f"{path}: its bytes are not those {folder / MANIFEST_NAME} lists (sha256 differs); "
            "build that folder again"
        )
    return data


def _put(site: Path, name: str, data: bytes, summary: SiteSummary) -> SiteFile:
    """Write ``site/name`` atomically unless it already holds exactly ``data``."""
    target = site.joinpath(*PurePosixPath(name).parts)
    try:
        same = target.stat().st_size == len(data) and target.read_bytes() == data
    except OSError:
        same = False
    if same:
        summary.unchanged.append(name)
    else:
        write_atomically(target, data)
        summary.written.append(name)
    return SiteFile(name, hashlib.sha256(data).hexdigest(), len(data))


def _manifest(briefs: Sequence[SiteBrief], books: Sequence[SiteBook], organisation: str) -> bytes:
    data = {
        "generator": "make-brief",
        "format": 1,
        "kind": "site",
        "organisation": organisation,
        "index": INDEX,
        "feed": FEED,
        "briefs": [brief.manifest() for brief in briefs],
        "books": [book.manifest() for book in books],
    }
    return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode()


def _previous_files(site: Path) -> set[str]:
    """The brief and book files the site's current manifest lists: the only ones we may
    remove."""
    try:
        data = json.loads((site / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(data, dict) or data.get("kind") != "site":
        return set()
    found: set[str] = set()
    for brief in [*(data.get("briefs") or []), *(data.get("books") or [])]:
        if not isinstance(brief, dict):
            continue
        entries = [*(brief.get("formats") or {}).values(), brief.get("thumbnail")]
        for entry in entries:
            name = entry.get("file") if isinstance(entry, dict) else None
            if isinstance(name, str) and _ours(name):
                found.add(name)
    return found


def _ours(name: str) -> bool:
    """A name the site itself writes: a plain name, or one in ``thumbnails/`` or
    ``books/``."""
    parts = PurePosixPath(name).parts
    if len(parts) == 2 and parts[0] in (THUMBNAILS, BOOKS):
        parts = parts[1:]
    return len(parts) == 1 and not parts[0].startswith(".") and "\\" not in parts[0]


def _normalise_base_url(base_url: str | None) -> str | None:
    if not base_url:
        return None
    if not base_url.startswith(("https://", "http://")):
        raise UsageError(f"--base-url: '{base_url}' is not an http(s) address")
    if any(ch.isspace() or not ch.isprintable() for ch in base_url):
        # It is written into the feed and the manifest: a line break would forge lines.
        raise UsageError(f"--base-url: '{base_url}' contains spaces or control characters")
    return base_url if base_url.endswith("/") else base_url + "/"
