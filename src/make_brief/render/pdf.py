"""PDF through WeasyPrint, confined to the template set's own files.

Two promises are kept here. Nothing outside the template folders (and the configured logo)
is ever read, and no connection is ever opened: the URL fetcher below refuses everything
else. And a brief never comes out subtly wrong: anything WeasyPrint warns about (a missing
font file, a refused URL, CSS it does not understand) fails that brief with the message.
"""

from __future__ import annotations

import logging
import mimetypes
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from ..errors import RenderError
from . import RenderJob

#: Largest asset (font, image, stylesheet) a template may load.
MAX_ASSET_BYTES = 20 * 1024 * 1024
#: Longest brief printed. A briefing note is one to three pages; forty is a mistake.
MAX_PAGES = 40


class AssetRefused(ValueError):
    """An asset outside what a template may read; WeasyPrint turns it into a warning."""


def confined_fetcher(job: RenderJob) -> Any:
    """A WeasyPrint URL fetcher that reads only the job's template folders."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    roots = [r.resolve() for r in job.asset_roots]
    extra = {f.resolve() for f in job.extra_files}

    class ConfinedFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)  # inline bytes: nothing is read
            if parts.scheme != "file":
                raise AssetRefused(
                    f"{url}: a template may load only its own files, never the network"
                )
            path = _resolve_asset(Path(url2pathname(parts.path)), roots, extra)
            if path is None:
                raise AssetRefused(
                    f"{url}: outside the template folder; templates may load only their own files"
                )
            if path.stat().st_size > MAX_ASSET_BYTES:
                raise AssetRefused(f"{url}: larger than {MAX_ASSET_BYTES // 2**20} MiB")
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": kind})

    return ConfinedFetcher(timeout=1, allowed_protocols={"file", "data"})


def _resolve_asset(requested: Path, roots: list[Path], extra: set[Path]) -> Path | None:
    """The real file behind ``requested`` if a template may read it, else None.

    Symlinks are resolved before the check, so a link pointing out of the folder is
    refused. A file missing from the project's set is taken from the built-in set at the
    same relative place: that is what "override file by file" means for assets.
    """
    try:
        real = requested.resolve(strict=False)
    except (OSError, RuntimeError):
        return None
    if real in extra and real.is_file():
        return real
    for root in roots:
        if real.is_relative_to(root) or requested.is_relative_to(root):
            relative = (real if real.is_relative_to(root) else requested).relative_to(root)
            for candidate_root in roots:
                candidate = candidate_root / relative
                if not os.path.lexists(candidate):
                    continue  # not overridden here: look in the next set
                resolved = candidate.resolve()
                if resolved.is_relative_to(candidate_root) and resolved.is_file():
                    return resolved
                return None  # a link leading out, or not a file: refused, not replaced
            return None
    return None


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _warnings_collected() -> Iterator[list[str]]:
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    old_level, old_propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False  # the warnings become our errors; do not print them twice
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        logger.propagate = old_propagate


@cache
def _font_config() -> Any:
    # One per process: WeasyPrint's font configuration is costly to build and grows
    # without bound when a new one is made per document.
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


class PdfError(RenderError):
    """WeasyPrint could not print the brief cleanly; the message says why."""


class PdfWriter:
    name = "pdf"
    suffix = ".pdf"

    def render(self, job: RenderJob) -> bytes:
        from weasyprint import HTML

        with _warnings_collected() as warnings:
            html = HTML(string=job.html, base_url=job.base_url, url_fetcher=confined_fetcher(job))
            document = html.render(font_config=_font_config(), pdf_variant="pdf/ua-1")
            if len(document.pages) > MAX_PAGES:
                raise PdfError(
                    f"runs to {len(document.pages)} pages; a brief may have at most {MAX_PAGES} "
                    "(move long material to a separate document and cite it under sources)"
                )
            # Tagged (PDF/UA-1): screen readers and reflow get the structure.
            data = document.write_pdf(pdf_variant="pdf/ua-1")
        if warnings:
            raise PdfError("; ".join(dict.fromkeys(warnings)))
        if not data:
            raise PdfError("WeasyPrint produced no PDF")
        return data
