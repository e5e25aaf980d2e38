"""``manifest.json``: what an output folder holds, for people and for publishing.

Written last, after every brief, so a manifest never lists a file that is not complete.
It holds no build time or machine name: the same inputs give the same bytes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from .files import write_records
from .results import BriefRecord, OutputFile, Prepared

MANIFEST_NAME = "manifest.json"


def brief_record(item: Prepared, files: dict[str, OutputFile], pages: int | None) -> BriefRecord:
    """The manifest entry of one rendered brief."""
    brief, context = item.loaded.brief, item.context
    return BriefRecord(
        slug=item.loaded.slug,
        type=brief.type,
        title=brief.title,
        subtitle=brief.subtitle,
        date=brief.date.isoformat(),
        date_text=context["date"],
        classification=context["classification"],
        reference=brief.reference,
        language=context["language"],
        summary=first_sentence(context["summary_text"]),
        pages=pages,
        formats=dict(sorted(files.items())),
    )


def first_sentence(text: str, limit: int = 300) -> str:
    match = re.match(r"(.+?[.!?؟。])(\s|$)", text)
    sentence = match.group(1) if match else text
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def write_manifest(out: Path, records: Iterable[BriefRecord]) -> Path:
    """The manifest of ``out``: every brief, newest first, then by slug."""
    briefs = sorted(records, key=lambda r: r.slug)
    briefs.sort(key=lambda r: r.date, reverse=True)
    data = {"generator": "make-brief", "format": 1, "briefs": [r.to_json() for r in briefs]}
    path = out / MANIFEST_NAME
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True)
    write_records(path, (text + "\n").encode("utf-8"))
    return path
