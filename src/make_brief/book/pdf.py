"""The book as one PDF: its own pages, then every brief exactly as it prints alone.

Each brief is laid out by WeasyPrint from the HTML its own template set makes, with its
own stylesheet and the fit its page budget chose, so its pages are the pages a build of
it alone prints. The book adds only what lies in the page margins, through one more
stylesheet: the book's title as a running header, and "Page n of N" counted over the
whole book (``counter-reset: page`` on the brief's first page, and N as written text).
Margins hold no flowing text, so they never move a line: a brief is laid out once to
learn its length, the contents are numbered from those lengths, then each brief is laid
out once more with its numbers, and the pages are joined (``Document.copy``).

Bookmarks nest section > brief > heading: the briefs' own (their headings) are pushed
down two levels under one for the brief and one for its section. Each brief's anchors
are renamed apart, so that its internal links (its acronyms, say) stay inside it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ContentError, RenderError

if TYPE_CHECKING:
    from ..build.run import Renderer
    from ..content.config import Config
    from ..render.job import RenderJob
    from .front import Entry, Front
    from .load import LoadedBook, Part

VARIANT = "pdf/ua-1"  # tagged, as a brief alone
#: The contents are numbered, laid out, and numbered again while their length changes.
_CONTENTS_TRIES = 3


@dataclass(frozen=True)
class BookPdf:
    data: bytes
    pages: int
    starts: tuple[int, ...]  # the page each part starts on, 1-based, in order
    entries: tuple[Entry, ...]  # the contents, as printed
    #: Each part's job as the PDF printed it (its fit included): the DOCX follows it.
    jobs: tuple[RenderJob, ...] = ()


@dataclass
class _Laid:
    part: Part
    job: RenderJob
    fit_css: str
    pages: int = 0
    start: int = 0
    blank_before: bool = False
    document: Any = None


def book_pdf(loaded: LoadedBook, marking: str, config: Config, front: Front) -> BookPdf:
    """The whole book's bytes; RenderError (or ContentError naming a part) on failure."""
    from ..render.pdf import PdfError
    from ..render.weasy import warnings_collected

    with warnings_collected() as warnings:
        book = _assemble(loaded, marking, config, front)
    if warnings:
        raise PdfError("; ".join(dict.fromkeys(warnings)))
    return book


def _assemble(loaded: LoadedBook, marking: str, config: Config, front: Front) -> BookPdf:
    from ..build.run import Renderer, RenderSettings

    renderer = Renderer(RenderSettings(Path("."), ("pdf",), config))
    laid = [_first_layout(part, renderer, loaded) for part in loaded.parts]
    cover = _layout_front(front, front.cover(), "")
    first = len(cover.pages) + 1
    contents = _layout_front(front, front.contents(_entries(laid, front)), "")
    for _ in range(_CONTENTS_TRIES):
        total = _number(laid, len(cover.pages) + len(contents.pages), loaded)
        entries = _entries(laid, front)
        numbered = _layout_front(front, front.contents(entries), _book_css(front, first, total))
        settled = len(numbered.pages) == len(contents.pages)
        contents = numbered
        if settled:
            break
    else:  # the contents change length with their own numbers: never expected
        raise RenderError("the contents do not settle on a length; please report this")
    pages: list[Any] = [*cover.pages, *contents.pages]
    previous = marking
    for index, item in enumerate(laid):
        if item.blank_before:
            # The back of the page before: it carries that page's marking.
            css = _book_css(front, item.start - 1, total)
            pages += _layout_front(front, front.blank(previous), css).pages
        document = _layout_part(item, _book_css(front, item.start, total, item.part))
        if len(document.pages) != item.pages:  # margins moved a line: never expected
            raise RenderError(
                f"{item.part.prepared.loaded.path}: laid out in {item.pages} pages, then in "
                f"{len(document.pages)} inside the book; please report this"
            )
        _mark_out(document.pages, item, index, loaded)
        pages += document.pages
        previous = item.part.marking
    data = cover.copy(pages).write_pdf(pdf_variant=VARIANT)
    starts = tuple(i.start for i in laid)
    return BookPdf(data, len(pages), starts, tuple(entries), tuple(i.job for i in laid))


def _first_layout(part: Part, renderer: Renderer, loaded: LoadedBook) -> _Laid:
    """The part laid out as a build lays it out alone (fitted to its page budget, if it
    has one), for its length."""
    from ..render.pdf import _laid_out

    try:
        job = renderer.job(part.prepared)
        document, paging = _laid_out(job, VARIANT)
    except RenderError as exc:
        slug = part.prepared.loaded.slug
        raise ContentError(
            [loaded.problem(part.loc, f"part '{slug}' cannot be rendered: {exc}")]
        ) from None
    if paging is not None:
        job = replace(job, page_budget=None, fit=paging.level, fit_css=paging.css)
    item = _Laid(part, job, job.fit_css)
    item.pages = len(document.pages)
    return item


