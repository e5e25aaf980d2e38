"""DOCX through python-docx, written from the same HTML that WeasyPrint prints.

A template author writes the structure once; the PDF and the Word file cannot drift
apart because both come from one rendered HTML. The writer understands a documented
subset of that HTML (docs/template-authors.md) and maps each element and class onto a
named Word style (for a class, the one the template set's word-styles.yaml declares),
so a Word user edits a real document: headings, lists with numbering, tables,
hyperlinks, page numbers that Word computes. Anything outside the subset is an error
that names it: a template author learns at once, instead of finding later that the Word
file silently lost something the PDF shows.
"""

from __future__ import annotations

from pathlib import Path

from ..job import Rendered, RenderJob


def _write(job: RenderJob, reference: Path | None, *, content: bool) -> bytes:
    """The brief's page, styled from the theme; with ``content``, its body as well."""
    # python-docx and tinycss2 load only when a DOCX is written: a PDF or HTML build
    # never needs them.
    from .base import styled_document
    from .package import properties, save, source_properties
    from .page import frame, page_setup, read_page
    from .styles import set_language, word_language
    from .walk import Builder

    page = read_page(job.html)
    start = styled_document(tuple(job.asset_roots), reference)
    document = start.document
    if start.generated:
        page_setup(document.sections[0], start.theme, page.rtl)
    set_language(document, word_language(page.language), page.rtl)
    if content:
        Builder(
            document, job, page, start.theme, start.numbering, start.styles, start.roles
        ).build()
    frame(document, page, start.frame)
    _fit(document, job.fit)
    properties(document, page)
    if content:
        source_properties(document, job.source_name or job.source.name, job.source_bytes)
    return save(document, page)


def _fit(document: object, number: int) -> None:
    """The fit level the PDF chose to keep the page budget (render/fit.py), if any."""
    from .. import fit

    level = fit.level(number)
    if level is not None:
        from .fit import apply

        apply(document, level)


def reference_document(job: RenderJob) -> bytes:
    """The reference document generated from the theme: every style the writer uses,
    no content. An organisation can start its own reference .docx from it in Word."""
    return _write(job, None, content=False)


class DocxWriter:
    def render(self, job: RenderJob) -> Rendered:
        return Rendered(_write(job, job.reference_docx, content=True))

    def warm(self) -> None:
        # python-docx and lxml, and the modules that walk the HTML into Word.
        from . import base, package, page, styles, walk  # noqa: F401
