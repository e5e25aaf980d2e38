"""Output formats, one small writer each, registered by name.

A writer turns the rendered HTML of one brief into the bytes of one output file. The
registry feeds the command line's ``--format`` choices, so a new format is one class.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True)
class RenderJob:
    """What a writer needs besides the HTML: where assets may come from, and names."""

    html: str
    source: Path  # the content file, for messages
    base_url: str  # where relative asset URLs in the HTML resolve
    asset_roots: tuple[Path, ...]  # the only folders assets may be read from
    extra_files: tuple[Path, ...] = ()  # single files allowed besides (the config's logo)
    reference_docx: Path | None = None  # an organisation's own Word styles (make-brief.toml)


class Writer(Protocol):
    name: str
    suffix: str

    def render(self, job: RenderJob) -> bytes: ...


class HtmlWriter:
    """The intermediate HTML itself: for previews, golden tests and the web."""

    name = "html"
    suffix = ".html"

    def render(self, job: RenderJob) -> bytes:
        return job.html.encode("utf-8")


def writers() -> dict[str, Writer]:
    """Every format by name, in the order they are built. Imports stay lazy: WeasyPrint
    costs most of a second to import, which ``check`` and ``html`` never need."""
    from .docx import DocxWriter
    from .pdf import PdfWriter

    return {"pdf": PdfWriter(), "docx": DocxWriter(), "html": HtmlWriter()}


FORMATS = ("pdf", "docx", "html")