def _layout_part(item: _Laid, book_css: str) -> Any:
    from ..render.weasy import load_weasyprint

    load_weasyprint()
    from weasyprint import HTML

    from ..render.pdf import _render, confined_fetcher

    job = item.job
    html = HTML(string=job.html, base_url=job.base_url, url_fetcher=confined_fetcher(job))
    css = item.fit_css + book_css
    return _render(html, VARIANT, css or None)


def _layout_front(front: Front, html_text: str, css: str) -> Any:
    from ..render.weasy import load_weasyprint

    load_weasyprint()
    from weasyprint import HTML

    from ..render.job import RenderJob
    from ..render.pdf import _render, confined_fetcher
    from .front import base_url

    roots = front.template_set.asset_roots
    logo = (front.config.logo,) if front.config.logo else ()
    job = RenderJob(html_text, Path("book"), base_url(front.template_set), roots, logo)
    html = HTML(string=html_text, base_url=job.base_url, url_fetcher=confined_fetcher(job))
    return _render(html, VARIANT, css or None)


def _number(laid: list[_Laid], before: int, loaded: LoadedBook) -> int:
    """Each part's first page, after ``before`` pages; the book's length."""
    page = before + 1
    for item in laid:
        item.blank_before = loaded.book.right_hand_starts and page % 2 == 0
        page += item.blank_before
        item.start = page
        page += item.pages
    return page - 1


def _entries(laid: list[_Laid], front: Front) -> list[Entry]:
    from .front import Entry

    entries = []
    for index, item in enumerate(laid):
        prepared = item.part.prepared
        own = prepared.context["labels"].get("document_type", "")
        entries.append(
            Entry(
                section=item.part.section,
                title=item.part.title,
                type=front.type_name(prepared.loaded.brief.type, own),
                marking=item.part.marking,
                page=item.start or 999,  # before numbering: as wide as a number gets
                anchor=anchor(index),
                opens_section=item.part.section is not None
                and (index == 0 or laid[index - 1].part.loc[:2] != item.part.loc[:2]),
            )
        )
    return entries


def anchor(index: int) -> str:
    """The anchor of the ``index``-th part's first page, for the contents' links."""
    return f"book-part-{index + 1}"


def _book_css(front: Front, start: int, total: int, part: Part | None = None) -> str:
    """The margins the book adds: its title, and the page number counted over the book,
    in the words of the page's own language."""
    from ..render.templating import css_string

    labels = part.prepared.context["labels"] if part is not None else front.labels
    words = labels.get("page_x_of_y") or front.labels["page_x_of_y"]
    number = " ".join(
        "counter(page)" if bit == "{page}" else css_string(str(total) if bit == "{pages}" else bit)
        for bit in _split(words)
    )
    title = css_string(front.base["book"].title)
    return (
        f"@page :first {{ counter-reset: page {start}; }}\n"
        "@page {\n"
        f"  @top-left {{ content: {title} !important; font: 8pt/1 var(--font); color: var(--muted);"
        " vertical-align: bottom; padding-bottom: 5mm; width: 60mm; }\n"
        f"  @bottom-right {{ content: {number} !important; }}\n"
        "}\n"
    )


def _split(label: str) -> list[str]:
    import re

    return [bit for bit in re.split(r"(\{page\}|\{pages\})", label) if bit]


def _mark_out(pages: list[Any], item: _Laid, index: int, loaded: LoadedBook) -> None:
    """Bookmarks section > brief > heading, and the part's anchors renamed apart."""
    prefix = f"book-{index + 1}-"
    sections = loaded.book.sections is not None
    shift = 2 if sections else 1
    title = item.part.title
    for number, page in enumerate(pages):
        marks = [(level + shift, label, at, state) for level, label, at, state in page.bookmarks]
        page.anchors = {prefix + name: at for name, at in page.anchors.items()}
        page.links = [
            (kind, prefix + target if kind == "internal" else target, rect, box)
            for kind, target, rect, box in page.links
        ]
        if number == 0:
            at: tuple[float, float] = (0.0, 0.0)
            if marks and marks[0][1] == title:  # the brief's own title: it becomes the brief's
                at = marks.pop(0)[2]
            page.anchors[anchor(index)] = (0.0, 0.0, 0.0, 0.0)
            head = [(shift, title, at, "open")]
            if sections and _first_of_section(loaded, index):
                head.insert(0, (1, item.part.section, (0.0, 0.0), "open"))
            marks = head + marks
        page.bookmarks = marks


def _first_of_section(loaded: LoadedBook, index: int) -> bool:
    parts = loaded.parts
    return index == 0 or parts[index - 1].loc[:2] != parts[index].loc[:2]
