"""``manifest.json``: what an output folder holds, for people and for publishing.

Written last, after every brief, so a manifest never lists a file that is not complete.
It holds no build time or machine name: the same inputs give the same bytes.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .files import write_atomically

if TYPE_CHECKING:
    from .gather import Prepared

MANIFEST_NAME = "manifest.json"
_FORMAT_OF = {".pdf": "pdf", ".docx": "docx", ".html": "html"}


def brief_meta(item: Prepared, digests: dict[str, dict], pdf: bytes | None) -> dict[str, Any]:
    """The manifest entry of one rendered brief."""
    brief, context = item.loaded.brief, item.context
    return {
        "slug": item.loaded.slug,
        "title": brief.title,
        "subtitle": brief.subtitle,
        "date": brief.date.isoformat(),
        "date_text": context["date"],
        "classification": context["classification"],
        "reference": brief.reference,
        "language": context["language"],
        "summary": first_sentence(context["summary_text"]),
        "pages": count_pages(pdf) if pdf else None,
        "formats": {
            _FORMAT_OF[Path(name).suffix]: {"file": name, **digest}
            for name, digest in sorted(digests.items())
        },
    }


def first_sentence(text: str, limit: int = 300) -> str:
    match = re.match(r"(.+?[.!?؟。])(\s|$)", text)
    sentence = match.group(1) if match else text
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def count_pages(pdf: bytes) -> int:
    from .render.pdf import known_page_count

    known = known_page_count(pdf)
    if known is not None:
        return known
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def write_manifest(out: Path, entries: Iterable[dict[str, Any]]) -> Path:
    """The manifest of ``out``: every brief, newest first, then by slug."""
    briefs = sorted(entries, key=lambda e: e["slug"])
    briefs.sort(key=lambda e: e["date"], reverse=True)
    data = {"generator": "make-brief", "format": 1, "briefs": briefs}
    path = out / MANIFEST_NAME
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True)
    write_atomically(path, (text + "\n").encode("utf-8"))
    return path
