"""Write a site folder: the files, the thumbnails, the page, the feed, the manifest last.

Every file is written to a temporary name and moved into place, and a file whose bytes
have not changed is left alone, so a nightly publish into the same folder touches only
what changed. ``manifest.json`` comes last: a manifest never lists a file that is not
complete. Files that the previous manifest listed and this one does not (a brief taken
out of the site) are removed after it; nothing else in the folder is ever touched.

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
from .listing import SITE_FORMATS, THUMBNAILS, SiteBrief, SiteFile, newest_first, safe_name
from .merge import Listed

INDEX = "index.html"
FEED = "feed.xml"
SITE_TITLE = "Briefing notes"


@dataclass
class SiteSummary:
    """What a publication wrote: the site folder, its briefs and the files it removed."""

    site: Path
    briefs: list[SiteBrief] = field(default_factory=list)
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
) -> SiteSummary:
    """Publish the briefs of ``listed`` into ``site``; refuses before writing anything
    when a brief's marking is not in ``config.publish_allowed``."""
    check_ceiling([item.entry for item in listed], config.publish_allowed, names)
    base_url = _normalise_base_url(base_url)
    ordered = newest_first(list(listed), lambda i: i.entry["date"], lambda i: i.slug)
    summary = SiteSummary(site)
    with output_lock(site):
        remove_temporaries(site)
        remove_temporaries(site / THUMBNAILS)
        previous = _previous_files(site)
        summary.briefs = [_publish_brief(item, site, summary) for item in ordered]

        from .feed import render_feed
        from .page import render_index

        organisation = config.organisation or ""
        title = f"{SITE_TITLE} · {organisation}" if organisation else SITE_TITLE
        feed = render_feed(summary.briefs, organisation, title, base_url)
        _put(site, INDEX, render_index(summary.briefs, organisation, SITE_TITLE), summary)
        _put(site, FEED, feed, summary)
        _put(site, MANIFEST_NAME, _manifest(summary.briefs, organisation), summary)

        current = {*summary.written, *summary.unchanged}
        for name in sorted(previous - current):
            (site / name).unlink(missing_ok=True)
            summary.removed.append(name)
    return summary


def _publish_brief(item: Listed, site: Path, summary: SiteSummary) -> SiteBrief:
    from .thumbnails import first_page_png

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
    thumbnail = None
    if pdf is not None:
        try:
            picture = first_page_png(pdf)
        except RenderError as exc:
            raise RenderError(f"{item.folder / files['pdf'].name}: {exc}") from None
        thumbnail = _put(site, f"{THUMBNAILS}/{slug}.png", picture.png, summary)
        thumbnail = SiteFile(
            thumbnail.name, thumbnail.sha256, thumbnail.bytes, picture.width, picture.height
        )
    return SiteBrief.from_entry(item.entry, files, thumbnail)


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


def _manifest(briefs: Sequence[SiteBrief], organisation: str) -> bytes:
    data = {
        "generator": "make-brief",
        "format": 1,
        "kind": "site",
        "organisation": organisation,
        "index": INDEX,
        "feed": FEED,
        "briefs": [brief.manifest() for brief in briefs],
    }
    return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode()


def _previous_files(site: Path) -> set[str]:
    """The brief files the site's current manifest lists: the only ones we may remove."""
    try:
        data = json.loads((site / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(data, dict) or data.get("kind") != "site":
        return set()
    found: set[str] = set()
    for brief in data.get("briefs") or []:
        if not isinstance(brief, dict):
            continue
        entries = [*(brief.get("formats") or {}).values(), brief.get("thumbnail")]
        for entry in entries:
            name = entry.get("file") if isinstance(entry, dict) else None
            if isinstance(name, str) and _ours(name):
                found.add(name)
    return found


def _ours(name: str) -> bool:
    """A name the site itself writes: a plain name, or one in ``thumbnails/``."""
    parts = PurePosixPath(name).parts
    if len(parts) == 2 and parts[0] == THUMBNAILS:
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
