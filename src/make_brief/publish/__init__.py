"""Publishing: built briefs become a static site that people read and feeds follow.

A site folder holds a copy of every brief's PDF and DOCX, a PNG of each first page,
``index.html`` (newest first, no JavaScript), an Atom ``feed.xml`` and ``manifest.json``,
and in ``books/`` the briefing books the build bound (a shard binds none: a book needs
every part, so books reach a site from an unsharded build).
It is made from build folders, never from content directly: from the one this machine
just built (:func:`publish`) or from the folders of several machines, one shard each
(:func:`publish_merged`). Both go through :func:`~.site.write_site`, so a site merged
from shards is the same, byte for byte, as one built on a single machine.

Heavy imports (Jinja, pypdfium2) wait until a site is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..build.plan import Plan
from ..build.results import BriefResult
from ..content.config import Config
from .ceiling import MarkingRefused, check_ceiling
from .merge import Listed, merge_builds, read_build
from .site import SiteSummary, write_site

if TYPE_CHECKING:
    from ..book.results import BookResult

__all__ = [
    "Listed",
    "MarkingRefused",
    "SiteSummary",
    "check_ceiling",
    "merge_builds",
    "publish",
    "publish_merged",
    "read_build",
    "write_site",
]


def publish(
    plan: Plan,
    site: Path,
    config: Config,
    *,
    out: Path = Path("build"),
    formats: Sequence[str] | None = None,
    jobs: int = 1,
    force: bool = False,
    base_url: str | None = None,
    books: Sequence[Path] = (),
    on_result: Callable[[BriefResult], None] = lambda result: None,
    on_built: Callable[[list[BriefResult]], None] = lambda results: None,
    on_books: Callable[[list[BookResult]], None] = lambda results: None,
) -> tuple[list[BriefResult], SiteSummary]:
    """Build the briefs of ``plan`` into ``out`` (incrementally, as ``make-brief build`` does),
    bind ``books`` (book files) into ``out/books/``, then write the site of every brief
    and book that built. What failed is left off the site; the caller decides the exit
    status from the results. ``on_built`` and ``on_books`` hear of the build before the
    site is written (or refused)."""
    from ..book import bind_books
    from ..build import build
    from ..render.formats import DEFAULT_NAMES

    _refuse_same_folder(site, [out])
    formats = formats or DEFAULT_NAMES
    results = build(plan, out, formats, config, jobs=jobs, force=force, on_result=on_result)
    on_built(results)
    if books:
        on_books(bind_books(books, out, formats, config, force))
    sources = {r.source.stem: str(r.source) for r in results if r.ok}
    listed = read_build(out)
    book_names = {path.stem: str(path) for path in books}
    summary = write_site(
        listed, site, config, base_url=base_url, names=sources, book_names=book_names
    )
    return results, summary


def publish_merged(
    folders: Sequence[Path], site: Path, config: Config, *, base_url: str | None = None
) -> SiteSummary:
    """Join the build folders of several shards into one site."""
    _refuse_same_folder(site, folders)
    return write_site(merge_builds(folders), site, config, base_url=base_url)


def _refuse_same_folder(site: Path, folders: Sequence[Path]) -> None:
    from ..errors import UsageError

    for folder in folders:
        if site.resolve() == folder.resolve():
            raise UsageError(
                f"the site folder {site} is also a build folder; give the site its own folder"
            )
