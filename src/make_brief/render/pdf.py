"""PDF through WeasyPrint, confined to the template set's own files.

Two promises are kept here. Nothing outside the template folders (and the configured logo)
is ever read, and no connection is ever opened: the URL fetcher below refuses everything
else. And a brief never comes out subtly wrong: anything WeasyPrint warns about (a missing
font file, a refused URL, CSS it does not understand) fails that brief with the message.
"""

from __future__ import annotations

import atexit
import logging
import mimetypes
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from ..errors import RenderError
from . import budget, fit
from .assets import MAX_ASSET_BYTES, job_asset
from .budget import Paging
from .job import Rendered, RenderJob
from .reused_css import reusing_stylesheets
from .weasy import load_weasyprint, warnings_collected

#: Longest brief printed. A briefing note is one to three pages; forty is a mistake.
MAX_PAGES = 40


class AssetRefused(ValueError):
    """An asset outside what a template may read; WeasyPrint turns it into a warning."""


def confined_fetcher(job: RenderJob) -> Any:
    """A WeasyPrint URL fetcher that reads only the job's template folders."""
    load_weasyprint()
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class ConfinedFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)  # inline bytes: nothing is read
            if parts.scheme != "file":
                raise AssetRefused(
                    f"{url}: a template may load only its own files, never the network"
                )
            path = job_asset(job, Path(url2pathname(parts.path)))
            if path is None:
                raise AssetRefused(
                    f"{url}: outside the template folder; templates may load only their own files"
                )
            if path.stat().st_size > MAX_ASSET_BYTES:
                raise AssetRefused(f"{url}: larger than {MAX_ASSET_BYTES // 2**20} MiB")
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(path.as_uri(), path.read_bytes(), _content_type(kind))

    return ConfinedFetcher(timeout=1, allowed_protocols={"file", "data"})


def _content_type(kind: str) -> Any:
    """The one header a template file's response carries, as WeasyPrint reads it
    (``get_content_type``, ``get_param('charset')``: the same values either way).

    Given a dict, WeasyPrint copies it into an ``EmailMessage`` of the default policy,
    which imports ``email.policy`` and parses each header through the e-mail header
    registry: 50-140 ms of a cold build on this project's machine, for eight files (a
    stylesheet, the theme it imports, six font files). An ``EmailMessage`` of the
    ``compat32`` policy holds the header as given.
    """
    from email._policybase import compat32
    from email.message import EmailMessage

    headers = EmailMessage(policy=compat32)
    headers["Content-Type"] = kind
    return headers


@cache
def _font_config() -> Any:
    # One per process: WeasyPrint's font configuration is costly to build and grows
    # without bound when a new one is made per document.
    load_weasyprint()
    from weasyprint.text.fonts import FontConfiguration

    config = FontConfiguration()
    _remove_font_folder_at_exit(config)
    return config


def _remove_font_folder_at_exit(config: Any) -> None:
    """Remove the folder WeasyPrint copies @font-face fonts into when this process ends.

    Only ``FontConfiguration.__del__`` removes it, and that never runs in a pool worker
    (workers leave by ``os._exit``) and fails at interpreter shutdown (its ``rmtree`` is
    gone by then): every build left a few MiB in the temporary folder; hundreds had piled
    up on a development machine. multiprocessing's exit finalizers run both in the main
    process (at exit) and in a worker process (when it stops), and only in the process
    that registered them. A process that has not loaded multiprocessing (a build of one
    brief, ``--jobs 1``) does not load it for this: ``atexit`` does the same there, in
    this process only (a process forked from it later leaves the folder alone).
    """

    def remove() -> None:
        folder = getattr(config, "_folder", None)  # WeasyPrint's own attribute
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
            config._folder = None  # nothing left for __del__ to do

    if "multiprocessing" in sys.modules:
        from multiprocessing.util import Finalize

        Finalize(None, remove, exitpriority=10)
        return
    owner = os.getpid()
    atexit.register(lambda: remove() if os.getpid() == owner else None)


class _TooManyPages(BaseException):  # noqa: N818 - an interruption, like BriefTimeout
    """Raised from inside WeasyPrint's layout; a BaseException, so that WeasyPrint's own
    ``except Exception`` blocks let it through."""


class _PageCounter(logging.Handler):
    def __init__(self, limit: int) -> None:
        super().__init__(logging.INFO)
        self.limit = limit

    def emit(self, record: logging.LogRecord) -> None:
        if record.msg == _PAGE_MESSAGE and record.args and record.args[0] > self.limit:
            raise _TooManyPages


#: What WeasyPrint's progress log says as it lays out each page (layout/page.py).
_PAGE_MESSAGE = "Step 5 - Creating layout - Page %d"


