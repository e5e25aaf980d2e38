"""Briefing books: many briefs bound behind a cover and a contents page.

A book file (``content/books/<slug>.yaml``) names its parts, briefs of the content
folder, in sections. ``make-brief book`` and ``make-brief build`` make one PDF and one
DOCX of it: every brief exactly as it prints alone, each starting on a new page, with
the book's running header, page numbers over the whole book, a contents page whose
numbers are the pages the briefs start on, bookmarks section > brief > heading, and the
right marking on every page (the cover and contents carry the highest). docs/books.md.

This room sits above ``build/``: it prepares and renders each part as a build does,
then binds them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..content.config import Config
    from .results import BookResult

#: Where ``make-brief build`` finds books: this folder of each content folder it builds.
BOOKS_FOLDER = "books"


def find_books(folder: Path) -> list[Path]:
    """The book files of a content folder (its ``books/*.yaml``), in name order."""
    books = folder / BOOKS_FOLDER
    if not books.is_dir():
        return []
    return sorted(p for p in books.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def build_books(
    books: Sequence[Path],
    out: Path,
    formats: Sequence[str],
    config: Config,
    force: bool = False,
    on_result: Callable[[BookResult], None] | None = None,
) -> list[BookResult]:
    """Build (or skip, when unchanged) each book into ``out``; then the book cache and
    the ``books`` of ``out/manifest.json``. A failed book writes nothing and the others
    are still built."""
    from ..build.files import remove_temporaries
    from .cache import BookCache
    from .manifest import write_books
    from .run import BOOK_FORMATS, build_book

    wanted = [f for f in formats if f in BOOK_FORMATS]
    remove_temporaries(out)
    cache = BookCache(out)
    results = []
    for path in books:
        results.append(build_book(path, out, wanted, config, cache, force))
        if on_result is not None:
            on_result(results[-1])
    if any(r.record is not None for r in results):
        out.mkdir(parents=True, exist_ok=True)
        cache.save()
        write_books(out, [r.record for r in results if r.record is not None])
    return results


def bind_books(
    books: Sequence[Path], out: Path, formats: Sequence[str], config: Config, force: bool
) -> list[BookResult]:
    """Bind ``books`` into ``out/books/`` and list them in ``out/manifest.json``, after a
    build of the briefs wrote it (``make-brief build`` and ``make-brief publish`` alike).
    They are bound even when a brief failed: a book whose parts all built must not be
    lost because another brief broke (a book with a broken part fails on its own)."""
    from .manifest import write_books

    results = build_books(books, out / BOOKS_FOLDER, formats, config, force)
    # The build wrote the manifest without books: those of this run are all it lists.
    write_books(out, [r.record.in_folder(BOOKS_FOLDER) for r in results if r.record])
    return results
