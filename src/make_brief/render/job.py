"""What every writer receives, and what it gives back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


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
    timestamp: str = ""  # the outputs' creation date, ISO 8601 in UTC (same input, same bytes)


@dataclass(frozen=True)
class Rendered:
    """One output file's bytes, with the facts about it that only its writer knows."""

    data: bytes
    pages: int | None = None  # laid-out pages, for formats that have pages


class Writer(Protocol):
    """Turns one brief's HTML into the bytes of one output format."""

    def render(self, job: RenderJob) -> Rendered: ...