@contextmanager
def _page_limit(limit: int) -> Iterator[None]:
    """Stop WeasyPrint's layout as soon as it starts page ``limit + 1``.

    Counting pages after layout let a 366 KB brief lay out 268 pages (2.5 GB, two
    minutes) before it was refused. WeasyPrint logs each page it lays out to its progress
    logger; that is the one hook it offers into its layout loop.
    """
    logger = logging.getLogger("weasyprint.progress")
    handler = _PageCounter(limit)
    old_level, old_propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        logger.propagate = old_propagate


class PdfError(RenderError):
    """WeasyPrint could not print the brief cleanly; the message says why."""


def print_pdf(job: RenderJob, variant: str, **options: Any) -> Rendered:
    """The job's HTML printed by WeasyPrint as PDF ``variant``, warnings made errors.

    With a ``job.page_budget``, the brief is fitted to it if it can be (render/fit.py)
    and ``Rendered.paging`` says how; with ``job.fit_css``, that fit is printed.
    ``options`` go to ``write_pdf`` (attachments, for instance).
    """
    with warnings_collected() as warnings:
        document, paging = _laid_out(job, variant)
        data = document.write_pdf(pdf_variant=variant, **options)
    if warnings:
        raise PdfError("; ".join(dict.fromkeys(warnings)))
    if not data:
        raise PdfError("WeasyPrint produced no PDF")
    # WeasyPrint knows how many pages it laid out; parsing the PDF again to count them
    # cost a third of a batch build.
    return Rendered(data, pages=len(document.pages), paging=paging)


def paging_of(job: RenderJob) -> Paging | None:
    """The budget's verdict without a PDF: for a build that writes only other formats,
    which still need the fit level the PDF would have had."""
    if job.page_budget is None:
        return None
    with warnings_collected() as warnings:
        _, paging = _laid_out(job, "pdf/ua-1")
    if warnings:
        raise PdfError("; ".join(dict.fromkeys(warnings)))
    return paging


def _laid_out(job: RenderJob, variant: str) -> tuple[Any, Paging | None]:
    """The laid-out document to print, and the budget's verdict on it.

    A brief without a budget, or within it, is laid out once, exactly as before there
    were budgets (same bytes). Only one over budget is laid out again, once per fit level
    within reach (render/fit.py), the gentlest first; the first that fits is printed.
    If none does, the brief is printed as its template lays it out, and measured so.
    """
    load_weasyprint()
    from weasyprint import HTML

    html = HTML(string=job.html, base_url=job.base_url, url_fetcher=confined_fetcher(job))
    if job.fit_css:  # the fit chosen by the PDF, for the PDF/A that follows it
        return _render(html, variant, job.fit_css), None
    document = _render(html, variant, None)
    if job.page_budget is None:
        return document, None
    base = budget.measure(document)
    if base.counted <= job.page_budget:
        return document, Paging(job.page_budget, 0, base)
    tried: set[str] = set()
    for lv in fit.candidates(base.length, job.page_budget):
        css = fit.stylesheet(lv, base.body_pt, base.line_height)
        if css in tried:  # the template's type is already that small: nothing new
            continue
        tried.add(css)
        fitted = _render(html, variant, css)
        measured = budget.measure(fitted)
        if measured.counted <= job.page_budget:
            words = fit.describe(lv, base.body_pt)
            return fitted, Paging(job.page_budget, lv.number, measured, css, words)
    return document, Paging(job.page_budget, 0, base)


def _render(html: Any, variant: str, css: str | None) -> Any:
    """One layout of ``html``; ``css`` is added after the template's stylesheets."""
    extra: dict[str, Any] = {}
    if css is not None:
        from weasyprint import CSS

        extra["stylesheets"] = [CSS(string=css, font_config=_font_config())]
    try:
        with _page_limit(MAX_PAGES), reusing_stylesheets():
            return html.render(font_config=_font_config(), pdf_variant=variant, **extra)
    except _TooManyPages:
        raise PdfError(
            f"runs to more than {MAX_PAGES} pages; a brief may have at most {MAX_PAGES} "
            "(move long material to a separate document and cite it under sources)"
        ) from None


def warm_engine() -> None:
    """Import WeasyPrint (Pango and its fonts, through cffi) and build the process's font
    configuration: half a second that a cold brief otherwise spends on its first PDF."""
    load_weasyprint()
    _font_config()


class PdfWriter:
    def render(self, job: RenderJob) -> Rendered:
        # Tagged (PDF/UA-1): screen readers and reflow get the structure.
        return print_pdf(job, "pdf/ua-1")

    def warm(self) -> None:
        warm_engine()
