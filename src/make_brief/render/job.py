"""What every writer receives, and what it gives back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .budget import Paging


@dataclass(frozen=True)
class RenderJob:
    """What a writer needs besides the HTML: where assets may come from, and names."""

    html: str
    source: Path  # the content file, for messages and for formats that embed it
    base_url: str  # where relative asset URLs in the HTML resolve
    asset_roots: tuple[Path, ...]  # the only folders assets may be read from
    extra_files: tuple[Path, ...] = ()  # single files allowed besides (the config's logo)
    reference_docx: Path | None = None  # an organisation's own Word styles (make-brief.toml)
    source_bytes: bytes | None = None  # the content file as it was validated
    #: The content file as the project names it: relative to make-brief.toml's folder
    #: (else its file name), however the build was given it, so the bytes are the same.
    source_name: str = ""
    timestamp: str = ""  # the outputs' creation date, ISO 8601 in UTC (same input, same bytes)
    #: Pages the brief may take before its back matter; None: no budget. A writer that
    #: lays out pages (the PDF) fits the brief to it and says how in ``Rendered.paging``.
    page_budget: int | None = None
    fit: int = 0  # the fit level chosen (render/fit.py), for the writers that follow
    fit_css: str = ""  # and its stylesheet, as the PDF measured it for this template


@dataclass(frozen=True)
class Rendered:
    """One output file's bytes, with the facts about it that only its writer knows."""

    data: bytes
    pages: int | None = None  # laid-out pages, for formats that have pages
    paging: Paging | None = None  # what the page budget made of it, when there is one


class Writer(Protocol):
    """Turns one brief's HTML into the bytes of one output format."""

    def render(self, job: RenderJob) -> Rendered: ...

    def warm(self) -> None:
        """Load now what the first ``render`` would load (its engine, fonts): a process
        that has time to spare before its first job (build/engine.py) calls it."""
